#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The GUI's statistics table (`-z mcast_audit,table`, a stat_tap_table) says
# what the text table (`-z mcast_audit`) says, row for row, on every capture;
# exact figures on the seed; a display filter keeps the matching sessions;
# in one pass (no -2) the table stays empty and says why.
# usage: table.sh PLUGIN_SO CAPTURE_DIR   (77: no capture)
. "$(dirname "$0")/lib.sh"
so=$1 dir=$2
shopt -s nullglob
caps=("$dir"/*.pcap "$dir"/*.pcapng)
[ ${#caps[@]} -gt 0 ] || { echo "SKIP: no capture in $dir"; exit 77; }
ma_setup "$so" "${caps[@]}"

# rows OUTPUT: the stat table's data rows ("a |b |...|"), header excluded.
rows() { grep ' |$' "$1" | grep -v '^Session |' || true; }

check "-z mcast_audit,table is offered" "1" "$(ts -z help 2>&1 | grep -cx ' *mcast_audit,table')"

for cap in "${caps[@]}"; do
    c=$(basename "$cap")
    ts -2 -r "$c" -q -z mcast_audit -z mcast_audit,table > "$MA_DIR/$c.out" 2>/dev/null
    # no RTSP message and no multicast RTP in the truth: no session, so no row at all
    # (lan-no-media; raw UDP MPEG-TS and a call's unicast RTP are flows without a
    # session: their figures are fields and expert infos, not table rows)
    empty=()
    truth="$dir/${c%.*}.expected.json"
    if [ -f "$truth" ] && python3 -c '
import ipaddress, json, sys
t = json.load(open(sys.argv[1]))
rows = t["rtsp_messages"] > 0 or any(f["kind"] == "rtp" and ipaddress.ip_address(f["dst"]).is_multicast
                                     for f in t["flows"])
sys.exit(1 if rows else 0)' "$truth"; then
        empty=(--no-sessions)
    fi
    if out=$(python3 "$(dirname "$0")/table.py" "$MA_DIR/$c.out" "${empty[@]}"); then
        echo "ok: $c: $out"
    else
        echo "FAIL: $c:"; echo "$out"; MA_FAILS=$((MA_FAILS + 1))
    fi
done

seed=hikvision-multicast-preview.pcap
if [ -f "$MA_DIR/$seed" ]; then
    check "seed row" "1 |10.9.97.42 |10.9.97.69 |239.255.255.200:8860 |267 |0 |0 |0 |0.156 |MA202 |WARN |- |- |" \
        "$(rows "$MA_DIR/$seed.out")"
    ts -r "$seed" -q -z mcast_audit,table > "$MA_DIR/one.out" 2> "$MA_DIR/one.err"
    check "one pass: rows" "0" "$(rows "$MA_DIR/one.out" | wc -l)"
    check "one pass: hint" "1" "$(grep -c 'run tshark with -2' "$MA_DIR/one.err")"
fi

multi=multi-camera.pcap
if [ -f "$MA_DIR/$multi" ]; then
    ts -2 -r "$multi" -q -z "mcast_audit,table,ip.dst==239.255.255.201" > "$MA_DIR/f1.out" 2>/dev/null
    check "filter ip.dst==239.255.255.201" "2 |10.9.97.43 |10.9.97.70 |239.255.255.201:8860 |254 |0 |0 |0 |0.321 |- |PASS |- |- |" \
        "$(rows "$MA_DIR/f1.out")"
    ts -2 -r "$multi" -q -z "mcast_audit,table,mcast_audit.session==1" > "$MA_DIR/f2.out" 2>/dev/null
    check "filter mcast_audit.session==1: sessions" "1" "$(rows "$MA_DIR/f2.out" | cut -d' ' -f1 | tr '\n' ' ' | xargs)"
    ts -2 -r "$multi" -q -z "mcast_audit,table,frame.number==0" > "$MA_DIR/f3.out" 2>/dev/null
    check "filter matching nothing: rows" "0" "$(rows "$MA_DIR/f3.out" | wc -l)"
fi
ma_done
