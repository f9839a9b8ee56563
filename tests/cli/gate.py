#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""gate.py BIN CAPTURES_DIR - a CI gate that cannot pass by accident.
Each check runs the real binary and asserts exact codes, figures, frame
numbers and exit codes; every JSON and JUnit document is checked against
the schemas (contracts.py).
- several files: one audit per file (own frame numbers, verdicts, result),
  the exit code is the worst; --merge keeps the merge by timestamp;
- nothing to audit (header only; unicast traffic only) is MA920, an error;
- --expect-group with no such flow is MA922; --require-session with no
  successful PLAY is MA107;
- gzip-compressed captures are read by content, whatever their name;
- --duration must be positive."""
import gzip
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import contracts

BIN = CAPS = TMP = None
SEED = "hikvision-multicast-preview.pcap"
BURST = "burst-loss.pcap"


def run(*args, expect_rc=None):
    p = subprocess.run([BIN, *args], capture_output=True)
    if expect_rc is not None and p.returncode != expect_rc:
        raise AssertionError("%s: exit %d, expected %d; stderr %s" % (
            " ".join(args), p.returncode, expect_rc, p.stderr.decode()))
    return p


def json_of(*args, expect_rc=None):
    p = run("--format", "json", *args, expect_rc=expect_rc)
    doc = contracts.check_json(p.stdout)
    assert doc["exit_code"] == p.returncode, (doc["exit_code"], p.returncode)
    return doc


def junit_of(*args, expect_rc=None):
    p = run("--format", "junit", *args, expect_rc=expect_rc)
    contracts.check_junit(p.stdout)
    return p.stdout.decode()


def cap(name):
    return os.path.join(CAPS, name)


def rtp_figures(report):
    return [(f["packets"], f["lost"], f["expected"]) for f in report["flows"] if f["kind"] == "rtp"]


def codes(report):
    return [v["code"] for v in report["verdicts"]]


def check_per_file():
    doc = json_of(cap(BURST), cap(SEED), expect_rc=1)
    assert doc["merged"] is False and len(doc["reports"]) == 2, doc.keys()
    burst, seed = doc["reports"]
    assert burst["inputs"] == [cap(BURST)] and seed["inputs"] == [cap(SEED)]
    assert rtp_figures(burst) == [(241, 25, 266)], rtp_figures(burst)
    assert rtp_figures(seed) == [(267, 0, 267)], rtp_figures(seed)
    assert codes(burst) == ["MA307"] and codes(seed) == ["MA202"], (codes(burst), codes(seed))
    # each file numbers its own frames: the seed's proof is frames 9 and 11 as alone
    assert seed["verdicts"][0]["frames"] == [9, 11], seed["verdicts"][0]["frames"]
    assert (seed["capture"]["frames"], burst["capture"]["frames"]) == (281, 267)
    assert (burst["result"], seed["result"], doc["result"]) == ("FAIL", "WARN", "FAIL")
    text = run(cap(BURST), cap(SEED), expect_rc=1).stdout.decode()
    assert "Result for %s: FAIL (1 error) - 1 session, 2 flows, 267 frames\n" % cap(BURST) in text
    assert "Result for %s: WARN (1 warning) - 1 session, 2 flows, 281 frames\n" % cap(SEED) in text
    assert text.endswith("\nResult: FAIL - 2 files: 1 FAIL, 1 WARN, 0 PASS\n"), text[-200:]
    junit = junit_of("--fail-on", "warning", cap(BURST), cap(SEED), expect_rc=1)
    assert junit.count("<testsuite ") == 2 and junit.count("<failure ") == 2, junit
    assert '<testsuites name="mcast-audit" tests="2" failures="2"' in junit
    # the seed alone passes the default gate; the order of files does not matter
    assert json_of(cap(SEED), expect_rc=0)["reports"][0]["result"] == "WARN"
    merged = json_of("--merge", cap(BURST), cap(SEED), expect_rc=1)
    assert merged["merged"] is True and len(merged["reports"]) == 1
    m = merged["reports"][0]
    assert m["inputs"] == [cap(BURST), cap(SEED)] and m["capture"]["frames"] == 548
    print("ok: per file: burst-loss 25 of 266 lost (MA307, FAIL), seed 0 of 267 (MA202 frames "
          "9, 11, WARN), exit 1; --merge: one report of 548 frames")


def pcap_header():
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def unicast_udp_frame():
    ip = bytearray([0x45, 0, 0, 29, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2])
    total = sum(struct.unpack("!10H", bytes(ip)))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    ip[10:12] = struct.pack("!H", ~total & 0xFFFF)  # a correct checksum, else MA902
    ip = bytes(ip)
    udp = struct.pack("!HHHH", 40000, 53, 9, 0) + b"x"
    return bytes([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]) + ip + udp


def check_nothing_to_audit():
    empty = os.path.join(TMP, "header-only.pcap")
    with open(empty, "wb") as f:
        f.write(pcap_header())
    doc = json_of(empty, expect_rc=1)
    r = doc["reports"][0]
    v = r["verdicts"]
    assert [(x["code"], x["severity"], x["session"], x["frames"]) for x in v] == [
        ("MA920", "error", None, [])], v
    assert v[0]["message"] == ("%s holds no RTSP session, no multicast flow and no RTP flow (0 frames read)"
                               % empty), v[0]["message"]
    assert r["result"] == "FAIL"
    junit = junit_of(empty, expect_rc=1)
    assert 'tests="1" failures="1"' in junit and '<failure type="MA920"' in junit, junit
    other = os.path.join(TMP, "unicast-only.pcap")
    frame = unicast_udp_frame()
    with open(other, "wb") as f:
        f.write(pcap_header() + struct.pack("<IIII", 1700000000, 0, len(frame), len(frame)) + frame)
    r = json_of(other, expect_rc=1)["reports"][0]
    assert codes(r) == ["MA920"] and r["capture"]["frames"] == 1, r
    assert r["verdicts"][0]["message"].endswith("(1 frame read)"), r["verdicts"][0]["message"]
    # with --expect-group too: both say why
    r = json_of("--expect-group", "239.1.1.1:5004", "--fail-on", "warning", empty,
                expect_rc=1)["reports"][0]
    assert codes(r) == ["MA920", "MA922"], codes(r)
    print("ok: nothing to audit: header-only and unicast-only captures FAIL with MA920 "
          "(JUnit tests=1 failures=1)")


def check_expect_group_and_session():
    r = json_of("--expect-group", "239.9.9.9:5000", cap(SEED), expect_rc=1)["reports"][0]
    assert codes(r) == ["MA922", "MA202", "MA313"], codes(r)  # capture-wide first
    absent = [v for v in r["verdicts"] if v["code"] == "MA922"][0]
    assert absent["message"] == ("--expect-group 239.9.9.9:5000: no datagram went to it; no "
                                 "SETUP reply named it either"), absent["message"]
    r = json_of("--expect-group", "239.255.255.200:8860", cap(SEED), expect_rc=0)["reports"][0]
    assert codes(r) == ["MA202"], codes(r)
    r = json_of("--require-session", cap("setup-461.pcap"), expect_rc=1)["reports"][0]
    played = [v for v in r["verdicts"] if v["code"] == "MA107"]
    assert len(played) == 1 and played[0]["message"] == (
        "--require-session: no PLAY was answered 2xx in the capture (1 RTSP session seen; none "
        "sent PLAY)"), played
    r = json_of("--require-session", cap(SEED), expect_rc=0)["reports"][0]
    assert "MA107" not in codes(r) and doc_threshold(cap(SEED)) is True
    print("ok: --expect-group absent group MA922 (exit 1), present group passes; "
          "--require-session: setup-461 MA107, the seed passes")


def doc_threshold(path):
    return json_of("--require-session", path)["thresholds"]["require_session"]


def check_gzip():
    plain = json_of(cap(SEED))["reports"][0]
    for name in ("seed.pcap.gz", "seed-no-suffix.pcap", "seed.cap"):
        path = os.path.join(TMP, name)
        with open(cap(SEED), "rb") as src, gzip.open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        r = json_of(path, expect_rc=0)["reports"][0]
        assert (r["capture"]["frames"], rtp_figures(r), codes(r)) == (
            281, [(267, 0, 267)], ["MA202"]), (name, r["capture"], rtp_figures(r))
        assert r["sessions"] == plain["sessions"], name
    with open(cap(SEED), "rb") as src:
        data = gzip.compress(src.read())
    p = subprocess.run([BIN, "--format", "json", "-"], input=data, capture_output=True)
    r = contracts.check_json(p.stdout)["reports"][0]
    assert p.returncode == 0 and r["capture"]["frames"] == 281, (p.returncode, p.stderr)
    cut = os.path.join(TMP, "cut.pcap.gz")
    with open(cut, "wb") as f:
        f.write(data[: len(data) // 2])
    r = json_of(cut)["reports"][0]
    assert "MA921" in codes(r) and 0 < r["capture"]["frames"] < 281, (codes(r), r["capture"])
    garbage = os.path.join(TMP, "garbage.gz")
    with open(garbage, "wb") as f:
        f.write(gzip.compress(b"this is not a capture file at all"))
    p = run(garbage, expect_rc=2)
    assert p.stderr.decode() == "mcast-audit: %s: not a pcap or pcapng file\n" % garbage, p.stderr
    print("ok: gzip: .pcap.gz, a gzip named .pcap, .cap and standard input read by content "
          "(281 frames, same sessions); a cut gzip is MA921; gzip of garbage is exit 2")


def check_duration():
    for value in ("0", "-1", "0.0"):
        p = run("-i", "lo", "--duration", value, expect_rc=2)
        msg = p.stderr.decode()
        assert msg.startswith("mcast-audit: --duration: "), msg
    p = run("-i", "lo", "--duration", "0", expect_rc=2)
    assert p.stderr.decode() == ("mcast-audit: --duration: must be more than 0 seconds (leave it "
                                 "out to capture until Ctrl-C)\n"), p.stderr
    print("ok: --duration 0 / -1 / 0.0 are usage errors (exit 2)")


def main():
    global BIN, CAPS, TMP
    BIN, CAPS = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        TMP = tmp
        check_per_file()
        check_nothing_to_audit()
        check_expect_group_and_session()
        check_duration()
        if "--no-gzip" not in sys.argv:
            check_gzip()


if __name__ == "__main__":
    main()
