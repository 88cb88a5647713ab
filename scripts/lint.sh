#!/usr/bin/env bash
# Static analysis of engine/ and include/: cppcheck, then clang-tidy (.clang-tidy). Both must be
# silent; any finding fails. Usage: scripts/lint.sh BUILD_DIR   (BUILD_DIR has compile_commands.json)
#
# cppcheck's useStlAlgorithm ("use std::transform instead of a raw loop") is off: a three-line
# loop that pushes into a vector reads better than the algorithm call it proposes. Other
# suppressions are inline, each with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
jobs=$(nproc 2>/dev/null || echo 2)

echo "== cppcheck engine/ include/"
cppcheck --enable=warning,performance,portability,style --std=c++20 --language=c++ \
  --inline-suppr --suppress=missingIncludeSystem --suppress=useStlAlgorithm \
  -I include -I engine -j "$jobs" --quiet --error-exitcode=1 \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' engine include

echo "== clang-tidy engine/ (headers under include/poise and engine/ through them)"
files=$(git ls-files 'engine/*.cc' 'engine/**/*.cc')
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# run-clang-tidy prints each file's findings, coloured (it passes --use-color whatever the output):
# the colour codes are stripped before looking for lines "path:line:col: warning|error:".
run-clang-tidy -p "$build" -j "$jobs" -quiet $files 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"$out" || true
if grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$out" | sort -u; then
  echo "clang-tidy: findings above" >&2
  exit 1
fi
echo "lint: clean"
