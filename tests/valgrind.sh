#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# valgrind.sh [BUILD_DIR] - the unit and capture tests and the CLI on every
# shipped capture under valgrind memcheck (issue 8): any invalid read or
# write, use of an uninitialised value, invalid free or definite leak fails
# (--error-exitcode).  Needs a build without sanitizers (default preset):
#   cmake --preset default && cmake --build --preset default -j2 && tests/valgrind.sh
# GLib is told to use the system malloc (G_SLICE=always-malloc) and to clear
# freed memory (G_DEBUG=gc-friendly) so that memcheck sees every block.
# Only definite leaks count: GLib's type system and caches keep blocks that
# are reachable, or only possibly lost, until exit by design.  No
# suppression file is needed today (GLib and libpcap report nothing
# definite); one may only ever hold GLib or libpcap internals, each with the
# reason.  Logs: BUILD_DIR/valgrind/*.log.
set -euo pipefail
if [ "${1:-}" = --one ]; then
  # --one OUT NAME COMMAND...: one run (xargs calls this in parallel)
  out=$2 name=$3
  shift 3
  rc=0
  valgrind --tool=memcheck --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --track-origins=yes --num-callers=30 --log-file="$out/$name.log" \
    "$@" >/dev/null 2>"$out/$name.stderr" || rc=$?
  # memcheck says 99; the CLI's own verdicts exit 1 (FAIL), a test binary 0
  case $name in
  cli-*) [ "$rc" -le 2 ] ;;
  *) [ "$rc" -eq 0 ] ;;
  esac && { echo "ok: $name"; exit 0; }
  echo "FAIL: $name (exit $rc): $out/$name.log"
  exit 1
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/default}
jobs=${MA_VALGRIND_JOBS:-2}
out=$build/valgrind
rm -rf "$out"
mkdir -p "$out"
export G_SLICE=always-malloc G_DEBUG=gc-friendly MA_SOURCE_DIR=$root
jobs_file=$out/jobs
: >"$jobs_file"
# The unit tests (tests/unit), the capture tests (tests/capture) and the
# CLI's and the probe's unit tests (tests/cli, tests/monitor).
for t in "$build"/tests/test_* "$build"/tests/cli_test_* "$build"/tests/monitor_test_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  case $n in
  # /capture/live-loopback captures 1.5 s on lo while a thread sends 5
  # datagrams: under memcheck's slowdown they are sent before the capture
  # starts (a timing test, not a memory one; its code runs in the others).
  test_capture_file) echo "$n $t -s /capture/live-loopback" >>"$jobs_file" ;;
  *) echo "$n $t" >>"$jobs_file" ;;
  esac
done
# The CLI on every shipped capture, as a user runs it (JSON: every renderer
# but text shares the report model; text is the default).
cli=$build/tools/mcast-audit/mcast-audit
for c in "$root"/captures/*.pcap "$root"/captures/real/*.pcap "$root"/captures/real/*.pcapng; do
  echo "cli-$(basename "$c") $cli $c" >>"$jobs_file"
  echo "cli-json-$(basename "$c") $cli --format json $c" >>"$jobs_file"
done
start=$(date +%s)
status=0
xargs -P "$jobs" -L 1 "$0" --one "$out" <"$jobs_file" >"$out/summary" || status=$?
sort "$out/summary"
total=$(wc -l <"$jobs_file")
fails=$(grep -c '^FAIL' "$out/summary" || true)
echo "valgrind memcheck: $total runs, $fails failed, $(($(date +%s) - start)) s"
[ "$status" -eq 0 ] && [ "$fails" -eq 0 ]
