#!/bin/sh
# One case of the support runbook (docs/support.md), as ctest runs it:
#   runbook_case.sh EXIT PATTERN COMMAND [ARG…]
# passes when COMMAND exits with EXIT and its output has a line matching
# every '|'-separated part of PATTERN (grep -E each), so both the exit status
# and what the runbook says the support engineer sees are checked.
expected_exit=$1
patterns=$2
shift 2
out=$("$@" 2>&1)
code=$?
echo "$out"
if [ "$code" -ne "$expected_exit" ]; then
  echo "runbook case: exit status $code, expected $expected_exit" >&2
  exit 1
fi
old_ifs=$IFS
IFS='|'
for pattern in $patterns; do
  if ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
    echo "runbook case: no line matches: $pattern" >&2
    exit 1
  fi
done
IFS=$old_ifs
