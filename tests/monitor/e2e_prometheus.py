#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""End to end: a real Prometheus scrapes a live probe.

Two network namespaces joined by a veth pair (nothing in the host's
namespace; addresses only inside them).  tcpreplay replays a shipped capture
onto the veth in the sending namespace; in the receiving one,
`mcast-audit -i vr --listen 127.0.0.1:9464` captures it and a Prometheus
server started here (temporary config and data directory, listening on that
namespace's loopback only) scrapes it every second and evaluates the shipped
alert rules.  The figures Prometheus' HTTP API returns must equal the file
audit's JSON of the same capture, McastAuditRtpLoss must fire on the lossy
capture and not on the clean seed, and SIGTERM must end the probe with the
usual report.  Needs root (namespaces, raw capture); exit 77 = skipped.
Static multicast (no RTSP) is judged live: its group figures and group
verdicts reach Prometheus with the file audit's values.
Every query of the Grafana dashboard is accepted by Prometheus, and its
panels on throughput, sessions, verdicts and memory show data.
usage: e2e_prometheus.py MCAST_AUDIT PROMETHEUS RULES DASHBOARD CAPTURE..."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import probe_lib as pl  # noqa: E402

exe, prometheus, rules, dashboard = sys.argv[1:5]
captures = sys.argv[5:]
if os.geteuid() != 0 or shutil.which('tcpreplay') is None or shutil.which('ip') is None:
    print('skipped: needs root, ip and tcpreplay')
    sys.exit(77)

tag = str(os.getpid())
NS_TX, NS_RX = 'ma17tx' + tag, 'ma17rx' + tag
PROBE, PROM = '127.0.0.1:9464', '127.0.0.1:9090'


sh, in_ns = pl.sh, pl.in_ns


def make_network():
    pl.make_network(NS_TX, NS_RX)


def drop_network():
    pl.drop_network(NS_TX, NS_RX)


def api(path, **params):
    """Prometheus' HTTP API, reached inside the namespace (its loopback)."""
    url = 'http://%s%s?%s' % (PROM, path, urllib.parse.urlencode(params))
    r = subprocess.run(in_ns(NS_RX, 'python3', '-c',
                             'import sys,urllib.request;'
                             'sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())',
                             url), capture_output=True, text=True)
    if r.returncode != 0:
        return None
    d = json.loads(r.stdout)
    assert d['status'] == 'success', d
    return d['data']


def query(expr):
    data = api('/api/v1/query', query=expr)
    return [] if data is None else data['result']


def wait_for(what, fn, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = fn()
        if got:
            return got
        time.sleep(0.5)
    raise AssertionError('timed out waiting for ' + what)


def start_prometheus(tmp):
    cfg = os.path.join(tmp, 'prometheus.yml')
    with open(cfg, 'w') as f:
        f.write('global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n'
                'rule_files:\n  - %s\n'
                'scrape_configs:\n  - job_name: mcast-audit\n    static_configs:\n'
                '      - targets: ["%s"]\n' % (os.path.abspath(rules), PROBE))
    log = open(os.path.join(tmp, 'prometheus.log'), 'w')
    p = subprocess.Popen(in_ns(NS_RX, prometheus, '--config.file=' + cfg,
                               '--storage.tsdb.path=' + os.path.join(tmp, 'data'),
                               '--web.listen-address=' + PROM),
                         stdout=log, stderr=subprocess.STDOUT)
    wait_for('Prometheus to be ready', lambda: api('/api/v1/status/buildinfo'), 60)
    return p


def check_capture(tmp, capture, last):
    name = os.path.basename(capture)
    report, _ = pl.file_audit(exe, capture)
    out = os.path.join(tmp, name + '.live.json')
    probe, addr = pl.start_probe(in_ns(NS_RX, exe, '-i', 'vr', '--listen', PROBE, '--format', 'json',
                                       '-o', out), files=False)
    try:
        assert addr == PROBE, addr
        # a scrape after the probe started, so counters start at their first value
        wait_for('a scrape of the probe', lambda: query('up{job="mcast-audit"} == 1'), 30)
        r = sh(*in_ns(NS_TX, 'tcpreplay', '-i', 'vt', capture))
        sent = re.search(r'Successful packets:\s+(\d+)\s+Failed packets:\s+(\d+)', r.stdout)
        assert sent and int(sent.group(2)) == 0 and int(sent.group(1)) == report['capture']['frames'], \
            r.stdout
        flows = [f for f in report['flows'] if f['kind'] == 'rtp']
        assert flows
        for f in flows:
            sel = '{group="%s",port="%d",source="%s",ssrc="%s"}' % (f['dst'], f['dport'], f['src'], f['ssrc'])
            wait_for('%s packets of %s in Prometheus' % (f['packets'], sel),
                     lambda: [r for r in query('mcast_audit_rtp_packets_total' + sel)
                              if float(r['value'][1]) == f['packets']], 30)
            time.sleep(1.5)  # one more scrape: every counter of the last packet is in
            for metric, member in (('mcast_audit_rtp_packets_total', 'packets'),
                                   ('mcast_audit_rtp_expected_packets_total', 'expected'),
                                   ('mcast_audit_rtp_lost_packets_total', 'lost'),
                                   ('mcast_audit_rtp_duplicate_packets_total', 'duplicates'),
                                   ('mcast_audit_rtp_reordered_packets_total', 'reordered')):
                res = query(metric + sel)
                assert len(res) == 1, (metric, res)
                got = float(res[0]['value'][1])
                assert got == f[member], '%s: Prometheus has %s, the file audit %s' % (metric + sel, got, f[member])
                labels = res[0]['metric']
                s = next(s for s in report['sessions'] if s['id'] == f['session'])
                if s.get('static_multicast'):  # no RTSP: no session labels, live or not
                    assert 'session_url' not in labels and 'client' not in labels, labels
                    continue
                assert labels['session_url'] == s['url'] and labels['client'] == s['client'] \
                    and labels['camera'] == s['server'], labels
        # the rule's threshold: more than 1 % lost (static-multicast loses 0.25 %)
        lossy = any(f['lost'] > 0.01 * f['expected'] for f in flows)
        if lossy:
            wait_for('McastAuditRtpLoss to fire',
                     lambda: query('ALERTS{alertname="McastAuditRtpLoss",alertstate="firing"}'), 30)
        else:
            res = query('ALERTS{alertname="McastAuditRtpLoss"}')
            assert not [r for r in res if r['metric'].get('ssrc') in [f['ssrc'] for f in flows]], res
        # the verdicts the file audit gives have been raised while running
        want = sorted({v['code'] for v in report['verdicts']})
        # A static stream's session (media with no RTSP) exists only once the
        # capture ends (the finish binds leftovers): its session verdicts
        # (loss, MPEG-TS) come in the final report, not while running.
        static = {s['id'] for s in report['sessions'] if s.get('static_multicast')}
        for code in sorted({v['code'] for v in report['verdicts'] if v['session'] not in static}):
            wait_for(code + ' raised', lambda: [r for r in query(
                'mcast_audit_verdicts_raised_total{code="%s"} > 0' % code)], 15)
        check_groups(report)
        if last:
            check_dashboard()  # while the probe is up: a stopped target's series go stale
    finally:
        probe.send_signal(signal.SIGTERM)
        rc = probe.wait(timeout=30)
    with open(out) as fp:
        live = pl.report_of(fp.read())
    assert rc == live['exit_code'], (rc, live['exit_code'])
    for f in (f for f in report['flows'] if f['kind'] == 'rtp'):
        lf = next(x for x in live['flows'] if x['ssrc'] == f['ssrc'] and x['kind'] == 'rtp')
        for member in ('packets', 'expected', 'lost', 'duplicates', 'reordered'):
            assert lf[member] == f[member], (member, lf[member], f[member])
    live_codes = {v['code'] for v in live['verdicts']}
    assert set(want) <= live_codes, (want, live_codes)
    print('ok: %s (%d RTP flows, verdicts %s, live %s, alert %s)' %
          (name, len(flows), want, sorted(live_codes), 'fired' if lossy else 'silent'))


ZAP_TIMES = ('mcast_audit_group_zap_seconds', 'mcast_audit_group_zap_min_seconds',
             'mcast_audit_group_zap_max_seconds')


def check_groups(report):
    """The live probe's group-centric audit (provisional judgement) as
    Prometheus stored it: the file audit's figures per group (static, zap
    times, media packets and loss), and each group verdict of the file audit
    standing as verdicts_active{group} while the probe ran."""
    for g in report['groups']:
        for name, want in pl.group_figures(report, g).items():
            sel = '%s{group="%s"}' % (name, g['group'])
            # counts exactly; a zap time within tcpreplay's timing (measured
            # here: a few hundred microseconds off the capture's)
            tol = 0.005 if name in ZAP_TIMES else 1e-6
            try:
                wait_for(sel + ' = %s' % want, lambda: [r for r in query(sel)
                                                        if abs(float(r['value'][1]) - want) < tol], 30)
            except AssertionError:
                raise AssertionError('%s: Prometheus has %s, the file audit %s' % (sel, query(sel), want))
        for code in sorted({v['code'] for v in g['verdicts']}):
            wait_for('%s active for group %s' % (code, g['group']), lambda: query(
                'max_over_time(mcast_audit_verdicts_active{code="%s",group="%s"}[5m]) > 0'
                % (code, g['group'])), 15)
        print('   group %s: %s, live zap %s' % (g['group'], pl.group_figures(report, g),
                                           [r['value'][1] for r in query('mcast_audit_group_zap_seconds')]))


def check_dashboard():
    """Every panel query of the dashboard runs; the main ones have data."""
    with open(dashboard) as f:
        d = json.load(f)
    exprs = {p['title']: t['expr'] for p in d['panels'] for t in p['targets']}
    with_data = 0
    for title, expr in exprs.items():
        q = expr.replace('$instance', '.*').replace('$job', '.*')
        data = api('/api/v1/query', query=q)
        assert data is not None, 'dashboard panel %r: Prometheus refused %s' % (title, q)
        with_data += bool(data['result'])
    for title in ('Throughput', 'Verdicts raised per hour', 'RTSP sessions', 'Probe memory'):
        q = exprs[title].replace('$instance', '.*').replace('$job', '.*')
        assert api('/api/v1/query', query=q)['result'], 'dashboard panel %r shows nothing' % title
    print('ok: dashboard, %d queries, %d with data' % (len(exprs), with_data))


def main():
    tmp = tempfile.mkdtemp(prefix='ma17-e2e-')
    os.chmod(tmp, 0o755)
    prom = None
    try:
        drop_network()
        make_network()
        prom = start_prometheus(tmp)
        for i, cap in enumerate(captures):
            check_capture(tmp, cap, i == len(captures) - 1)
    finally:
        if prom is not None:
            prom.terminate()
            try:
                prom.wait(timeout=20)
            except subprocess.TimeoutExpired:
                prom.kill()
                prom.wait()
        drop_network()
        shutil.rmtree(tmp, ignore_errors=True)


main()
