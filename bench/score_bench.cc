// The scoring kernel on an N×40 batch against the plain Eigen products it reduces to (issue #4:
// "within 2× of the plain Eigen matrix products", in the same benchmark run).
#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include "bench_util.h"
#include "poise/score.h"

namespace poise::bench {
namespace {

Eigen::MatrixXd Ratings(Eigen::Index n) {
  // Deterministic levels 0..4 (no NaN: every criterion assessed).
  Eigen::MatrixXd r(n, 40);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index c = 0; c < 40; ++c)
      r(i, c) = static_cast<double>((i * 7 + c * 13 + (i / 3) * c) % 5);
  }
  return r;
}

void BM_ScoreBatch(benchmark::State& state) {
  const Model& model = Bench40();
  const Eigen::MatrixXd ratings = Ratings(state.range(0));
  for (auto _ : state) {
    Scores scores = ScoreBatch(model, ratings);
    benchmark::DoNotOptimize(scores.overall.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// What ScoreBatch reduces to: per group, the weighted sums X·A and the assessed weight M·A, and
// the same two products for the crosstab, on the normalised ratings.
void BM_PlainEigenProducts(benchmark::State& state) {
  const Model& model = Bench40();
  const Eigen::MatrixXd x = Ratings(state.range(0)) / 4.0;
  const Eigen::MatrixXd mask = Eigen::MatrixXd::Ones(x.rows(), x.cols());
  for (auto _ : state) {
    for (const GroupModel& g : model.groups) {
      Eigen::MatrixXd weighted = x * g.weight_load;
      Eigen::MatrixXd assessed = mask * g.weight_load;
      benchmark::DoNotOptimize(weighted.data());
      benchmark::DoNotOptimize(assessed.data());
    }
    Eigen::MatrixXd cells = x * model.crosstab;
    Eigen::MatrixXd cell_weight = mask * model.crosstab;
    benchmark::DoNotOptimize(cells.data());
    benchmark::DoNotOptimize(cell_weight.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(BM_ScoreBatch)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlainEigenProducts)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace poise::bench
