#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The corruption campaign's variants (tests/hostile/corrupt.py) through
# tshark with the plugin, two passes and the full tree (-2 -V), under
# WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 (lib.sh) and, in the asan build, the
# sanitizer runtimes: the exit code must be 0, 1 or 2 (tshark says 2 when a
# file is cut short), never a signal, and stderr must carry no dissector
# bug and no sanitizer report.
# usage: corrupt.sh PLUGIN_SO CORRUPT_PY SEED COUNT CAPTURE_OR_DIR...
. "$(dirname "$0")/lib.sh"
so=$1 gen=$2 seed=$3 count=$4
shift 4
ma_setup "$so"
/usr/bin/python3 "$gen" generate --seed "$seed" --count "$count" --out "$MA_DIR/v" "$@"
chmod -R a+rX "$MA_DIR"
declare -A by_rc=()
n=0
for f in "$MA_DIR"/v/*.pcap "$MA_DIR"/v/*.pcapng; do
    [ -e "$f" ] || continue
    v=$(basename "$f")
    rc=0
    ts -2 -V -r "v/$v" >/dev/null 2>"$MA_DIR/err" || rc=$?
    n=$((n + 1))
    by_rc[$rc]=$(( ${by_rc[$rc]:-0} + 1 ))
    if [ "$rc" -gt 2 ] || grep -qE 'Dissector bug|AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$MA_DIR/err"; then
        echo "FAIL: $v: tshark exit $rc"
        head -40 "$MA_DIR/err"
        MA_FAILS=$((MA_FAILS + 1))
    fi
done
summary=""
for rc in $(printf '%s\n' "${!by_rc[@]}" | sort -n); do summary+=" $rc: ${by_rc[$rc]},"; done
echo "tshark with the plugin: $n variants, exit codes${summary%,}"
check "variants run" "$count" "$n"
ma_done
