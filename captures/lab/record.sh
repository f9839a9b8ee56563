#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# record.sh [OUT_DIR] [SCENARIO...]: record the captures/real/ corpus from real software.
#
# As root on Debian 12: installs what it needs from Debian's packages, builds for each scenario
# a lab of network namespaces (nothing leaves them; addresses 10.77.0.0/24, groups 239.77.0.x):
#
#   cam ns: 10.77.0.1 eth0 -- pcam   [sw ns: br0, IGMP snooping, querier on/off]   ta (TAP)
#                                                                                     |
#                                       netem_fwd.py (netem's rules, decision log)   |
#                                                                                     |
#   c1 ns: 10.77.0.11 eth0 -- pc1    [sw ns: br1, no snooping: the clients' segment] tb (TAP)
#   c2 ns: 10.77.0.12 eth0 -- pc2 ---'
#
# runs a real RTSP server in cam (gst-rtsp-server through python3-gi, or VLC) and real clients
# in c1/c2 (ffmpeg, gst-launch-1.0 rtspsrc), captures with tcpdump at the client (c1 eth0), at
# the camera (cam eth0) or at the clients' mirror port (tb), then writes OUT_DIR/NAME.pcap,
# NAME.netem.jsonl (every forwarder decision) and removes every namespace and process.
# Expected files are written afterwards by truth.py (record.sh calls it).
# The membership-expiry scenario needs ~280 s; it runs in the background beside the others.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:-$LAB/../real}" && cd "${1:-$LAB/../real}" && pwd)
shift || true
WANT=("$@")
PY=/usr/bin/python3   # Debian's, with python3-gi (a pyenv python on PATH lacks gi)
SEED=12
VLC_SRC=$(mktemp -d /tmp/m12-vlc.XXXXXX)/source.mp4
PIDS=()
BGPID=
MADE=()  # lab prefixes this run made: cleanup removes only those

need() {
    [ "$(id -u)" = 0 ] || { echo "record.sh: run as root (namespaces, TAP devices)" >&2; exit 2; }
    local pkgs=(gstreamer1.0-rtsp gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-tools
                gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
                gstreamer1.0-plugins-ugly gstreamer1.0-libav ffmpeg vlc-bin vlc-plugin-base
                tcpdump tshark iproute2 util-linux procps)
    local missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
    [ -c /dev/net/tun ] || { echo "record.sh: no /dev/net/tun" >&2; exit 2; }
}

ns() { local n=$1; shift; ip netns exec "$n" "$@"; }

# topo_up S QUERIER(0|1) IGMP_VERSION(2|3): the namespaces S-cam S-sw S-c1 S-c2
topo_up() {
    local s=$1 q=$2 v=$3
    MADE+=("$s")
    for n in cam sw c1 c2; do
        ip netns add "$s-$n"
        ns "$s-$n" ip link set lo up
        ns "$s-$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    done
    ns "$s-sw" ip link add br0 type bridge mcast_snooping 1 mcast_querier "$q" mcast_igmp_version "$v"
    ns "$s-sw" ip link add br1 type bridge mcast_snooping 0
    ns "$s-sw" ip tuntap add dev ta mode tap
    ns "$s-sw" ip tuntap add dev tb mode tap
    local i=1
    for h in cam c1 c2; do
        ip link add name eth0 netns "$s-$h" type veth peer name "p$h" netns "$s-sw"
        ns "$s-$h" ip link set eth0 address "02:77:00:00:00:0$i"
        i=$((i + 1))
    done
    ns "$s-sw" ip link set pcam master br0
    ns "$s-sw" ip link set ta master br0
    ns "$s-sw" ip link set pc1 master br1
    ns "$s-sw" ip link set pc2 master br1
    ns "$s-sw" ip link set tb master br1
    for d in pcam pc1 pc2 ta tb br0 br1; do ns "$s-sw" ip link set "$d" up; done
    ns "$s-sw" ip addr add 10.77.0.254/24 dev br0
    local a
    for h in cam:1 c1:11 c2:12; do
        a=${h#*:}; h=${h%%:*}
        ns "$s-$h" ip addr add "10.77.0.$a/24" dev eth0
        ns "$s-$h" ip link set eth0 up
        ns "$s-$h" ip route add 224.0.0.0/4 dev eth0
        ns "$s-$h" sysctl -qw net.ipv4.conf.all.force_igmp_version=0
    done
}

topo_down() {
    local s=$1
    for n in cam sw c1 c2; do
        if ip netns pids "$s-$n" >/dev/null 2>&1; then
            for p in $(ip netns pids "$s-$n"); do kill "$p" 2>/dev/null || true; done
            sleep 0.5
            for p in $(ip netns pids "$s-$n"); do kill -9 "$p" 2>/dev/null || true; done
            ip netns del "$s-$n" 2>/dev/null || true
        fi
    done
}

cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    local mine
    for mine in "${MADE[@]}"; do
      for n in "$mine-cam" "$mine-sw" "$mine-c1" "$mine-c2"; do
        ip netns pids "$n" >/dev/null 2>&1 || continue
        for p in $(ip netns pids "$n"); do kill -9 "$p" 2>/dev/null || true; done
        ip netns del "$n" 2>/dev/null || true
      done
    done
}
trap cleanup EXIT INT TERM

# tcpdump as recommended for lossless recordings; its drop counter is checked in stop_dump.
start_dump() { # NS IF FILE
    ip netns exec "$1" tcpdump -i "$2" --immediate-mode -B 32768 -s 2048 -U -Z root -w "$3" 2>"$3.log" &
    BGPID=$!
}
stop_dump() { # PID FILE
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    if ! grep -q '^0 packets dropped by kernel' "$2.log"; then
        echo "record.sh: tcpdump dropped packets for $2:" >&2; cat "$2.log" >&2; return 1
    fi
    rm -f "$2.log"
}

gst_server() { ip netns exec "$1-cam" "$PY" "$LAB/gst_server.py" --port 8554 >"$OUT/.server-$1.log" 2>&1 & BGPID=$!; }

vlc_server() { # S: VLC's RTSP server (stream output rtp with sdp=rtsp://) on a lab-made file
    local src=$VLC_SRC
    [ -s "$src" ] || ffmpeg -nostdin -loglevel error -f lavfi -i testsrc=size=320x240:rate=15 \
        -t 60 -c:v libx264 -preset ultrafast -tune zerolatency -b:v 150k -g 30 -pix_fmt yuv420p -y "$src"
    chmod a+rx "$(dirname "$src")"; chmod a+r "$src"
    ip netns exec "$1-cam" setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp \
        cvlc -I dummy --no-audio --loop "$src" \
        --sout "#rtp{dst=239.77.0.20,port=5004,ttl=1,sdp=rtsp://10.77.0.1:8554/vlc}" \
        >"$OUT/.server-$1.log" 2>&1 &
    BGPID=$!
}

ffmpeg_client() { # NS URL SECONDS
    # ffmpeg waits for ever when no media comes: SIGINT (a clean stop, TEARDOWN) after 10 s more
    ip netns exec "$1" timeout -s INT "$(($3 + 10))" \
        ffmpeg -nostdin -loglevel error -rtsp_transport udp_multicast -i "$2" -t "$3" \
        -c copy -f null - >>"$OUT/.client.log" 2>&1 &
    BGPID=$!
}
gst_client() { # NS URL SECONDS: -e turns the SIGINT into EOS, so rtspsrc sends TEARDOWN
    ip netns exec "$1" timeout -s INT "$3" gst-launch-1.0 -q -e rtspsrc location="$2" protocols=udp-mcast \
        ! fakesink >>"$OUT/.client.log" 2>&1 &
    BGPID=$!
}

want() { [ ${#WANT[@]} -eq 0 ] && return 0; local w; for w in "${WANT[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }

# scenario NAME QUERIER IGMPV KERNEL_IGMP SERVER CLIENTS FWD_ARGS... ; CLIENTS like "ffmpeg" or
# "ffmpeg+gst"; VANTAGE (env) client|camera|both|mirror; SECONDS (env) client run time;
# DUMP_DELAY (env) seconds after the client start before the client-side capture begins.
scenario() {
    local name=$1 q=$2 v=$3 kv=$4 server=$5 clients=$6; shift 6
    want "$name" || return 0
    local s="m12-${name:0:8}" secs=${SECONDS_RUN:-20} vantage=${VANTAGE:-client}
    local url=rtsp://10.77.0.1:8554/cam
    [ "$server" = vlc ] && url=rtsp://10.77.0.1:8554/vlc
    [ "$server" = gst-slow ] && url=rtsp://10.77.0.1:8554/slow
    echo "record.sh: $name" >&2
    topo_down "$s"; topo_up "$s" "$q" "$v"
    for h in c1 c2; do
        ns "$s-$h" sysctl -qw "net.ipv4.conf.all.force_igmp_version=$kv" "net.ipv4.conf.eth0.force_igmp_version=$kv"
    done
    ip netns exec "$s-sw" "$PY" "$LAB/netem_fwd.py" --camera-tap ta --client-tap tb --seed "$SEED" \
        --log "$OUT/$name.netem.jsonl" "$@" &
    local fwd=$!
    sleep 1
    local dc="" dm="" fc="$OUT/$name.pcap" fm="$OUT/${name%-client}-camera.pcap"
    case $vantage in
        camera) fm="$OUT/$name.pcap" ;;
        mirror) ;;
    esac
    [ "$vantage" = client ] || [ "$vantage" = both ] && [ -z "${DUMP_DELAY:-}" ] && { start_dump "$s-c1" eth0 "$fc"; dc=$BGPID; }
    [ "$vantage" = camera ] || [ "$vantage" = both ] && { start_dump "$s-cam" eth0 "$fm"; dm=$BGPID; }
    [ "$vantage" = mirror ] && { start_dump "$s-sw" tb "$fc"; dc=$BGPID; }
    sleep 1
    local srv
    if [ "$server" = vlc ]; then vlc_server "$s"; else gst_server "$s"; fi
    srv=$BGPID
    sleep 3
    local cl=() c h=c1
    for c in ${clients//+/ }; do
        if [ "$c" = ffmpeg ]; then ffmpeg_client "$s-$h" "$url" "$secs";
        else gst_client "$s-$h" "$url" "$secs"; fi
        cl+=("$BGPID")
        h=c2
        sleep 2
    done
    if [ -n "${DUMP_DELAY:-}" ]; then sleep "$DUMP_DELAY"; { start_dump "$s-c1" eth0 "$fc"; dc=$BGPID; }; fi
    for c in "${cl[@]}"; do wait "$c" || true; done
    sleep "${AFTER:-3}"
    [ -n "$dc" ] && stop_dump "$dc" "$fc"
    [ -n "$dm" ] && stop_dump "$dm" "$fm"
    kill "$srv" 2>/dev/null || true
    kill "$fwd" 2>/dev/null || true; wait "$fwd" 2>/dev/null || true
    topo_down "$s"
}

# The membership expiry: the switch's querier runs, but a device in the path drops the queries
# towards the client, so its kernel never reports again; the snooping bridge prunes the client's
# port 260 s (membership interval) after its last report and the media stops. dumpcap writes
# pcapng with an interface statistics block (the capture's real end); the capture is stopped
# 5 s after the media stopped (as tcpdump would write nothing more while nothing arrives), and
# the client is killed without a TEARDOWN.
expiry() {
    trap - EXIT INT TERM  # runs in the background: the main shell cleans up
    local name=expiry-no-query
    want "$name" || return 0
    local s=m12-expiry f="$OUT/$name.pcapng"
    echo "record.sh: $name (about 280 s)" >&2
    topo_down "$s"; topo_up "$s" 1 3
    ip netns exec "$s-sw" "$PY" "$LAB/netem_fwd.py" --camera-tap ta --client-tap tb --seed "$SEED" \
        --log "$OUT/$name.netem.jsonl" --drop-queries &
    local fwd=$!
    sleep 1
    ip netns exec "$s-c1" dumpcap -q -i eth0 -B 32 -s 2048 -w "$f" 2>"$f.log" &
    local dp=$!
    sleep 1
    local srv; gst_server "$s"; srv=$BGPID
    sleep 3
    local cl; ffmpeg_client "$s-c1" rtsp://10.77.0.1:8554/slow 400; cl=$BGPID
    local last=0 now started=$(date +%s)
    while sleep 1; do
        now=$(date +%s)
        last=$(awk '/"sent"/ {t=$0} END {print t}' "$OUT/$name.netem.jsonl" | sed 's/.*"t": \([0-9.]*\).*/\1/')
        local age; age=$("$PY" -c "import os,sys,time; print(int(time.time()-os.path.getmtime(sys.argv[1])))" "$OUT/$name.netem.jsonl")
        # media stopped (the log of a TAP that carries media is written several times a second)
        if [ $((now - started)) -gt 200 ] && [ "$age" -ge 5 ]; then break; fi
        if [ $((now - started)) -gt 330 ]; then echo "record.sh: $name: media never stopped" >&2; break; fi
    done
    kill -TERM "$dp"; wait "$dp" 2>/dev/null || true
    rm -f "$f.log"
    kill -9 "$cl" 2>/dev/null || true
    kill "$srv" 2>/dev/null || true
    kill "$fwd" 2>/dev/null || true; wait "$fwd" 2>/dev/null || true
    topo_down "$s"
}

need
rm -f "$OUT/.client.log"
if want expiry-no-query; then MADE+=(m12-expiry); expiry & PIDS+=($!); fi
VANTAGE=both scenario clean-client        1 3 0 gst ffmpeg
             scenario loss                1 3 0 gst ffmpeg --loss 0.02
             scenario delay-jitter        1 3 0 gst gst    --delay 40 --jitter 15 --keep-order
             scenario dup-reorder         1 3 0 gst ffmpeg --duplicate 0.02 --delay 10 --reorder 0.05 --gap 5
             scenario igmp-firewall       1 3 0 gst ffmpeg --drop-client-igmp
AFTER=6      scenario teardown-leave      1 3 0 gst gst
             scenario igmpv2-querier      1 2 2 gst ffmpeg
VANTAGE=mirror scenario two-clients       1 3 0 gst ffmpeg+gst
SECONDS_RUN=25 DUMP_DELAY=8 scenario mid-stream 1 3 0 gst ffmpeg
             scenario vlc-server          1 3 0 vlc gst
             scenario vlc-ffmpeg          1 3 0 vlc ffmpeg
# 140 s (the slow stream): long enough to say that no query came (125 s interval + 10 s)
SECONDS_RUN=140 scenario no-querier       0 3 0 gst-slow gst
for p in "${PIDS[@]}"; do wait "$p"; done; PIDS=()
rm -rf "$(dirname "$VLC_SRC")"; rm -f "$OUT"/.server-*.log
"$PY" "$LAB/truth.py" "$OUT"
echo "record.sh: done; captures in $OUT" >&2
