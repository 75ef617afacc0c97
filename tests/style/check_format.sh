#!/usr/bin/env bash
# Every C++ file of the tree is as clang-format (Debian 12's, v14) writes it
# with the repository's .clang-format. Lists the files that differ and the
# command that fixes them. Usage: check_format.sh SOURCE_DIR.
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "clang-format not found (scripts/setup installs it)" >&2; exit 1; }
differ=()
while IFS= read -r -d '' file; do
  clang-format --dry-run --Werror "$file" >/dev/null 2>&1 || differ+=("$file")
done < <(find src sim tests fuzz \( -name '*.cc' -o -name '*.h' \) -print0 | sort -z)
[ ${#differ[@]} -eq 0 ] && exit 0
echo "${#differ[@]} file(s) differ from .clang-format:" >&2
printf '  %s\n' "${differ[@]}" >&2
echo "fix with: clang-format -i ${differ[*]}" >&2
exit 1
