#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The regression captures of tests/hostile through tshark with the plugin,
# with WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 (lib.sh): an empty Session header
# took tshark down (SIGSEGV in the core's read_session).  Both passes and
# the full tree must come through, with the session still correlated.
# usage: hostile.sh PLUGIN_SO HOSTILE_DIR
. "$(dirname "$0")/lib.sh"
dir=$2
ma_setup "$1" "$dir/empty-session.pcap" "$dir/blank-headers.pcap"

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
ma_done
