#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench.smoke: bench/run --smoke on a 5 s capture with the test build.  It
# checks that the script runs and that its table and ratio lines are well
# formed; it never judges speed (timing belongs in bench/run, not in tests).
#
# usage: smoke.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
bash "$src/bench/run" --smoke --build-dir "$build" >"$out" 2>&1 || rc=$?
cat "$out"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
[ "$rc" -eq 0 ] || fail "bench/run --smoke exited $rc"
num='([0-9]+\.[0-9]+|n/a)'
# Every table row: label, then wall, CPU, peak MB, packets/s, MB/s.
rows=(
    "cat FILE >/dev/null" "libpcap loop (bench/)" "mcast-audit --format json" "mcast-audit (text)"
)
ratios=(mcast-audit/libpcap-loop mcast-audit-text/libpcap-loop libpcap-loop/cat)
if command -v tshark >/dev/null; then
    rows+=("tshark -q [no plugin]" "tshark -z rtp,streams [no plugin]" "tshark -2 -q [no plugin]"
        "tshark (summary lines) [no plugin]" "tshark rtp,streams h264 [no plugin]")
    if find "$build/plugins" -path '*/epan/mcast_audit.so' 2>/dev/null | grep -q .; then
        rows+=("tshark -q [plugin]" "tshark -z rtp,streams [plugin]" "tshark -2 -q [plugin]"
            "tshark (summary lines) [plugin]" "tshark rtp,streams h264 [plugin]" "tshark -z mcast_audit")
        ratios+=(plugin/no-plugin:tshark-q plugin/no-plugin:tshark-rtp-streams plugin/no-plugin:tshark-2q
            plugin/no-plugin:tshark-dissect plugin/no-plugin:tshark-rtp-streams-h264 "mcast_audit/rtp,streams")
    fi
fi
for r in "${rows[@]}"; do
    line=$(grep -F -- "$r " "$out" | grep -E '^[^ ].* +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9] +[0-9]+ +[0-9]+\.[0-9] ' |
        head -n 1 || true)
    [ -n "$line" ] || fail "no well-formed table row for '$r'"
done
for r in "${ratios[@]}"; do
    grep -Eq "^   ratio $(printf '%s' "$r" | sed 's/[].[*^$()+?{|\\]/\\&/g') +wall +$num +cpu +$num +rss +$num +best +$num$" "$out" ||
        fail "no well-formed ratio line for $r"
done
grep -q '^== done in ' "$out" || fail "no '== done' line"
if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "all checks passed"
