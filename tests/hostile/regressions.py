#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""regressions.py BIN DIR - the committed regression captures of tests/hostile
through the CLI (in the asan preset the CLI is built with ASan/UBSan, so a
read outside a buffer fails the run).  Exact figures: frames, the session's
frames and verdicts; exit code 0 or 1, never a signal."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import contracts  # noqa: E402  (tests/cli/contracts.py: the JSON schema check)


def run(binary, path):
    p = subprocess.run([binary, "--format", "json", path], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise AssertionError("%s: exit %d, stderr: %s" % (path, p.returncode, p.stderr))
    doc = contracts.check_json(p.stdout)
    assert doc["exit_code"] == p.returncode, (doc["exit_code"], p.returncode)
    (report,) = doc["reports"]
    return report


def codes(report):
    return sorted(v["code"] for v in report["verdicts"])


def check_empty_session(binary, d):
    # crashed with SIGSEGV before read_session checked for an empty vector
    r = run(binary, os.path.join(d, "empty-session.pcap"))
    assert r["capture"]["frames"] == 4, r["capture"]
    (s,) = r["sessions"]
    assert s["session_id"] is None and s["timeout_s"] is None, s
    assert (s["frames"]["play_request"], s["frames"]["play_reply"]) == (3, 4), s["frames"]
    (t,) = s["tracks"]
    assert (t["setup_request_frame"], t["setup_reply_frame"], t["group"]) == \
        (1, 2, "239.255.255.200"), t
    assert codes(r) == ["MA201", "MA301"], codes(r)


def check_blank_headers(binary, d):
    r = run(binary, os.path.join(d, "blank-headers.pcap"))
    assert r["capture"]["frames"] == 6, r["capture"]
    (s,) = r["sessions"]
    assert (s["frames"]["describe"], s["frames"]["describe_reply"]) == (1, 2), s["frames"]
    (t,) = s["tracks"]
    # CSeq is blank on both sides, so the SETUP reply cannot be paired
    assert (t["setup_request_frame"], t["setup_reply_frame"]) == (3, None), t


def main():
    binary, d = sys.argv[1], sys.argv[2]
    check_empty_session(binary, d)
    check_blank_headers(binary, d)
    print("ok")


if __name__ == "__main__":
    main()
