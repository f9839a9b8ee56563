#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""clock_rate.py BIN CAPTURES_DIR - the clock rate of a dynamic payload type
with no SDP (captures/real/mid-stream.pcap: ffmpeg's H.264 joined
mid-stream, tshark's Max Jitter 13.928 ms and Mean 5.59 ms with
-d rtp.pt==96,h264, which gives 90 kHz):
- inferred from the NAL headers, marked so in text, JSON, JUnit and HTML;
- --clock-rate 96=90000 gives the same figures, marked "user";
  --clock-rate 96=8000 wins (as Decode As would) with its own figures;
- MA308 with the rate inferred cites the frame where the jitter peaked
  (525), the same frame as with the rate told, not the first frame."""
import os
import subprocess
import sys
import tempfile

import contracts

BIN = CAPS = None


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True)


def report(*args):
    p = run("--format", "json", *args)
    return contracts.check_json(p.stdout)


def flow1(doc):
    (f,) = [f for f in doc["reports"][0]["flows"] if f["kind"] == "rtp"]
    return f


def main():
    global BIN, CAPS
    BIN, CAPS = sys.argv[1], sys.argv[2]
    cap = os.path.join(CAPS, "real", "mid-stream.pcap")
    doc = report(cap)
    f = flow1(doc)
    got = (f["clock_rate"], f["clock_rate_inferred"], f["clock_rate_source"], f["jitter_max_ms"],
           f["jitter_mean_ms"], f["jitter_peak_frame"])
    assert got == (90000, True, "nal-header", 13.9283, 5.5897, 525), got
    assert doc["thresholds"]["clock_rates"] == {}, doc["thresholds"]
    text = run(cap).stdout.decode()
    assert ("jitter mean 5.59 / max 13.93 ms (clock rate 90000 Hz inferred from the H.264/H.265 "
            "NAL headers)") in text, text
    junit = run("--format", "junit", cap).stdout
    contracts.check_junit(junit)
    assert (b'<property name="flow.1.clock_rate" value="90000 Hz inferred from the H.264/H.265 '
            b'NAL headers"/>') in junit, junit
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "r.html")
        run("--html", page, cap)
        with open(page, encoding="utf-8") as fh:
            assert "clock rate 90000 Hz inferred from the H.264/H.265 NAL headers" in fh.read()

    told = report("--clock-rate", "96=90000", cap)
    f = flow1(told)
    got = (f["clock_rate"], f["clock_rate_inferred"], f["clock_rate_source"], f["jitter_max_ms"],
           f["jitter_mean_ms"], f["jitter_peak_frame"])
    assert got == (90000, False, "user", 13.9283, 5.5897, 525), got
    assert told["thresholds"]["clock_rates"] == {"96": 90000}, told["thresholds"]
    assert "(clock rate 90000 Hz set by --clock-rate)" in run("--clock-rate", "96=90000", cap).stdout.decode()

    # Two options, or one list: the same; the user's 8000 wins over the inference.
    for opts in (("--clock-rate", "96=8000", "--clock-rate", "97=90000"), ("--clock-rate", "96=8000,97=90000")):
        low = report(*opts, cap)
        f = flow1(low)
        got = (f["clock_rate"], f["clock_rate_source"], f["jitter_max_ms"], f["jitter_peak_frame"])
        assert got == (8000, "user", 248.4209, 225), got
        assert low["thresholds"]["clock_rates"] == {"96": 8000, "97": 90000}, low["thresholds"]

    for opts in ((), ("--clock-rate", "96=90000")):
        r = report("--max-jitter", "10", *opts, cap)["reports"][0]
        (v,) = [v for v in r["verdicts"] if v["code"] == "MA308"]
        assert v["frames"] == [525], (opts, v)
        assert v["message"].endswith("(limit 10 ms) at frame 525"), v["message"]

    # A negotiated rate: the seed's SDP says H264/90000.
    f = flow1(report(os.path.join(CAPS, "hikvision-multicast-preview.pcap")))
    assert (f["clock_rate"], f["clock_rate_inferred"], f["clock_rate_source"]) == (90000, False, "negotiated"), f
    print("ok: mid-stream: 90000 Hz from the NAL headers, jitter max 13.9283 mean 5.5897 ms, peak frame 525; "
          "--clock-rate 96=90000 the same (user); 96=8000: max 248.4209 ms at frame 225; MA308 at frame 525")
    return 0


if __name__ == "__main__":
    sys.exit(main())
