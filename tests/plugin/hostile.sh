#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The regression captures of tests/hostile through tshark with the plugin,
# with WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 (lib.sh): an empty Session header
# took tshark down (SIGSEGV in the core's read_session).  Both passes and
# the full tree must come through, with the session still correlated.
# usage: hostile.sh PLUGIN_SO HOSTILE_DIR
. "$(dirname "$0")/lib.sh"
dir=$2
gen=$(mktemp -d)
/usr/bin/python3 "$dir/decode_events.py" --write "$gen/decode-events.pcap"
ma_setup "$1" "$dir/empty-session.pcap" "$dir/blank-headers.pcap" "$gen/decode-events.pcap"
rm -rf "$gen"

for c in empty-session.pcap blank-headers.pcap; do
    rc=0
    ts -2 -V -r "$c" >"$MA_DIR/$c.txt" 2>"$MA_DIR/$c.err" || rc=$?
    check "$c: tshark -2 -V exit code" 0 "$rc"
    [ "$rc" -eq 0 ] || cat "$MA_DIR/$c.err"
done
check "empty-session: frames" 4 "$(ts -r empty-session.pcap 2>/dev/null | wc -l)"
check "empty-session: roles of frames 1-4" "setup-request setup-reply play-request play-reply" \
    "$(ts -r empty-session.pcap -T fields -e mcast_audit.role 2>/dev/null | xargs)"
check "empty-session: group of the SETUP reply" "239.255.255.200" \
    "$(ts -r empty-session.pcap -Y 'frame.number == 2' -T fields -e mcast_audit.group 2>/dev/null)"
check "empty-session: verdicts (-2)" "MA201 MA301" \
    "$(ts -2 -r empty-session.pcap -T fields -e mcast_audit.verdict 2>/dev/null | tr ',' '\n' |
        grep . | sort -u | xargs)"
check "blank-headers: frames" 6 "$(ts -r blank-headers.pcap 2>/dev/null | wc -l)"
# Decode events the core raises from Wireshark's items: a bad IGMP checksum
# (frame 5: the join is still used) and an IGMP message the core refuses
# (frame 6), each an expert info of its kind on its first frame.
check "decode-events: igmp.bad_checksum expert info" "5" \
    "$(ts -2 -r decode-events.pcap -Y mcast_audit.event.igmp.bad_checksum -T fields -e frame.number 2>/dev/null | xargs)"
check "decode-events: igmp.malformed expert info" "6" \
    "$(ts -2 -r decode-events.pcap -Y mcast_audit.event.igmp.malformed -T fields -e frame.number 2>/dev/null | xargs)"
check "decode-events: MA902" "MA902" \
    "$(ts -2 -r decode-events.pcap -T fields -e mcast_audit.verdict 2>/dev/null | tr ',' '\n' | grep -x MA902 | sort -u)"
ma_done
