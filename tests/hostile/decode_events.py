#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""decode_events.py BIN | --write PCAP - the decode event table (issue 8, "nothing silent"):
a capture written here with one degradation of each kind the CLI's decoders
and the core raise, at known frames, through every output: the exact table
(name, count, first frame) in JSON, text, JUnit and HTML, and MA902.  The
seed capture has no event and no MA902."""
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

ROOT = os.path.join(HERE, "..", "..")
CLIENT, CAMERA = "10.9.97.42", "10.9.97.69"
T0 = 1768471200 * 1000000


def ipv4_frag(src, dst, proto, ident, offset, more, payload):
    frag = (0x2000 if more else 0) | (offset // 8)
    return pg.eth_ip4(src, dst, proto, payload, ident=ident, frag=frag)


def hostile(path):
    """Frame numbers are the expected first frames below."""
    frames = []
    # 1: an Ethernet header cut short
    frames.append(b"\x01\x00\x5e\x00\x00\x01\x02")
    # 2: a good UDP datagram with a wrong IPv4 header checksum (still decoded)
    f = bytearray(pg.eth_ip4(CLIENT, "10.9.97.1", 17, pg.udp(40000, 53, b"x")))
    f[14 + 10] ^= 0xFF
    frames.append(bytes(f))
    # 3: IPv4 total length below its header length
    f = bytearray(pg.eth_ip4(CLIENT, "10.9.97.1", 17, pg.udp(40000, 53, b"x")))
    f[14 + 2:14 + 4] = struct.pack("!H", 12)
    frames.append(bytes(f))
    # 4: a UDP length below the UDP header
    bad_udp = struct.pack("!HHHH", 40000, 53, 4, 0) + b"x"
    frames.append(pg.eth_ip4(CLIENT, "10.9.97.1", 17, bad_udp))
    # 5: an IGMPv3 join with a wrong checksum (used anyway) and 6: one cut short
    rep = bytearray(pg.igmpv3_report([(4, "239.255.255.200", [])]))
    rep[2] ^= 0x55
    frames.append(pg.eth_ip4(CLIENT, "224.0.0.22", 2, bytes(rep), ttl=1, options=pg.ROUTER_ALERT))
    frames.append(pg.eth_ip4(CLIENT, "224.0.0.22", 2, b"\x22\x00\x00", ttl=1,
                             options=pg.ROUTER_ALERT))
    # 7: an RTSP request (the framer is in step), 8: a line that is not a start line
    ok = b"OPTIONS rtsp://10.9.97.69/ RTSP/1.0\r\nCSeq: 1\r\n\r\n"
    frames.append(pg.eth_ip4(CLIENT, CAMERA, 6, pg.tcp(CLIENT, CAMERA, 60874, 554, 1000, ok)))
    junk = b"HELLO there\r\n\r\n"
    frames.append(pg.eth_ip4(CLIENT, CAMERA, 6,
                             pg.tcp(CLIENT, CAMERA, 60874, 554, 1000 + len(ok), junk)))
    # 9: a segment 100 bytes ahead: the hole is given up at the end (tcp.gap at 9)
    seq = 1000 + len(ok) + len(junk) + 100
    frames.append(pg.eth_ip4(CLIENT, CAMERA, 6, pg.tcp(CLIENT, CAMERA, 60874, 554, seq, ok)))
    # 10: a first fragment whose datagram never completes (fragment.timeout at 10)
    frames.append(ipv4_frag(CAMERA, "239.255.255.200", 17, 7, 0, True, bytes(16)))
    # 11, 12: two fragments that overlap with other bytes (fragment.overlap at 12)
    frames.append(ipv4_frag(CAMERA, "239.255.255.200", 17, 8, 0, True, bytes(16)))
    frames.append(ipv4_frag(CAMERA, "239.255.255.200", 17, 8, 8, True, b"\xff" * 16))
    # 13: a fragment whose length is not a multiple of 8 (fragment.malformed)
    frames.append(ipv4_frag(CAMERA, "239.255.255.200", 17, 9, 0, True, bytes(12)))
    with pg.PcapWriter(path) as w:
        for i, fr in enumerate(frames):
            w.add(T0 + i * 10000, fr)


EXPECTED = [  # catalogue order: (name, count, first frame)
    ("ipv4.malformed", 1, 3),
    ("ipv4.bad_checksum", 1, 2),
    ("udp.malformed", 1, 4),
    ("igmp.malformed", 1, 6),
    ("fragment.malformed", 1, 13),
    ("fragment.overlap", 1, 12),
    ("fragment.timeout", 1, 10),
    ("tcp.gap", 1, 9),
    ("rtsp.bad_start_line", 1, 8),
    ("igmp.bad_checksum", 1, 5),
    ("ethernet.malformed", 1, 1),
]


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise AssertionError("%s: exit %d: %s" % (args, p.returncode, p.stderr))
    return p


def main():
    if sys.argv[1] == "--write":  # the plugin's test (tests/plugin/hostile.sh) reads it too
        hostile(sys.argv[2])
        return
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as d:
        cap = os.path.join(d, "events.pcap")
        hostile(cap)
        p = run(binary, "--format", "json", cap)
        doc = contracts.check_json(p.stdout)
        (r,) = doc["reports"]
        got = [(e["name"], e["count"], e["first_frame"]) for e in r["capture"]["decode_events"]]
        assert got == EXPECTED, got
        for e in r["capture"]["decode_events"]:
            assert e["explanation"], e
        ma902 = [v for v in r["verdicts"] if v["code"] == "MA902"]
        assert len(ma902) == 1, r["verdicts"]
        assert ma902[0]["severity"] == "warning" and ma902[0]["session"] is None, ma902
        assert ma902[0]["frames"] == sorted(f for _, _, f in EXPECTED), ma902[0]["frames"]
        assert ma902[0]["message"].startswith("11 decode events (ipv4.malformed 1 from frame 3, "), \
            ma902[0]["message"]

        text = run(binary, cap).stdout
        lines = [ln.strip() for ln in text.splitlines()]
        for name, count, frame in EXPECTED:
            want = "%s %d (first frame %d): " % (name, count, frame)
            assert any(want in ln for ln in lines), (want, text)
        assert "MA902 decode-degraded" in text, text
        assert not re.search(r"^Result: PASS", text, re.M), text

        junit = run(binary, "--format", "junit", cap).stdout
        contracts.check_junit(junit)
        for name, count, frame in EXPECTED:
            want = 'name="decode_event.%s" value="count %d, first frame %d: ' % (name, count, frame)
            assert want in junit, (want, junit)
        assert 'type="MA902"' in junit or "MA902" in junit, junit

        html = os.path.join(d, "r.html")
        run(binary, "--html", html, cap)
        page = open(html, encoding="utf-8").read()
        assert 'id="decode-events"' in page, page[:2000]
        for name, count, frame in EXPECTED:
            row = '<td class="mono">%s</td><td>%d</td><td>%d</td>' % (name, count, frame)
            assert row in page, row

        seed = os.path.join(ROOT, "captures", "hikvision-multicast-preview.pcap")
        (s,) = contracts.check_json(run(binary, "--format", "json", seed).stdout)["reports"]
        assert s["capture"]["decode_events"] == [], s["capture"]["decode_events"]
        assert "MA902" not in [v["code"] for v in s["verdicts"]]
    print("ok")


if __name__ == "__main__":
    main()
