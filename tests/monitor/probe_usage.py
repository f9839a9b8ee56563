#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""--listen usage errors end with exit 2 and one line on stderr, before any
capture is read: a malformed address, a port already taken, a stray
--max-flow-series.  With --max-flow-series 1 on a two-camera capture, one
flow is exported and the other counted in mcast_audit_flow_series_dropped.
usage: probe_usage.py MCAST_AUDIT CAPTURE TWO_FLOW_CAPTURE"""
import os
import signal
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import probe_lib as pl  # noqa: E402

exe, capture, two = sys.argv[1:4]


def usage_error(args, text):
    r = subprocess.run([exe] + args, capture_output=True, text=True, timeout=30)
    lines = r.stderr.splitlines()
    assert r.returncode == 2 and len(lines) == 1 and text in lines[0] and r.stdout == '', \
        (args, r.returncode, r.stderr, r.stdout)


usage_error(['--listen', 'localhost:9464', capture], "--listen: 'localhost:9464' is not ADDR:PORT")
usage_error(['--listen', '127.0.0.1:99999', capture], 'is not ADDR:PORT')
usage_error(['--listen', '', capture], '--listen: empty address')
usage_error(['--max-flow-series', '5', capture], '--max-flow-series only applies to a probe')
usage_error(['--listen', '127.0.0.1:0', '--max-flow-series', '0', capture], '--max-flow-series')
usage_error(['--idle-timeout', '60', capture], '--idle-timeout only applies to a probe')
usage_error(['--listen', '127.0.0.1:0', '--idle-timeout', '5', capture], '--idle-timeout: 5 is out of range')
with socket.socket() as taken:
    taken.bind(('127.0.0.1', 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    usage_error(['--listen', '127.0.0.1:%d' % port, capture], '--listen 127.0.0.1:%d: ' % port)

report, _ = pl.file_audit(exe, two)
rtp = [f for f in report['flows'] if f['kind'] == 'rtp']
assert len(rtp) >= 2, rtp
proc, addr = pl.start_probe([exe, '-q', '--listen', '127.0.0.1:0', '--max-flow-series', '1', two])
try:
    parsed = pl.parse(pl.scrape(addr)[1])
    assert len(pl.samples(parsed, 'mcast_audit_rtp_packets_total')) == 1
    assert pl.one(parsed, 'mcast_audit_flow_series_dropped') == len(rtp) - 1
finally:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
print('ok')
