#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -z mcast_audit's rows of media flows without a session (issue 11 items 3
# and 4), each figure the CLI's JSON gives for the flow (checked against
# `mcast-audit --format json`): on captures/unicast-no-signalling.pcap the
# two probation-validated RTP directions, 10.9.97.30:40000 -> 10.9.97.31:50000
# (300 datagrams, 300 packets of 300 expected, none lost, jitter max 0.000 ms,
# no verdict, PASS) and back (297 of 300, 3 lost, MA307, FAIL); on
# captures/mpegts-udp.pcap the raw MPEG-TS flow 10.9.97.80:1234 ->
# 239.1.2.3:1234 (396 datagrams, 2772 TS packets, 5 CC errors, 28 missing,
# no RTP figures, MA315,MA316,MA317, FAIL).
# usage: unbound_flows.sh PLUGIN_SO CAPTURES_DIR
. "$(dirname "$0")/lib.sh"
so=$1 dir=$2
for c in unicast-no-signalling mpegts-udp; do
    [ -f "$dir/$c.pcap" ] || { echo "SKIP: $dir/$c.pcap missing"; exit 77; }
done
ma_setup "$so" "$dir/unicast-no-signalling.pcap" "$dir/mpegts-udp.pcap"
rows() {
    ts -2 -q -r "$1" -z mcast_audit 2>/dev/null |
        sed -n '/^Media flows without a session/,/^====/p' | sed -e 1,2d -e '$d' | tr -s ' ' | sed 's/ $//'
}
check "unicast-no-signalling: the two RTP flows" \
"1 RTP 10.9.97.30:40000 10.9.97.31:50000 300 300 300 0 0 0 0.000 - PASS -
2 RTP 10.9.97.31:50000 10.9.97.30:40000 297 297 300 3 0 0 0.000 MA307 FAIL -" \
    "$(rows unicast-no-signalling.pcap)"
check "mpegts-udp: the raw MPEG-TS flow" \
"1 MPEG-TS/UDP 10.9.97.80:1234 239.1.2.3:1234 396 - - - - - - MA315,MA316,MA317 FAIL 2772/5/28" \
    "$(rows mpegts-udp.pcap)"
check "unicast-no-signalling: no session row, result FAIL" "Result: FAIL" \
    "$(ts -2 -q -r unicast-no-signalling.pcap -z mcast_audit 2>/dev/null | grep '^Result:')"
# One pass: the table judges the whole capture at its end, the same rows.
check "one pass: the same row for the lossy direction" \
    "2 RTP 10.9.97.31:50000 10.9.97.30:40000 297 297 300 3 0 0 0.000 MA307 FAIL -" \
    "$(ts -q -r unicast-no-signalling.pcap -z mcast_audit 2>/dev/null |
        sed -n '/^Media flows without a session/,/^====/p' | grep '^2 ' | tr -s ' ' | sed 's/ $//')"
ma_done
