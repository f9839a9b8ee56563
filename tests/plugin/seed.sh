#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The seed trace (camera joins, client never does) through the plugin:
# media decoded as RTP without Decode As, links between frames, running
# figures, MA202 as expert info with a second pass, and the -z table.
# usage: seed.sh PLUGIN_SO CAPTURE   (exit 77 when the capture is missing)
. "$(dirname "$0")/lib.sh"
cap=$2
[ -f "$cap" ] || { echo "SKIP: $cap not there"; exit 77; }
ma_setup "$1" "$cap"
c=$(basename "$cap")

# Anchors from Wireshark's own fields, independent of the plugin.
setup_reply=$(ts -r "$c" -Y 'rtsp.response && rtsp.transport contains "destination="' \
    -T fields -e frame.number 2>/dev/null | head -1)
group=$(ts -r "$c" -Y "frame.number == $setup_reply" -T fields -e rtsp.transport 2>/dev/null |
    sed -n 's/.*destination=\([0-9.]*\).*/\1/p')
port=$(ts -r "$c" -Y "frame.number == $setup_reply" -T fields -e rtsp.transport 2>/dev/null |
    sed -n 's/.*port=\([0-9]*\)-.*/\1/p')
echo "SETUP reply frame $setup_reply, group $group, port $port"
media=$(ts -r "$c" -Y "ip.dst == $group && udp.dstport == $port" -T fields -e frame.number 2>/dev/null)
n_media=$(wc -l <<<"$media")
first_media=$(head -1 <<<"$media"); last_media=$(tail -1 <<<"$media")

# The seed itself (captures/hikvision-multicast-preview.expected.json):
# frames pinned exactly so a shift in any front end shows.
if [ "$c" = hikvision-multicast-preview.pcap ]; then
    check "seed: SETUP reply, group, port, media, first, last" "9 239.255.255.200 8860 267 13" \
        "$setup_reply $group $port $n_media $first_media"
fi
check "RTCP frames to port+1 decode as RTCP" \
    "$(ts -r "$c" -Y "ip.dst == $group && udp.dstport == $((port + 1))" 2>/dev/null | wc -l)" \
    "$(ts -r "$c" -Y "udp.dstport == $((port + 1)) && rtcp" 2>/dev/null | wc -l)"

# 1. Without the plugin the stock dissectors leave the media as UDP ...
check "RTP frames without the plugin" 0 \
    "$(ts -r "$c" --disable-protocol mcast_audit -Y "udp.dstport == $port && rtp" 2>/dev/null | wc -l)"
# ... with it, every datagram to group:port is RTP, set up by the SETUP reply.
check "RTP frames with the plugin" "$n_media" "$(ts -r "$c" -Y "udp.dstport == $port && rtp" 2>/dev/null | wc -l)"
check "rtp.setup-frame of all media" "$setup_reply" \
    "$(ts -r "$c" -Y "udp.dstport == $port" -T fields -e rtp.setup-frame 2>/dev/null | sort -u | tr '\n' ' ' | xargs)"
check "rtp.setup-method" "MCAST-AUDIT" \
    "$(ts -r "$c" -Y "udp.dstport == $port" -T fields -e rtp.setup-method 2>/dev/null | sort -u | xargs)"

# 2. Roles and links: the SETUP reply, the (camera's) join, the media.
check "role of the SETUP reply" "setup-reply" \
    "$(ts -r "$c" -Y "frame.number == $setup_reply" -T fields -e mcast_audit.role 2>/dev/null)"
join=$(ts -r "$c" -Y 'mcast_audit.role == "join"' -T fields -e frame.number 2>/dev/null | head -1)
check "join frame's setup_frame" "$setup_reply" \
    "$(ts -r "$c" -Y "frame.number == $join" -T fields -e mcast_audit.setup_frame 2>/dev/null)"
check "join frame's group" "$group" \
    "$(ts -r "$c" -Y "frame.number == $join" -T fields -e mcast_audit.group 2>/dev/null)"
check "first media role" "first-media" \
    "$(ts -r "$c" -Y "frame.number == $first_media" -T fields -e mcast_audit.role 2>/dev/null)"
check "first media packets,lost" "1,0" \
    "$(ts -r "$c" -Y "frame.number == $first_media" -T fields -E separator=, -e mcast_audit.packets -e mcast_audit.lost 2>/dev/null)"
check "last media packets" "$n_media" \
    "$(ts -r "$c" -Y "frame.number == $last_media" -T fields -e mcast_audit.packets 2>/dev/null)"
check "media frames with a role" "$n_media" \
    "$(ts -r "$c" -Y 'mcast_audit.role == "media" || mcast_audit.role == "first-media"' 2>/dev/null | wc -l)"
# With two passes the links known only at the end show on every frame.
check "first_media_frame on the SETUP reply (-2)" "$first_media" \
    "$(ts -2 -r "$c" -Y "frame.number == $setup_reply" -T fields -e mcast_audit.first_media_frame 2>/dev/null)"

# 3. Final verdicts: MA202 on the frame that proves it (the camera's join),
#    as a filterable field and as expert info; none in a single pass.
check "MA202 expert frames (-2): the SETUP reply and the join" "$setup_reply $join" \
    "$(ts -2 -r "$c" -Y 'mcast_audit.MA202' -T fields -e frame.number 2>/dev/null | xargs)"
check "MA202 verdict field (-2)" "MA202" \
    "$(ts -2 -r "$c" -Y "frame.number == $join" -T fields -e mcast_audit.verdict 2>/dev/null | tr ',' '\n' | grep -x MA202 || true)"
check "MA202 severity" "warning" "$(ts -2 -r "$c" -Y 'mcast_audit.verdict == "MA202"' -T fields \
    -e mcast_audit.severity 2>/dev/null | tr ',' '\n' | sort -u | head -1)"
# The tree gives the explanation and the usual fix, not only the message (the
# catalogue's two sentences, the same text the CLI prints under the verdict).
check "MA202 explanation in the tree (-2)" \
    "Somebody else's join (often the camera's own) keeps the stream flowing only on that host's switch port; a snooping switch will not forward the group to the client." \
    "$(ts -2 -r "$c" -Y "frame.number == $join" -T fields -e mcast_audit.explanation 2>/dev/null)"
check "MA202 usual fix in the tree (-2)" \
    "Fix the client's multicast join: its socket, its IGMP version, or a firewall dropping IGMP." \
    "$(ts -2 -r "$c" -Y "frame.number == $join" -T fields -e mcast_audit.fix 2>/dev/null)"
check "expert summary names the client" "1" "$(ts -2 -r "$c" -q -z expert,warn 2>/dev/null |
    grep -c 'never did' || true)"
check "no verdicts in one pass" "0" "$(ts -r "$c" -Y 'mcast_audit.verdict' 2>/dev/null | wc -l)"

# 4. The -z table: one row for the track, with the packets and MA202.
row=$(ts -r "$c" -q -z mcast_audit 2>/dev/null | awk '$1 == "1" && $4 == "'"$group:$port"'"')
echo "row: $row"
check "-z packets" "$n_media" "$(awk '{print $5}' <<<"$row")"
check "-z lost" "0" "$(awk '{print $6}' <<<"$row")"
check "-z has MA202" "MA202" "$(awk '{print $10}' <<<"$row" | tr ',' '\n' | grep -x MA202 || true)"
check "-z same with -2" "$row" "$(ts -2 -r "$c" -q -z mcast_audit 2>/dev/null | awk '$1 == "1" && $4 == "'"$group:$port"'"')"

# 5. The fail_on preference (the core's threshold table) decides the result
# word with the core's decision: MA202 is a warning, so WARN, or FAIL when
# warnings fail; a value outside the table's range is refused by Wireshark.
check "-z result WARN by default" "Result: WARN" \
    "$(ts -r "$c" -q -z mcast_audit 2>/dev/null | grep -x 'Result: [A-Z]*' || true)"
check "-z result FAIL with fail_on warning" "Result: FAIL" \
    "$(ts -o mcast_audit.fail_on:warning -r "$c" -q -z mcast_audit 2>/dev/null | grep -x 'Result: [A-Z]*' || true)"
ma_done
