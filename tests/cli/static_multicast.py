#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""static_multicast.py BIN CAPTURES [TSHARK] - the group-centric audit's exact
figures on the generated captures without RTSP (issue 16): members (versions,
mode, join/leave/report frames, counts), zap times, the group's verdicts and
their frames, static multicast instead of MA105.  With tshark, each zap time
is also the time between the join's frame and the first packet's frame as
tshark reads them."""
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
import contracts  # noqa: E402
import pcapgen as pg  # noqa: E402

MEMBER_KEYS = ("host", "versions", "mode", "first_join_frame", "last_leave_frame",
               "last_report_frame", "joins", "leaves", "refreshes", "member_at_end", "zap_ms",
               "zap_frame", "zap_media_flowing")

WANT = {
    "static-multicast": {
        "group": "239.1.1.10", "flows": [1], "media": (2, 807), "specific_queries": 4,
        "queriers": ["10.9.97.1"], "messages": [0, 1, 2, 3, 4, 5, 6],
        "members": [
            ("10.9.97.41", [3], "include", 1, 352, 292, 1, 1, 1, False, 35.0, 2, False),
            ("10.9.97.42", [2], "include", 150, 557, 530, 1, 1, 2, False, None, None, True)],
        "group_verdicts": [("MA221", [557, 807]), ("MA222", [352]), ("MA222", [557])],
        "verdicts": ["MA208", "MA221", "MA222", "MA222", "MA307", "MA315"],
        "messages_text": {
            "MA221": "media to 239.1.1.10 still arrives 2.5 s after its last member 10.9.97.42 left "
                     "(frame 557), last packet frame 807",
        },
    },
    "static-expiry": {
        "group": "239.1.1.20", "flows": [1], "media": (2, 1303), "specific_queries": 0,
        "queriers": [], "messages": [0],
        "members": [("10.9.97.42", [3], "exclude", 1, None, 1, 1, 0, 0, True, 650.0, 2, False)],
        "group_verdicts": [("MA223", [1, 1303]), ("MA360", [1, 2]), ("MA206", [1])],
        "verdicts": ["MA206", "MA223", "MA360"],
        "messages_text": {
            "MA223": "media to 239.1.1.20 stopped (frame 1303) 260.9 s after the last report of its "
                     "last member 10.9.97.42 (frame 1), which never left: the membership expired",
            "MA360": "10.9.97.42 joined 239.1.1.20 (frame 1) and the first media packet came 650.0 "
                     "ms later (frame 2; limit 500 ms)",
        },
    },
}


def audit(binary, cap, *extra):
    p = subprocess.run([binary, "--format", "json"] + list(extra) + [cap], capture_output=True,
                       text=True)
    assert p.returncode in (0, 1), p.stderr
    (r,) = contracts.check_json(p.stdout)["reports"]
    return r


def frame_times(tshark, cap, frames):
    p = subprocess.run([tshark, "-r", cap, "-T", "fields", "-e", "frame.number", "-e",
                        "frame.time_relative"], capture_output=True, text=True, check=True)
    t = {int(a): float(b) for a, b in (ln.split("\t") for ln in p.stdout.splitlines())}
    return [t[f] for f in frames]


def igmpv3_specific_query(group):
    msg = bytearray(struct.pack("!BBH4sBBH", 0x11, 100, 0, pg.ip4(group), 2, 125, 0))
    msg[2:4] = struct.pack("!H", pg.inet_sum(bytes(msg)))
    return bytes(msg)


def check_queriers_rule(binary):
    """One rule for a group's queriers in text, JSON and HTML: those whose
    queries asked it (general or specific).  Two static groups; the querier
    10.9.97.1 only asks 239.1.1.50 (a group-specific query): 239.1.1.51 has
    none, in all three reports."""
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, "queriers.pcap")
        with pg.PcapWriter(cap) as w:
            for i, (host, group) in enumerate((("10.9.97.41", "239.1.1.50"),
                                               ("10.9.97.42", "239.1.1.51"))):
                w.add(1000000 + i * 1000,
                      pg.eth_ip4(host, "224.0.0.22", 2, pg.igmpv3_report([(4, group, [])]),
                                 ttl=1, options=pg.ROUTER_ALERT))
            w.add(1500000, pg.eth_ip4("10.9.97.1", "239.1.1.50", 2,
                                      igmpv3_specific_query("239.1.1.50"), ttl=1,
                                      options=pg.ROUTER_ALERT))
        r = audit(binary, cap)
        got = {g["group"]: (g["queriers"], g["specific_queries"]) for g in r["groups"]}
        assert got == {"239.1.1.50": (["10.9.97.1"], 1), "239.1.1.51": ([], 0)}, got
        text = subprocess.run([binary, cap], capture_output=True, text=True).stdout
        lines = re.findall(r"^Group (\S+): .*\n(?:(?!Group ).*\n)*?\s+Queriers\s+(.*)$", text, re.M)
        assert lines == [("239.1.1.50", "10.9.97.1 IGMPv3; 1 query specific to the group"),
                         ("239.1.1.51", "none seen")], (lines, text)
        html = subprocess.run([binary, "--format", "html", cap], capture_output=True,
                              text=True).stdout
        assert re.findall(r'data-queriers="(\d+)"', html) == ["1", "0"], html
    print("queriers: one rule in text, JSON and HTML")


def rtp(seq, ts, ssrc=0x5eed0001, pt=0):
    return struct.pack("!BBHII", 0x80, pt, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + bytes(160)


def check_zap_per_join(binary):
    """Zap time per join: 10.9.97.41 joins 239.1.1.77 three times, leaving
    between; PCMU from 10.9.97.80 comes 100, 300 and 800 ms after each join.
    Three zap times, MA360 for the third only (frames 85, 86), in JSON,
    text and HTML."""
    g, host, cam = "239.1.1.77", "10.9.97.41", "10.9.97.80"
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, "rejoin.pcap")
        seq = [1000]

        def report(w, t_us, rtype):
            w.add(t_us, pg.eth_ip4(host, "224.0.0.22", 2, pg.igmpv3_report([(rtype, g, [])]),
                                   ttl=1, options=pg.ROUTER_ALERT))

        def media(w, t_us, n):
            for i in range(n):
                w.add(t_us + i * 20000, pg.eth_ip4(cam, g, 17, pg.udp(5004, 5004, rtp(seq[0], seq[0] * 160)),
                                                   ttl=32))
                seq[0] += 1

        with pg.PcapWriter(cap) as w:
            report(w, 1000000, 4)       # frame 1: join (TO_EX {})
            media(w, 1100000, 40)       # frames 2-41: zap 100 ms
            report(w, 2000000, 3)       # frame 42: leave (TO_IN {})
            report(w, 3000000, 4)       # frame 43: join again
            media(w, 3300000, 40)       # frames 44-83: zap 300 ms
            report(w, 4500000, 3)       # frame 84: leave
            report(w, 5000000, 4)       # frame 85: join again
            media(w, 5800000, 20)       # frames 86-105: zap 800 ms
        r = audit(binary, cap)
        (grp,) = r["groups"]
        (m,) = grp["members"]
        got = (m["joins"], m["leaves"], m["zap_ms"], m["zap_frame"], m["zaps"], m["zap_min_ms"],
               m["zap_max_ms"], m["zap_last_ms"],
               [(z["join_frame"], z["zap_ms"], z["zap_frame"]) for z in m["zap_joins"]])
        assert got == (3, 2, 100.0, 2, 3, 100.0, 800.0, 800.0,
                       [(1, 100.0, 2), (43, 300.0, 44), (85, 800.0, 86)]), got
        # MA222: the first leave (42) comes between media; MA308: jitter from the silences (the
        # RTP timestamps run on while no packet is sent)
        assert [(v["code"], v["frames"]) for v in r["verdicts"]] == \
            [("MA222", [42]), ("MA360", [85, 86]), ("MA308", [86])], r["verdicts"]
        assert [(v["code"], v["frames"]) for v in grp["verdicts"] if v["code"] == "MA360"] == \
            [("MA360", [85, 86])], grp["verdicts"]
        text = subprocess.run([binary, cap], capture_output=True, text=True).stdout
        want = "; zap 100.0 ms (first packet frame 2); 3 zaps: min 100.0, max 800.0, last 800.0 ms"
        assert any(ln.endswith(want) for ln in text.splitlines()), text
        html = subprocess.run([binary, "--format", "html", cap], capture_output=True,
                              text=True).stdout
        assert re.findall(r'data-zaps="(\d+)" data-zap-min-ms="([\d.]+)" data-zap-max-ms="([\d.]+)" '
                          r'data-zap-last-ms="([\d.]+)"', html) == [("3", "100.0", "800.0", "800.0")]
        assert "3 zaps: min 100.0, max 800.0, last 800.0 ms" in html
    print("zap per join: 100, 300, 800 ms; MA360 frames 85, 86")


def main():
    binary, captures = sys.argv[1:3]
    check_queriers_rule(binary)
    check_zap_per_join(binary)
    tshark = sys.argv[3] if len(sys.argv) > 3 else None
    for name, w in WANT.items():
        cap = os.path.join(captures, name + ".pcap")
        r = audit(binary, cap)
        (g,) = r["groups"]
        assert g["group"] == w["group"] and g["static_multicast"] is True, g
        assert g["flows"] == w["flows"], g["flows"]
        assert (g["first_media_frame"], g["last_media_frame"]) == w["media"], g
        assert g["specific_queries"] == w["specific_queries"], g
        assert g["queriers"] == w["queriers"], g
        assert g["membership_messages"] == w["messages"], g
        got = [tuple(m[k] for k in MEMBER_KEYS) for m in g["members"]]
        assert got == w["members"], (name, got)
        # one join each: its zap time is the only one (none when media was already flowing)
        for m in g["members"]:
            joins = [(z["join_frame"], z["zap_ms"], z["zap_frame"]) for z in m["zap_joins"]]
            want = [] if m["zap_frame"] is None else [(m["first_join_frame"], m["zap_ms"], m["zap_frame"])]
            assert joins == want and m["zaps"] == len(want), (name, m)
            assert (m["zap_min_ms"], m["zap_max_ms"], m["zap_last_ms"]) == (m["zap_ms"],) * 3, m
        assert [(v["code"], v["frames"]) for v in g["verdicts"]] == w["group_verdicts"], g["verdicts"]
        assert all(v["group"] == w["group"] and v["session"] is None for v in g["verdicts"])
        assert sorted(v["code"] for v in r["verdicts"]) == w["verdicts"], r["verdicts"]
        for code, text in w["messages_text"].items():
            assert [v["message"] for v in g["verdicts"] if v["code"] == code] == [text], code
        (s,) = r["sessions"]
        assert s["outside_capture"] and s["static_multicast"] and s["rtsp_evidence_frame"] is None
        # every index names a message about the group (or a general query)
        for i in g["membership_messages"]:
            m = r["membership_messages"][i]
            assert m["group"] in (w["group"], "0.0.0.0", None), m
        if tshark:
            for m in g["members"]:
                if m["zap_frame"] is None:
                    continue
                t_join, t_first = frame_times(tshark, cap, [m["first_join_frame"], m["zap_frame"]])
                assert abs((t_first - t_join) * 1000.0 - m["zap_ms"]) < 0.001, (name, m)
        print("%s: group %s, %d members, verdicts %s" % (name, g["group"], len(g["members"]),
                                                         " ".join(v["code"] for v in g["verdicts"])))
    # the zap threshold is the user's: at 700 ms the 650 ms zap passes
    r = audit(binary, os.path.join(captures, "static-expiry.pcap"), "--max-zap", "700")
    assert sorted(v["code"] for v in r["verdicts"]) == ["MA206", "MA223"], r["verdicts"]
    # captured after PLAY with no word of RTSP: static multicast nobody joined, not MA105
    r = audit(binary, os.path.join(captures, "mid-stream-start.pcap"))
    assert [v["code"] for v in r["verdicts"]] == ["MA220"], r["verdicts"]
    assert r["sessions"][0]["static_multicast"] is True
    print("ok")


if __name__ == "__main__":
    main()
