#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The sdp_files preference (issue 16 item 3 in the plugin, the CLI's --sdp):
# with captures/sdp-ssm-mismatch.sdp the plugin audits the stream as the CLI
# does: MA239 on the join (frame 1), MA368 on the first packet (frame 2), and
# the 400 packets to 232.1.1.30:5004 decode as RTP set up by the plugin at
# frame 1 (without the preference, as media the core's probation validated:
# set up at the flow's first frame, 2, plugin.static_rtp); a missing file is not used
# and is counted: the decode event sdp.file_refused, its expert info on frame 1.
# usage: sdp_files.sh PLUGIN_SO CAPTURES_DIR
. "$(dirname "$0")/lib.sh"
so=$1 dir=$2
[ -f "$dir/sdp-ssm-mismatch.pcap" ] || { echo "SKIP: $dir/sdp-ssm-mismatch.pcap missing"; exit 77; }
ma_setup "$so" "$dir/sdp-ssm-mismatch.pcap" "$dir/sdp-ssm-mismatch.sdp"
f=(-T fields -E occurrence=f)
pref=(-o "mcast_audit.sdp_files:/nonexistent.sdp;$MA_DIR/sdp-ssm-mismatch.sdp")
check "without the preference: RTP frames, set up at the flow's first frame" "400 2 MCAST-AUDIT" \
    "$(ts -2 -r sdp-ssm-mismatch.pcap -Y 'rtp' "${f[@]}" -e rtp.setup-frame -e rtp.setup-method 2>/dev/null | sort | uniq -c | xargs)"
check "sdp_files: RTP frames set up by the plugin at frame 1" "400 1 MCAST-AUDIT" \
    "$(ts -2 -r sdp-ssm-mismatch.pcap "${pref[@]}" -Y 'rtp' "${f[@]}" -e rtp.setup-frame -e rtp.setup-method 2>/dev/null | sort | uniq -c | xargs)"
check "sdp_files: MA239 frames" "1" \
    "$(ts -2 -r sdp-ssm-mismatch.pcap "${pref[@]}" -Y 'mcast_audit.verdict == "MA239"' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
check "sdp_files: MA368 frames" "2" \
    "$(ts -2 -r sdp-ssm-mismatch.pcap "${pref[@]}" -Y 'mcast_audit.verdict == "MA368"' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
check "sdp_files: the missing file's decode event" "1" \
    "$(ts -2 -r sdp-ssm-mismatch.pcap "${pref[@]}" -Y 'mcast_audit.event.sdp.file_refused' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
check "without the preference: no sdp.file_refused" "" \
    "$(ts -2 -r sdp-ssm-mismatch.pcap -Y 'mcast_audit.event.sdp.file_refused' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
ma_done
