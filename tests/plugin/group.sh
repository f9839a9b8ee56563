#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The group-centric audit in the plugin (issue 16): on captures/static-
# multicast.pcap (no RTSP; truth in static-multicast.expected.json, the
# figures cli.static_multicast checks) the IGMP frames and the media frames
# of 239.1.1.10 carry a Group subtree with exact figures: static multicast,
# 2 members, first join frame 1, first media frame 2, last 807, verdicts
# MA221,MA222; the member that sent the IGMP frame with its first join,
# last leave, zap time (10.9.97.41: 35 ms, first packet frame 2; 10.9.97.42:
# none, the media was already flowing) and "member at the end" (no); a
# general query carries none, a group-specific query the group without a
# member; the group verdicts are expert infos on the frames they cite; the
# tree in one pass is the provisional judgement's (judged at frame 708);
# -z mcast_audit has a group row (2 joins, 2 leaves, first join frame 1 with
# its 35 ms zap, first media frame 2, MA221,MA222, WARN).
# Every report about the group has the subtree, also a repeat the core folded
# into its run (frame 530: no event of its own).
# usage: group.sh PLUGIN_SO CAPTURES_DIR
. "$(dirname "$0")/lib.sh"
so=$1 dir=$2
[ -f "$dir/static-multicast.pcap" ] || { echo "SKIP: $dir/static-multicast.pcap missing"; exit 77; }
ma_setup "$so" "$dir/static-multicast.pcap"
f=(-T fields -E occurrence=f)
# tshark 4.0 prints a boolean field as 1/0, 4.4 and 4.6 as True/False
bool01() { sed -e "s/\tTrue/\t1/g" -e "s/\tFalse/\t0/g"; }
g=(-e frame.number -e mcast_audit.group.addr -e mcast_audit.group.static -e mcast_audit.group.members
   -e mcast_audit.group.first_join_frame -e mcast_audit.group.first_media_frame
   -e mcast_audit.group.last_media_frame -e mcast_audit.group.verdicts)
m=(-e frame.number -e mcast_audit.group.member -e mcast_audit.group.member.join_frame
   -e mcast_audit.group.member.leave_frame -e mcast_audit.group.member.zap
   -e mcast_audit.group.member.zap_frame -e mcast_audit.group.member.at_end)
check "group fields on the first join" "1	239.1.1.10	1	2	1	2	807	MA221,MA222" \
    "$(ts -2 -r static-multicast.pcap -Y 'frame.number == 1' "${f[@]}" "${g[@]}" 2>/dev/null | bool01)"
check "members of the IGMP reports and leaves" "1	10.9.97.41	1	352	0.035000000	2	0
150	10.9.97.42	150	557			0
292	10.9.97.41	1	352	0.035000000	2	0
352	10.9.97.41	1	352	0.035000000	2	0
400	10.9.97.42	150	557			0
530	10.9.97.42	150	557			0
557	10.9.97.42	150	557			0" \
    "$(ts -2 -r static-multicast.pcap -Y 'mcast_audit.group.member' "${f[@]}" "${m[@]}" 2>/dev/null | bool01)"
check "frames with a group subtree: media 795 + reports 7 + specific queries 4" "806" \
    "$(ts -2 -r static-multicast.pcap -Y 'mcast_audit.group.addr == 239.1.1.10' "${f[@]}" -e frame.number 2>/dev/null | wc -l)"
# 530 repeats 150's report unchanged: the core folds it into that run and
# places no event on it (no role), yet it is a report about the group
check "folded repeat report: the group and its member, no role" "530		239.1.1.10	10.9.97.42" \
    "$(ts -2 -r static-multicast.pcap -Y 'frame.number == 530' "${f[@]}" -e frame.number -e mcast_audit.role \
        -e mcast_audit.group.addr -e mcast_audit.group.member 2>/dev/null)"
check "one pass: the folded repeat's group too" "530	506	239.1.1.10	10.9.97.42" \
    "$(ts -r static-multicast.pcap -Y 'frame.number == 530' "${f[@]}" -e frame.number -e mcast_audit.judged_frame \
        -e mcast_audit.group.addr -e mcast_audit.group.member 2>/dev/null)"
check "general query: no group subtree" "" \
    "$(ts -2 -r static-multicast.pcap -Y 'frame.number == 99' "${f[@]}" -e mcast_audit.group.addr 2>/dev/null)"
check "group-specific query: the group, no member" "353	239.1.1.10	" \
    "$(ts -2 -r static-multicast.pcap -Y 'frame.number == 353' "${f[@]}" -e frame.number -e mcast_audit.group.addr \
        -e mcast_audit.group.member 2>/dev/null)"
check "filter on the zap time: members slower than 30 ms" "1 292 352" \
    "$(ts -2 -r static-multicast.pcap -Y 'mcast_audit.group.member.zap > 0.03' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
check "a media frame links to the group's first join and media" "602	1	2	MA221,MA222" \
    "$(ts -2 -r static-multicast.pcap -Y 'frame.number == 602' "${f[@]}" -e frame.number \
        -e mcast_audit.group.first_join_frame -e mcast_audit.group.first_media_frame -e mcast_audit.group.verdicts 2>/dev/null)"
check "group verdicts as expert infos: MA221 on 557 and 807, MA222 on 352 and 557" "352 MA222
557 MA221,MA222
807 MA221" \
    "$(ts -2 -r static-multicast.pcap -Y 'mcast_audit.MA221 || mcast_audit.MA222' "${f[@]}" -e frame.number \
        -e mcast_audit.verdict -E aggregator=, -E occurrence=a 2>/dev/null | tr '\t' ' ')"
check "-z mcast_audit: the group row" "239.1.1.10 yes 2 2 2 1 35.000 2 MA221,MA222 WARN" \
    "$(ts -2 -q -r static-multicast.pcap -z mcast_audit 2>/dev/null | grep -A2 '^Groups without an RTSP session' | tail -1 | xargs)"
# one pass: the tree of frame 807 as judged at frame 708 (a judgement per
# second of capture time): members and links already there, MA222 stands,
# MA221 not yet (its 2 s after the last leave end at 7.5 s, frame 708 is 7.0 s)
check "one pass (provisional): judged frame, members, links, verdicts" "807	708	2	1	2	MA222" \
    "$(ts -r static-multicast.pcap -Y 'frame.number == 807' "${f[@]}" -e frame.number -e mcast_audit.judged_frame \
        -e mcast_audit.group.members -e mcast_audit.group.first_join_frame -e mcast_audit.group.first_media_frame \
        -e mcast_audit.group.verdicts 2>/dev/null)"
ma_done
