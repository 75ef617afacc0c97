#!/usr/bin/env bash
# The command line's contract against hostile input: every malformed scenario,
# world, path or flag below must end in exit 2 with a message naming what is
# wrong (never a signal, a hang, exit 0 or exit 3), and every output
# destination is checked before the run starts. Files are generated into a
# temp folder; each probe runs the real binary.
#
# usage: hostile_inputs.sh HIRESIM SOURCE_DIR
set -uo pipefail
hiresim=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# probe NAME EXPECTED_EXIT TEXT_IN_OUTPUT -- ARGS...: runs `hiresim ARGS`
# (60 s at most) and checks its exit code and that stdout+stderr hold TEXT.
probe() {
  local name=$1 want=$2 text=$3
  shift 4
  local out status
  out=$(cd "$tmp" && timeout 60 "$hiresim" "$@" 2>&1)
  status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL $name: exit $status, expected $want"; echo "$out" | head -5 | cut -c1-300
    failures=$((failures + 1))
  elif ! grep -qF -- "$text" <<<"$out"; then
    echo "FAIL $name: exit $status but the output lacks \"$text\""; echo "$out" | head -5 | cut -c1-300
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

# A scenario of the acme world whose steps are $1 (a JSON array body).
scenario() {
  printf '{"name": "probe", "world": "acme", "steps": [%s]}\n' "$1"
}
connect='{"justworks.setup": {"as": "dana@acme.example"}}, {"lever.consent": {"as": "sam@acme.example"}},
  {"lever.webhook.enable": {}}, {"lever.webhook.verify": {"expect": "Verified"}},
  {"justworks.finish_setup": {"as": "dana@acme.example", "expect": "connected"}}'

# --- the JSON itself ---
printf '{"name": "n", "seed": 1e400, "world": "acme", "steps": [{"settle": {}}]}' > "$tmp/big_number.json"
probe "number beyond double range" 2 "big_number.json" -- run big_number.json
python3 -c "print('{\"name\": \"n\", \"world\": \"acme\", \"steps\": [{\"settle\": ' + '['*100000 + ']'*100000 + '}]}')" \
  > "$tmp/deep.json"
probe "nesting 100k levels deep" 2 "nested deeper than" -- run deep.json
scenario '{"settle": {}}' | sed 's/"name": "probe"/"name": "a", "name": "b"/' > "$tmp/dup.json"
probe "duplicate key" 2 "duplicate key \"name\"" -- run dup.json
{ scenario '{"settle": {}}'; printf '\0garbage'; } > "$tmp/nul.json"
probe "bytes after a NUL" 2 "NUL byte" -- run nul.json
head -c $((33 << 20)) /dev/zero | tr '\0' ' ' > "$tmp/huge.json"
probe "file over the size cap" 2 "hiresim reads files up to" -- run huge.json
mkdir -p "$tmp/fixtures/worlds" && cp "$tmp/deep.json" "$tmp/fixtures/worlds/deepworld.json"
printf '{"name": "n", "world": "deepworld", "steps": [{"settle": {}}]}' > "$tmp/uses_deep_world.json"
probe "world nested 100k levels deep" 2 "deepworld.json" -- run uses_deep_world.json

# --- wrong-typed parameters: named with file, step and parameter ---
for p in '{"justworks.setup": {"as": 42}}' '{"lever.hire": {"opportunity": "opp-omar", "tenant": 7}}' \
         '{"lever.offer.send": {"opportunity": "opp-omar", "offer": ["x"]}}' \
         '{"lever.hire": {"opportunity": "opp-omar", "as": {"who": 1}}}'; do
  scenario "$p" > "$tmp/typed.json"
  probe "wrong-typed parameter $p" 2 "step 1" -- run typed.json
done
scenario '{"expect.pending_hires": {"count": 1, "contains": 42}}' > "$tmp/count_contains.json"
probe "count and contains together" 2 "step 1" -- run count_contains.json
scenario '{"expect.emails": {"tenant": 3, "count": 0}}' > "$tmp/tenant_number.json"
probe "expectation tenant a number" 2 "\"tenant\"" -- run tenant_number.json
scenario '{"expect.lever_requests": {"match": "GET /v1/*", "min": "x"}}' > "$tmp/min_x.json"
probe "min a string in expect.lever_requests" 2 "\"min\"" -- run min_x.json
scenario '{"expect.justworks_requests": {"match": "GET /*", "count": "3"}}' > "$tmp/count_string.json"
probe "count a string in expect.justworks_requests" 2 "\"count\"" -- run count_string.json

# --- values out of range ---
scenario '{"lever.set": {"path": "/opportunities/opp-omar/emails/2000000000", "value": "x"}}' > "$tmp/set_index.json"
probe "lever.set on /emails/2000000000" 2 "step 1" -- run set_index.json
scenario '{"clock.advance": "100000000000d"}' > "$tmp/advance_huge.json"
probe "clock.advance by 10^11 days" 2 "step 1" -- run advance_huge.json
scenario "$(printf '{"clock.advance": "1000000000d"}, %.0s' {1..110}){\"settle\": {}}" > "$tmp/advance_wrap.json"
probe "clock.advance by 10^9 days, 110 times (wraps int64)" 2 "clock.advance" -- run advance_wrap.json
scenario "$(printf '{"clock.advance": "36500d"}, %.0s' {1..80}){\"settle\": {}}" > "$tmp/advance_10000.json"
probe "clock.advance past the year 9999" 2 "year 9999" -- run advance_10000.json
scenario "$connect, {\"fault\": {\"target\": \"lever\", \"match\": \"GET /v1/opportunities/*\", \"respond\": 429, \"retry_after\": 1000000, \"times\": 1000}},
  {\"lever.hire\": {\"opportunity\": \"opp-omar\"}}, {\"settle\": {}}" > "$tmp/retry_after.json"
probe "huge retry_after: a settle that cannot finish is exit 1" 1 "settle" -- run retry_after.json
probe "seed beyond 64 bits" 2 "--seed" -- run --seed 99999999999999999999 "$src/scenarios/hire/webhook_off_creates_nothing.json"
probe "--shard overflow" 2 "--shard" -- run --shard 4294967297/4294967298 "$src/scenarios/hire"
probe "--shard K > N" 2 "--shard" -- run --shard 3/2 "$src/scenarios/hire"

# --- folders and file names ---
mkdir -p "$tmp/loop" && ln -s self.json "$tmp/loop/self.json"
cp "$src/scenarios/hire/webhook_off_creates_nothing.json" "$tmp/loop/good.json"
probe "a self-referencing *.json symlink in a folder" 2 "self.json" -- run loop
mkdir -p "$tmp/names" && cp "$src/scenarios/hire/webhook_off_creates_nothing.json" "$tmp/names/$(printf 'bad\xff').json"
probe "a non-UTF-8 file name with --json" 0 "1 passed" -- run --json "$tmp/names.report.json" names
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/names.report.json" 2>/dev/null ||
  { echo "FAIL the --json report of a non-UTF-8 file name is not valid JSON"; failures=$((failures + 1)); }

# --- output destinations, checked before the run starts ---
one="$src/scenarios/hire/webhook_off_creates_nothing.json"
probe "--json at a directory" 2 "--json" -- run --json "$tmp" "$one"
probe "--html at a directory" 2 "--html" -- run --html "$tmp" "$one"
probe "--junit at a directory" 2 "--junit" -- run --junit "$tmp" "$one"
probe "--json in an unwritable place" 2 "--json" -- run --json /proc/hiresim/report.json "$one"
touch "$tmp/a_file"
probe "--keep at an existing file" 2 "--keep" -- run --keep "$tmp/a_file" "$one"
probe "--keep at /dev/null" 2 "--keep" -- run --keep /dev/null "$one"
mkdir -p "$tmp/k/a" "$tmp/keep"
cp "$one" "$tmp/k/a/b.json" && cp "$one" "$tmp/k/a_b.json"
probe "--keep of a/b.json and a_b.json" 0 "2 passed" -- run --jobs 2 --keep "$tmp/keep" k
[ "$(find "$tmp/keep" -name core.sqlite | wc -l)" -eq 2 ] ||
  { echo "FAIL a/b.json and a_b.json did not get a keep folder each"; failures=$((failures + 1)); }
perm=$(find "$tmp/keep" -name core.sqlite -printf '%m\n' | sort -u)
[ "$perm" = 600 ] || { echo "FAIL a kept core.sqlite has mode $perm, expected 600"; failures=$((failures + 1)); }
# A symlink planted where a scenario's keep folder or file goes is never followed.
echo precious > "$tmp/precious"
rm -rf "$tmp/keep2" && mkdir -p "$tmp/keep2/planted"
(cd "$tmp" && "$hiresim" run --keep keep2 k/a_b.json >/dev/null 2>&1)
folder=$(find "$tmp/keep2" -mindepth 1 -maxdepth 1 -type d ! -name planted)
rm -rf "$folder" && mkdir "$folder" && ln -s "$tmp/precious" "$folder/transcript.json" &&
  ln -s "$tmp/precious" "$folder/core.sqlite"
(cd "$tmp" && timeout 60 "$hiresim" run --keep keep2 k/a_b.json >/dev/null 2>&1)
[ "$(cat "$tmp/precious")" = precious ] ||
  { echo "FAIL a planted symlink in the keep folder was followed"; failures=$((failures + 1)); }
rm -rf "$folder" && ln -s "$tmp/keep2/planted" "$folder"
probe "a symlink planted as a scenario's keep folder" 2 "symlink" -- run --keep keep2 k/a_b.json

# --- the secrets key (issue 17): a bad one is exit 2 before any world is built ---
HIRESYNC_SECRETS_KEY=short probe "HIRESYNC_SECRETS_KEY not a key" 2 "HIRESYNC_SECRETS_KEY: not a secrets key" -- run "$one"
printf '%064d\n' 7 > "$tmp/secrets.key" && chmod 644 "$tmp/secrets.key"
HIRESYNC_SECRETS_KEY_FILE="$tmp/secrets.key" probe "a key file others can read" 2 "mode 0644" -- run "$one"
chmod 600 "$tmp/secrets.key"
HIRESYNC_SECRETS_KEY_FILE="$tmp/secrets.key" probe "a private key file" 0 "1 passed" -- run "$one"
HIRESYNC_SECRETS_KEY_FILE="$tmp/secrets.key" HIRESYNC_SECRETS_KEY=$(printf '%064d' 7) \
  probe "both a key and a key file" 2 "set one" -- run "$one"

# A mistyped command is named as one, with the real ones listed.
probe "an unknown command" 2 "unknown command 'frobnicate'" -- frobnicate
probe "an unknown command lists serve" 2 "serve" -- frobnicate

if [ "$failures" -ne 0 ]; then
  echo "$failures probe(s) failed"
  exit 1
fi
echo "every probe passed"
