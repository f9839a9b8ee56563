#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""evidence.py BIN CAPTURES_DIR - the report shows the evidence where the
fault is, in text, JSON and JUnit, with exact frames (generated captures,
ground truth from mcast-gen: burst-loss has three bursts, 25 packets):
- loss as bursts: count, longest, the largest with the frames around each
  gap; MA307 cites those frames, not the flow's first and last;
- MA308 cites the frame where the maximum jitter was reached;
- RTSP error answers of a session (454 to a keep-alive) in every output,
  and MA106 citing the 454 as its proof;
- the negotiated source= (SSM) and the source list of every record type
  (ALLOW_NEW_SOURCES, BLOCK_OLD_SOURCES);
- tracks numbered from 1, with their control URL."""
import os
import subprocess
import sys

import contracts

BIN = CAPS = None


def out(*args):
    return subprocess.run([BIN, *args], capture_output=True)


def report(name, *opts):
    p = out("--format", "json", *opts, os.path.join(CAPS, name))
    return contracts.check_json(p.stdout)["reports"][0]


def text(name, *opts):
    return out(*opts, os.path.join(CAPS, name)).stdout.decode()


def junit(name, *opts):
    p = out("--format", "junit", *opts, os.path.join(CAPS, name))
    contracts.check_junit(p.stdout)
    return p.stdout.decode()


def verdict(r, code):
    (v,) = [v for v in r["verdicts"] if v["code"] == code]
    return v


def check_bursts():
    r = report("burst-loss.pcap")
    (f,) = [f for f in r["flows"] if f["kind"] == "rtp"]
    b = f["loss_bursts"]
    assert (f["lost"], b["count"], b["longest"]) == (25, 3, 10), (f["lost"], b)
    got = [(g["lost"], g["frame_before"], g["frame_after"]) for g in b["largest"]]
    assert got == [(10, 161, 163), (8, 199, 200), (7, 18, 19)], got
    assert [round(g["time_after"], 3) for g in b["largest"]] == [2.558, 4.039, 0.04], b
    v = verdict(r, "MA307")
    assert v["frames"] == [18, 19, 161, 163, 199, 200], v["frames"]
    assert v["message"].endswith("(limit 0%) in 3 bursts, the longest 10 packets between "
                                 "frames 161 and 163"), v["message"]
    t = text("burst-loss.pcap")
    assert ("              loss in 3 bursts, longest 10; largest: 10 between frames 161 and 163 "
            "at 2.558 s, 8 between frames 199 and 200 at 4.039 s, 7 between frames 18 and 19 at "
            "0.040 s\n") in t, t
    assert "(frames 18, 19, 161, 163, 199, 200)" in t
    clean = report("clean-multicast.pcap")
    assert all(f["loss_bursts"] == {"count": 0, "longest": 0, "largest": []}
               for f in clean["flows"] if f["kind"] == "rtp")
    print("ok: burst-loss: 25 lost in 3 bursts (10, 8, 7) between frames 161/163, 199/200, 18/19; "
          "MA307 cites those six frames")


def check_jitter_peak():
    r = report("jitter.pcap")
    (f,) = [f for f in r["flows"] if f["kind"] == "rtp"]
    v = verdict(r, "MA308")
    assert f["jitter_peak_frame"] == 209 and v["frames"] == [209], (f["jitter_peak_frame"], v)
    assert v["message"].endswith("(limit 30 ms) at frame 209"), v["message"]
    print("ok: jitter: MA308 cites the peak, frame 209 (max %.4f ms)" % f["jitter_max_ms"])


def check_rtsp_errors():
    r = report("session-timeout.pcap")
    (s,) = r["sessions"]
    assert [(e["method"], e["status"], e["reason"], e["request_frame"], e["reply_frame"])
            for e in s["rtsp_errors"]] == [("GET_PARAMETER", 454, "Session Not Found", 334, 335)], \
        s["rtsp_errors"]
    timeout = verdict(r, "MA106")
    assert timeout["frames"] == [13, 334, 335], timeout["frames"]
    assert timeout["message"].endswith("; the camera answered GET_PARAMETER (frame 334) with 454 "
                                       "Session Not Found (frame 335): it had dropped the session")
    err = verdict(r, "MA108")
    assert (err["severity"], err["frames"], err["session"]) == ("warning", [334, 335], 1), err
    t = text("session-timeout.pcap")
    assert ("    Errors    GET_PARAMETER frame 334 -> 454 Session Not Found (frame 335) at "
            "68.833 s\n") in t, t
    j = junit("session-timeout.pcap", "--fail-on", "warning")
    assert '<failure type="MA312"' in j and "warning MA108 rtsp-error-reply: GET_PARAMETER" in j, j
    print("ok: session-timeout: 454 to GET_PARAMETER (frames 334/335) in JSON, text and JUnit; "
          "MA106 cites it")


def check_sources_and_tracks():
    r = report("ssm-source-mismatch.pcap")
    (s,) = r["sessions"]
    (k,) = s["tracks"]
    assert (k["number"], k["negotiated_source"], k["source"]) == (1, "10.9.97.69", "10.9.97.69"), k
    records = [(m["record"], m["record_sources"], m["sources"], m["kind"]) for m in k["memberships"]]
    assert records == [("ALLOW", ["10.9.97.99"], ["10.9.97.99"], "join"),
                       ("IS_IN", ["10.9.97.99"], ["10.9.97.99"], "refresh"),
                       ("BLOCK", ["10.9.97.99"], [], "leave")], records
    t = text("ssm-source-mismatch.pcap")
    assert ("    SETUP     track 1 (trackID=1) frame 8 -> 200 OK (frame 9): multicast 232.1.1.200 "
            "ports 8860-8861 ttl 128 source 10.9.97.69\n") in t, t
    assert "(IGMPv3 ALLOW_NEW_SOURCES 10.9.97.99, now sources 10.9.97.99) frame 11" in t, t
    assert "(IGMPv3 BLOCK_OLD_SOURCES 10.9.97.99, now no source) frame 263" in t, t
    j = junit("ssm-source-mismatch.pcap")
    assert 'name="track 1: rtsp://' in j and 'name="track 0:' not in j, j
    assert all(v["track"] in (None, 1) for v in r["verdicts"])
    print("ok: SSM: source= 10.9.97.69 shown; ALLOW/BLOCK records list 10.9.97.99; track 1")


def main():
    global BIN, CAPS
    BIN, CAPS = sys.argv[1], sys.argv[2]
    check_bursts()
    check_jitter_peak()
    check_rtsp_errors()
    check_sources_and_tracks()


if __name__ == "__main__":
    main()
