#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""agree.py MCAST_AUDIT CAPTURE EXPECTED: one capture recorded from real software
(captures/real/, made by captures/lab/record.sh) against its expected file.

- tshark, run now with the arguments the expected file names, still prints the recorded
  rtp,streams figures (so the expected file is tshark's word, not ours);
- for every media stream: our packets equal tshark's; our lost / duplicates / reordered equal
  the truth (the forwarder's decision log, checked against the capture by truth.py); our
  jitter (max and mean, Wireshark's definition) within 0.01 ms of tshark's;
- the verdict codes are exactly the expected ones.
Prints every difference; exit 1 when there is one."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "captures", "lab"))
import truth  # noqa: E402  (the one parser of tshark's table)

JITTER_TOLERANCE_MS = 0.01


def main():
    binary, capture, expected_path = sys.argv[1:4]
    with open(expected_path) as f:
        want = json.load(f)
    problems = []
    args = want["tshark"]["args"]
    port = int(args[1].split("==")[1].split(",")[0])
    now = truth.tshark_streams(capture, port)
    if now != want["tshark"]["streams"]:
        problems.append("tshark now prints %s, the expected file says %s" % (now, want["tshark"]["streams"]))
    p = subprocess.run([binary, "--format", "json", capture], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        print("mcast-audit exited %d: %s" % (p.returncode, p.stderr))
        return 1
    doc = json.loads(p.stdout)["reports"][0]  # mcast-audit/2: the one file's report
    ours = {(f["src"], f["sport"], f["dst"], f["dport"], f.get("ssrc")): f for f in doc["flows"]}
    tshark = {(s["src"], s["sport"], s["dst"], s["dport"], s["ssrc"]): s for s in want["tshark"]["streams"]}
    for w in want["flows"]:
        key = (w["src"], w["sport"], w["dst"], w["dport"], w["ssrc"])
        got = ours.get(key)
        if got is None:
            problems.append("flow %s missing" % (key,))
            continue
        ts = tshark[key]
        if got.get("packets") != ts["packets"]:
            problems.append("%s: packets %s, tshark %s" % (key, got.get("packets"), ts["packets"]))
        for field in ("packets", "lost", "duplicates", "reordered"):
            if got.get(field) != w[field]:
                problems.append("%s: %s %s, truth %s" % (key, field, got.get(field), w[field]))
        for ours_f, ts_f in (("jitter_max_ms", "max_jitter_ms"), ("jitter_mean_ms", "mean_jitter_ms")):
            if got.get(ours_f) is None or abs(got[ours_f] - ts[ts_f]) > JITTER_TOLERANCE_MS:
                problems.append("%s: %s %s, tshark %s" % (key, ours_f, got.get(ours_f), ts[ts_f]))
    codes = sorted({v["code"] for v in doc["verdicts"]})
    if codes != sorted(want["verdicts"]):
        problems.append("verdicts %s, expected %s" % (codes, sorted(want["verdicts"])))
    for line in problems:
        print("FAIL:", line)
    if not problems:
        print("ok: %s: %d flows, verdicts %s" % (os.path.basename(capture), len(want["flows"]), codes))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
