# The commands a user types. Each target installs missing Debian packages first (idempotent).
#   make demo   build, then score the bundled scenarios against the bundled rubric
#   make test   build, then run every test
#   make build  leaves the binary at build/poise
#   make test-sanitize   the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make lint   cppcheck and clang-tidy, both must be silent
#   make fuzz FUZZ_SECONDS=N   builds the libFuzzer targets (clang) and runs each for N seconds
#   make schema-check   the JSON Schemas against a real validator (ajv-cli from npm) and poise
#   make browser-deps   installs Chromium, so that `make test` renders the HTML report too
BUILD_DIR ?= build
BUILD_TYPE ?= Release
WERROR ?= OFF
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SANITIZE_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: all deps configure build demo test test-sanitize fuzz lint schema-check browser-deps bench format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) \
	  -DPOISE_WARNINGS_AS_ERRORS=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@echo
	@echo "== poise score scenarios/  (rubric: rubrics/balanced-coexistence.yaml) =="
	@./$(BUILD_DIR)/poise score scenarios/
	@echo
	@echo "== poise score --format json scenarios/deterrence-only.yaml  (first lines) =="
	@./$(BUILD_DIR)/poise score --format json scenarios/deterrence-only.yaml | head -n 24
	@echo
	@echo "== poise report -o $(BUILD_DIR)/demo-report.html scenarios/  (figures, comparison, ranking) =="
	@./$(BUILD_DIR)/poise report -o $(BUILD_DIR)/demo-report.html scenarios/

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  echo "note: Chromium is not installed, so the browser tests of the HTML report were skipped" \
	       "(make browser-deps installs it; CI does)"

# A separate Debug build with ASan + UBSan; the CLI tests run that build's poise binary too.
test-sanitize: deps
	@cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=Debug -DPOISE_SANITIZE=ON \
	  -DPOISE_WARNINGS_AS_ERRORS=$(WERROR) >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS)
	@cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer needs clang and its runtime (installed here); corpora persist in $(FUZZ_DIR).
fuzz:
	@scripts/install-deps.sh clang-14 libclang-rt-14-dev
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPOISE_BUILD_FUZZ=ON -DPOISE_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_rubric fuzz_scenario fuzz_csv
	@fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# cppcheck and clang-tidy (.clang-tidy) over engine/ and include/; any finding fails.
lint: configure
	@scripts/install-deps.sh clang-tidy cppcheck
	@scripts/lint.sh $(BUILD_DIR)

# schemas/ checked with ajv-cli (pinned in scripts/schema-tools/, installed into $(BUILD_DIR)):
# bundled files valid, and agreement with `poise validate` on tests/data/bad/.
schema-check: build
	@scripts/schema-check.sh $(BUILD_DIR)

# Debian's Chromium for tests/browser_test.cc (without it those tests skip and say why).
browser-deps:
	@scripts/install-deps.sh chromium

# Google Benchmark micro-benchmarks, then the end-to-end timings (docs/performance.md).
bench: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DPOISE_BUILD_BENCH=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@./$(BUILD_DIR)/bench/poise_bench --benchmark_min_time=0.5
	@bench/end_to_end.sh

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	@rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
