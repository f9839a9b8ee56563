#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerate the sample corpus: every capture, its truth file and README.md.
#   tools/mcast-gen/regen-captures.sh BUILD_DIR        (builds mcast-gen first)
#   tools/mcast-gen/regen-captures.sh --gen MCAST_GEN [OUT_DIR]
# OUT_DIR defaults to captures/ of this checkout.  Seed 1 is the corpus seed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ "${1:-}" = "--gen" ]; then
    gen=$2
    out=${3:-$root/captures}
elif [ $# -ge 1 ]; then
    cmake --build "$1" --target mcast-gen >/dev/null
    gen=$1/tools/mcast-gen/mcast-gen
    out=${2:-$root/captures}
else
    echo "usage: $0 BUILD_DIR [OUT_DIR] | --gen MCAST_GEN [OUT_DIR]" >&2
    exit 2
fi
mkdir -p "$out"
# Stale files of renamed scenarios must not linger.
rm -f "$out"/*.pcap "$out"/*.expected.json
"$gen" --scenario all --seed 1 --out "$out"
"$gen" --readme > "$out/README.md"
# The captures recorded from real software (captures/lab/record.sh) keep their own table
# (captures/real/README.md, written by captures/lab/truth.py); the corpus README shows it too.
if [ -f "$root/captures/real/README.md" ]; then
    { echo; cat "$root/captures/real/README.md"; } >> "$out/README.md"
fi
echo "wrote $(ls "$out"/*.pcap | wc -l) captures to $out"
