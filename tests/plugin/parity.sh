#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Plugin and CLI judge alike: for every capture in the folder, the -z table
# (two passes) and `mcast-audit --format json` give the same verdict codes,
# the same packets/lost per RTP flow, the same MPEG-TS figures per flow, the
# same result, every verdict is shown on the frames the CLI names, and every
# flow has the CLI's role, sender, clock rate (and where it came from) and
# receiver-report count.
# usage: parity.sh PLUGIN_SO MCAST_AUDIT_CLI CAPTURE_DIR   (77: no capture)
. "$(dirname "$0")/lib.sh"
so=$1 cli=$2 dir=$3
shopt -s nullglob
caps=("$dir"/*.pcap "$dir"/*.pcapng)
[ ${#caps[@]} -gt 0 ] || { echo "SKIP: no capture in $dir"; exit 77; }
ma_setup "$so" "${caps[@]}"
for cap in "${caps[@]}"; do
    c=$(basename "$cap")
    # The CLI's exit code says PASS/FAIL; 2 would be a usage/input error.
    rc=0; "$cli" --format json "$cap" > "$MA_DIR/$c.json" || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "FAIL: $c: mcast-audit exited $rc"; MA_FAILS=$((MA_FAILS + 1)); continue
    fi
    ts -2 -r "$c" -q -z mcast_audit > "$MA_DIR/$c.z" 2>/dev/null
    ts -2 -r "$c" -Y mcast_audit.verdict -T fields -e frame.number -e mcast_audit.verdict \
        > "$MA_DIR/$c.frames" 2>/dev/null
    # Address-typed fields (IPv4 or *6) and the join latency as a relative time.
    ts -2 -r "$c" -Y 'mcast_audit.role == "setup-reply"' -T fields -E occurrence=f \
        -e mcast_audit.session -e mcast_audit.client -e mcast_audit.client6 \
        -e mcast_audit.server -e mcast_audit.server6 -e mcast_audit.source -e mcast_audit.source6 \
        > "$MA_DIR/$c.addr" 2>/dev/null
    ts -2 -r "$c" -Y 'mcast_audit.join_latency' -T fields -e frame.number -e mcast_audit.join_latency \
        > "$MA_DIR/$c.lat" 2>/dev/null
    # MPEG-TS figures (TS in RTP or raw UDP) as of each frame of the flow
    ts -2 -r "$c" -Y 'mcast_audit.ts.packets' -T fields -e mcast_audit.flow -e mcast_audit.ts.packets \
        -e mcast_audit.ts.cc_errors -e mcast_audit.ts.cc_lost > "$MA_DIR/$c.ts" 2>/dev/null
    # Each flow's role, sender and clock rate source (frames of one flow only,
    # so that the fields of one tree line up).
    ts -2 -r "$c" -Y 'mcast_audit.flow_role && count(mcast_audit.flow) == 1' -T fields \
        -e mcast_audit.flow -e mcast_audit.flow_role -e mcast_audit.flow_sender \
        -e mcast_audit.clock_rate_source -e mcast_audit.flow_clock_rate -e mcast_audit.rr_reports \
        2>/dev/null | sort -u > "$MA_DIR/$c.flows"
    # FEC packets: their stream's direction, running figures and layout
    ts -2 -r "$c" -Y 'mcast_audit.fec.packets' -T fields -e mcast_audit.flow -e mcast_audit.fec.direction \
        -e mcast_audit.fec.packets -e mcast_audit.fec.lost -e mcast_audit.fec.offset -e mcast_audit.fec.na \
        > "$MA_DIR/$c.fec" 2>/dev/null
    if out=$(python3 "$(dirname "$0")/parity.py" "$MA_DIR/$c.json" "$MA_DIR/$c.z" "$MA_DIR/$c.frames" \
                 "$MA_DIR/$c.addr" "$MA_DIR/$c.lat" "$MA_DIR/$c.ts" "$MA_DIR/$c.flows" "$MA_DIR/$c.fec"); then
        echo "ok: $c: $out"
    else
        echo "FAIL: $c:"; echo "$out"; MA_FAILS=$((MA_FAILS + 1))
    fi
done
ma_done
