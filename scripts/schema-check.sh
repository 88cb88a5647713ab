#!/usr/bin/env bash
# Checks schemas/ with a real JSON Schema 2020-12 validator (ajv-cli, pinned in
# scripts/schema-tools/package-lock.json and installed from the npm registry into BUILD_DIR):
#   1. both schemas compile in strict mode;
#   2. every bundled rubric and scenario (rubrics/, scenarios/, tests/data/rubrics/) is valid;
#   3. on every case of tests/data/bad/ the schema and `poise validate` agree as
#      tests/data/bad/schema-agreement.txt says (reject, or accept for a rule no schema can
#      express); a case missing from that list is an error.
#   4. `poise schema rubric|scenario` prints exactly the files in schemas/.
# Usage: scripts/schema-check.sh [BUILD_DIR]   (BUILD_DIR holds poise; default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
poise="$build/poise"
[ -x "$poise" ] || { echo "schema-check: $poise is missing; run make build first" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || scripts/install-deps.sh nodejs npm

tools="$build/schema-tools"
mkdir -p "$tools"
if ! cmp -s scripts/schema-tools/package-lock.json "$tools/package-lock.json" ||
   [ ! -x "$tools/node_modules/.bin/ajv" ]; then
  cp scripts/schema-tools/package.json scripts/schema-tools/package-lock.json "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
ajv_bin="$tools/node_modules/.bin/ajv"
ajv() { "$ajv_bin" "$@" --spec=draft2020 --allow-union-types 2>&1; }

failures=0
fail() { echo "schema-check: FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. The schemas themselves, strictly (unknown keywords, ignored keywords, bad patterns).
for kind in rubric scenario; do
  out=$("$ajv_bin" compile -s "schemas/$kind.schema.json" --spec=draft2020 --allow-union-types \
        --strict=true --strict-required=false 2>&1) || fail "schemas/$kind.schema.json: $out"
  printed=$("$poise" schema "$kind") || fail "poise schema $kind exited $?"
  [ "$printed" == "$(cat "schemas/$kind.schema.json")" ] ||
    fail "poise schema $kind differs from schemas/$kind.schema.json (rebuild?)"
done

# 2. Every bundled file is valid.
kind_of() { sed -n 's/^poise: *\([a-z]*\)\/1.*/\1/p' "$1" | head -n 1; }
valid=0
while IFS= read -r file; do
  kind=$(kind_of "$file")
  [ "$kind" == rubric ] || [ "$kind" == scenario ] || continue
  if out=$(ajv validate -s "schemas/$kind.schema.json" -d "$file" --errors=text); then
    valid=$((valid + 1))
  else
    fail "$file is bundled but the $kind schema rejects it: $out"
  fi
done < <(find rubrics scenarios tests/data/rubrics -name '*.yaml' | sort)

# 3. The bad cases: poise rejects each; the schema does what the list says.
list=tests/data/bad/schema-agreement.txt
agree=0 expressible=0
for file in tests/data/bad/*.yaml; do
  name=$(basename "$file")
  entry=$(grep -E "^$name[[:space:]]" "$list" | awk '{print $2}') || true
  [ -n "$entry" ] || { fail "$name is not in $list (add it: reject, accept or none)"; continue; }
  if "$poise" validate -q --rubric tests/data/rubrics/three.yaml "$file" >/dev/null 2>&1; then
    fail "$name: poise validate accepts it"
  fi
  [ "$entry" == none ] && continue
  kind=$(case "$name" in rubric-*) echo rubric ;; *) echo scenario ;; esac)
  if ajv validate -s "schemas/$kind.schema.json" -d "$file" >/dev/null; then got=accept; else got=reject; fi
  if [ "$got" != "$entry" ]; then
    fail "$name: the $kind schema ${got}s it, $list says $entry"
  else
    agree=$((agree + 1))
    [ "$entry" == reject ] && expressible=$((expressible + 1))
  fi
done

echo "schema-check: $valid bundled files valid; $agree bad cases as listed" \
     "($expressible rejected by the schemas too, the rest need the rubric or arithmetic)"
[ "$failures" -eq 0 ] || { echo "schema-check: $failures failure(s)" >&2; exit 1; }
