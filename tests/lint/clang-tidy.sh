#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lint.clang_tidy: clang-tidy (checks from the repository's .clang-tidy) over
# every project .c file of core/, tools/mcast-audit/, tools/mcast-gen/ and
# plugin/, with the flags of the build's compile_commands.json (the plugin's
# Wireshark include paths come from there).  Fails on any diagnostic.
# tests/ sources are not linted: they are test code (g_test callbacks,
# fixtures), not shipped, and the project rule covers product code.
#
# usage: clang-tidy.sh SOURCE_DIR BUILD_DIR CLANG_TIDY [RUN_CLANG_TIDY]
set -euo pipefail
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
tidy=$3
runner=${4:-}
db=$build/compile_commands.json
[ -f "$db" ] || { echo "lint: no $db (configure with CMAKE_EXPORT_COMPILE_COMMANDS)"; exit 1; }

# The file list: every .c in the linted directories.  A file missing from
# the database is an error (it would silently escape the lint), except the
# plugin's when the plugin is not configured (no Wireshark CMake package).
files=()
for dir in core tools/mcast-audit tools/mcast-gen plugin bench; do
  for f in "$src/$dir"/*.c; do
    [ -e "$f" ] || continue
    if ! grep -qF "\"file\": \"$f\"" "$db"; then
      if [ "$dir" = plugin ]; then
        echo "lint: plugin not in this build, skipped: $f"
        continue
      fi
      echo "lint: $f is not in $db (reconfigure?)"
      exit 1
    fi
    files+=("$f")
  done
done
echo "lint: ${#files[@]} files, $("$tidy" --version | grep -o 'version [0-9.]*')"

jobs=$(nproc 2>/dev/null || echo 2)
headers="^$src/(core|tools/mcast-audit|tools/mcast-gen|plugin|bench)/"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
if [ -n "$runner" ] && [ -x "$runner" ]; then
  # run-clang-tidy takes regexes: anchor each path, escape its dots.
  regexes=()
  for f in "${files[@]}"; do regexes+=("^${f//./\\.}\$"); done
  "$runner" -clang-tidy-binary "$tidy" -p "$build" -j "$jobs" -quiet \
    -header-filter "$headers" "${regexes[@]}" >"$out" 2>&1 || rc=$?
else
  printf '%s\n' "${files[@]}" |
    xargs -P "$jobs" -n 4 "$tidy" -p "$build" --quiet --header-filter="$headers" >"$out" 2>&1 || rc=$?
fi
# run-clang-tidy forces colour: strip it so the log and the grep below work.
sed -E 's/\x1b\[[0-9;]*m//g' "$out" | grep -v -E '^([^ ]*clang-tidy(-[0-9]+)? |[0-9]+ warnings? generated\.|Suppressed [0-9]+ warnings)' || true
# Count diagnostics ourselves too, so a config without WarningsAsErrors
# still fails here.
n=$(sed -E 's/\x1b\[[0-9;]*m//g' "$out" | grep -c -E '^/[^ ]+:[0-9]+:[0-9]+: (warning|error): ' || true)
if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then
  echo "lint: FAILED: $n diagnostics (clang-tidy exit $rc)"
  sed -E 's/\x1b\[[0-9;]*m//g' "$out" |
    sed -n -E 's/^(\/[^:]+):[0-9]+:[0-9]+: (warning|error): .*\[([^],]+).*/\1 \3/p' | sort | uniq -c
  exit 1
fi
echo "lint: clean"
