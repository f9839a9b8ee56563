# SPDX-License-Identifier: GPL-2.0-or-later
"""What the probe tests share: start `mcast-audit --listen`, scrape it, parse
the exposition, and compare its figures with the file audit's JSON."""
import json
import re
import socket
import subprocess
import time
import urllib.request

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def start_probe(argv, timeout=30.0, files=True):
    """Starts argv (which has --listen); returns (process, "host:port") once
    it listens and, with files, once it has read them; live (files=False),
    once it says its capture is open (after pcap_activate: what is sent to
    the interface from then on is seen)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    addr = None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        m = re.search(r'serving metrics on http://(\S+)/metrics', line)
        if m:
            addr = m.group(1)
        if addr and ('serving its result until SIGTERM' in line if files
                     else 'mcast-audit: capture open on ' in line):
            return proc, addr
    proc.kill()
    raise AssertionError('the probe did not say where it listens: ' + proc.stderr.read())


def scrape(addr, openmetrics=False):
    req = urllib.request.Request('http://%s/metrics' % addr)
    if openmetrics:
        req.add_header('Accept', 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5')
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers.get('Content-Type'), r.read().decode('utf-8')


def raw_request(addr, data, shut=True):
    """Sends bytes, returns the status line's code (or None when closed)."""
    host, port = addr.rsplit(':', 1)
    with socket.create_connection((host.strip('[]'), int(port)), timeout=15) as s:
        s.sendall(data)
        if shut:
            s.shutdown(socket.SHUT_WR)
        got = b''
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:  # closed with our excess unread
                break
            if not chunk:
                break
            got += chunk
    m = re.match(rb'HTTP/1\.1 (\d{3}) ', got)
    return int(m.group(1)) if m else None


def parse(text):
    """Samples as {(name, frozenset(labels.items())): value}."""
    out = {}
    for line in text.splitlines():
        if line.startswith('#') or not line:
            continue
        m = SAMPLE.match(line)
        assert m, 'not a sample line: %r' % line
        labels = dict((k, v) for k, v in LABEL.findall(m.group(3) or ''))
        out[(m.group(1), frozenset(labels.items()))] = float(m.group(4))
    return out


def samples(parsed, name, **match):
    """[(labels, value)] of name whose labels include match."""
    res = []
    for (n, labels), v in parsed.items():
        d = dict(labels)
        if n == name and all(d.get(k) == str(x) for k, x in match.items()):
            res.append((d, v))
    return res


def one(parsed, name, **match):
    got = samples(parsed, name, **match)
    assert len(got) == 1, '%s %s: %d samples, expected 1: %s' % (name, match, len(got), got)
    return got[0][1]


def file_audit(exe, capture):
    r = subprocess.run([exe, '--format', 'json', capture], capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    return report_of(r.stdout), r.returncode


def report_of(text):
    """The one report of a one-file audit (JSON mcast-audit/2), schema-checked."""
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'cli'))
    import contracts  # tests/cli/contracts.py
    return contracts.check_json(text)['reports'][0]


def check_flows_equal(parsed, report):
    """Every RTP flow of the JSON report has the same figures in the exposition."""
    n = 0
    for f in report['flows']:
        if f['kind'] != 'rtp':
            continue
        key = dict(group=f['dst'], port=f['dport'], source=f['src'], ssrc=f['ssrc'])
        for metric, member in (('mcast_audit_rtp_packets_total', 'packets'),
                               ('mcast_audit_rtp_expected_packets_total', 'expected'),
                               ('mcast_audit_rtp_lost_packets_total', 'lost'),
                               ('mcast_audit_rtp_duplicate_packets_total', 'duplicates'),
                               ('mcast_audit_rtp_reordered_packets_total', 'reordered')):
            got = one(parsed, metric, **key)
            assert got == f[member], '%s %s: %s, the file audit says %s' % (metric, key, got, f[member])
        jitter = one(parsed, 'mcast_audit_rtp_jitter_seconds', **key) * 1e3
        assert abs(jitter - f['jitter_ms']) < 0.0001, (jitter, f['jitter_ms'])
        df = one(parsed, 'mcast_audit_rtp_mdi_delay_factor_seconds', **key) * 1e3
        assert abs(df - f['mdi_df_ms']) < 0.001, (df, f['mdi_df_ms'])
        n += 1
    return n


def check_verdicts_equal(parsed, report):
    want = {}
    for v in report['verdicts']:
        want[v['code']] = want.get(v['code'], 0) + 1
    for labels, value in samples(parsed, 'mcast_audit_verdicts_raised_total'):
        assert value == want.get(labels['code'], 0), \
            '%s raised %s times, the file audit has %s' % (labels['code'], value, want.get(labels['code'], 0))


def group_figures(report, g):
    """What the group's metric families must say, from the file audit's JSON:
    {family: value} (zap families only when a zap time was measured)."""
    flows = {f['id']: f for f in report['flows']}
    packets = lost = 0
    for fid in g['flows']:
        f = flows[fid]
        if f['kind'] == 'rtp':
            packets += f['packets']
            lost += max(f['lost'], 0)
        elif f.get('mpegts') and f['kind'] != 'rtcp':
            packets += f['datagrams']
            lost += f['mpegts']['cc_lost']
    want = {'mcast_audit_group_static': 1 if g['static_multicast'] else 0,
            'mcast_audit_group_media_packets_total': packets,
            'mcast_audit_group_media_lost_packets_total': lost}
    # every join's zap (the first and each after a leave), as the JSON's zap_joins
    joins = [(z, m) for m in g['members'] for z in m['zap_joins']]
    limit = report.get('thresholds', {}).get('max_zap_ms', 500.0)
    want['mcast_audit_group_zap_slow_members'] = sum(
        1 for m in g['members'] if any(z['zap_ms'] > limit for z in m['zap_joins']))
    want['mcast_audit_group_zap_slow_joins'] = sum(1 for z, _ in joins if z['zap_ms'] > limit)
    want['mcast_audit_group_zap_joins'] = len(joins)
    if joins:
        want['mcast_audit_group_zap_seconds'] = max(joins, key=lambda x: x[0]['join_time'])[0]['zap_ms'] / 1e3
        want['mcast_audit_group_zap_max_seconds'] = max(z['zap_ms'] for z, _ in joins) / 1e3
        want['mcast_audit_group_zap_min_seconds'] = min(z['zap_ms'] for z, _ in joins) / 1e3
    return want


def check_described_equal(parsed, report):
    """Every track of a described session (--sdp, SAP) and every SAP
    announcement has the JSON's figures; returns how many tracks."""
    n = 0
    for s in report['sessions']:
        if s['origin'] == 'rtsp':
            continue
        for t in s['tracks']:
            key = dict(origin=s['origin'], described_by=s['described_by'], group=t['group'],
                       port=str(t['rtp_port']))
            d = t['described']
            filt = d['source_filter']
            info = samples(parsed, 'mcast_audit_described_track', **key)
            assert len(info) == 1, (key, info)
            labels, value = info[0]
            want = dict(payload_types=','.join(str(p) for p in d['payload_types']),
                        clock_rate=str(t['clock_rate']),
                        ttl=str(t['ttl']) if t['ttl'] is not None else 'none',
                        source=filt['sources'][0] if filt and filt['mode'] == 'incl' and filt['sources']
                        else 'any')
            assert value == 1 and all(labels[k] == v for k, v in want.items()), (labels, want)
            flows = [f for f in report['flows'] if f['kind'] == 'rtp' and f['dst'] == t['group']
                     and f['dport'] == t['rtp_port']]
            assert one(parsed, 'mcast_audit_described_track_media', **key) == (1 if flows else 0)
            assert one(parsed, 'mcast_audit_described_track_packets_total', **key) == \
                sum(f['packets'] for f in flows[:1]), key
            n += 1
        if s['origin'] == 'sap':
            sap = s['sap']
            key = dict(origin=sap['origin'], msg_id_hash=sap['msg_id_hash'])
            assert one(parsed, 'mcast_audit_sap_announcements_total', **key) == sap['announcements']
            assert abs(one(parsed, 'mcast_audit_sap_interval_max_seconds', **key)
                       - sap['interval_max_s']) < 1e-6
            assert one(parsed, 'mcast_audit_sap_deleted', **key) == (1 if sap['deletion_frame'] else 0)
    return n


def check_groups_equal(parsed, report):
    """Every group of the group-centric audit has the JSON's figures, and its
    verdicts stand as verdicts_active{group}; returns how many groups."""
    for g in report['groups']:
        for name, want in group_figures(report, g).items():
            got = one(parsed, name, group=g['group'])
            assert abs(got - want) < 1e-6, '%s{group=%s}: %s, the file audit %s' % (name, g['group'], got, want)
        codes = {}
        for v in g['verdicts']:
            codes[v['code']] = codes.get(v['code'], 0) + 1
        got = {d['code']: v for d, v in samples(parsed, 'mcast_audit_verdicts_active', group=g['group'])}
        assert got == codes, 'verdicts_active{group=%s} %s, the file audit %s' % (g['group'], got, codes)
    return len(report['groups'])


# ---- two network namespaces joined by a veth pair (the tests that run as root) ----

def sh(*argv, check=True):
    return subprocess.run(argv, check=check, capture_output=True, text=True)


def in_ns(ns, *argv):
    return ['ip', 'netns', 'exec', ns] + list(argv)


def make_network(ns_tx, ns_rx):
    """vt in ns_tx (192.0.2.1/30) and vr in ns_rx (192.0.2.2/30), loopbacks up;
    both ends are created inside the namespaces: nothing in the host's."""
    sh('ip', 'netns', 'add', ns_tx)
    sh('ip', 'netns', 'add', ns_rx)
    sh('ip', '-n', ns_tx, 'link', 'add', 'vt', 'type', 'veth', 'peer', 'name', 'vr', 'netns', ns_rx)
    sh('ip', '-n', ns_tx, 'addr', 'add', '192.0.2.1/30', 'dev', 'vt')
    sh('ip', '-n', ns_rx, 'addr', 'add', '192.0.2.2/30', 'dev', 'vr')
    for ns, dev in ((ns_tx, 'vt'), (ns_rx, 'vr'), (ns_tx, 'lo'), (ns_rx, 'lo')):
        sh('ip', '-n', ns, 'link', 'set', dev, 'up')


def drop_network(*namespaces):
    for ns in namespaces:
        sh('ip', 'netns', 'del', ns, check=False)
