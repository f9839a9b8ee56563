#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""capture_truth.py BIN CAPTURE EXPECTED - run `mcast-audit --format json` on
one generated capture and compare with the generator's NAME.expected.json:
the set of verdict codes, each flow's packets/lost/duplicates/reordered (RTP;
one flow whose camera restarted is several truth entries, one per SSRC as
tshark lists them: their figures add up, the first SSRC names the flow) or
datagrams (RTCP, plain UDP), its role where the truth names one
(receiver-rtcp, receiver-startup) and a receiver's reports (count, last
fraction lost, cumulative lost, jitter), the UDP counted but not listed
(unrelated_udp), and the exit code; a capture with an SDP file beside it (NAME.sdp) is
audited with --sdp NAME.sdp.  Also checks the JSON against the schema and the JUnit output
against schemas/junit.xsd (contracts.py)."""
import json
import os
import subprocess
import sys

import contracts


def flow_key(f):
    # interleaved flows share the RTSP connection's ports: the channel tells them apart
    return (f["src"], f["sport"], f["dst"], f["dport"], f.get("channel"))


def compare_mpegts(want, got, problems):
    """TS figures: what the counters and PSI timing of the datagrams written show
    (PAT and PMT travel together in the generator: one interval for both)."""
    ts, w = got.get("mpegts"), want["mpegts"]
    if ts is None:
        problems.append("flow %s:%d -> %s:%d (channel %s): no mpegts figures" % flow_key(want))
        return
    pairs = [("packets", "packets"), ("cc_errors", "cc_errors"), ("cc_lost", "cc_lost"),
             ("pat_sections", "pat_sections"), ("pmt_sections", "pmt_sections"),
             ("pat_interval_max_ms", "psi_interval_max_ms"),
             ("pmt_interval_max_ms", "psi_interval_max_ms")]
    for ours, theirs in pairs:
        if abs(ts[ours] - w[theirs]) > 1e-6:
            problems.append("flow %s:%d -> %s:%d (channel %s): mpegts %s %s, expected %s"
                            % (flow_key(want) + (ours, ts[ours], w[theirs])))
    if ts["sync_byte_errors"] != 0:
        problems.append("flow %s:%d -> %s:%d (channel %s): %d sync byte errors, expected 0"
                        % (flow_key(want) + (ts["sync_byte_errors"],)))


def compare_fec(want, got, report, problems):
    """An FEC stream: listed as kind fec, tied to the media flow at its port, whose
    fec object carries the stream's packets, sequence loss and 2022-1 layout."""
    key = flow_key(want)
    media = [f for f in report["flows"] if f["id"] == got.get("fec_for")]
    if got["kind"] != "fec" or got["datagrams"] != want["packets"] or not media:
        problems.append("fec flow %s:%d -> %s:%d (channel %s): kind %s datagrams %s fec_for %s, "
                        "expected fec, %s datagrams, a media flow"
                        % (key + (got["kind"], got["datagrams"], got.get("fec_for"), want["packets"])))
        return
    w = want["fec"]
    stream = (media[0].get("fec") or {}).get(w["direction"]) or {}
    if media[0]["dport"] != w["media_dport"]:
        problems.append("fec flow %s:%d -> %s:%d (channel %s): tied to port %d, expected %d"
                        % (key + (media[0]["dport"], w["media_dport"])))
    for field, value in (("flow", got["id"]), ("packets", want["packets"]),
                         ("expected", want["expected"]), ("lost", want["lost"]),
                         ("offset", w["offset"]), ("na", w["na"]), ("header_errors", 0)):
        if stream.get(field) != value:
            problems.append("fec flow %s:%d -> %s:%d (channel %s): media fec.%s.%s %s, expected %s"
                            % (key + (w["direction"], field, stream.get(field), value)))


def compare_flows(expected, report, problems):
    ours = {flow_key(f): f for f in report["flows"]}
    wanted = {}
    for want in expected.get("flows", []):
        wanted.setdefault(flow_key(want), []).append(want)
    for key, wants in wanted.items():
        got = ours.get(key)
        if got is None:
            problems.append("flow %s:%d -> %s:%d (channel %s) missing" % key)
            continue
        want = wants[0]
        for w in wants:
            if w.get("role") and got.get("role") != w["role"]:
                problems.append("flow %s:%d -> %s:%d (channel %s): role %s, expected %s"
                                % (key + (got.get("role"), w["role"])))
        if want.get("receiver_reports"):
            rr = got.get("receiver_reports") or {}
            for field, value in want["receiver_reports"].items():
                if rr.get(field) != value:
                    problems.append("flow %s:%d -> %s:%d (channel %s): receiver_reports.%s %s, expected %s"
                                    % (key + (field, rr.get(field), value)))
        if "mpegts" in want:
            compare_mpegts(want, got, problems)
        if want["kind"] == "fec":
            compare_fec(want, got, report, problems)
            continue
        if want["kind"] == "mpegts":  # raw UDP TS: datagrams, no sequence numbers
            if got["kind"] != "mpegts" or got["datagrams"] != want["packets"]:
                problems.append("mpegts flow %s:%d -> %s:%d (channel %s): kind %s datagrams %s, expected %s"
                                % (flow_key(want) + (got["kind"], got["datagrams"], want["packets"])))
            continue
        if want["kind"] in ("rtcp", "udp"):
            if got["datagrams"] != want["packets"]:
                problems.append("%s flow %s:%d -> %s:%d (channel %s): datagrams %s, expected %s"
                                % ((want["kind"],) + key + (got["datagrams"], want["packets"])))
            continue
        if got.get("ssrc") != want["ssrc"]:
            problems.append("rtp flow %s:%d -> %s:%d (channel %s): ssrc %s, expected %s"
                            % (key + (got.get("ssrc"), want["ssrc"])))
        for field in ("packets", "lost", "duplicates", "reordered"):
            total = sum(w[field] for w in wants)
            if got.get(field) != total:
                problems.append("rtp flow %s:%d -> %s:%d (channel %s): %s %s, expected %s"
                                % (key + (field, got.get(field), total)))


def main():
    binary, capture, expected_path = sys.argv[1:4]
    with open(expected_path) as f:
        expected = json.load(f)
    # a scenario described by an SDP file ships it beside the capture (NAME.sdp): audited with it
    sdp = os.path.splitext(capture)[0] + ".sdp"
    options = ["--sdp", sdp] if os.path.exists(sdp) else []
    p = subprocess.run([binary, "--format", "json"] + options + [capture], capture_output=True,
                       text=True)
    if p.returncode == 2:
        sys.exit("FAIL: %s: exit 2: %s" % (capture, p.stderr.strip()))
    problems = []
    try:
        doc = contracts.check_json(p.stdout)
    except contracts.ContractError as e:
        sys.exit("FAIL: %s: %s" % (capture, e))
    if len(doc["reports"]) != 1:
        sys.exit("FAIL: %s: %d reports for one file" % (capture, len(doc["reports"])))
    report = doc["reports"][0]
    codes = sorted({v["code"] for v in report["verdicts"]})
    want_codes = sorted(set(expected["verdicts"]))
    if codes != want_codes:
        problems.append("verdicts %s, expected %s" % (codes, want_codes))
    session_codes = sorted({v["code"] for s in report["sessions"] for v in s["verdicts"]})
    if session_codes != sorted({v["code"] for v in report["verdicts"] if v["session"]}):
        problems.append("sessions' verdict lists disagree with the top-level list")
    compare_flows(expected, report, problems)
    # UDP tied to nothing and not media is counted, not listed (none unless the truth says)
    want_other = expected.get("unrelated_udp", {"flows": 0, "datagrams": 0})
    got_other = report.get("unrelated_udp", {})
    for field in ("flows", "datagrams"):
        if got_other.get(field) != want_other[field]:
            problems.append("unrelated_udp %s %s, expected %s" % (field, got_other.get(field), want_other[field]))
    listed = [f for f in report["flows"] if f.get("unrelated")]
    if listed:
        problems.append("%d unrelated flows listed without --list-udp" % len(listed))
    if (p.returncode != expected["exit_code"] or report["exit_code"] != p.returncode
            or doc["exit_code"] != p.returncode):
        problems.append("exit %d (JSON says %d), expected %d"
                        % (p.returncode, report["exit_code"], expected["exit_code"]))
    junit = subprocess.run([binary, "--format", "junit"] + options + [capture], capture_output=True)
    try:
        contracts.check_junit(junit.stdout)
    except contracts.ContractError as e:
        problems.append(str(e))
    if problems:
        print("FAIL: %s" % capture)
        for line in problems:
            print("  " + line)
        sys.exit(1)
    print("ok: %s: verdicts %s, %d flows, exit %d"
          % (capture, codes, len(expected.get("flows", [])), p.returncode))


if __name__ == "__main__":
    main()
