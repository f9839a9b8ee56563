#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""truncated.py BIN [SEED] - a capture whose last packet is cut short is not
an error: the packets before it are audited, the report carries a capture
warning and the MA921 capture-truncated verdict (a warning: --fail-on warning
makes it fail, and JUnit shows it as a failure then), and the exit code
follows the verdicts (0 or 1, never 2)."""
import os
import struct
import subprocess
import sys
import tempfile

import contracts

GROUP, SOURCE = bytes([239, 1, 1, 1]), bytes([10, 0, 0, 5])


def ip_checksum(header):
    total = sum(struct.unpack("!%dH" % (len(header) // 2), header))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def rtp_frame(seq):
    rtp = struct.pack("!BBHII", 0x80, 96, seq, seq * 3600, 0x0A0B0C0D) + bytes(160)
    udp = struct.pack("!HHHH", 5004, 5004, 8 + len(rtp), 0) + rtp
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), seq, 0, 16, 17, 0,
                               SOURCE, GROUP))
    ip[10:12] = struct.pack("!H", ip_checksum(bytes(ip)))
    eth = bytes([0x01, 0x00, 0x5E, 0x01, 0x01, 0x01, 0x02, 0, 0, 0, 0, 5]) + b"\x08\x00"
    return eth + bytes(ip) + udp


def write_truncated_pcap(path, count):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i in range(count):
            frame = rtp_frame(1000 + i)
            f.write(struct.pack("<IIII", 1700000000, i * 20000, len(frame), len(frame)))
            # the last record promises the whole frame but holds only 30 bytes
            f.write(frame if i < count - 1 else frame[:30])


def run(binary, path, *opts):
    p = subprocess.run([binary, "--format", "json", *opts, path], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise AssertionError("exit %d (expected 0 or 1), stderr: %s" % (p.returncode, p.stderr))
    report = contracts.check_json(p.stdout)["reports"][0]
    if report["exit_code"] != p.returncode:
        raise AssertionError("exit %d but JSON exit_code %d" % (p.returncode, report["exit_code"]))
    if not report["capture"]["warnings"]:
        raise AssertionError("no capture warning about the truncated packet")
    return report


def check_synthetic(binary, tmp):
    path = os.path.join(tmp, "rtp-truncated.pcap")
    write_truncated_pcap(path, 20)
    r = run(binary, path)
    assert r["capture"]["frames"] == 19, r["capture"]
    flows = [f for f in r["flows"] if f["kind"] == "rtp"]
    assert len(flows) == 1, r["flows"]
    f = flows[0]
    assert (f["src"], f["dst"], f["dport"]) == ("10.0.0.5", "239.1.1.1", 5004), f
    assert (f["packets"], f["lost"], f["duplicates"], f["reordered"]) == (19, 0, 0, 0), f
    assert f["ttl_min"] == 16, f
    assert len(r["sessions"]) == 1 and r["sessions"][0]["outside_capture"] is True, r["sessions"]
    codes = [v["code"] for v in r["verdicts"]]
    # No MA310: its RTP lasted under the 15 s (3 RTCP intervals) MA310 needs.
    # No RTSP at all: static multicast that nobody joined (MA220), not MA105.
    assert codes == ["MA220", "MA921"], codes
    cut = [v for v in r["verdicts"] if v["code"] == "MA921"][0]
    assert cut["severity"] == "warning" and cut["frames"] == [19] and cut["session"] is None, cut
    assert cut["message"] == ("%s is truncated after frame 19: what follows is not audited"
                              % path), cut["message"]
    assert r["result"] == "WARN" and r["exit_code"] == 0, (r["result"], r["exit_code"])
    # the gate: --fail-on warning fails on the cut alone
    strict = run(binary, path, "--fail-on", "warning")
    assert strict["result"] == "FAIL" and strict["exit_code"] == 1, strict["result"]
    junit = subprocess.run([binary, "--format", "junit", "--fail-on", "warning", path],
                           capture_output=True)
    assert junit.returncode == 1, junit.returncode
    contracts.check_junit(junit.stdout)
    assert b'<testcase classname="mcast-audit.capture" name="capture" time="0.000">\n' \
           b'      <failure type="MA921" message="MA921 capture-truncated: ' in junit.stdout, \
        junit.stdout.decode()
    text = subprocess.run([binary, path], capture_output=True, text=True).stdout
    assert ("    Verdicts  WARN MA921 capture-truncated: %s is truncated after frame 19: "
            "what follows is not audited\n" % path) in text, text
    print("ok: synthetic truncated capture: 19 packets, warning %r, verdicts %s, exit %d; "
          "--fail-on warning exit 1, JUnit failure MA921"
          % (r["capture"]["warnings"][0], codes, r["exit_code"]))


def check_seed(binary, seed, tmp):
    with open(seed, "rb") as f:
        data = f.read()
    path = os.path.join(tmp, "seed-truncated.pcap")
    with open(path, "wb") as f:
        f.write(data[:-7])  # cut inside the last packet
    r = run(binary, path)
    s = r["sessions"][0]
    assert (s["client"], s["server"]) == ("10.9.97.42", "10.9.97.69"), s
    print("ok: truncated seed: session 1 %s -> %s still reported, exit %d"
          % (s["client"], s["server"], r["exit_code"]))


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        check_synthetic(binary, tmp)
        if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
            check_seed(binary, sys.argv[2], tmp)


if __name__ == "__main__":
    main()
