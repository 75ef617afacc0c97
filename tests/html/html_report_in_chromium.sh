#!/usr/bin/env bash
# The --html report, opened in headless Chromium (Debian's package): the page
# a developer gets must render each scenario with its timeline, and a failing
# one with its mismatch. Chromium's DOM dump is checked and a screenshot kept.
#
# usage: html_report_in_chromium.sh HIRESIM SOURCE_DIR OUT_DIR
set -euo pipefail
hiresim=$1 src=$2 out=$(realpath -m "$3")  # Chromium wants an absolute file:// URL
rm -rf "$out" && mkdir -p "$out/failing"

fail() { echo "html report test: $*" >&2; exit 1; }

# One scenario that passes and one that fails at a known JSON path.
sed 's/"first_name": "Jane"/"first_name": "Janet"/' \
  "$src/scenarios/setup/help_article_happy_path.json" > "$out/failing/wrong_first_name.json"
grep -q '"Janet"' "$out/failing/wrong_first_name.json" || fail "could not plant the mismatch"
set +e
"$hiresim" run --jobs 1 --html "$out/report.html" \
  "$src/scenarios/setup/help_article_happy_path.json" "$out/failing/wrong_first_name.json" > "$out/run.txt"
status=$?
set -e
[ "$status" -eq 1 ] || fail "hiresim run exited $status, expected 1 (one expectation failed)"

command -v chromium >/dev/null || fail "chromium is missing: run scripts/setup"
# As root Chromium needs --no-sandbox; the rest keeps it off the network,
# which this machine and CI do not have.
chrome=(timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync
        --user-data-dir="$out/profile" --window-size=1280,1800)
"${chrome[@]}" --dump-dom "file://$out/report.html" > "$out/dom.html" 2> "$out/chromium.log" \
  || fail "chromium could not load the page (see $out/chromium.log)"
"${chrome[@]}" --screenshot="$out/report.png" "file://$out/report.html" >> "$out/chromium.log" 2>&1 \
  || fail "chromium could not take the screenshot (see $out/chromium.log)"

# What the rendered page must show.
expect() { grep -qF -- "$1" "$out/dom.html" || fail "the rendered page lacks: $1"; }
expect "1 passed, 1 failed"
expect "help article happy path"
expect "wrong_first_name.json"
expect "/pending_hires[0]/first_name"
expect "Janet"
expect '<table class="timeline">'
expect "POST /internal/v1/pending_hires"        # the core's call to Justworks, in the timeline
expect "POST /webhooks/lever/"         # a webhook delivery, Lever → core
expect "A candidate has been hired in Lever!"  # the email
[ "$(grep -c '<details class="scenario' "$out/dom.html")" -eq 2 ] || fail "expected two scenarios"

# A real screenshot: a PNG of more than a blank page's few kilobytes.
[ "$(head -c 8 "$out/report.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] \
  || fail "report.png is not a PNG"
size=$(stat -c %s "$out/report.png")
[ "$size" -gt 20000 ] || fail "report.png is only $size bytes: the page rendered blank?"
echo "html report rendered in Chromium: $out/report.png ($size bytes)"
