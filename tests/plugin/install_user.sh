#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# install_user.sh PLUGIN_SO CAPTURE: the documented one-command install puts
# the plugin into $HOME/.local/lib/wireshark/plugins/X.Y/epan/, where a plain
# (unprivileged) tshark loads it with no WIRESHARK_PLUGIN_DIR at all.
. "$(dirname "$0")/lib.sh"
so=$1 cap=$2 src=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$cap" ] || exit 77
abi=$(ma_abi "$so")
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home cmake -DSO="$so" -DABI="$abi" -P "$src/plugin/install-user.cmake"
test -f "$home/.local/lib/wireshark/plugins/$abi/epan/mcast_audit.so"
cp "$cap" "$home/seed.pcap"
mkdir -p "$home/extcap"
chmod -R a+rX "$home"
run=()
[ "$(id -u)" -eq 0 ] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
pre=()
[ -n "${MA_TSHARK_PRELOAD:-}" ] && pre=(LD_PRELOAD="$MA_TSHARK_PRELOAD")
got=$(cd "$home" && "${run[@]}" env HOME="$home" WIRESHARK_EXTCAP_DIR="$home/extcap" "${pre[@]}" \
      timeout 600 tshark -r seed.pcap -Y 'rtp && udp.dstport == 8860' -T fields -e frame.number | wc -l)
if [ "$got" != "267" ]; then
    echo "FAIL: after install-plugin-user, $got datagrams to 8860 decode as RTP (want 267)"
    exit 1
fi
echo "ok: installed per user; 267 datagrams to 8860 decode as RTP"
