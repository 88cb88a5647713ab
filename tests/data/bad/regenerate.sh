#!/usr/bin/env bash
# Rewrites the .expected file of every bad-input case from the current binary. Run it only after
# a deliberate change to a message, and review `git diff tests/data/bad` line by line.
# Usage (from the source root): tests/data/bad/regenerate.sh [build/poise]
set -euo pipefail
poise=${1:-build/poise}
for f in tests/data/bad/*.yaml; do
  "$poise" validate -q --rubric tests/data/rubrics/three.yaml "$f" 2>"${f%.yaml}.expected" >/dev/null || true
done
for f in tests/data/bad/*.csv; do
  "$poise" score --rubric tests/data/rubrics/three.yaml --from-csv "$f" --format ndjson \
    2>"${f%.csv}.expected" >/dev/null || true
done
for f in tests/data/bad/fuzz/*.csv; do
  "$poise" score --rubric rubrics/balanced-coexistence.yaml --from-csv "$f" --format ndjson \
    2>"${f%.csv}.expected" >/dev/null || true
done
