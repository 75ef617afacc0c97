#!/usr/bin/env bash
# The architecture's boundaries, checked on every #include of the tree:
#   - src/ (the core) includes only its own headers: it knows nothing of the
#     simulator;
#   - only src/adapters/ (and the simulator's servers) include cpp-httplib,
#     SQLite or OpenSSL, and nothing else in src/ includes an adapter;
#   - src/mapping/ is pure: no ports, adapters or pipeline;
#   - the fakes share no Lever or Justworks understanding with the core: they
#     may use its generic pieces (status, ports, the loopback server and
#     client) but never src/lever, src/justworks, src/mapping, src/webhook or
#     src/sync.
# Usage: check_includes.sh SOURCE_DIR. Prints each violation as file:line.
set -euo pipefail
cd "$1"
violations=0

flag() {  # flag RULE GREP-OUTPUT
  [ -z "$2" ] && return 0
  echo "boundary broken: $1" >&2
  echo "$2" | sed 's/^/  /' >&2
  violations=$((violations + 1))
}

# Every quoted include of src/ must name a file under src/.
outside=""
while IFS=: read -r file line text; do
  header=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$text")
  [ -f "src/$header" ] || outside+="$file:$line: $header"$'\n'
done < <(grep -rn --include='*.h' --include='*.cc' '^#include "' src || true)
flag "the core (src/) includes a header that is not the core's" "${outside%$'\n'}"

flag "only src/adapters/ may include cpp-httplib, SQLite or OpenSSL in the core" \
  "$(grep -rnE '^#include <(httplib\.h|sqlite3\.h|openssl/)' src --include='*.h' --include='*.cc' \
     | grep -v '^src/adapters/' || true)"

flag "nothing in the core outside src/adapters/ includes an adapter" \
  "$(grep -rn '^#include "adapters/' src --include='*.h' --include='*.cc' \
     | grep -v '^src/adapters/' || true)"

flag "src/mapping/ is pure: no ports, adapters, sync or webhook" \
  "$(grep -rnE '^#include "(ports|adapters|sync|webhook)/' src/mapping || true)"

flag "the fakes never use the core's Lever, Justworks, mapping, webhook or sync code" \
  "$(grep -rnE '^#include "(lever|justworks|mapping|webhook|sync)/' \
     sim/fake_lever sim/fake_justworks sim/common || true)"

if [ "$violations" -gt 0 ]; then
  echo "$violations boundary rule(s) broken" >&2
  exit 1
fi
echo "include boundaries hold: core, adapters, mapping, fakes"
