#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The plugin names a receiver's RTCP, its start-up datagrams, an SSRC change
# and an inferred clock rate as such, with exact figures (generated captures,
# truth from mcast-gen; the same figures the CLI's truth tests check):
# receiver-rtcp: 3 RRs from the client 10.9.97.42:8861, the last with
# cumulative lost 13, fraction 5/256, jitter 45 units = 0.5 ms;
# receiver-startup: 5 datagrams from the client's RTP port, no RTP figures;
# ssrc-change: MA341 on the frame of the first packet of the new source;
# mid-stream-start: no SDP, so 90 kHz inferred from the NAL headers, and the
# clock_rates preference wins over it.
# usage: receivers.sh PLUGIN_SO CAPTURES_DIR
. "$(dirname "$0")/lib.sh"
so=$1 dir=$2
for c in receiver-rtcp receiver-startup ssrc-change mid-stream-start; do
    [ -f "$dir/$c.pcap" ] || { echo "SKIP: $dir/$c.pcap missing"; exit 77; }
done
ma_setup "$so" "$dir/receiver-rtcp.pcap" "$dir/receiver-startup.pcap" "$dir/ssrc-change.pcap" \
    "$dir/mid-stream-start.pcap"
f=(-T fields -E occurrence=f)
# tshark 4.0 prints a boolean field as 1/0, 4.4 and 4.6 as True/False
bool01() { sed -e "s/\tTrue\t/\t1\t/" -e "s/\tFalse\t/\t0\t/"; }
check "receiver-rtcp: frames named receiver-rtcp" "3" \
    "$(ts -2 -r receiver-rtcp.pcap -Y 'mcast_audit.flow_role == "receiver-rtcp"' "${f[@]}" -e frame.number 2>/dev/null | wc -l)"
check "receiver-rtcp: sender, reports, cumulative lost, fraction, jitter" "client	3	13	0.01953125	0.5" \
    "$(ts -2 -r receiver-rtcp.pcap -Y 'mcast_audit.flow_role == "receiver-rtcp"' "${f[@]}" -e mcast_audit.flow_sender \
        -e mcast_audit.rr_reports -e mcast_audit.rr_cumulative_lost -e mcast_audit.rr_fraction_lost \
        -e mcast_audit.rr_jitter 2>/dev/null | sort -u)"
check "receiver-rtcp: the camera's RTCP stays sender-rtcp" "3" \
    "$(ts -2 -r receiver-rtcp.pcap -Y 'mcast_audit.flow_role == "sender-rtcp"' "${f[@]}" -e frame.number 2>/dev/null | wc -l)"
check "receiver-startup: frames named receiver-startup, from the client" "5 client" \
    "$(ts -2 -r receiver-startup.pcap -Y 'mcast_audit.flow_role == "receiver-startup"' "${f[@]}" -e mcast_audit.flow_sender 2>/dev/null | sort | uniq -c | xargs)"
check "receiver-startup: no RTP figures on them" "0" \
    "$(ts -2 -r receiver-startup.pcap -Y 'mcast_audit.flow_role == "receiver-startup" && mcast_audit.packets' "${f[@]}" -e frame.number 2>/dev/null | wc -l)"
check "receiver-startup: top line" "[Multicast Session Audit: receiver-startup]" \
    "$(ts -2 -r receiver-startup.pcap -Y 'mcast_audit.flow_role == "receiver-startup"' -V 2>/dev/null | grep -m1 -o '\[Multicast Session Audit: [a-z-]*\]')"
check "receiver-startup: media frames of the camera" "277" \
    "$(ts -2 -r receiver-startup.pcap -Y 'mcast_audit.flow_role == "media" && mcast_audit.packets' "${f[@]}" -e frame.number 2>/dev/null | wc -l)"
# the flow's first and last frames and the first packet of the new source (tshark's own RTP decode)
second=$(ts -r ssrc-change.pcap -d udp.port==8860,rtp -Y 'rtp.ssrc == 0x8c2768cb' "${f[@]}" -e frame.number 2>/dev/null | head -1)
check "ssrc-change: first packet of SSRC 0x8c2768cb" "166" "$second"
check "ssrc-change: MA341 on frames" "14 $second 304" \
    "$(ts -2 -r ssrc-change.pcap -Y 'mcast_audit.verdict == "MA341"' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
check "mid-stream-start: clock rate, inferred, from" "90000	1	nal-header" \
    "$(ts -2 -r mid-stream-start.pcap -Y 'mcast_audit.clock_rate_inferred' "${f[@]}" -e mcast_audit.flow_clock_rate \
        -e mcast_audit.clock_rate_inferred -e mcast_audit.clock_rate_source 2>/dev/null | bool01 | sort -u)"
check "mid-stream-start: clock_rates preference 96=8000" "8000	0	user" \
    "$(ts -2 -r mid-stream-start.pcap -o 'mcast_audit.clock_rates:96=8000' -Y 'mcast_audit.clock_rate_source' "${f[@]}" \
        -e mcast_audit.flow_clock_rate -e mcast_audit.clock_rate_inferred -e mcast_audit.clock_rate_source 2>/dev/null | bool01 | sort -u)"
check "mid-stream-start: an invalid clock_rates list is ignored" "nal-header" \
    "$(ts -2 -r mid-stream-start.pcap -o 'mcast_audit.clock_rates:96=x' -Y 'mcast_audit.clock_rate_source' "${f[@]}" \
        -e mcast_audit.clock_rate_source 2>/dev/null | sort -u)"
ma_done
