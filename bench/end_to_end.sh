#!/usr/bin/env bash
# End-to-end timings of issue #4's targets, robust to a drifting machine: the commands being
# compared run alternately, pair by pair, and each target is the median of the per-pair ratios.
# Usage (from the source root, after `make build`): bench/end_to_end.sh [RUNS] [FILES]
set -euo pipefail
runs=${1:-7}
count=${2:-10000}
poise=build/poise
work=${TMPDIR:-/tmp}/poise-bench
mkdir -p "$work"
g++ -O2 -std=c++20 bench/yamlcpp_baseline.cc -lyaml-cpp -o "$work/yamlcpp_baseline"
if [ ! -f "$work/files-$count/synth-$(printf '%06d' "$count").yaml" ]; then
  rm -rf "$work/files-$count"
  "$poise" synth --rubric bench/bench-40.yaml --count "$count" --seed 1 --out "$work/files-$count" 2>/dev/null
fi
files="$work/files-$count"
now() { date +%s.%N; }
time_of() { local t0; t0=$(now); "$@" >/dev/null 2>&1 || true; echo "$(now) - $t0" | bc -l; }
yaml=() j1=() j2=()
for ((i = 0; i < runs; i++)); do
  yaml+=("$(time_of "$work/yamlcpp_baseline" "$files")")
  j1+=("$(time_of "$poise" score -f ndjson -j 1 --rubric bench/bench-40.yaml "$files")")
  j2+=("$(time_of "$poise" score -f ndjson -j 2 --rubric bench/bench-40.yaml "$files")")
done
python3 - "$runs" "${yaml[@]}" "${j1[@]}" "${j2[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); v = list(map(float, sys.argv[2:]))
yaml, j1, j2 = v[:n], v[n:2*n], v[2*n:]
print(f"yaml-cpp alone       median {statistics.median(yaml):.3f} s  (runs: {', '.join(f'{x:.2f}' for x in yaml)})")
print(f"poise --threads 1    median {statistics.median(j1):.3f} s  (runs: {', '.join(f'{x:.2f}' for x in j1)})")
print(f"poise --threads 2    median {statistics.median(j2):.3f} s  (runs: {', '.join(f'{x:.2f}' for x in j2)})")
r1 = statistics.median(a / b for a, b in zip(j1, yaml))
r2 = statistics.median(a / b for a, b in zip(j1, j2))
print(f"threads 1 / yaml-cpp: {r1:.2f} (target <= 1.25)")
print(f"threads 1 / threads 2: {r2:.2f} (target >= 1.7)")
PY
