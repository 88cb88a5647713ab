#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS seconds: fuzz/run.sh BUILD_DIR SECONDS [target...]
# Corpora grow in BUILD_DIR/fuzz-corpus/<target>/ (kept between runs), seeded from the bundled
# rubrics and scenarios, tests/data/ and fuzz/seeds/. A crash, a leak, a timeout (10 s per input)
# or memory past 2 GiB stops a target; its input is saved as BUILD_DIR/fuzz-crashes/<target>-*
# and the run exits 1 after the other targets have had their turn. Keep each crasher as a case in
# tests/data/bad/ once it is fixed.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [target...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [target...]}
shift 2
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(rubric scenario csv)

failed=()
for t in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus" "$build/fuzz-crashes"
  case $t in
    rubric) seeds=(rubrics tests/data/rubrics tests/data/bad); dict=fuzz/yaml.dict ;;
    scenario) seeds=(scenarios tests/data/bad tests/data/formats tests/data/panel); dict=fuzz/yaml.dict ;;
    csv) seeds=(fuzz/seeds/csv); dict=fuzz/csv.dict ;;
    *) echo "fuzz/run.sh: unknown target '$t' (rubric, scenario, csv)" >&2; exit 2 ;;
  esac
  echo "== fuzz_$t for ${seconds}s (corpus $corpus) =="
  log="$build/fuzz-$t.log"
  if "$build/fuzz/fuzz_$t" "$corpus" "${seeds[@]}" -dict="$dict" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-crashes/$t-" >"$log" 2>&1; then
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$log" | tr '\n' ' '
    echo "corpus: $(ls "$corpus" | wc -l) inputs"
  else
    failed+=("$t")
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -n 5
    echo "fuzz_$t FAILED (log: $log)"
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz/run.sh: failures in: ${failed[*]}" >&2; exit 1; }
