#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""sdp_file.py BIN CAPTURES - `--sdp FILE` (issue 16 item 3): streams an SDP
file describes, audited without RTSP.  On captures/sdp-ssm-mismatch.pcap: the
shipped file's exact verdicts and frames (MA239 frame 1, MA368 frame 2), the
session's origin and expectations, the flow's figures on the rtpmap's clock;
variants of the file (the right source, another group, another payload type,
a higher TTL) give exactly their verdicts; a bad file is exit 2 with the
file's name and line; the group is not audited twice (no group block)."""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contracts  # noqa: E402

problems = []


def check(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, text=True)


def audit(binary, sdps, capture):
    args = ["--format", "json"]
    for s in sdps:
        args += ["--sdp", s]
    p = run(binary, args + [capture])
    if p.returncode == 2:
        sys.exit("FAIL: exit 2: %s" % p.stderr.strip())
    doc = contracts.check_json(p.stdout)
    return p.returncode, doc["reports"][0]


def verdicts(report):
    return sorted((v["code"], tuple(v["frames"])) for v in report["verdicts"])


def variant(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def main():
    binary, captures = sys.argv[1:3]
    cap = os.path.join(captures, "sdp-ssm-mismatch.pcap")
    sdp = os.path.join(captures, "sdp-ssm-mismatch.sdp")
    with open(sdp) as f:
        shipped = f.read()

    rc, r = audit(binary, [sdp], cap)
    check("exit", rc, 1)
    check("verdicts", verdicts(r), [("MA239", (1,)), ("MA368", (2,))])
    check("groups", r["groups"], [])
    s = r["sessions"][0]
    check("sessions", len(r["sessions"]), 1)
    check("origin", (s["origin"], s["described_by"], s["described_frame"]), ("sdp-file", sdp, None))
    check("client", s["client"], None)
    t = s["tracks"][0]
    check("track", (t["group"], t["rtp_port"], t["rtcp_port"], t["ttl"], t["source"],
                    t["payload_type"], t["encoding"], t["clock_rate"]),
          ("232.1.1.30", 5004, 5005, 32, "10.9.97.81", 97, "PCMU", 8000))
    check("described", t["described"],
          {"payload_types": [97], "source_filter": {"mode": "incl", "sources": ["10.9.97.81"]}})
    check("memberships", [(m["frame"], m["host"], m["kind"], m["sources"]) for m in t["memberships"]],
          [(1, "10.9.97.42", "join", ["10.9.97.81"])])
    f = r["flows"][0]
    check("flow", (f["src"], f["session"], f["first_frame"], f["last_frame"], f["packets"],
                   f["lost"], f["clock_rate"], f["clock_rate_source"], f["ttl_min"]),
          ("10.9.97.80", 1, 2, 401, 400, 0, 8000, "negotiated", 32))
    by_code = {v["code"]: v["message"] for v in r["verdicts"]}
    check("MA368 message", by_code.get("MA368"),
          "media to 232.1.1.30:5004 comes from 10.9.97.80 (frame 2), which the a=source-filter of "
          "the SDP file %s does not allow (incl 10.9.97.81)" % sdp)

    # without --sdp: static multicast, the group audit's MA224 instead
    rc, r = audit(binary, [], cap)
    check("no --sdp: exit", rc, 1)
    check("no --sdp: verdicts", [v["code"] for v in r["verdicts"]], ["MA224"])
    check("no --sdp: groups", [g["group"] for g in r["groups"]], ["232.1.1.30"])

    # the text report names the origin and what is expected
    p = run(binary, ["--sdp", sdp, cap])
    check("text exit", p.returncode, 1)
    for line in ("Session 1: described by the SDP file %s (s=studio 1 audio), origin sdp-file, "
                 "no RTSP" % sdp,
                 "    Expected  track 1: audio to 232.1.1.30:5004 PCMU PT 97, 8000 Hz, TTL 32, "
                 "source-filter incl 10.9.97.81"):
        if line not in p.stdout.splitlines():
            problems.append("text lacks %r" % line)

    with tempfile.TemporaryDirectory() as tmp:
        # the right source: the media is fine, the viewer's join (of .81) still lacks it
        good = variant(tmp, "good.sdp", shipped.replace("10.9.97.81", "10.9.97.80"))
        rc, r = audit(binary, [good], cap)
        check("right source: exit, verdicts", (rc, verdicts(r)), (1, [("MA239", (1,))]))
        # another group: never seen, and the real one is static multicast again
        other = variant(tmp, "other.sdp", shipped.replace("232.1.1.30", "232.1.1.31"))
        rc, r = audit(binary, [other], cap)
        check("other group: exit, verdicts", (rc, verdicts(r)), (1, [("MA224", (1,)), ("MA365", ())]))
        # a payload type the m= line does not list; TTL 64 described, 32 on the wire
        pt = variant(tmp, "pt.sdp", shipped.replace("RTP/AVP 97", "RTP/AVP 96")
                     .replace("rtpmap:97", "rtpmap:96").replace("/32", "/64")
                     .replace("10.9.97.81", "10.9.97.80"))
        rc, r = audit(binary, [pt], cap)
        check("pt/ttl: exit, verdicts", (rc, verdicts(r)),
              (1, [("MA239", (1,)), ("MA304", (2,)), ("MA366", (2,))]))
        # c= with a number of addresses (RFC 8866 5.7): 232.1.1.29/32/3 is three groups, each a
        # track with TTL 32; the media reaches the second (.30), whose a=source-filter (it
        # names .30) still lacks 10.9.97.80; .29 and .31 get nothing (MA365 each)
        three = variant(tmp, "three.sdp", shipped.replace("232.1.1.30/32", "232.1.1.29/32/3"))
        rc, r = audit(binary, [three], cap)
        check("three groups: exit, verdicts", (rc, verdicts(r)),
              (1, [("MA239", (1,)), ("MA365", ()), ("MA365", ()), ("MA368", (2,))]))
        check("three groups: tracks",
              [(t["group"], t["rtp_port"], t["ttl"], t["described"]["source_filter"])
               for t in r["sessions"][0]["tracks"]],
              [("232.1.1.29", 5004, 32, None),
               ("232.1.1.30", 5004, 32, {"mode": "incl", "sources": ["10.9.97.81"]}),
               ("232.1.1.31", 5004, 32, None)])
        check("three groups: MA365 messages",
              sorted(v["message"] for v in r["verdicts"] if v["code"] == "MA365"),
              ["no datagram reached 232.1.1.%d:5004, which the SDP file %s describes" % (n, three)
               for n in (29, 31)])
        check("three groups: flow's session and track",
              [(f["dst"], f["session"], f["packets"]) for f in r["flows"]],
              [("232.1.1.30", 1, 400)])
        check("three groups: no group block", r["groups"], [])
        # with as many ports (m= 5004/3, RFC 8866 5.14): address k on port 5004 + 2k
        ports = variant(tmp, "ports.sdp", shipped.replace("232.1.1.30/32", "232.1.1.30/32/3")
                        .replace("audio 5004 ", "audio 5004/3 "))
        rc, r = audit(binary, [ports], cap)
        check("three ports: tracks", [(t["group"], t["rtp_port"]) for t in r["sessions"][0]["tracks"]],
              [("232.1.1.30", 5004), ("232.1.1.31", 5006), ("232.1.1.32", 5008)])
        check("three ports: verdicts", verdicts(r),
              [("MA239", (1,)), ("MA365", ()), ("MA365", ()), ("MA368", (2,))])
        # two files: two described sessions
        rc, r = audit(binary, [good, other], cap)
        check("two files: origins", [(x["origin"], x["described_by"]) for x in r["sessions"]],
              [("sdp-file", good), ("sdp-file", other)])

        bad = {
            "ttl.sdp": (shipped.replace("/32", "/300"),
                        "line 6: malformed, repeated or over a limit: 'c=IN IP4 232.1.1.30/300'"),
            "garbage.sdp": ("v=0\nhello\n", "line 2: not a '<letter>=<value>' line (RFC 8866 5): 'hello'"),
            "nov.sdp": ("s=x\n", "line 1: SDP: first line is 's=', expected 'v=0' (RFC 8866 5.1)"),
            "unicast.sdp": (shipped.replace("232.1.1.30/32", "10.9.97.42"),
                            "line 5: no m= section has a multicast c= address and a port "
                            "(RFC 8866 5.7, 5.14): nothing to expect"),
            "nomedia.sdp": ("v=0\ns=x\n", "no m= line: nothing to expect"),
            "count-limit.sdp": (shipped.replace("232.1.1.30/32", "232.1.1.30/32/65"),
                                "line 6: c= number of addresses over the limit of 64: "
                                "'c=IN IP4 232.1.1.30/32/65'"),
            "count-range.sdp": (shipped.replace("232.1.1.30/32", "239.255.255.254/32/3"),
                                "line 6: c= number of addresses runs past the multicast range: "
                                "'c=IN IP4 239.255.255.254/32/3'"),
            "count-unicast.sdp": (shipped.replace("232.1.1.30/32", "10.9.97.42/32/2"),
                                  "line 6: c= number of addresses for an address that is not a "
                                  "multicast literal (RFC 8866 5.7): 'c=IN IP4 10.9.97.42/32/2'"),
            "count-session.sdp": ("v=0\ns=x\nc=IN IP4 232.1.1.29/32/3\nm=audio 5004 RTP/AVP 0\n",
                                  "line 3: a number of addresses in a session-level c= (RFC 8866 "
                                  "5.7: media level only): 'c=IN IP4 232.1.1.29/32/3'"),
        }
        for name, (text, message) in sorted(bad.items()):
            path = variant(tmp, name, text)
            p = run(binary, ["--sdp", path, cap])
            check(name + " exit", p.returncode, 2)
            check(name + " message", p.stderr.strip(), "mcast-audit: --sdp %s: %s" % (path, message))
        p = run(binary, ["--sdp", os.path.join(tmp, "missing.sdp"), cap])
        check("missing exit", p.returncode, 2)
        if "missing.sdp" not in p.stderr:
            problems.append("missing file: %r" % p.stderr)

    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("ok: --sdp on sdp-ssm-mismatch: MA239 frame 1, MA368 frame 2, 400 packets, exit 1; "
          "variants and strict errors as expected")


if __name__ == "__main__":
    main()
