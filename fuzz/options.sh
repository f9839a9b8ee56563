# SPDX-License-Identifier: GPL-2.0-or-later
# options.sh - sourced by run-short and run-long: the libFuzzer options every
# run of harness $1 uses (its -max_len from harnesses.txt, the dictionary,
# the limits that make a slow or greedy input a finding).
fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fuzz_options() {
    local max_len
    max_len=$(awk -v h="$1" '$1 == h { print $2 }' "$fuzz_dir/harnesses.txt")
    [ -n "$max_len" ] || { echo "fuzz: no harness $1 in harnesses.txt" >&2; return 2; }
    # -timeout: an input taking 10 s is a finding (a slow path), not a stall
    echo "-max_len=$max_len -dict=$fuzz_dir/mcast-audit.dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1"
}
