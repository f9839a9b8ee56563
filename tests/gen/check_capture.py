#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Cross-check one generated capture against its truth file with tshark.

usage: check_capture.py TSHARK CAPTURE.pcap CAPTURE.expected.json

Checks (each failure is printed; exit 1 if any):
  1. tshark's expert info, with IP/UDP/TCP checksum validation on, has no
     Error or Warning items and nothing Malformed or about a checksum; and
     with the whole protocol tree built (-Y _ws.malformed dissects every
     field, down to the H.264 parameter sets in the SDP, which -z expert in
     one pass does not reach in 4.0) no frame is malformed.
  2. RTSP messages (rtsp.request + rtsp.response occurrences) == rtsp_messages.
  3. IGMPv3/MLDv2 records + IGMPv1/v2 reports/leaves + MLDv1 reports/dones
     == membership_records; IGMP/MLD queries == queries.
  4. tshark -z rtp,streams (one -d udp.port==P,rtp per RTP flow) lists every
     RTP flow of the truth with its SSRC, packets and lost figure; and the
     expected/lost/duplicates/reordered of the truth, recomputed by their
     definitions from the rtp.seq numbers tshark decoded, match.  tshark's
     Lost is last-arrived seq - first-arrived seq + 1 + 65536*cycles - received,
     so with duplicates or reordering it is not the number of sequence numbers
     never received: for those flows we recompute that formula from the seq
     numbers tshark itself decoded and compare with it instead.  tshark 4.4
     and 4.6 compute Lost as highest - lowest extended seq + 1 - received,
     so the formula follows the version tshark reports.
  5. MPEG-TS flows: TS packets, PAT and PMT packets, continuity errors and
     the packets missing at them, from tshark's mp2t dissector (mp2t.cc.drop,
     mp2t.analysis.skips); its Error items for raw UDP TS are exactly those.
  6. A receiver's RTCP (role receiver-rtcp): tshark decodes as many RTCP
     receiver reports from it as the truth says, and the last one's fraction
     lost, cumulative lost and jitter (at 90 kHz) are the truth's; plain UDP flows (kind
     udp: a receiver's start-up datagrams) have the truth's datagram count.
  7. FEC streams (kind fec): tshark's rtp,streams packets and lost with its
     SMPTE 2022-1 dissector enabled (2dparityfec.enable), and each packet's
     D bit, offset and NA are the truth's column or row layout.
"""
import json
import re
import subprocess
import sys

CHECKSUM_PREFS = ["-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                  "-o", "tcp.check_checksum:TRUE"]


def tshark(exe, args):
    res = subprocess.run([exe] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True, check=False)
    if res.returncode != 0:
        raise RuntimeError("tshark %s failed: %s" % (" ".join(args), res.stderr))
    return res.stdout


def fields(exe, cap, names, display_filter, extra=()):
    args = ["-r", cap] + list(extra) + ["-Y", display_filter, "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|"] + CHECKSUM_PREFS
    for n in names:
        args += ["-e", n]
    rows = []
    for line in tshark(exe, args).splitlines():
        cols = line.split("\t")
        cols += [""] * (len(names) - len(cols))
        rows.append([[v for v in c.split("|") if v] for c in cols])
    return rows


# mp2t's continuity analysis: the errors a capture with TS loss must have
MP2T_DROP = re.compile(r"^\s*(\d+)\s+Sequence\s+MP2T\s+Detected \d+ missing TS frames")


def check_expert(exe, cap, errors, ts_cc_errors=0):
    """ts_cc_errors: the truth's TS continuity errors, which tshark's mp2t
    reports as Error items (only in raw UDP TS, which it decodes by itself)."""
    out = tshark(exe, ["-r", cap, "-q", "-z", "expert"] + CHECKSUM_PREFS)
    drops = sum(int(m.group(1)) for m in map(MP2T_DROP.match, out.splitlines()) if m)
    for line in out.splitlines():
        m = re.match(r"^(Errors|Warnings) \((\d+)\)", line)
        if m and not (m.group(1) == "Errors" and drops > 0 and int(m.group(2)) == drops
                      and drops == ts_cc_errors):
            errors.append("expert info has %s" % line.strip())
        if re.search(r"malformed|checksum", line, re.I):
            errors.append("expert info: %s" % line.strip())


def check_malformed(exe, cap, errors):
    out = tshark(exe, ["-r", cap, "-Y", "_ws.malformed"]
                 + CHECKSUM_PREFS)
    for line in out.splitlines():
        errors.append("malformed frame: %s" % line.strip())


def tshark_version(exe):
    """(major, minor) of the tshark that runs the checks."""
    m = re.search(r"\(Wireshark\) (\d+)\.(\d+)", tshark(exe, ["--version"]))
    if not m:
        raise RuntimeError("cannot read the version of %s" % exe)
    return int(m.group(1)), int(m.group(2))


def check_control(exe, cap, truth, errors):
    """RTSP messages, membership records and queries, from one tshark run."""
    names = ["rtsp.request", "rtsp.response", "igmp.type", "igmp.record_type", "icmpv6.type",
             "icmpv6.mldr.mar.record_type"]
    rows = fields(exe, cap, names, "rtsp or igmp or icmpv6.type == 130 or icmpv6.type == 131 "
                  "or icmpv6.type == 132 or icmpv6.type == 143")
    n = sum(len(r[0]) + len(r[1]) for r in rows)
    if n != truth["rtsp_messages"]:
        errors.append("RTSP messages: tshark %d, truth %d" % (n, truth["rtsp_messages"]))
    records = queries = 0
    for _req, _rep, igmp_type, igmp_rec, icmp_type, mld_rec in rows:
        records += len(igmp_rec) + len(mld_rec)
        for t in igmp_type:
            v = int(t, 0)
            records += v in (0x12, 0x16, 0x17)
            queries += v == 0x11
        for t in icmp_type:
            v = int(t, 0)
            records += v in (131, 132)
            queries += v == 130
    if records != truth["membership_records"]:
        errors.append("membership records: tshark %d, truth %d" % (records, truth["membership_records"]))
    if queries != truth["queries"]:
        errors.append("queries: tshark %d, truth %d" % (queries, truth["queries"]))


def parse_streams(out):
    """Rows of tshark's rtp,streams table keyed by (src, sport, dst, dport, ssrc):
    a camera that restarted its sender on one flow is a row per SSRC."""
    streams = {}
    for line in out.splitlines():
        m = re.match(r"^\s*[\d.]+\s+[\d.]+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(0x[0-9A-Fa-f]+)\s+(.+?)\s+(\d+)\s+(-?\d+) \(", line)
        if m:
            key = (m.group(1), int(m.group(2)), m.group(3), int(m.group(4)), int(m.group(5), 16))
            streams[key] = {"ssrc": int(m.group(5), 16), "packets": int(m.group(7)), "lost": int(m.group(8))}
    return streams


def tshark_lost_formula(seqs, version):
    """tshark's Lost from the arrival order, for the tshark version that runs."""
    if version >= (4, 4):
        ext = unwrap(seqs)
        return max(ext) - min(ext) + 1 - len(seqs)
    first, cycles, prev = seqs[0], 0, seqs[0]
    for s in seqs[1:]:
        if s < first and prev >= first:
            cycles += 1
        prev = s
    return seqs[-1] - first + 1 + 65536 * cycles - len(seqs)


def unwrap(seqs):
    """16-bit RTP seqs -> extended, each taken nearest to the highest so far."""
    out, highest = [], None
    for q in seqs:
        if highest is None:
            ext = q
        else:
            ext = (highest & ~0xFFFF) | q
            if ext - highest > 32768:
                ext -= 65536
            elif highest - ext > 32768:
                ext += 65536
        out.append(ext)
        highest = ext if highest is None else max(highest, ext)
    return out


def seq_figures(seqs):
    """lost/duplicates/reordered by the truth's definitions, from arrival order."""
    ext = unwrap(seqs)
    seen, dup, reord, highest = set(), 0, 0, None
    for e in ext:
        if e in seen:
            dup += 1
            continue
        if highest is not None and e < highest:
            reord += 1
        highest = e if highest is None else max(highest, e)
        seen.add(e)
    expected = max(seen) - min(seen) + 1 if seen else 0
    return {"expected": expected, "lost": expected - len(seen), "duplicates": dup, "reordered": reord}


def flow_seqs(exe, cap, decode):
    """Arrival-ordered RTP seq numbers per (src, sport, dst, dport, ssrc), as tshark decodes them."""
    names = ["ip.src", "ipv6.src", "udp.srcport", "ip.dst", "ipv6.dst", "udp.dstport", "rtp.seq",
             "tcp.srcport", "tcp.dstport", "rtp.ssrc"]
    flows = {}
    for r in fields(exe, cap, names, "rtp", decode):
        if not r[6]:
            continue
        # the innermost layer: a tunnel (VXLAN, GRE) puts its own IP (and UDP) first
        src = (r[0] or r[1])[-1]
        dst = (r[3] or r[4])[-1]
        # RTP interleaved on the RTSP connection (RFC 2326 10.12): the TCP ports
        sport, dport = (r[2] or r[7])[-1], (r[5] or r[8])[-1]
        key = (src, int(sport), dst, int(dport), int(r[9][-1], 16))
        flows.setdefault(key, []).append(int(r[6][0]))
    return flows


def check_rtp(exe, cap, truth, version, errors):
    flows = [f for f in truth["flows"] if f["kind"] == "rtp"]
    if not flows:
        return
    decode = []
    for port in sorted({f["dport"] for f in flows}):
        decode += ["-d", "udp.port==%d,rtp" % port]
    streams = parse_streams(tshark(exe, ["-r", cap, "-q"] + decode + ["-z", "rtp,streams"]))
    seqs = flow_seqs(exe, cap, decode)
    for f in flows:
        key = (f["src"], f["sport"], f["dst"], f["dport"], int(f["ssrc"], 16))
        got = streams.get(key)
        if got is None:
            errors.append("RTP flow %s not listed by tshark" % (key,))
            continue
        if got["ssrc"] != int(f["ssrc"], 16):
            errors.append("flow %s: SSRC tshark 0x%08x, truth %s" % (key, got["ssrc"], f["ssrc"]))
        if got["packets"] != f["packets"]:
            errors.append("flow %s: packets tshark %d, truth %d" % (key, got["packets"], f["packets"]))
        # Figures by the truth's own definitions from the seqs tshark decoded.
        mine = seq_figures(seqs.get(key, []))
        for k in ("expected", "lost", "duplicates", "reordered"):
            if mine[k] != f[k]:
                errors.append("flow %s: %s from tshark's seq numbers %d, truth %d" % (key, k, mine[k], f[k]))
        # tshark's own Lost: equal to ours only without duplicates/reordering.
        want = f["lost"]
        if f["duplicates"] or f["reordered"]:
            want = tshark_lost_formula(seqs.get(key, [0]), version)
        if got["lost"] != want:
            errors.append("flow %s: lost tshark %d, expected %d" % (key, got["lost"], want))


def check_mpegts(exe, cap, truth, errors):
    """TS figures against tshark's mp2t dissector (decoded as RTP for RTP
    flows): TS packets, PAT (PID 0) and PMT (PID 0x100) packets, and its
    continuity analysis: one mp2t.cc.drop per CC error, mp2t.analysis.skips
    the packets missing at it."""
    for f in (f for f in truth["flows"] if "mpegts" in f):
        decode = ["-d", "udp.port==%d,%s" % (f["dport"], "mp2t" if f["kind"] == "mpegts" else "rtp")]
        flt = "mp2t and ip.src==%s and ip.dst==%s and udp.dstport==%d" % (f["src"], f["dst"], f["dport"])
        rows = fields(exe, cap, ["mp2t.pid", "mp2t.cc.drop", "mp2t.analysis.skips"], flt, decode)
        pids = [int(p, 0) for r in rows for p in r[0]]
        got = {"packets": len(pids), "cc_errors": sum(len(r[1]) for r in rows),
               "cc_lost": sum(int(v) for r in rows for v in r[2]),
               "pat_sections": pids.count(0), "pmt_sections": pids.count(0x100)}
        for k, v in got.items():
            if v != f["mpegts"][k]:
                errors.append("TS flow %s:%d: %s tshark %d, truth %d" % (f["dst"], f["dport"], k, v, f["mpegts"][k]))


def check_fec(exe, cap, truth, version, errors):
    """FEC streams (kind fec): decoded as RTP with Wireshark's SMPTE 2022-1 /
    Pro-MPEG CoP3 dissector on (2dparityfec.enable: PT 96), tshark's rtp,streams
    packets and lost for the stream (SSRC 0), and every packet's FEC header
    (D bit, offset, NA) is the truth's layout."""
    flows = [f for f in truth["flows"] if f["kind"] == "fec"]
    if not flows:
        return
    decode = ["-o", "2dparityfec.enable:TRUE"]
    for port in sorted({f["dport"] for f in flows}):
        decode += ["-d", "udp.port==%d,rtp" % port]
    streams = parse_streams(tshark(exe, ["-r", cap, "-q"] + decode + ["-z", "rtp,streams"]))
    for f in flows:
        key = (f["src"], f["sport"], f["dst"], f["dport"], 0)
        got = streams.get(key)
        if got is None or got["packets"] != f["packets"] or got["lost"] != f["lost"]:
            errors.append("FEC flow %s: tshark %s, truth packets %d lost %d"
                          % (key, got, f["packets"], f["lost"]))
        flt = "2dparityfec and ip.src==%s and udp.dstport==%d" % (f["src"], f["dport"])
        rows = fields(exe, cap, ["2dparityfec.d", "2dparityfec.offset", "2dparityfec.na"], flt, decode)
        row = f["fec"]["direction"] == "row"
        want = ("1" if row else "0", str(f["fec"]["offset"]), str(f["fec"]["na"]))
        bad = [r for r in rows if (r[0][:1], r[1][:1], r[2][:1]) not in
               ((["1" if row else "0"], [want[1]], [want[2]]),
                (["True" if row else "False"], [want[1]], [want[2]]))]
        if len(rows) != f["packets"] or bad:
            errors.append("FEC flow %s: %d packets decoded as 2dparityfec, %d not D/offset/NA %s"
                          % (key, len(rows), len(bad), want))


def check_receivers(exe, cap, truth, errors):
    """A receiver's RTCP reports and start-up datagrams, as tshark decodes them."""
    for f in truth["flows"]:
        src = "ip.src == %s && udp.srcport == %d && udp.dstport == %d" % (f["src"], f["sport"], f["dport"])
        if f["kind"] == "udp":
            n = len(fields(exe, cap, ["frame.number"], src))
            if n != f["packets"]:
                errors.append("udp flow %s:%d: tshark %d datagrams, truth %d" % (f["src"], f["sport"], n, f["packets"]))
        want = f.get("receiver_reports")
        if not want:
            continue
        rows = fields(exe, cap, ["rtcp.ssrc.fraction", "rtcp.ssrc.cum_nr", "rtcp.ssrc.jitter"],
                      src + " && rtcp.pt == 201", ["-d", "udp.port==%d,rtcp" % f["dport"]])
        if len(rows) != want["reports"]:
            errors.append("receiver RTCP %s:%d: tshark %d RRs, truth %d" % (f["src"], f["sport"], len(rows), want["reports"]))
            continue
        frac, cum, jit = (int(c[0]) for c in rows[-1])
        # tshark shows the fraction as the raw /256 value; the jitter in timestamp units (90 kHz)
        got = (round(frac / 256.0, 4), cum, round(jit * 1000.0 / 90000, 4))
        wanted = (want["fraction_lost_last"], want["cumulative_lost_last"], want["jitter_last_ms"])
        if got != wanted:
            errors.append("receiver RTCP %s:%d last RR (fraction, cumulative, jitter ms): tshark %s, truth %s"
                          % (f["src"], f["sport"], got, wanted))


def check_truth(truth, errors):
    """The truth's own arithmetic: expected = distinct seqs + lost."""
    for f in truth["flows"]:
        if f["kind"] != "rtp":
            continue
        distinct = f["packets"] - f["duplicates"]
        if f["expected"] != distinct + f["lost"]:
            errors.append("truth flow %s:%d: expected %d != packets %d - duplicates %d + lost %d"
                          % (f["dst"], f["dport"], f["expected"], f["packets"], f["duplicates"], f["lost"]))


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    exe, cap, truth_path = sys.argv[1:]
    with open(truth_path) as fh:
        truth = json.load(fh)
    errors = []
    check_truth(truth, errors)
    raw_ts_errors = sum(f["mpegts"]["cc_errors"] for f in truth["flows"] if f["kind"] == "mpegts")
    check_expert(exe, cap, errors, raw_ts_errors)
    check_malformed(exe, cap, errors)
    check_control(exe, cap, truth, errors)
    check_rtp(exe, cap, truth, tshark_version(exe), errors)
    check_mpegts(exe, cap, truth, errors)
    check_receivers(exe, cap, truth, errors)
    check_fec(exe, cap, truth, tshark_version(exe), errors)
    for e in errors:
        print("FAIL %s: %s" % (cap, e))
    if not errors:
        print("ok %s: %d RTSP messages, %d membership records, %d queries, %d RTP flows"
              % (cap, truth["rtsp_messages"], truth["membership_records"], truth["queries"],
                 sum(f["kind"] == "rtp" for f in truth["flows"])))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
