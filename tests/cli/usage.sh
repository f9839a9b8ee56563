#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# usage.sh BIN - --help/--version succeed; every usage error is exit 2 with
# exactly one "mcast-audit: ..." line on stderr and nothing on stdout.
set -u
BIN=$1
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect_usage DESCRIPTION ARGS... : exit 2, one stderr line, empty stdout
expect_usage() {
    what=$1; shift
    "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2"
    lines=$(wc -l <"$TMP/err")
    [ "$lines" -eq 1 ] || fail "$what: $lines stderr lines, expected 1: $(cat "$TMP/err")"
    grep -q '^mcast-audit: ' "$TMP/err" || fail "$what: stderr does not start with 'mcast-audit: '"
    [ ! -s "$TMP/out" ] || fail "$what: stdout not empty"
    echo "ok: $what -> $(cat "$TMP/err")"
}

"$BIN" --help >"$TMP/out" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] || fail "--help exit $rc"
for opt in --interface --duration --rtsp-port --format --output --html --max-loss --max-jitter \
           --max-join-latency --max-first-packet --fail-on --expect-group --color --quiet \
           --version "Exit status"; do
    grep -q -- "$opt" "$TMP/out" || fail "--help does not mention $opt"
done

"$BIN" --version >"$TMP/out" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] || fail "--version exit $rc"
[ "$(head -n 1 "$TMP/out")" = "mcast-audit 0.1.0" ] || fail "--version first line: $(head -n 1 "$TMP/out")"
grep -q '^libpcap version ' "$TMP/out" || fail "--version lacks the libpcap version"
grep -q '^GLib 2\.' "$TMP/out" || fail "--version lacks the GLib version"

expect_usage "unknown option" --bogus x.pcap
expect_usage "--clock-rate without =" --clock-rate 96 x.pcap
expect_usage "--clock-rate payload type 128" --clock-rate 128=90000 x.pcap
expect_usage "--clock-rate 0 Hz" --clock-rate 96=0 x.pcap
expect_usage "no input"
expect_usage "bad format" --format xml x.pcap
expect_usage "bad --max-loss" --max-loss abc x.pcap
expect_usage "--max-loss over 100" --max-loss 150 x.pcap
expect_usage "negative --max-jitter" --max-jitter=-3 x.pcap
expect_usage "bad --max-join-latency" --max-join-latency 1s x.pcap
expect_usage "bad --max-first-packet" --max-first-packet '' x.pcap
expect_usage "bad --fail-on" --fail-on info x.pcap
expect_usage "bad --color" --color maybe x.pcap
expect_usage "bad --rtsp-port" --rtsp-port 0 x.pcap
expect_usage "unicast --expect-group" --expect-group 10.1.1.1 x.pcap
expect_usage "bad --expect-group port" --expect-group '[ff3e::1]:99999' x.pcap
expect_usage "files and interface" -i lo x.pcap
expect_usage "--duration without -i" --duration 3 x.pcap
expect_usage "unwritable --output" -o "$TMP/no/such/dir/r.json" x.pcap
expect_usage "unwritable --html" --html "$TMP/no/such/dir/r.html" x.pcap
expect_usage "empty --html" --html '' x.pcap

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all usage checks passed"
