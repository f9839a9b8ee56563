#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""rtsp_resync.py [--build-dir DIR] [--mb N] [--runs N] - the RTSP framer's
resynchronisation against garbage (issue 8 item 5): N MB (default 10) of
each kind of garbage on one TCP connection to port 554, in 1448-byte
segments, through mcast-audit; prints the best of --runs wall times and the
rate.  The kinds: bare line feeds (a line start at every byte), "S\\n" (every
line starts like SETUP/SET_PARAMETER), "PLAY_NOTIF\\n" (the longest near
miss), random bytes, and one line with no end.  Resynchronisation should
cost about the same per byte whatever the garbage (target: 10 MB of bare
line feeds in under 0.2 s).  A benchmark, not a test: nothing fails on time."""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))
import pcapgen as pg  # noqa: E402

C, S = "10.9.97.42", "10.9.97.69"


def write(path, pattern, total):
    with pg.PcapWriter(path) as w:
        t = 1768471200 * 1000000
        w.add(t, pg.eth_ip4(C, S, 6, pg.tcp(C, S, 60874, 554, 0, b"", flags=0x02)))
        data = (pattern * (total // len(pattern) + 1))[:total]
        seq = 1
        for off in range(0, total, 1448):
            chunk = data[off:off + 1448]
            w.add(t + 1 + off // 1448, pg.eth_ip4(C, S, 6, pg.tcp(C, S, 60874, 554, seq, chunk)))
            seq += len(chunk)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "default"))
    ap.add_argument("--mb", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    binary = os.path.join(a.build_dir, "tools", "mcast-audit", "mcast-audit")
    total = a.mb * 1024 * 1024
    rnd = random.Random(1)
    kinds = [
        ("bare line feeds", b"\n"),
        ("'S\\n' lines", b"S\n"),
        ("'PLAY_NOTIF\\n' lines", b"PLAY_NOTIF\n"),
        ("random bytes", bytes(rnd.randrange(256) for _ in range(65536))),
        ("one endless line", b"a"),
    ]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "garbage.pcap")
        print("%-22s %10s %10s" % ("garbage (%d MB)" % a.mb, "best s", "MB/s"))
        for name, pattern in kinds:
            write(path, pattern, total)
            subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)  # page cache
            best = None
            for _ in range(a.runs):
                t0 = time.monotonic()
                subprocess.run([binary, "-q", path], stdout=subprocess.DEVNULL, check=False)
                dt = time.monotonic() - t0
                best = dt if best is None else min(best, dt)
            print("%-22s %10.3f %10.1f" % (name, best, a.mb / best))


if __name__ == "__main__":
    main()
