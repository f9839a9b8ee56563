#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Media no SETUP or SDP negotiated decodes as RTP once the core's probation
# validated it (issue 16): on captures/static-multicast.pcap (no RTSP) the
# 795 datagrams to 239.1.1.10:5004 are RTP in a second pass from the flow's
# first frame (rtp.setup-frame 2, setup-method MCAST-AUDIT), in one pass from
# the frame after the validation (frame 4: the 2 probation packets stay UDP);
# `tshark -2 -z rtp,streams` agrees with the CLI's JSON (packets, lost, jitter
# max within 0.001 ms: tshark prints 3 decimals) on every capture with such a
# flow, a dynamic payload type included (its clock rate is the core's
# inference); the LAN capture's LLMNR, DNS, NTP and other UDP stay what they
# are (no RTP frame at all).
# usage: static_rtp.sh PLUGIN_SO CLI CAPTURES_DIR
. "$(dirname "$0")/lib.sh"
so=$1 cli=$2 dir=$3
caps=(static-multicast static-expiry mid-stream-start unicast-no-signalling wrong-group wrong-port
      transport-malformed sdp-ssm-mismatch lan-no-media)
for c in "${caps[@]}"; do
    [ -f "$dir/$c.pcap" ] || { echo "SKIP: $dir/$c.pcap missing"; exit 77; }
done
ma_setup "$so"
for c in "${caps[@]}"; do cp "$dir/$c.pcap" "$MA_DIR/"; done
chmod -R a+rX "$MA_DIR"
f=(-T fields -E occurrence=f)

check "static-multicast, two passes: RTP frames, setup frame and method" "795 2 MCAST-AUDIT" \
    "$(ts -2 -r static-multicast.pcap -Y 'rtp' "${f[@]}" -e rtp.setup-frame -e rtp.setup-method 2>/dev/null | sort | uniq -c | xargs)"
check "static-multicast, one pass: RTP frames from the validation on (first frame 4)" "793 4" \
    "$(ts -r static-multicast.pcap -Y 'rtp' "${f[@]}" -e frame.number 2>/dev/null | awk 'NR==1{first=$1} END{print NR, first}')"
check "lan-no-media: no RTP; LLMNR, DNS, NTP stay" "0 10 2 2" \
    "$(ts -2 -r lan-no-media.pcap "${f[@]}" -e _ws.col.Protocol 2>/dev/null | awk '
        $1=="RTP"{r++} $1=="LLMNR"{l++} $1=="DNS"{d++} $1=="NTP"{n++} END{print r+0, l+0, d+0, n+0}')"

# tshark's RTP streams against the CLI's RTP flows, one for one
for c in "${caps[@]}"; do
    ts -2 -q -r "$c.pcap" -z rtp,streams > "$MA_DIR/$c.streams" 2>/dev/null
    "$cli" --format json "$MA_DIR/$c.pcap" > "$MA_DIR/$c.json" 2>/dev/null || true
    if out=$(python3 - "$MA_DIR/$c.streams" "$MA_DIR/$c.json" <<'PY'
import json, re, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"\s*[\d.]+\s+[\d.]+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+0x[0-9A-Fa-f]+\s+(.+?)\s+(\d+)\s+"
                 r"(-?\d+) \([^)]*\)(\s+[\d.]+){5}\s+([\d.]+)", line)
    if m:
        rows[(m[1], int(m[2]), m[3], int(m[4]))] = (int(m[6]), int(m[7]), float(m[9]))
rep = json.load(open(sys.argv[2]))["reports"][0]
want = {}  # every RTP flow: the unsignalled ones and a negotiated one beside them
for fl in rep["flows"]:
    if fl["kind"] == "rtp":
        want[(fl["src"], fl["sport"], fl["dst"], fl["dport"])] = (fl["packets"], fl["lost"],
                                                                fl["jitter_max_ms"] or 0.0)
bad = [f"{k}: tshark {rows.get(k)} cli {v}" for k, v in want.items()
       if k not in rows or rows[k][:2] != v[:2] or abs(rows[k][2] - v[2]) > 0.001]
bad += [f"{k}: tshark stream {v} the CLI has no such flow" for k, v in rows.items() if k not in want]
print("; ".join(bad) if bad else "%d stream(s) agree: %s" % (len(want), sorted(want.values())))
sys.exit(1 if bad else 0)
PY
    ); then echo "ok: $c rtp,streams: $out"; else echo "FAIL: $c rtp,streams: $out"; MA_FAILS=$((MA_FAILS + 1)); fi
done
ma_done
