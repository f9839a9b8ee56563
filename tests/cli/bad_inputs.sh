#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bad_inputs.sh BIN - inputs that cannot be audited: exit 2, exactly one
# "mcast-audit: ..." line on stderr, nothing on stdout.
set -u
BIN=$1
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# pcap global header, little endian, version 2.4, snaplen 65535, link type $1 (octal bytes)
pcap_header() {
    printf '\324\303\262\241\002\000\004\000\000\000\000\000\000\000\000\000\377\377\000\000'
    printf "$1"
}

: >"$TMP/empty.pcap"
pcap_header '\001\000\000\000' | head -c 12 >"$TMP/short-header.pcap"
printf 'This is a text file, certainly not a packet capture.\n' >"$TMP/text.pcap"
mkdir "$TMP/directory.pcap"
# link type 147 (USER0) with one 10-byte packet
{ pcap_header '\223\000\000\000'
  printf '\000\000\000\000\000\000\000\000\012\000\000\000\012\000\000\000'
  printf '0123456789'; } >"$TMP/linktype.pcap"

check() {
    what=$1; shift
    "$BIN" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    rc=$?
    [ "$rc" -eq 2 ] || fail "$what: exit $rc, expected 2"
    lines=$(wc -l <"$TMP/err")
    [ "$lines" -eq 1 ] || fail "$what: $lines stderr lines, expected 1: $(cat "$TMP/err")"
    grep -q '^mcast-audit: ' "$TMP/err" || fail "$what: stderr does not start with 'mcast-audit: '"
    [ ! -s "$TMP/out" ] || fail "$what: stdout not empty"
    echo "ok: $what -> $(cat "$TMP/err")"
}

check "empty file" "$TMP/empty.pcap"
check "truncated file header" "$TMP/short-header.pcap"
check "not a capture" "$TMP/text.pcap"
check "directory" "$TMP/directory.pcap"
check "missing file" "$TMP/missing.pcap"
check "unknown link type" "$TMP/linktype.pcap"
check "empty standard input" -
check "json format, missing file" --format json "$TMP/missing.pcap"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all bad-input checks passed"
