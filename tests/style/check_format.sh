#!/usr/bin/env bash
# Every C++ file of the tree is as clang-format (Debian 12's, v14) writes it
# with the repository's .clang-format. Lists the files that differ and the
# command that fixes them. Usage: check_format.sh SOURCE_DIR.
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "clang-format not found (scripts/setup installs it)" >&2; exit 1; }
# One clang-format for all files (a process per file took a minute under
# load); each violation it prints starts "file:line:col: error".
report=$(find src sim tests fuzz \( -name '*.cc' -o -name '*.h' \) -print0 | sort -z |
         xargs -0 clang-format --dry-run --Werror 2>&1 || true)
mapfile -t differ < <(grep -oE '^[^:]+\.(cc|h):[0-9]+:[0-9]+: error' <<<"$report" | cut -d: -f1 | sort -u)
[ ${#differ[@]} -eq 0 ] && exit 0
echo "${#differ[@]} file(s) differ from .clang-format:" >&2
printf '  %s\n' "${differ[@]}" >&2
echo "fix with: clang-format -i ${differ[*]}" >&2
exit 1
