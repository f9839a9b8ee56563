#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# gen.reproducible: regenerating the corpus gives byte-identical files, the
# same set of files, and every capture stays under 2 MB.
#   reproducible.sh MCAST_GEN CAPTURES_DIR
set -eu
gen=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$(dirname "$0")/../../tools/mcast-gen/regen-captures.sh" --gen "$gen" "$tmp" >/dev/null
fail=0
(cd "$corpus" && ls *.pcap *.expected.json README.md) > "$tmp/.corpus-list"
(cd "$tmp" && ls *.pcap *.expected.json README.md) > "$tmp/.regen-list"
if ! cmp -s "$tmp/.corpus-list" "$tmp/.regen-list"; then
    echo "FAIL: file sets differ (< captures/, > regenerated):"
    diff "$tmp/.corpus-list" "$tmp/.regen-list" || true
    fail=1
fi
n=0
for f in $(cat "$tmp/.regen-list"); do
    n=$((n + 1))
    if ! cmp "$corpus/$f" "$tmp/$f"; then
        echo "FAIL: $f differs from the regenerated one"
        fail=1
    fi
    size=$(wc -c < "$tmp/$f")
    if [ "$size" -ge 2097152 ]; then
        echo "FAIL: $f is $size bytes (limit 2 MB)"
        fail=1
    fi
done
# Same seed twice in one run: the generator itself is deterministic.
mkdir "$tmp/again"
"$gen" --scenario all --seed 1 --out "$tmp/again"
for f in "$tmp"/again/*; do
    cmp "$f" "$tmp/$(basename "$f")" || fail=1
done
[ $fail -eq 0 ] && echo "ok: $n files byte-identical to captures/"
exit $fail
