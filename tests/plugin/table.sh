#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The GUI's statistics tables (`-z mcast_audit,table`, a stat_tap_table_ui
# with up to three tables: sessions, groups without an RTSP session, media
# flows without a session) say what the text tables (`-z mcast_audit`) say,
# row for row, on every capture (table.py); exact rows on the seed,
# static-multicast, sap-announced, unicast-no-signalling and mpegts-udp (the
# figures of their CLI JSON: flow ids, datagrams, packets, expected, lost);
# a display filter keeps the matching sessions, groups and flows; in one
# pass (no -2) the tables stay empty and say why.
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

# tables OUTPUT: each table's title and rows, header excluded, one line each
tables() { sed -n '/^Session |/,/^=====/p' "$1" | sed -e '1d' -e '$d'; }

seed=hikvision-multicast-preview.pcap
if [ -f "$MA_DIR/$seed" ]; then
    check "seed row" "1 |10.9.97.42 |10.9.97.69 |239.255.255.200:8860 |267 |0 |0 |0 |0.156 |MA202 |WARN |- |- |1 |RTP |10.9.97.69:8860 |267 |267 |- |- |- |- |- |- |- |" \
        "$(rows "$MA_DIR/$seed.out")"
    ts -r "$seed" -q -z mcast_audit,table > "$MA_DIR/one.out" 2> "$MA_DIR/one.err"
    check "one pass: rows" "0" "$(rows "$MA_DIR/one.out" | wc -l)"
    check "one pass: hint" "1" "$(grep -c 'run tshark with -2' "$MA_DIR/one.err")"
fi

# static multicast: its outside-capture session's row and the group's row
# (2 members, 2 joins, 2 leaves, first join frame 1 with its 35 ms zap,
# first media frame 2, MA221,MA222: the text group row)
if [ -f "$MA_DIR/static-multicast.pcap" ]; then
    check "static-multicast: tables" "Multicast Session Audit
1 |- |10.9.97.80 |239.1.1.10:5004 |795 |2 |0 |0 |0.000 |MA307,MA315 |FAIL |5565/3/14 |- |1 |RTP |10.9.97.80:5004 |795 |797 |- |- |- |- |- |- |- |
Groups without an RTSP session
- |- |- |239.1.1.10 |- |- |- |- |- |MA221,MA222 |WARN |- |- |- |- |- |- |- |yes |2 |2 |2 |1 |35.000 |2 |" \
        "$(tables "$MA_DIR/static-multicast.pcap.out")"
    ts -2 -r static-multicast.pcap -q -z "mcast_audit,table,frame.number==530" > "$MA_DIR/g1.out" 2>/dev/null
    check "static-multicast: filter on a folded IGMP repeat: the group only" "Multicast Session Audit
Groups without an RTSP session
- |- |- |239.1.1.10 |- |- |- |- |- |MA221,MA222 |WARN |- |- |- |- |- |- |- |yes |2 |2 |2 |1 |35.000 |2 |" \
        "$(tables "$MA_DIR/g1.out")"
fi
if [ -f "$MA_DIR/sap-announced.pcap" ]; then
    check "sap-announced: the described session's row, no group (SAP described it)" "Multicast Session Audit
1 |- |- |239.1.1.40:5004 |995 |0 |0 |0 |0.000 |MA369 |WARN |- |- |2 |RTP |10.9.97.80:5004 |995 |995 |- |- |- |- |- |- |- |" \
        "$(tables "$MA_DIR/sap-announced.pcap.out")"
fi
# media tied to no session: flow rows (flow 2: 297 of 300, 3 lost, MA307)
if [ -f "$MA_DIR/unicast-no-signalling.pcap" ]; then
    check "unicast-no-signalling: flow rows" "Multicast Session Audit
Media flows without a session
- |- |- |10.9.97.31:50000 |300 |0 |0 |0 |0.000 |- |PASS |- |- |1 |RTP |10.9.97.30:40000 |300 |300 |- |- |- |- |- |- |- |
- |- |- |10.9.97.30:40000 |297 |3 |0 |0 |0.000 |MA307 |FAIL |- |- |2 |RTP |10.9.97.31:50000 |297 |300 |- |- |- |- |- |- |- |" \
        "$(tables "$MA_DIR/unicast-no-signalling.pcap.out")"
    ts -2 -r unicast-no-signalling.pcap -q -z "mcast_audit,table,udp.srcport==50000" > "$MA_DIR/u1.out" 2>/dev/null
    check "unicast-no-signalling: filter udp.srcport==50000: flow 2 only" "2" \
        "$(rows "$MA_DIR/u1.out" | cut -d'|' -f14 | xargs)"
fi
if [ -f "$MA_DIR/mpegts-udp.pcap" ]; then
    check "mpegts-udp: the group row and the MPEG-TS flow row" "Multicast Session Audit
Groups without an RTSP session
- |- |- |239.1.2.3 |- |- |- |- |- |- |PASS |- |- |- |- |- |- |- |yes |1 |1 |0 |1 |20.000 |2 |
Media flows without a session
- |- |- |239.1.2.3:1234 |- |- |- |- |- |MA315,MA316,MA317 |FAIL |2772/5/28 |- |1 |MPEG-TS/UDP |10.9.97.80:1234 |396 |- |- |- |- |- |- |- |- |" \
        "$(tables "$MA_DIR/mpegts-udp.pcap.out")"
fi

multi=multi-camera.pcap
if [ -f "$MA_DIR/$multi" ]; then
    ts -2 -r "$multi" -q -z "mcast_audit,table,ip.dst==239.255.255.201" > "$MA_DIR/f1.out" 2>/dev/null
    check "filter ip.dst==239.255.255.201" "2 |10.9.97.43 |10.9.97.70 |239.255.255.201:8860 |254 |0 |0 |0 |0.321 |- |PASS |- |- |3 |RTP |10.9.97.70:8860 |254 |254 |- |- |- |- |- |- |- |" \
        "$(rows "$MA_DIR/f1.out")"
    ts -2 -r "$multi" -q -z "mcast_audit,table,mcast_audit.session==1" > "$MA_DIR/f2.out" 2>/dev/null
    check "filter mcast_audit.session==1: sessions" "1" "$(rows "$MA_DIR/f2.out" | cut -d' ' -f1 | tr '\n' ' ' | xargs)"
    ts -2 -r "$multi" -q -z "mcast_audit,table,frame.number==0" > "$MA_DIR/f3.out" 2>/dev/null
    check "filter matching nothing: rows" "0" "$(rows "$MA_DIR/f3.out" | wc -l)"
fi
ma_done
