# The commands a user types. Each target installs missing Debian packages first (idempotent).
#   make demo   build, then score the bundled scenarios against the bundled rubric
#   make test   build, then run every test
#   make build  leaves the binary at build/poise
BUILD_DIR ?= build
BUILD_TYPE ?= Release
WERROR ?= OFF
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps configure build demo test bench format clean

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

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Google Benchmark micro-benchmarks, then the end-to-end timings (docs/performance.md).
bench: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DPOISE_BUILD_BENCH=ON >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)
	@./$(BUILD_DIR)/bench/poise_bench --benchmark_min_time=0.5
	@bench/end_to_end.sh

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	@rm -rf $(BUILD_DIR)
