#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Plugin and CLI judge alike: for every capture in the folder, the -z table
# (two passes) and `mcast-audit --format json` give the same verdict codes,
# the same packets/lost per RTP flow, the same result, and every verdict
# is shown on the frames the CLI names.
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
    if out=$(python3 "$(dirname "$0")/parity.py" "$MA_DIR/$c.json" "$MA_DIR/$c.z" "$MA_DIR/$c.frames"); then
        echo "ok: $c: $out"
    else
        echo "FAIL: $c:"; echo "$out"; MA_FAILS=$((MA_FAILS + 1))
    fi
done
ma_done
