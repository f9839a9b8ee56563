#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""list_udp.py BIN LAN_CAPTURE - UDP that is not media is counted, not listed;
--list-udp lists it, with the service each flow belongs to (lan-no-media.pcap:
13 flows, 28 datagrams, no session; nothing to audit, so MA920 and FAIL:
network control traffic proves nothing about a stream)."""
import json
import re
import subprocess
import sys


def run(*args):
    p = subprocess.run(list(args), capture_output=True, text=True)
    assert p.returncode == 1, (args, p.returncode, p.stderr)  # MA920 is an error
    return p.stdout


def main():
    binary, capture = sys.argv[1:3]
    plain = json.loads(run(binary, "--format", "json", capture))["reports"][0]
    assert plain["flows"] == [], plain["flows"]
    assert plain["unrelated_udp"] == {"flows": 13, "datagrams": 28, "listed": False}, plain["unrelated_udp"]
    assert plain["sessions"] == [] and plain["result"] == "FAIL"
    assert [v["code"] for v in plain["verdicts"]] == ["MA920"], plain["verdicts"]
    listed = json.loads(run(binary, "--format", "json", "--list-udp", capture))["reports"][0]
    assert listed["unrelated_udp"] == {"flows": 13, "datagrams": 28, "listed": True}
    flows = listed["flows"]
    assert [f["id"] for f in flows] == list(range(1, 14)), [f["id"] for f in flows]
    assert all(f["unrelated"] and f["kind"] == "udp" and f["packets"] is None for f in flows)
    names = [f["control"] for f in flows]
    assert names == ["LLMNR", "LLMNR", "mDNS", "SSDP", "LLMNR", "DNS", "DNS", None,
                     "LLMNR", "LLMNR", "LLMNR", "NTP", "NTP"], names
    heartbeat = flows[7]
    assert (heartbeat["dport"], heartbeat["datagrams"]) == (40000, 12), heartbeat
    assert sum(f["datagrams"] for f in flows) == 28
    text = run(binary, capture)
    need = r"^Other UDP 13 flows \(28 datagrams\) tied to no session and not RTP: counted, not listed"
    assert re.search(need, text, re.M), text
    assert re.search(r"^Result: FAIL \(1 error\) - 0 sessions, 0 flows, 43 frames$", text, re.M), text
    text = run(binary, "--list-udp", capture)
    assert "(LLMNR: network control, never media)" in text, text
    assert re.search(r"^Result: FAIL \(1 error\) - 0 sessions, 13 flows, 43 frames$", text, re.M), text
    assert "Other UDP" not in text
    print("ok: 13 unrelated flows counted, listed with --list-udp")


if __name__ == "__main__":
    main()
