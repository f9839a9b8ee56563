#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""floods.py BIN SEED [--no-memory] - floods cannot hide the genuine session
(issue 8 item 3).  Each hostile capture is the seed capture with a flood
inserted between two of its frames (written at test time, streamed, never
committed): 1,000,000 one-packet UDP flows, 70,000 IGMPv3 refreshes before
the camera's join and 70,000 after it (folded into one listed message),
70,000 joins of distinct groups (nothing to fold: the listing of messages
holds 8192, the change table 65536, the group-centric audit 1024 groups), an
endless RTSP header (10 MB),
100,000 overlapping IP fragments, 200,000 half-open RTSP connections.  In
each the seed's session is reported with exactly the figures it has alone
(every field but frame numbers and flow ids), the decode events name what
was dropped (exact counts), and the audit's peak memory (ru_maxrss of the
process, /usr/bin/time) stays under 64 MiB.  --no-memory: sanitizer builds."""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import contracts  # noqa: E402
import pcapgen as pg  # noqa: E402

CAMERA = "10.9.97.69"
LIMIT_KIB = 64 * 1024


def read_pcap(path):
    """Classic little-endian microsecond pcap (the generator's): header, records."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:4] == b"\xd4\xc3\xb2\xa1", "seed: little-endian microsecond pcap expected"
    recs, off = [], 24
    while off + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack_from("<IIII", data, off)
        recs.append((sec * 1000000 + usec, data[off + 16:off + 16 + incl], orig))
        off += 16 + incl
    return data[:24], recs


def write_with_flood(seed, out, after_frame, flood):
    """The seed's frames with flood() frames (ts_us -> iterator of frames)
    inserted after seed frame after_frame, at that frame's timestamp."""
    head, recs = read_pcap(seed)
    with open(out, "wb") as f:
        f.write(head)
        for i, (ts, data, orig) in enumerate(recs, 1):
            f.write(struct.pack("<IIII", ts // 1000000, ts % 1000000, len(data), orig) + data)
            if i == after_frame:
                rec = struct.pack("<II", ts // 1000000, ts % 1000000)
                for fr in flood(ts):
                    f.write(rec + struct.pack("<II", len(fr), len(fr)) + fr)


# ---- floods ----

def udp_flows(n):
    """n one-packet UDP flows, each its own 4-tuple, to multicast groups."""
    def gen(_ts):
        tmpl = bytearray(pg.eth_ip4("10.66.0.0", "239.1.0.0", 17, pg.udp(1, 5000, b"x")))
        for i in range(n):
            src, grp = i & 0xFFFF, (i >> 16) & 0xFF
            f = bytearray(tmpl)
            f[14 + 14:14 + 16] = struct.pack("!H", src)          # source 10.66.a.b
            f[14 + 18] = grp                                     # group 239.1.g.0
            f[14 + 10:14 + 12] = b"\0\0"
            f[14 + 10:14 + 12] = struct.pack("!H", pg.inet_sum(bytes(f[14:34])))
            f[34:36] = struct.pack("!H", 1024 + (i >> 24))       # source port
            f[0:6] = pg.mcast_mac("239.1.%d.0" % grp)
            yield bytes(f)
    return gen


def refreshes(n, host, group):
    """n identical IGMPv3 MODE_IS_INCLUDE reports (one source) from host."""
    def gen(_ts):
        fr = pg.eth_ip4(host, "224.0.0.22", 2, pg.igmpv3_report([(1, group, [CAMERA])]), ttl=1,
                        options=pg.ROUTER_ALERT)
        for _ in range(n):
            yield fr
    return gen


def distinct_joins(n, host):
    """n IGMPv3 joins (TO_EX {}) from host, each of its own group: nothing to
    fold, so the listing of messages and the membership tables fill up."""
    def gen(_ts):
        for i in range(n):
            group = "239.77.%d.%d" % ((i >> 8) & 0xFF, i & 0xFF)
            yield pg.eth_ip4(host, "224.0.0.22", 2, pg.igmpv3_report([(4, group, [])]), ttl=1,
                             options=pg.ROUTER_ALERT)
    return gen


def endless_header(total):
    """One connection whose request header never ends (no line end at all)."""
    def gen(_ts):
        src, sport, seq = "10.9.97.77", 40000, 1
        yield pg.eth_ip4(src, CAMERA, 6, pg.tcp(src, CAMERA, sport, 554, 0, b"", flags=0x02))
        data = b"OPTIONS rtsp://10.9.97.69/ RTSP/1.0\r\nX-Long: "
        sent = 0
        while sent < total:
            chunk = data if sent == 0 else b"a" * min(1448, total - sent)
            yield pg.eth_ip4(src, CAMERA, 6, pg.tcp(src, CAMERA, sport, 554, seq, chunk))
            seq += len(chunk)
            sent += len(chunk)
    return gen


def overlapping_fragments(pairs):
    """pairs datagrams of two fragments whose bytes disagree where they overlap."""
    def gen(_ts):
        for i in range(pairs):
            ident = i & 0xFFFF
            src = "10.9.%d.%d" % (100 + (i >> 24), (i >> 16) & 0xFF)
            yield pg.eth_ip4(src, "239.255.255.201", 17, bytes(16), ident=ident, frag=0x2000)
            yield pg.eth_ip4(src, "239.255.255.201", 17, b"\xff" * 16, ident=ident,
                             frag=0x2000 | 1)
    return gen


def half_open(n):
    """n SYNs to the camera's RTSP port, each from its own address and port."""
    def gen(_ts):
        for i in range(n):
            src = "10.77.%d.%d" % ((i >> 8) & 0xFF, i & 0xFF)
            sport = 20000 + (i >> 16)
            yield pg.eth_ip4(src, CAMERA, 6, pg.tcp(src, CAMERA, sport, 554, 0, b"", flags=0x02))
    return gen


# ---- the audit and its figures ----

def audit(binary, path):
    """The JSON report and the peak resident memory in KiB (/usr/bin/time's %M:
    ru_maxrss of the audit alone)."""
    p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", binary, "--format", "json", path],
                       capture_output=True, text=True)
    assert p.returncode in (0, 1), (path, p.returncode, p.stderr[-2000:])
    rss = [ln for ln in p.stderr.splitlines() if ln.startswith("MAXRSS ")]
    assert len(rss) == 1, p.stderr[-2000:]
    doc = contracts.check_json(p.stdout)
    (r,) = doc["reports"]
    return r, int(rss[0].split()[1])


def without_frames(x):
    """x with every frame number and flow id left out (a flood moves them)."""
    if isinstance(x, dict):
        return {k: without_frames(v) for k, v in x.items()
                if "frame" not in k and k not in ("id", "first_media_after_play_ms")}
    if isinstance(x, list):
        return [without_frames(v) for v in x]
    if isinstance(x, str):
        return re.sub(r"(frames? )[0-9]+", r"\1#", x)  # "(frame 11)" in messages
    return x


def genuine(r):
    """The seed's session, its flows and its verdicts, frame-free."""
    (s,) = [s for s in r["sessions"] if s["client"] == "10.9.97.42"]
    flows = [f for f in r["flows"] if f["session"] == s["id"]]
    for t in s["tracks"]:
        t["flows"] = len(t["flows"])  # their ids, which the flood moves
    return without_frames({"session": s, "flows": flows})


def events(r):
    return {e["name"]: e["count"] for e in r["capture"]["decode_events"]}


def main():
    binary, seed = sys.argv[1], sys.argv[2]
    check_memory = "--no-memory" not in sys.argv
    alone, _ = audit(binary, seed)
    want = genuine(alone)
    assert [v["code"] for v in alone["verdicts"]] == ["MA202"], alone["verdicts"]
    cases = [
        # (name, after seed frame, flood, decode events expected, capture verdicts expected)
        ("1,000,000 one-packet flows", 12, udp_flows(1000000),
         {"flow.evicted": 2, "flow.table_full": 1000000 - 4096}, ["MA901", "MA902"]),
        ("70,000 refreshes before the join", 10, refreshes(70000, "10.9.97.99", "239.255.255.201"),
         {}, []),
        ("70,000 refreshes after the join", 11, refreshes(70000, "10.9.97.99", "239.255.255.201"),
         {}, []),
        ("70,000 distinct joins", 12, distinct_joins(70000, "10.9.97.99"),
         {"membership.table_full": 4464, "membership.message_table_full": 70000 - 8191,
          "group.table_full": 65535 - 1024},
         ["MA901", "MA901", "MA901", "MA902"]),
        ("an endless header (10 MB)", 3, endless_header(10 * 1024 * 1024),
         {"rtsp.header_too_long": 1}, ["MA902"]),
        ("100,000 overlapping fragments", 13, overlapping_fragments(50000),
         {"fragment.overlap": 50000}, ["MA902"]),
        ("200,000 half-open RTSP connections", 7, half_open(200000),
         {"tcp.connection_evicted": 200000 - 4095}, ["MA902"]),
    ]
    with tempfile.TemporaryDirectory() as d:
        for name, after, flood, want_events, want_capture in cases:
            path = os.path.join(d, "flood.pcap")
            write_with_flood(seed, path, after, flood)
            r, rss_kib = audit(binary, path)
            os.unlink(path)
            got = genuine(r)
            if got != want:
                raise AssertionError("%s: the genuine session changed:\n%s\nalone:\n%s" % (
                    name, json.dumps(got, indent=1)[:4000], json.dumps(want, indent=1)[:4000]))
            assert events(r) == want_events, (name, events(r))
            capture = sorted(v["code"] for v in r["verdicts"] if v["session"] is None)
            assert capture == want_capture, (name, capture)
            if check_memory:
                assert rss_kib < LIMIT_KIB, (name, rss_kib)
            print("%s: genuine session unchanged, events %s, peak RSS %.1f MiB" % (
                name, want_events or "none", rss_kib / 1024.0))
    print("ok")


if __name__ == "__main__":
    main()
