#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lint.clang_format: the C lines a change adds or edits follow .clang-format.
# Only changed lines are checked (git clang-format), so older code is not
# reformatted wholesale and a rebase stays small.  The base is
# MA_FORMAT_BASE when set (CI for a merge request sets it to the target),
# else where this branch left main; on main itself there is nothing to
# compare and the test is skipped (exit 77).
# Fix a failure with: git clang-format-14 <base>
# usage: clang-format.sh SOURCE_DIR CLANG_FORMAT GIT_CLANG_FORMAT
set -euo pipefail
src=$1
cf=$2
gcf=$3
cd "$src"
git rev-parse --git-dir >/dev/null 2>&1 || { echo "SKIP: $src is not a git checkout"; exit 77; }
base=${MA_FORMAT_BASE:-}
if [ -z "$base" ]; then
    if ! git rev-parse -q --verify main >/dev/null; then
        echo "SKIP: no main branch to compare with (set MA_FORMAT_BASE)"
        exit 77
    fi
    base=$(git merge-base HEAD main)
    if [ "$base" = "$(git rev-parse HEAD)" ] && git diff --quiet "$base" -- '*.c' '*.h'; then
        echo "SKIP: no C change since main (set MA_FORMAT_BASE to check a range)"
        exit 77
    fi
fi
out=$("$gcf" --binary "$cf" --diff --extensions c,h "$base" -- core tools plugin tests 2>&1) || true
case "$out" in
*"no modified files to format"* | *"did not modify any files"*)
    echo "ok: the C lines changed since $(git rev-parse --short "$base") are formatted"
    exit 0
    ;;
esac
echo "$out"
echo "FAIL: lines changed since $(git rev-parse --short "$base") are not formatted;"
echo "      run: git clang-format-14 $(git rev-parse --short "$base")"
exit 1
