#!/usr/bin/env bash
# `--set lever.KEY=VALUE` (docs/scenarios.md, "Lever's switches"): a bad key
# or value is bad input (exit 2) naming it; a good one reaches the worlds,
# where a scenario that pins the switch keeps its own value; fuzz takes it
# too and writes it into the scenario it runs.
#
# usage: set_option.sh HIRESIM SOURCE_DIR
set -uo pipefail
hiresim=$(realpath "$1") src=$(realpath "$2")
fail() { echo "FAIL $*"; exit 1; }

expect_bad() {  # expect_bad TEXT-IN-MESSAGE ARGS...
  local want=$1; shift
  err=$("$hiresim" "$@" 2>&1 >/dev/null); code=$?
  [ "$code" -eq 2 ] || fail "$* exited $code, not 2"
  grep -qF -- "$want" <<<"$err" || fail "$* said '$err', without '$want'"
}
one="$src/scenarios/hire/minted_rerun_after_dismiss_creates_nothing.json"
expect_bad 'retry_token: "sometimes" is not one of: reuse, mint' run "$one" --set lever.retry_token=sometimes
expect_bad "unknown Lever switch 'colour'" run "$one" --set lever.colour=blue
expect_bad "write lever.KEY=VALUE" run "$one" --set justworks.x=1
expect_bad "refresh_grace_s: 'soon' is not a whole number" run "$one" --set lever.refresh_grace_s=soon
expect_bad 'hire_events: "both" is not one of' fuzz --runs 1 --set lever.hire_events=both

# The scenario pins retry_token=mint itself, and passes under either default.
"$hiresim" run "$one" --set lever.retry_token=reuse | tail -1 | grep -qx '1 passed, 0 failed' ||
  fail "a pinned scenario did not pass under --set lever.retry_token=reuse"
# fuzz writes the switch into its scenario as a lever.set step.
"$hiresim" fuzz --seed 5 --show --set lever.retry_token=mint |
  grep -qF '{"lever.set":{"path":"/settings/retry_token","value":"mint"}}' ||
  fail "fuzz --show does not carry the switch"
echo "ok"
