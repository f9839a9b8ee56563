#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A live probe forgets what went idle, and its memory stays bounded.

Two network namespaces joined by a veth pair (as monitor.e2e_prometheus);
`mcast-audit -i vr --listen 127.0.0.1:9464 --idle-timeout 10
--max-flow-series 1` captures in the receiving one while tcpreplay plays a
two-camera capture three times, each after the last one retired.  Each
round: while the media flows, one RTP flow is exported and the other is
counted in flow_series_dropped (the label bound reached); 10 to 15 s after
the last packet (the idle time, then the once-a-second tick) both sessions
and their four flows are gone: no flow or session series, tables empty,
retired_total grown by 6.  The resident memory after the third round is
within 1 MiB of the first's.  SIGTERM ends it with the report's exit code.
Needs root (namespaces, raw capture); exit 77 = skipped.
usage: probe_idle.py MCAST_AUDIT CAPTURE"""
import os
import re
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import probe_lib as pl  # noqa: E402

exe, capture = sys.argv[1:3]
if os.geteuid() != 0 or shutil.which('tcpreplay') is None or shutil.which('ip') is None:
    print('skipped: needs root, ip and tcpreplay')
    sys.exit(77)

tag = str(os.getpid())
NS_TX, NS_RX = 'ma17itx' + tag, 'ma17irx' + tag
PROBE = '127.0.0.1:9464'
IDLE = 10


sh, in_ns = pl.sh, pl.in_ns


def scrape():
    """The exposition, fetched inside the receiving namespace."""
    r = sh(*in_ns(NS_RX, sys.executable, '-c',
                  'import sys,urllib.request;sys.stdout.write(urllib.request.urlopen('
                  '"http://%s/metrics", timeout=10).read().decode())' % PROBE))
    return pl.parse(r.stdout)


def table(parsed, name):
    return pl.one(parsed, 'mcast_audit_table_entries', table=name)


def main():
    report, expected_rc = pl.file_audit(exe, capture)
    n_sessions = len(report['sessions'])
    n_flows = len(report['flows'])
    n_rtp = len([f for f in report['flows'] if f['kind'] == 'rtp'])
    assert n_rtp >= 2, report['flows']
    tmp = tempfile.mkdtemp(prefix='ma17-idle-')
    probe = None
    try:
        pl.drop_network(NS_TX, NS_RX)
        pl.make_network(NS_TX, NS_RX)
        probe, addr = pl.start_probe(in_ns(NS_RX, exe, '-q', '-i', 'vr', '--listen', PROBE,
                                           '--idle-timeout', str(IDLE), '--max-flow-series', '1',
                                           '--format', 'json', '-o', os.path.join(tmp, 'final.json')),
                                     files=False)
        assert addr == PROBE, addr
        # start_probe returned at 'capture open on vr' (after pcap_activate): a
        # replay from now on is seen whole; the metric says the same.
        assert pl.one(scrape(), 'mcast_audit_capture_open') == 1
        rss = []
        for rnd in range(1, 4):
            r = sh(*in_ns(NS_TX, 'tcpreplay', '-i', 'vt', capture))
            sent = re.search(r'Successful packets:\s+(\d+)', r.stdout)
            assert sent and int(sent.group(1)) == report['capture']['frames'], r.stdout
            ended = time.monotonic()
            # tcpreplay returns when the last packet left vt; the probe may still hold the last
            # ones in libpcap's buffer (its timeout), so wait until they are in the tables.
            while True:
                p = scrape()
                if (table(p, 'session') == n_sessions and table(p, 'flow') == n_flows) or \
                        time.monotonic() - ended > 3:
                    break
                time.sleep(0.1)
            assert len(pl.samples(p, 'mcast_audit_rtp_packets_total')) == 1, 'round %d' % rnd
            assert pl.one(p, 'mcast_audit_flow_series_dropped') == n_rtp - 1
            assert table(p, 'session') == n_sessions and table(p, 'flow') == n_flows, \
                (table(p, 'session'), table(p, 'flow'))
            while True:
                p = scrape()
                if table(p, 'session') == 0 and table(p, 'flow') == 0:
                    break
                assert time.monotonic() - ended < IDLE + 10, 'nothing retired in round %d' % rnd
                time.sleep(0.2)
            gone = time.monotonic() - ended
            # the last packet went out before tcpreplay returned: at least IDLE - 0.5 after it
            assert IDLE - 0.5 <= gone <= IDLE + 5, 'round %d: retired %.1f s after the replay' % (rnd, gone)
            for name in ('mcast_audit_rtp_packets_total', 'mcast_audit_rtp_jitter_seconds',
                         'mcast_audit_session_state', 'mcast_audit_session_keepalives_total',
                         'mcast_audit_verdicts_active'):
                assert not pl.samples(p, name), (rnd, name, pl.samples(p, name))
            assert pl.one(p, 'mcast_audit_flow_series_dropped') == 0
            assert table(p, 'membership') == 0
            assert pl.one(p, 'mcast_audit_retired_total') == rnd * (n_sessions + n_flows)
            rss.append(pl.one(p, 'process_resident_memory_bytes'))
            print('ok: round %d: retired %.1f s after the replay, resident %.2f MB' %
                  (rnd, gone, rss[-1] / 1e6))
        assert rss[2] - rss[0] <= 1 << 20, 'resident memory grew: %s' % rss
    finally:
        if probe is not None:
            probe.send_signal(signal.SIGTERM)
            rc = probe.wait(timeout=30)
        pl.drop_network(NS_TX, NS_RX)
        shutil.rmtree(tmp, ignore_errors=True)
    assert rc == 0, rc  # everything retired: the final report has nothing left to fail
    print('ok: memory %s MB; exit %d (file audit: %d)' % ([round(r / 1e6, 2) for r in rss], rc, expected_rc))


main()
