#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""SIGHUP re-opens the probe's -o file (log rotation): the file is moved
away while the probe serves a capture's result, SIGHUP makes a new one, and
SIGTERM writes the final report there (the same JSON as the file audit),
leaving the moved file as it was (empty: the report comes at the end).  A
SIGHUP whose file cannot be made (its folder removed) ends the run with exit
2 and one line on stderr instead of a report written nowhere.
usage: probe_sighup.py MCAST_AUDIT CAPTURE"""
import json
import os
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import probe_lib as pl  # noqa: E402

exe, capture = sys.argv[1:3]
expected, expected_rc = pl.file_audit(exe, capture)
tmp = tempfile.mkdtemp()
try:
    out = os.path.join(tmp, 'final.json')
    proc, addr = pl.start_probe([exe, '--listen', '127.0.0.1:0', '--format', 'json', '-o', out,
                                 capture])
    os.rename(out, out + '.1')
    proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10  # the probe's tick (once a second) takes the signal
    while not os.path.exists(out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert os.path.exists(out), 'SIGHUP did not re-open ' + out
    assert pl.parse(pl.scrape(addr)[1])  # still serving
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=20)
    assert rc == expected_rc, (rc, expected_rc, proc.stderr.read())
    assert os.path.getsize(out + '.1') == 0, 'the moved file was written to'
    with open(out) as f:
        got = pl.report_of(f.read())
    for key in ('sessions', 'flows', 'verdicts', 'result'):
        assert json.dumps(got.get(key), sort_keys=True) == json.dumps(expected.get(key), sort_keys=True), key

    # the output's folder gone: SIGHUP cannot re-open it
    sub = os.path.join(tmp, 'gone')
    os.mkdir(sub)
    out = os.path.join(sub, 'final.json')
    proc, addr = pl.start_probe([exe, '--listen', '127.0.0.1:0', '--format', 'json', '-o', out,
                                 capture])
    shutil.rmtree(sub)
    proc.send_signal(signal.SIGHUP)
    time.sleep(2.5)
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=20)
    err = [l for l in proc.stderr.read().splitlines() if 'mcast-audit: ' in l]
    assert rc == 2, (rc, err)
    assert any('cannot re-open' in l for l in err), err
    assert err[-1].startswith('mcast-audit: cannot write ' + out), err
finally:
    shutil.rmtree(tmp, ignore_errors=True)
print('ok')
