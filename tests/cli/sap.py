#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sap.py BIN CAPTURES [TSHARK] - SAP announcements (RFC 2974, issue 16 item
4) on captures/sap-announced.pcap and its IPv6 twin sap-announced-ipv6.pcap
(ff05::2:7ffe, IPv6 originating source): the described session's exact figures
(4 announcements at frames 1/248/499/750, 5.000 s apart, deletion at frame
876), its track (group, port, PT 97 at 8 kHz from the SDP), the media (995
packets, frames 3-1001), MA369 with its frames, exit 0, the SAP flow counted
as UDP tied to no session, no group block; text lines.  With tshark: the
announcement and deletion frames, their message id hash and originating
source are tshark's (`sap` protocol)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contracts  # noqa: E402

problems = []


def check(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))


CASES = {
    # capture: (origin, size, group, ttl, MA369's destination, the text's name, tshark's source field)
    "sap-announced": ("10.9.97.80", 146, "239.1.1.40", 32, "239.1.1.40:5004", "lobby audio",
                      "sap.originating_source"),
    # RFC 2974 3 over IPv6: the site-local SAP group ff05::2:7ffe, an IPv6 originating source
    # (A bit, 16 bytes: the message is 17 bytes longer with a longer SDP); IPv6 SDP has no TTL
    "sap-announced-ipv6": ("2001:db8:97::80", 163, "ff15::1:40", None, "[ff15::1:40]:5004",
                           "lobby audio v6", "sap.originating_source.ipv6"),
}


def check_capture(binary, captures, tshark, name):
    origin, size, group, ttl, dest, sname, tshark_src = CASES[name]
    cap = os.path.join(captures, name + ".pcap")
    p = subprocess.run([binary, "--format", "json", cap], capture_output=True, text=True)
    check(name + " exit", p.returncode, 0)
    r = contracts.check_json(p.stdout)["reports"][0]
    check(name + " sessions", len(r["sessions"]), 1)
    s = r["sessions"][0]
    described = "%s msg id 0x5a17" % origin
    check(name + " origin", (s["origin"], s["described_by"], s["described_frame"]),
          ("sap", described, 1))
    check(name + " sap", s["sap"], {"origin": origin, "msg_id_hash": "0x5a17", "announcements": 4,
                                    "first_frame": 1, "last_frame": 750, "interval_min_s": 5.0,
                                    "interval_max_s": 5.0, "interval_mean_s": 5.0, "size": size,
                                    "deletion_frame": 876, "deletion_time": 17.5})
    t = s["tracks"][0]
    check(name + " track", (t["group"], t["rtp_port"], t["ttl"], t["payload_type"], t["encoding"],
                            t["clock_rate"], t["described"]),
          (group, 5004, ttl, 97, "PCMU", 8000, {"payload_types": [97], "source_filter": None}))
    check(name + " verdicts", [(v["code"], v["frames"]) for v in r["verdicts"]],
          [("MA369", [876, 1001])])
    check(name + " MA369 message", r["verdicts"][0]["message"],
          "media to %s still arrives 2.5 s after the SAP announcement %s was deleted "
          "(frame 876), last packet frame 1001" % (dest, described))
    media = [(f["src"], f["dst"], f["dport"], f["session"], f["first_frame"], f["last_frame"],
              f["packets"], f["lost"], f["clock_rate_source"]) for f in r["flows"]]
    check(name + " flows", media, [(origin, group, 5004, 1, 3, 1001, 995, 0, "negotiated")])
    check(name + " unrelated udp", (r["unrelated_udp"]["flows"], r["unrelated_udp"]["datagrams"]),
          (1, 5))
    check(name + " groups", r["groups"], [])
    check(name + " decode events", r["capture"]["decode_events"], [])

    p = subprocess.run([binary, cap], capture_output=True, text=True)
    for line in ("Session 1: described by the SAP announcement %s (s=%s), origin sap, no RTSP"
                 % (described, sname),
                 "    SAP       4 announcements, frames 1-750, interval mean 5.000 s (min 5.000, "
                 "max 5.000); deleted frame 876 at 17.500 s"):
        if line not in p.stdout.splitlines():
            problems.append("%s: text lacks %r" % (name, line))

    if tshark:
        q = subprocess.run([tshark, "-r", cap, "-Y", "sap", "-T", "fields", "-e", "frame.number",
                            "-e", "sap.flags.t", "-e", "sap.message_identifier_hash", "-e",
                            tshark_src], capture_output=True, text=True)
        rows = [line.split("\t") for line in q.stdout.split("\n") if line]
        ann = [int(x[0]) for x in rows if x[1] in ("0", "False")]
        dele = [int(x[0]) for x in rows if x[1] in ("1", "True")]
        check(name + " tshark announcements",
              (len(ann), ann[0] if ann else None, ann[-1] if ann else None),
              (s["sap"]["announcements"], s["sap"]["first_frame"], s["sap"]["last_frame"]))
        check(name + " tshark deletion", dele, [s["sap"]["deletion_frame"]])
        check(name + " tshark hash and source", sorted({(x[2], x[3]) for x in rows}),
              [("0x5a17", origin)])


def main():
    binary, captures = sys.argv[1:3]
    tshark = sys.argv[3] if len(sys.argv) > 3 else None
    for name in CASES:
        check_capture(binary, captures, tshark, name)
    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("ok: sap-announced and sap-announced-ipv6: 4 announcements (1/248/499/750), deletion "
          "876, 995 RTP, MA369, exit 0%s" % (", frames as tshark's" if tshark else ""))


if __name__ == "__main__":
    main()
