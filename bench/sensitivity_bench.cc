// Sensitivity analysis at the scale of issue #5 — 10,000 samples × 1,000 scenarios × 40 criteria,
// every rating uncertain, weights drawn (K = 20) — against the Eigen matrix products of the same
// shapes, both on all cores. The products: per sample, for every group, the 1,000 × 40 normalised
// ratings and the 1,000 × 40 assessed mask times its 40 × M weight matrix — what scoring a sample
// reduces to (the samples compute no crosstab, so neither does the baseline). Target: within 2×.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <thread>

#include "bench_util.h"
#include "poise/parallel.h"
#include "poise/sensitivity.h"

namespace poise::bench {
namespace {

constexpr Eigen::Index kScenarios = 1000;

int Threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> scenarios = [] {
    const Model& model = Bench40();
    const size_t c_count = model.rubric->criteria.size();
    std::vector<Scenario> all(kScenarios);
    for (size_t i = 0; i < all.size(); ++i) {
      Scenario& s = all[i];
      s.id = "s" + std::to_string(i);
      for (size_t c = 0; c < c_count; ++c) {
        const double r = static_cast<double>((i * 7 + c * 13 + (i / 3) * c) % 5);
        s.ratings.emplace_back(r);
        s.ranges.emplace_back(std::make_pair(std::max(0.0, r - 1), std::min(4.0, r + 1)));
        s.notes.emplace_back();
      }
    }
    return all;
  }();
  return scenarios;
}

void BM_Sensitivity(benchmark::State& state) {
  std::vector<const Scenario*> scenarios;
  for (const Scenario& s : Scenarios()) scenarios.push_back(&s);
  SensitivityOptions options;
  options.samples = static_cast<uint64_t>(state.range(0));
  options.concentration = 20;
  options.threads = Threads();
  for (auto _ : state) {
    auto results = AnalyzeSensitivity(Bench40(), scenarios, options);
    benchmark::DoNotOptimize(results.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * kScenarios);
}

void BM_SensitivityEigenProducts(benchmark::State& state) {
  const Model& model = Bench40();
  Eigen::MatrixXd x(kScenarios, 40);
  for (Eigen::Index i = 0; i < kScenarios; ++i) {
    for (Eigen::Index c = 0; c < 40; ++c)
      x(i, c) = static_cast<double>((i * 7 + c * 13 + (i / 3) * c) % 5) / 4;
  }
  const Eigen::MatrixXd mask = Eigen::MatrixXd::Ones(kScenarios, 40);
  const auto samples = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    ParallelFor(samples, Threads(), [&](size_t) {
      for (const GroupModel& g : model.groups) {
        Eigen::MatrixXd weighted = x * g.weight_load;
        Eigen::MatrixXd assessed = mask * g.weight_load;
        benchmark::DoNotOptimize(weighted.data());
        benchmark::DoNotOptimize(assessed.data());
      }
    });
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * kScenarios);
}

BENCHMARK(BM_Sensitivity)->Arg(10000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK(BM_SensitivityEigenProducts)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace
}  // namespace poise::bench
