# SPDX-License-Identifier: GPL-2.0-or-later
# lib.sh - sourced by the plugin tests: run tshark with the plugin from the
# build tree.  As root tshark ignores WIRESHARK_PLUGIN_DIR and the per-user
# folder, so the .so and the captures are copied into a fresh folder that
# uid 65534 can read, laid out as DIR/X.Y/epan/, and tshark runs as 65534.
set -euo pipefail

MA_FAILS=0

# ma_abi PLUGIN_SO: the Wireshark major.minor the plugin was built for.  The
# build puts it in plugins/X.Y/epan/ (plugin/CMakeLists.txt), the layout
# tshark looks for, so the folder names it.
ma_abi() {
    local abi
    abi=$(basename "$(dirname "$(dirname "$1")")")
    [[ $abi =~ ^[0-9]+\.[0-9]+$ ]] || { echo "FAIL: $1 is not in a plugins/X.Y/epan/ folder" >&2; exit 1; }
    echo "$abi"
}

# ma_setup PLUGIN_SO [FILE...]: make the folder, copy the plugin and files.
ma_setup() {
    local so=$1; shift
    [ -f "$so" ] || { echo "FAIL: plugin $so not built"; exit 1; }
    MA_ABI=$(ma_abi "$so")
    MA_DIR=$(mktemp -d)
    trap 'rm -rf "$MA_DIR"' EXIT
    mkdir -p "$MA_DIR/$MA_ABI/epan" "$MA_DIR/extcap"
    cp "$so" "$MA_DIR/$MA_ABI/epan/"
    local f
    for f in "$@"; do cp "$f" "$MA_DIR/"; done
    chmod -R a+rX "$MA_DIR"
}

# ts ARGS...: tshark with the plugin, in MA_DIR (captures by base name).
ts() {
    local run=()
    if [ "$(id -u)" -eq 0 ]; then
        run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    fi
    local pre=()
    if [ -n "${MA_TSHARK_PRELOAD:-}" ]; then
        pre=(LD_PRELOAD="$MA_TSHARK_PRELOAD")
    fi
    # An empty extcap folder: tshark would otherwise start every extcap
    # helper (androiddump, ...) for -z help, and under the sanitizer preload,
    # which children inherit, androiddump was seen to hang for good.
    (cd "$MA_DIR" && "${run[@]}" env HOME="$MA_DIR" WIRESHARK_PLUGIN_DIR="$MA_DIR" \
        WIRESHARK_EXTCAP_DIR="$MA_DIR/extcap" \
        WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 "${pre[@]}" timeout 600 tshark "$@")
}

# check NAME EXPECTED ACTUAL: exact comparison, reported either way.
check() {
    if [ "$2" == "$3" ]; then
        echo "ok: $1 = $3"
    else
        echo "FAIL: $1: expected [$2] got [$3]"
        MA_FAILS=$((MA_FAILS + 1))
    fi
}

ma_done() {
    if [ "$MA_FAILS" -ne 0 ]; then
        echo "$MA_FAILS check(s) failed"
        exit 1
    fi
    echo "all checks passed"
}
