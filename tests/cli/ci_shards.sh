#!/usr/bin/env bash
# docs/ci.md's recipe, end to end on one machine: a fuzz seed range and the
# suite each split over a 3-wide "matrix", every shard writing JUnit, the
# files merged by scripts/merge-junit. Checks the shards ran every seed and
# every scenario once, and that the merge counts what the shards reported;
# a missing shard file makes the merge fail naming it.
#
# usage: ci_shards.sh HIRESIM SOURCE_DIR
set -euo pipefail
hiresim=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL $*"; exit 1; }

total=0
for k in 1 2 3; do
  out=$("$hiresim" fuzz --seed 11 --runs 20 --shard $k/3 --out repros --junit fuzz-$k.xml)
  echo "$out"
  runs=$(sed -n 's/^\([0-9]*\) runs from seed.*/\1/p' <<<"$out")
  total=$((total + runs))
done
[ "$total" -eq 20 ] || fail "the three fuzz shards ran $total seeds, not 20"
grep -q 'shard 1/3: seeds 11..16 of 11..30' <<<"$("$hiresim" fuzz --seed 11 --runs 20 --shard 1/3)" ||
  fail "shard 1/3 does not name its block of seeds"

scenarios=0
for k in 1 2 3; do
  "$hiresim" run "$src/scenarios" --jobs 2 --shard $k/3 --junit suite-$k.xml >/dev/null
  scenarios=$((scenarios + $(grep -c '<testcase' suite-$k.xml)))
done
everything=$("$hiresim" run "$src/scenarios" --jobs 2 --junit all.xml | tail -1)
[ "$scenarios" -eq "$(grep -c '<testcase' all.xml)" ] ||
  fail "the shards ran $scenarios scenarios, the whole suite $everything"

merged=$("$src/scripts/merge-junit" merged.xml fuzz-1.xml fuzz-2.xml fuzz-3.xml suite-1.xml suite-2.xml suite-3.xml)
echo "$merged"
[ "$(grep -c '<testcase' merged.xml)" -eq $((scenarios + 3)) ] || fail "merged.xml lacks testcases"
grep -q "tests=\"$((scenarios + 3))\"" merged.xml || fail "merged.xml's total is not the shards' sum"

if "$src/scripts/merge-junit" bad.xml fuzz-1.xml missing.xml 2>err.txt; then fail "a missing shard file merged"; fi
grep -q 'missing.xml' err.txt || fail "the merge's error does not name the missing file: $(cat err.txt)"
[ ! -e bad.xml ] || fail "a failed merge left bad.xml behind"
echo "ok: 20 seeds over 3 fuzz shards, $scenarios scenarios over 3 suite shards, merged"
