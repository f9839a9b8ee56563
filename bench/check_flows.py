#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Correctness check of one bench run: the same capture seen three ways.

usage: check_flows.py AUDIT.json TRUTH.expected.json [TSHARK_RTP_STREAMS.txt]

Prints one row per RTP flow with the packet count that mcast-audit
(--format json), tshark (-z rtp,streams) and the generator's truth file give,
and mcast-audit's lost/duplicates/reordered next to the truth's.  Exit 1 when
any figure differs, a flow is missing on one side, or mcast-audit's verdict
codes are not the ones the truth file names; 0 otherwise.

tshark's Lost column is printed for information only: it is last seq - first
seq + 1 - received, so duplicates make it negative (see tests/gen/check_capture.py).
"""
import json
import sys


def audit_flows(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    # mcast-audit/2: one report per input file; the bench audits one file
    report = doc["reports"][0] if "reports" in doc else doc
    flows = {}
    for fl in report.get("flows", []):
        if fl.get("kind") != "rtp":
            continue
        key = (fl["src"], fl["sport"], fl["dst"], fl["dport"], int(fl["ssrc"], 16))
        flows[key] = fl
    codes = sorted({v["code"] for v in report.get("verdicts", [])})
    return flows, codes, report.get("capture", {}).get("frames")


def truth_flows(path):
    with open(path, encoding="utf-8") as f:
        truth = json.load(f)
    flows = {}
    for fl in truth["flows"]:
        if fl["kind"] == "rtp":
            flows[(fl["src"], fl["sport"], fl["dst"], fl["dport"], int(fl["ssrc"], 16))] = fl
    return flows, sorted(set(truth["verdicts"]))


def tshark_flows(path):
    """Rows of `tshark -q -z rtp,streams`: start end src sport dst dport ssrc payload pkts lost ..."""
    flows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if len(cols) < 10 or not cols[6].lower().startswith("0x"):
                continue
            try:
                key = (cols[2], int(cols[3]), cols[4], int(cols[5]), int(cols[6], 16))
                flows[key] = {"packets": int(cols[8]), "lost": int(cols[9])}
            except ValueError:
                continue  # a header or a payload name with spaces: not a stream row
    return flows


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    audit, audit_codes, frames = audit_flows(argv[1])
    truth, truth_codes = truth_flows(argv[2])
    tshark = tshark_flows(argv[3]) if len(argv) == 4 else None
    bad = []
    print("  %-40s %-10s %9s %9s %9s  %-13s %-13s" % (
        "flow (src:port -> group:port)", "ssrc", "audit", "tshark", "truth", "audit l/d/r", "truth l/d/r"))
    for key in sorted(set(audit) | set(truth) | set(tshark or {})):
        a, t = audit.get(key), truth.get(key)
        s = tshark.get(key) if tshark is not None else None
        name = "%s:%d -> %s:%d" % key[:4]
        a_ldr = "%d/%d/%d" % (a["lost"], a["duplicates"], a["reordered"]) if a else "-"
        t_ldr = "%d/%d/%d" % (t["lost"], t["duplicates"], t["reordered"]) if t else "-"
        print("  %-40s 0x%08x %9s %9s %9s  %-13s %-13s" % (
            name, key[4], a["packets"] if a else "-", s["packets"] if s else "-",
            t["packets"] if t else "-", a_ldr, t_ldr))
        if not a or not t or (tshark is not None and not s):
            bad.append("%s 0x%08x: missing in %s" % (name, key[4], ", ".join(
                n for n, v in (("mcast-audit", a), ("truth", t), ("tshark", s if tshark is not None else 1))
                if not v)))
            continue
        if a["packets"] != t["packets"] or (s and s["packets"] != a["packets"]):
            bad.append("%s: packets differ" % name)
        if a_ldr != t_ldr:
            bad.append("%s: lost/duplicates/reordered %s, truth %s" % (name, a_ldr, t_ldr))
    total_a = sum(f["packets"] for f in audit.values())
    total_s = sum(f["packets"] for f in tshark.values()) if tshark is not None else None
    print("  %-40s %-10s %9d %9s %9d" % ("all RTP flows", "", total_a,
                                         total_s if total_s is not None else "-",
                                         sum(f["packets"] for f in truth.values())))
    print("  capture frames (mcast-audit): %s" % frames)
    print("  verdict codes: mcast-audit %s, truth %s" % (" ".join(audit_codes) or "none",
                                                         " ".join(truth_codes) or "none"))
    if audit_codes != truth_codes:
        bad.append("verdict codes differ")
    for b in bad:
        print("  MISMATCH: " + b)
    print("  check: %s" % ("FAIL" if bad else "ok (mcast-audit == tshark == truth)"
                           if tshark is not None else "ok (mcast-audit == truth; tshark missing)"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
