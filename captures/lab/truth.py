#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""truth.py DIR: write DIR/NAME.expected.json for every capture record.sh made in DIR.

Each expected file holds
  - tshark's `-z rtp,streams` figures for the media (tshark is told the media port is RTP and
    the payload type's codec, so it knows the clock rate and computes jitter),
  - the truth from the forwarder's decision log (netem_fwd.py), packet by packet: which media
    packets it dropped, duplicated and delayed, and in which order it sent them; this file
    checks that the capture holds exactly the packets the log says were sent in the captured
    window (so tcpdump lost nothing), then derives lost / duplicates / reordered from the log,
  - the verdicts a correct analyser gives (SCENARIOS below: the reasoning is in captures/README.md).
"""
import json
import os
import re
import subprocess
import sys

# name: (vantage, media port, verdicts, description). Vantage "client": the capture is on the
# client's interface, behind the forwarder; "camera": on the camera's interface (the forwarder
# is not in the path, nothing impaired); "mirror": the forwarder's client-side TAP (a mirror of
# the clients' segment).
SCENARIOS = {
    "clean-client": ("client", 5000, ["MA340"],
                     "gst-rtsp-server (pool, TTL 1), ffmpeg client, IGMPv3, snooping querier; TEARDOWN and leave. "
                     "MA340: TTL 1 is fine, the RTSP packets show 0 router hops"),
    "clean-camera": ("camera", 5000, ["MA340"],
                     "The clean-client session captured on the camera's interface: the same figures; the "
                     "client's reports are seen because the bridge forwards them to the querier's side"),
    "loss": ("client", 5000, ["MA307", "MA340"], "netem loss 2 % (seeded) on the media towards the ffmpeg client"),
    "delay-jitter": ("client", 5000, ["MA340"],
                     "netem delay 40 ms +/- 15 ms, order kept; GStreamer rtspsrc client: its 5 start-up "
                     "datagrams to the RTP port and its receiver RTCP are named as such"),
    "dup-reorder": ("client", 5000, ["MA311", "MA340"],
                    "netem duplicate 2 %, delay 10 ms, reorder 5 % gap 5; ffmpeg client"),
    "igmp-firewall": ("client", 5000, ["MA310", "MA312", "MA340"],
                      "A firewall beyond the client drops its IGMP: the client's capture still shows its "
                      "join; the bridge floods 2 s until its querier runs, then prunes: media stops"),
    "teardown-leave": ("client", 5000, ["MA340"],
                       "GStreamer client: TEARDOWN, IGMPv3 leave, group-specific queries from 0.0.0.0"),
    "igmpv2-querier": ("client", 5000, ["MA340"],
                       "IGMPv2 querier (bridge) and the client's kernel forced to IGMPv2: v2 report and leave"),
    "two-clients": ("mirror", 5000, ["MA340"],
                    "ffmpeg and GStreamer clients of one shared group, captured at the clients' mirror "
                    "port: two sessions, one stream, each client's RTCP named per session"),
    "mid-stream": ("client", 5000, ["MA105", "MA305"],
                   "Capture started 8 s after PLAY: media and RTCP only, no RTSP, so the hop count is "
                   "unknown (MA305 stays) and PT 96 has no clock rate"),
    "vlc-server": ("client", 5004, ["MA104", "MA106", "MA201", "MA310", "MA312", "MA340"],
                   "VLC's RTSP server (sout rtp, sdp=rtsp://) and the GStreamer client: VLC streams before "
                   "any SETUP, its SDP says ttl 255, its reply ttl=1 without the word multicast; the "
                   "client never joins, sends no keep-alive; the media stops when the snooping querier starts"),
    "vlc-ffmpeg": ("client", 5004, ["MA104", "MA201", "MA340"],
                   "VLC's RTSP server and ffmpeg: ffmpeg refuses the reply (\"Nonmatching transport\": no "
                   "multicast keyword, RFC 2326's default) and never sends PLAY"),
    "no-querier": ("client", 5000, ["MA206", "MA340"],
                   "No querier on the bridge (it floods), 140 s of the 5 fps stream; GStreamer client"),
    "expiry-no-query": ("client", 5000, ["MA206", "MA207", "MA340"],
                        "Queries never reach the client: its membership expires, the media stops 273 s after "
                        "its last report; the last packet is the media's, but dumpcap's interface statistics "
                        "say the capture went on 5.2 s (pcapng isb_endtime): MA207"),
}

CAMERA = "10.77.0.1"
TSHARK_ROW = re.compile(
    r"^\s*([\d.]+)\s+([\d.]+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(0x[0-9A-Fa-f]+)\s+(.+?)\s+(\d+)\s+(-?\d+)\s+\(([-\d.]+)%\)"
    r"\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*(X?)\s*$")


def tshark_args(port):
    return ["-d", "udp.port==%d,rtp" % port, "-d", "rtp.pt==96,h264"]


def tshark_streams(capture, port):
    out = subprocess.run(["tshark", "-r", capture, "-q", *tshark_args(port), "-z", "rtp,streams"],
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        m = TSHARK_ROW.match(line)
        if m:
            g = m.groups()
            rows.append({"src": g[2], "sport": int(g[3]), "dst": g[4], "dport": int(g[5]),
                         "ssrc": "0x%08x" % int(g[6], 16), "payload": g[7], "packets": int(g[8]),
                         "lost": int(g[9]), "max_delta_ms": float(g[13]),
                         "mean_jitter_ms": float(g[15]), "max_jitter_ms": float(g[16])})
    return rows


def tshark_version():
    out = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    return out.split("\n", 1)[0]


def captured_media(capture, port):
    """(ssrc, seq) of each media packet from the camera to the group, in capture order."""
    out = subprocess.run(["tshark", "-r", capture, *tshark_args(port), "-Y",
                          "rtp && ip.dst==239.0.0.0/8 && udp.dstport==%d && ip.src==%s" % (port, CAMERA),
                          "-T", "fields", "-e", "rtp.ssrc", "-e", "rtp.seq"],
                         capture_output=True, text=True, check=True).stdout
    return [(int(a, 16), int(b)) for a, b in (l.split("\t") for l in out.splitlines() if l)]


def seq_counts(order):
    """lost / duplicates / reordered of one source's arrival order, by mcast-audit's rules
    (core/rtp_seq.c): lost = numbers never received between the lowest and the highest,
    a duplicate is a number received before, reordered = a number below the highest that
    fills its hole. Extended numbers (wrap) are tracked by the nearest cycle."""
    seen, highest, lowest, dup, reord = set(), None, None, 0, 0
    ext_prev = None
    for seq in order:
        ext = seq if ext_prev is None else ext_prev + ((seq - ext_prev + 32768) % 65536) - 32768
        if highest is not None and ext > highest:
            ext_prev = ext
        elif ext_prev is None:
            ext_prev = ext
        if ext in seen:
            dup += 1
            continue
        if highest is not None and ext < highest:
            reord += 1
        seen.add(ext)
        highest = ext if highest is None else max(highest, ext)
        lowest = ext if lowest is None else min(lowest, ext)
    lost = (highest - lowest + 1 - len(seen)) if seen else 0
    return {"packets": len(order), "expected": (highest - lowest + 1) if seen else 0,
            "lost": lost, "duplicates": dup, "reordered": reord}


def netem_truth(log_path, media):
    """The forwarder's truth for the captured window, checked against the capture."""
    decisions, sent = [], []
    with open(log_path) as f:
        for line in f:
            r = json.loads(line)
            if "sent" in r:
                sent.append((r["ssrc"], r["seq"]))
            elif "seq" in r:
                decisions.append(r)
    if not media:
        return {"sent_in_window": 0, "drops": 0, "duplicated": 0, "igmp_dropped":
                sum(1 for line in open(log_path) if '"igmp"' in line)}
    # the captured window: the run of sent packets that the capture holds
    n = len(media)
    start = next((i for i in range(len(sent) - n + 1) if sent[i:i + n] == media), None)
    if start is None:
        sys.exit("truth.py: %s: the capture's media is not a run of the forwarder's sent packets"
                 " (tcpdump lost packets?)" % log_path)
    window = sent[start:start + n]
    first_t = next(i for i, d in enumerate(decisions) if (d["ssrc"], d["seq"]) == window[0])
    last_t = max(i for i, d in enumerate(decisions) if (d["ssrc"], d["seq"]) in set(window[-1:]))
    inside = decisions[first_t:last_t + 1]
    delays = [d["delay_ms"] for d in inside if d["delay_ms"] is not None]
    return {"sent_in_window": n, "decisions_in_window": len(inside),
            "drops": sum(1 for d in inside if d["action"] == "drop"),
            "duplicated": sum(1 for d in inside if d["action"] == "dup"),
            "delay_ms_min": min(delays) if delays else None,
            "delay_ms_max": max(delays) if delays else None,
            "igmp_dropped": sum(1 for line in open(log_path) if '"igmp"' in line)}


def main():
    out_dir = sys.argv[1]
    version = tshark_version()
    rows = []
    for name, (vantage, port, verdicts, description) in SCENARIOS.items():
        capture = next((name + ext for ext in (".pcap", ".pcapng")
                        if os.path.exists(os.path.join(out_dir, name + ext))), None)
        if capture is None:
            print("truth.py: no capture for", name, file=sys.stderr)
            continue
        path = os.path.join(out_dir, capture)
        media = captured_media(path, port)
        log = os.path.join(out_dir, name + ".netem.jsonl")
        flows = []
        streams = tshark_streams(path, port)
        by_ssrc = {}
        for ssrc, seq in media:
            by_ssrc.setdefault(ssrc, []).append(seq)
        for s in streams:
            if s["src"] != CAMERA:
                continue  # a receiver's start-up datagrams that happen to parse as RTP
            counts = seq_counts(by_ssrc.get(int(s["ssrc"], 16), []))
            flows.append({"src": s["src"], "sport": s["sport"], "dst": s["dst"], "dport": s["dport"],
                          "kind": "rtp", "ssrc": s["ssrc"], **counts,
                          "jitter_max_ms": s["max_jitter_ms"], "jitter_mean_ms": s["mean_jitter_ms"]})
        truth = None
        if vantage != "camera" and os.path.exists(log):
            truth = netem_truth(log, media)
            rtp = flows
            if rtp and sum(f["lost"] for f in rtp) != truth["drops"]:
                sys.exit("truth.py: %s: %d holes in the capture, the log dropped %d"
                         % (name, sum(f["lost"] for f in rtp), truth["drops"]))
            if rtp and sum(f["duplicates"] for f in rtp) != truth["duplicated"]:
                sys.exit("truth.py: %s: duplicates disagree with the log" % name)
        expected = {
            "capture": capture,
            "description": description,
            "recorded_with": "captures/lab/record.sh (scenario %s)" % name,
            "vantage": vantage,
            "tshark": {"version": version, "args": tshark_args(port) + ["-z", "rtp,streams"],
                       "streams": streams},
            "netem_truth": truth,
            "flows": flows,
            "verdicts": verdicts,
        }
        with open(os.path.join(out_dir, name + ".expected.json"), "w") as f:
            json.dump(expected, f, indent=1)
            f.write("\n")
        print("truth.py: %s: %d media packets, verdicts %s" % (name, len(media), verdicts))
        rows.append((capture, vantage, verdicts, description, truth))
    write_index(out_dir, rows)


def write_index(out_dir, rows):
    """DIR/README.md: one line per capture (regen-captures.sh appends it to captures/README.md)."""
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write("## Recorded from real software (`real/`)\n\n"
                "Recorded by `lab/record.sh` (as root, Debian 12: gst-rtsp-server 1.22, VLC 3.0, ffmpeg 5.1, "
                "GStreamer rtspsrc, Linux bridge with IGMP snooping, the kernel's IGMP) in network namespaces; "
                "impairments by `lab/netem_fwd.py` (netem's rules, seed 12, every decision in "
                "`NAME.netem.jsonl`). `NAME.expected.json` holds tshark's `rtp,streams` figures, the truth "
                "from the decision log and the verdicts; `lab/truth.py` writes them and this table.\n\n"
                "| capture | seen at | verdicts | what it shows | impairment truth |\n|---|---|---|---|---|\n")
        for capture, vantage, verdicts, description, truth in rows:
            t = "-"
            if truth:
                t = "%d dropped, %d duplicated" % (truth["drops"], truth["duplicated"])
                if truth.get("delay_ms_max"):
                    t += ", delay %.1f..%.1f ms" % (truth["delay_ms_min"], truth["delay_ms_max"])
                if truth.get("igmp_dropped"):
                    t += ", %d IGMP dropped" % truth["igmp_dropped"]
            f.write("| `real/%s` | %s | %s | %s | %s |\n" % (capture, vantage, ", ".join(verdicts) or "none",
                                                          description, t))


if __name__ == "__main__":
    main()
