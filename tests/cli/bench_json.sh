#!/usr/bin/env bash
# `hiresim bench --json` is for machines: one JSON document on stdout, each
# figure with its key, value and unit, and a goal with its verdict where the
# figure has one. Measures only the fuzz group (two seconds); the figures'
# sizes are not checked here: speed is the bench's to show, not a test's.
#
# usage: bench_json.sh HIRESIM
set -euo pipefail
out=$("$1" bench --only fuzz --json)
python3 - "$out" <<'PY'
import json, sys
doc = json.loads(sys.argv[1])
assert doc["errors"] == [], doc["errors"]
(fig,) = doc["figures"]
assert fig["group"] == "fuzz" and fig["key"] == "runs_per_s" and fig["unit"] == "/s", fig
assert fig["value"] > 0 and fig["goal"] == 300 and fig["goal_is"] == "at least", fig
assert fig["met"] == (fig["value"] >= 300), fig
print("ok:", fig["what"], round(fig["value"]), "runs/s")
PY
