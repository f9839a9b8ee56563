#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SAP (RFC 2974) in the plugin: the core reads the announcements from the UDP
# payload as the CLI does (role sap on the 4 announcements and the deletion),
# MA369 is on the deletion (876) and the last packet (1001), as in the CLI.
# The plugin registers the announced group:port as RTP at the first
# announcement; stock Wireshark 4.0's own SDP dissector (called by its SAP
# dissector) registers it too, at every announcement (rtp.setup-method SDP),
# so here the 995 RTP frames do not depend on the plugin's registration.
# usage: sap.sh PLUGIN_SO CAPTURES_DIR
. "$(dirname "$0")/lib.sh"
so=$1 dir=$2
# sap-announced-ipv6.pcap: the same over IPv6 (SAP group ff05::2:7ffe, an
# IPv6 originating source), the same frames.
for cap in sap-announced sap-announced-ipv6; do
    [ -f "$dir/$cap.pcap" ] || { echo "SKIP: $dir/$cap.pcap missing"; exit 77; }
done
ma_setup "$so" "$dir/sap-announced.pcap" "$dir/sap-announced-ipv6.pcap"
f=(-T fields -E occurrence=f)
for cap in sap-announced sap-announced-ipv6; do
    check "$cap: RTP frames with the plugin" "995" \
        "$(ts -2 -r $cap.pcap -Y 'rtp && udp.dstport == 5004' "${f[@]}" -e frame.number 2>/dev/null | wc -l)"
    check "$cap: frames with the role sap" "1 248 499 750 876" \
        "$(ts -2 -r $cap.pcap -Y 'mcast_audit.role == "sap"' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
    check "$cap: MA369 on frames" "876 1001" \
        "$(ts -2 -r $cap.pcap -Y 'mcast_audit.verdict == "MA369"' "${f[@]}" -e frame.number 2>/dev/null | xargs)"
done
ma_done
