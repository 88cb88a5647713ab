// How robust is a finding? Monte Carlo over the uncertain ratings (their `range`) and the weights
// (a Dirichlet around the nominal weights; AHP judgements one Saaty step), one-at-a-time tornado
// swings, and Sobol indices per factor group. Formulas: docs/methods.md. Pure computation: no
// files, no printing; the same seed gives the same numbers on any thread count.
#ifndef POISE_POISE_SENSITIVITY_H_
#define POISE_POISE_SENSITIVITY_H_

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "poise/model.h"
#include "poise/random.h"
#include "poise/scenario.h"

namespace poise {

struct SensitivityOptions {
  uint64_t samples = 1000;
  uint64_t seed = 1;
  double concentration = 0;  // Dirichlet K for the weights; 0 keeps every weight fixed
  bool sobol = false;
  int bootstrap = 200;  // Poisson bootstrap replicates for the Sobol confidence intervals
  int threads = 1;
  // Called from the calling thread with the number of samples done so far (may be empty).
  std::function<void(uint64_t)> progress;
};

// Percentiles come from a fixed 1024-bin histogram on [0, 1] per quantity, interpolated within
// the bin and clamped to the exact minimum and maximum seen: within 1/1024 of the sample quantile,
// and exact when every sample has the same value. Memory does not grow with the sample count.
inline constexpr int kSketchBins = 1024;
// Rank distributions are kept for batches of at most this many scenarios (S² counters).
inline constexpr size_t kMaxRankedScenarios = 2000;

struct Distribution {
  std::optional<double> nominal;             // the score with nominal ratings and weights
  std::optional<double> mean, p5, p50, p95;  // over the samples where the score is not null
  uint64_t null_samples = 0;                 // samples where coverage left the score null
};

struct FlagProbability {
  std::string code, group, member;  // member empty for group-level flags
  double probability = 0;
};

struct TornadoBar {
  int criterion = 0;
  double rating_low = 0, rating_high = 0;  // the criterion's own ends
  double low = 0, high = 0;                // overall score at each end, all else nominal
  double swing = 0;                        // |high − low|
};

struct RankDistribution {
  double p_first = 0;  // share of samples in which the scenario ranks first (ties share rank 1)
  int median = 0, p5 = 0, p95 = 0;  // nearest-rank percentiles of its rank (1 = best)
};

struct SobolIndex {
  std::string factor;                  // "weights" or "ratings:<member of the overall group>"
  std::optional<double> first, total;  // null when the overall score does not vary
  std::optional<double> first_low, first_high, total_low, total_high;  // 95% bootstrap CIs
};

struct ScenarioSensitivity {
  Distribution overall;
  std::vector<std::vector<Distribution>> members;  // [group][member]
  std::vector<FlagProbability> flags;    // every flag raised in at least one sample, rubric order
  std::vector<TornadoBar> tornado;       // sorted by swing, largest first (ties: rubric order)
  std::optional<RankDistribution> rank;  // several scenarios only
  std::vector<SobolIndex> sobol;         // with options.sobol
};

// Runs the analysis over scenarios bound to model's rubric.
// REQUIRES: options.samples >= 1; every scenario bound to model.rubric.
std::vector<ScenarioSensitivity> AnalyzeSensitivity(const Model& model,
                                                    const std::vector<const Scenario*>& scenarios,
                                                    const SensitivityOptions& options);

// The sampled model of one weight draw: criterion weights from a Dirichlet centred on the nominal
// ones (concentration k), overall member weights likewise, or — for AHP — every judgement moved
// uniformly to one of its neighbours on the Saaty scale 1/9 … 9 (or kept). k = 0: the nominal
// model.
Model DrawWeights(const Model& model, double k, Random& random);

}  // namespace poise

#endif  // POISE_POISE_SENSITIVITY_H_
