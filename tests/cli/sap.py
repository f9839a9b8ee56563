#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sap.py BIN CAPTURES [TSHARK] - SAP announcements (RFC 2974, issue 16 item
4) on captures/sap-announced.pcap: the described session's exact figures
(4 announcements at frames 1/248/499/750, 5.000 s apart, deletion at frame
876), its track (group, port, PT 97 at 8 kHz from the SDP), the media (995
packets, frames 3-1001), MA369 with its frames, exit 0, the SAP flow counted
as UDP tied to no session, no group block; text lines.  With tshark: the
announcement and deletion frames, their message id hash and originating
source are tshark's (`sap` protocol)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contracts  # noqa: E402

problems = []


def check(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))


def main():
    binary, captures = sys.argv[1:3]
    tshark = sys.argv[3] if len(sys.argv) > 3 else None
    cap = os.path.join(captures, "sap-announced.pcap")
    p = subprocess.run([binary, "--format", "json", cap], capture_output=True, text=True)
    check("exit", p.returncode, 0)
    r = contracts.check_json(p.stdout)["reports"][0]
    check("sessions", len(r["sessions"]), 1)
    s = r["sessions"][0]
    check("origin", (s["origin"], s["described_by"], s["described_frame"]),
          ("sap", "10.9.97.80 msg id 0x5a17", 1))
    check("sap", s["sap"], {"origin": "10.9.97.80", "msg_id_hash": "0x5a17", "announcements": 4,
                            "first_frame": 1, "last_frame": 750, "interval_min_s": 5.0,
                            "interval_max_s": 5.0, "interval_mean_s": 5.0, "size": 146,
                            "deletion_frame": 876, "deletion_time": 17.5})
    t = s["tracks"][0]
    check("track", (t["group"], t["rtp_port"], t["ttl"], t["payload_type"], t["encoding"],
                    t["clock_rate"], t["described"]),
          ("239.1.1.40", 5004, 32, 97, "PCMU", 8000, {"payload_types": [97], "source_filter": None}))
    check("verdicts", [(v["code"], v["frames"]) for v in r["verdicts"]], [("MA369", [876, 1001])])
    check("MA369 message", r["verdicts"][0]["message"],
          "media to 239.1.1.40:5004 still arrives 2.5 s after the SAP announcement 10.9.97.80 "
          "msg id 0x5a17 was deleted (frame 876), last packet frame 1001")
    media = [(f["src"], f["dst"], f["dport"], f["session"], f["first_frame"], f["last_frame"],
              f["packets"], f["lost"], f["clock_rate_source"]) for f in r["flows"]]
    check("flows", media, [("10.9.97.80", "239.1.1.40", 5004, 1, 3, 1001, 995, 0, "negotiated")])
    check("unrelated udp", (r["unrelated_udp"]["flows"], r["unrelated_udp"]["datagrams"]), (1, 5))
    check("groups", r["groups"], [])
    check("decode events", r["capture"]["decode_events"], [])

    p = subprocess.run([binary, cap], capture_output=True, text=True)
    for line in ("Session 1: described by the SAP announcement 10.9.97.80 msg id 0x5a17 "
                 "(s=lobby audio), origin sap, no RTSP",
                 "    SAP       4 announcements, frames 1-750, interval mean 5.000 s (min 5.000, "
                 "max 5.000); deleted frame 876 at 17.500 s"):
        if line not in p.stdout.splitlines():
            problems.append("text lacks %r" % line)

    if tshark:
        q = subprocess.run([tshark, "-r", cap, "-Y", "sap", "-T", "fields", "-e", "frame.number",
                            "-e", "sap.flags.t", "-e", "sap.message_identifier_hash", "-e",
                            "sap.originating_source"], capture_output=True, text=True)
        rows = [line.split("\t") for line in q.stdout.split("\n") if line]
        ann = [int(x[0]) for x in rows if x[1] in ("0", "False")]
        dele = [int(x[0]) for x in rows if x[1] in ("1", "True")]
        check("tshark announcements", (len(ann), ann[0] if ann else None, ann[-1] if ann else None),
              (s["sap"]["announcements"], s["sap"]["first_frame"], s["sap"]["last_frame"]))
        check("tshark deletion", dele, [s["sap"]["deletion_frame"]])
        check("tshark hash and source", sorted({(x[2], x[3]) for x in rows}),
              [("0x5a17", "10.9.97.80")])

    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("ok: sap-announced: 4 announcements (1/248/499/750), deletion 876, 995 RTP, MA369, "
          "exit 0%s" % (", frames as tshark's" if tshark else ""))


if __name__ == "__main__":
    main()
