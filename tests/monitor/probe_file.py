#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""mcast-audit --listen on a capture file: the exposition passes
`promtool check metrics`, its figures equal the file audit's JSON of the
same capture (the group-centric audit's families too), OpenMetrics is served when asked for, bad requests are refused,
and SIGTERM ends the probe with the usual report and exit code.
With FILES (alert rules, dashboards), also: every mcast_audit_* metric they
name is exported.
usage: probe_file.py MCAST_AUDIT CAPTURE PROMTOOL [FILE...]"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import probe_lib as pl  # noqa: E402

exe, capture, promtool = sys.argv[1:4]
rules = sys.argv[4:]  # alert rules, dashboards: every metric they name
report, code = pl.file_audit(exe, capture)
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, 'report.json')
    proc, addr = pl.start_probe([exe, '--listen', '127.0.0.1:0', '--format', 'json', '-o', out, capture])
    try:
        ctype, text = pl.scrape(addr)
        assert ctype.startswith('text/plain; version=0.0.4'), ctype
        lint = subprocess.run([promtool, 'check', 'metrics'], input=text, capture_output=True, text=True)
        assert lint.returncode == 0, 'promtool check metrics:\n' + lint.stdout + lint.stderr
        parsed = pl.parse(text)
        if rules:
            exported = set(re.findall(r'^# TYPE (\S+) ', text, re.M))
            named = set()
            for path in rules:
                with open(path) as f:
                    named |= set(re.findall(r'\b(mcast_audit_[a-z_]+)', f.read()))
            assert named and named <= exported, 'rules name unexported metrics: %s' % (named - exported)
        n = pl.check_flows_equal(parsed, report)
        if os.environ.get('MA_EXPECT_GROUPS'):  # pinned: a capture of static multicast
            assert len(report['groups']) == int(os.environ['MA_EXPECT_GROUPS']), report['groups']
        assert n == sum(1 for f in report['flows'] if f['kind'] == 'rtp') and n > 0
        pl.check_verdicts_equal(parsed, report)
        groups = pl.check_groups_equal(parsed, report)
        described = pl.check_described_equal(parsed, report)
        if os.environ.get('MA_EXPECT_DESCRIBED'):  # pinned: a SAP-announced capture
            assert described == int(os.environ['MA_EXPECT_DESCRIBED']), described
        assert pl.one(parsed, 'mcast_audit_capture_frames_total') == report['capture']['frames']
        assert pl.one(parsed, 'mcast_audit_capture_open') == 0  # the files were read and closed
        assert pl.one(parsed, 'mcast_audit_queriers') == len(report['queriers'])
        # joins by role, as the report's membership lists say
        for s in report['sessions']:
            for t in s['tracks']:
                for role in ('client', 'camera'):
                    want = sum(1 for m in t['memberships'] if m['role'] == role and m['kind'] == 'join')
                    got = pl.one(pl.parse(text), 'mcast_audit_group_joins_total', group=t['group'], role=role)
                    assert got == want, (t['group'], role, got, want)
        ctype, om = pl.scrape(addr, openmetrics=True)
        assert ctype.startswith('application/openmetrics-text; version=1.0.0'), ctype
        assert om.endswith('# EOF\n'), om[-40:]
        assert '# TYPE mcast_audit_rtp_packets counter\n' in om
        assert '# UNIT mcast_audit_rtp_jitter_seconds seconds\n' in om
        assert pl.parse(om.replace('# EOF\n', ''))[('mcast_audit_capture_frames_total', frozenset())] \
            == report['capture']['frames']
        assert pl.raw_request(addr, b'POST /metrics HTTP/1.1\r\nHost: x\r\n\r\n') == 405
        assert pl.raw_request(addr, b'GET /other HTTP/1.1\r\nHost: x\r\n\r\n') == 404
        assert pl.raw_request(addr, b'GARBAGE\r\n\r\n') == 400
        assert pl.raw_request(addr, b'GET /metrics HTTP/1.1\r\nX: ' + b'a' * 9000 + b'\r\n\r\n',
                              shut=False) == 431
        assert pl.raw_request(addr, b'GET /metrics HTTP/1.1\r\n') == 400  # closed before the blank line
        # still serving after all that
        assert pl.parse(pl.scrape(addr)[1])[('mcast_audit_capture_frames_total', frozenset())] \
            == report['capture']['frames']
    finally:
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=20)
    assert rc == code, 'exit %d after SIGTERM, the file audit exits %d' % (rc, code)
    with open(out) as f:
        final = pl.report_of(f.read())
    assert final['verdicts'] == report['verdicts'], (final['verdicts'], report['verdicts'])
    assert final['flows'] == report['flows']
print('ok: %s (%d groups without RTSP)' % (os.path.basename(capture), groups))
