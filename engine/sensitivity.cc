#include "poise/sensitivity.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "lane_scorer.h"
#include "poise/parallel.h"
#include "poise/score.h"
#include "poise/weights.h"

namespace poise {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Saaty's scale 1/9 … 1/2, 1, 2 … 9.
constexpr std::array<double, 17> kSaaty = {1.0 / 9, 1.0 / 8, 1.0 / 7, 1.0 / 6, 1.0 / 5, 1.0 / 4,
                                           1.0 / 3, 1.0 / 2, 1,       2,       3,       4,
                                           5,       6,       7,       8,       9};

// The Saaty step nearest to v (on the log scale).
int NearestSaaty(double v) {
  int best = 0;
  for (int i = 1; i < static_cast<int>(kSaaty.size()); ++i) {
    if (std::abs(std::log(v / kSaaty[static_cast<size_t>(i)])) <
        std::abs(std::log(v / kSaaty[static_cast<size_t>(best)])))
      best = i;
  }
  return best;
}

// Samples per wave of the Monte Carlo: kWaveLanes × kLanes. A wave's weight draws are kept for
// every scenario to score against (a few KiB per sample).
constexpr uint64_t kWaveLanes = 128;
// Samples per thread in a wave of the Sobol designs (each keeps 2 + K overall scores per scenario).
constexpr uint64_t kSobolSamplesPerThread = 64;
// Scenarios per task of a wave.
constexpr size_t kBlockScenarios = 8;

// The flags a model can raise, in the order Assess reports them.
enum class FlagCode { kImbalanced, kNeglected, kInsufficient, kInconsistent };
struct FlagSlot {
  FlagCode code;
  int group;
  int member;  // -1 for group-level flags
};

std::vector<FlagSlot> FlagSlots(const Model& model) {
  const Rubric& r = *model.rubric;
  std::vector<FlagSlot> slots;
  for (size_t g = 0; g < r.groups.size(); ++g) {
    const Group& group = r.groups[g];
    const int gi = static_cast<int>(g);
    const int members = static_cast<int>(group.members.size());
    if (group.balance && group.balance->max_gap) slots.push_back({FlagCode::kImbalanced, gi, -1});
    if (group.balance && group.balance->floor) {
      for (int m = 0; m < members; ++m) slots.push_back({FlagCode::kNeglected, gi, m});
    }
    for (int m = 0; m < members; ++m) slots.push_back({FlagCode::kInsufficient, gi, m});
  }
  if (!r.overall.ahp.empty()) slots.push_back({FlagCode::kInconsistent, r.overall.group, -1});
  return slots;
}

const char* FlagCodeName(FlagCode code) {
  switch (code) {
    case FlagCode::kImbalanced:
      return "imbalanced";
    case FlagCode::kNeglected:
      return "neglected";
    case FlagCode::kInsufficient:
      return "insufficient_evidence";
    case FlagCode::kInconsistent:
      return "inconsistent_judgements";
  }
  return "";
}

// The quantities tracked per scenario: overall, then every member of every group.
struct Layout {
  std::vector<size_t> group_offset;  // first quantity of each group
  size_t count = 1;
  explicit Layout(const Rubric& r) {
    for (const Group& g : r.groups) {
      group_offset.push_back(count);
      count += g.members.size();
    }
  }
};

// Adds to counts[k] the number of lanes, of the first n, in which flag slot k is raised, from
// the lanes' values (LaneScorer's; NaN = null): FORMATS §3.5, as Assess decides it. Lane sets are
// bit masks (bit l = lane l).
void CountFlags(const Rubric& r, const std::vector<FlagSlot>& slots, const Layout& layout,
                const double* values, const LaneWeights& weights, int n, uint64_t* counts) {
  static_assert(kLanes <= 32);
  const uint32_t active = (uint32_t{1} << n) - 1;
  auto lanes_where = [](auto&& condition) {
    uint32_t bits = 0;
    for (int l = 0; l < kLanes; ++l) bits |= static_cast<uint32_t>(condition(l) ? 1 : 0) << l;
    return bits;
  };
  int stats_group = -1;  // the group whose present/low/high below are computed
  std::array<int, kLanes> present{};
  std::array<double, kLanes> low{}, high{};
  for (size_t k = 0; k < slots.size(); ++k) {
    const FlagSlot& slot = slots[k];
    const Group& group = r.groups[static_cast<size_t>(slot.group)];
    const size_t first = layout.group_offset[static_cast<size_t>(slot.group)];
    const double* member =
        values + (first + static_cast<size_t>(std::max(slot.member, 0))) * kLanes;
    uint32_t on = 0;
    switch (slot.code) {
      case FlagCode::kInsufficient:
        on = lanes_where([&](int l) { return std::isnan(member[l]); });
        break;
      case FlagCode::kInconsistent:
        on = lanes_where([&](int l) { return weights.inconsistent[static_cast<size_t>(l)]; });
        break;
      case FlagCode::kImbalanced:
      case FlagCode::kNeglected: {
        if (stats_group != slot.group) {  // over the members with a score
          stats_group = slot.group;
          present.fill(0);
          for (size_t m = 0; m < group.members.size(); ++m) {
            const double* v = values + (first + m) * kLanes;
            for (size_t l = 0; l < kLanes; ++l) {
              if (std::isnan(v[l])) continue;
              low[l] = present[l] == 0 ? v[l] : std::min(low[l], v[l]);
              high[l] = present[l] == 0 ? v[l] : std::max(high[l], v[l]);
              ++present[l];
            }
          }
        }
        on = lanes_where([&](int l) {
          const auto i = static_cast<size_t>(l);
          if (present[i] < 2) return false;
          return slot.code == FlagCode::kImbalanced
                     ? high[i] - low[i] > *group.balance->max_gap
                     : !std::isnan(member[l]) && member[l] < *group.balance->floor;
        });
        break;
      }
    }
    // The bits set, by halves (std::popcount is a library call on plain x86-64).
    uint32_t bits = on & active;
    bits = bits - ((bits >> 1) & 0x55555555u);
    bits = (bits & 0x33333333u) + ((bits >> 2) & 0x33333333u);
    bits = (bits + (bits >> 4)) & 0x0F0F0F0Fu;
    counts[k] += (bits * 0x01010101u) >> 24;
  }
}

// One uncertain rating: drawn uniformly from its range each sample.
struct RangedCell {
  Eigen::Index offset;  // of (scenario, criterion) in the column-major ratings matrix
  double low, width;    // width: the number of levels, or high − low
  int column;           // the criterion
  bool levels;          // whole levels low … high, each equally likely
};

std::vector<RangedCell> RangedCells(const Model& model,
                                    const std::vector<const Scenario*>& scenarios) {
  std::vector<RangedCell> cells;
  for (size_t s = 0; s < scenarios.size(); ++s) {
    for (size_t c = 0; c < scenarios[s]->ranges.size(); ++c) {
      const auto& range = scenarios[s]->ranges[c];
      if (!range || !scenarios[s]->ratings[c] || range->first == range->second) continue;
      const bool levels = model.rubric->criteria[c].scale.type == ScaleType::kLevels;
      const auto row = static_cast<Eigen::Index>(s), column = static_cast<Eigen::Index>(c);
      cells.push_back({column * static_cast<Eigen::Index>(scenarios.size()) + row, range->first,
                       range->second - range->first + (levels ? 1 : 0), static_cast<int>(c),
                       levels});
    }
  }
  // Drawn in the ratings matrix's storage order (column-major), so that the writes are sequential.
  std::stable_sort(cells.begin(), cells.end(),
                   [](const RangedCell& a, const RangedCell& b) { return a.offset < b.offset; });
  return cells;
}

// A cell's draw from half `half` (0: the high 32 bits, 1: the low ones) of a 64-bit random
// number: u uniform in [0, width), and the whole level it falls on. 32 bits are ample resolution
// for picking one of at most 101 levels or a point in a range; the signed conversion is one
// instruction and gives the same value.
double DrawnOffset(uint64_t bits, size_t half, double width) {
  const auto bits32 = static_cast<int64_t>((bits >> (half == 0 ? 32 : 0)) & 0xFFFFFFFFu);
  return static_cast<double>(bits32) * 0x1.0p-32 * width;
}
// Truncation is floor for u >= 0 (and, unlike std::floor, needs no libm call on plain x86-64).
int64_t DrawnLevel(double u, double width) {
  return std::min(static_cast<int64_t>(u), static_cast<int64_t>(width) - 1);
}

// Draws every uncertain rating into `ratings` (S × C, column-major). Each 64-bit random number
// feeds two cells in a row, at half the generator cost (there can be 10^8 draws in a run).
void DrawRatings(const std::vector<RangedCell>& cells, Random& random, Eigen::MatrixXd* ratings) {
  double* data = ratings->data();
  uint64_t bits = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    const RangedCell& cell = cells[i];
    if (i % 2 == 0) bits = random.Next();
    const double u = DrawnOffset(bits, i % 2, cell.width);
    data[cell.offset] =
        cell.low + (cell.levels ? static_cast<double>(DrawnLevel(u, cell.width)) : u);
  }
}

void ExtractValues(const Scores& scores, const Layout& layout, Eigen::Index row, double* out) {
  out[0] = scores.has_overall(row, 0) ? scores.overall(row) : kNaN;
  for (size_t g = 0; g < scores.groups.size(); ++g) {
    const GroupScores& gs = scores.groups[g];
    for (Eigen::Index m = 0; m < gs.score.cols(); ++m) {
      out[layout.group_offset[g] + static_cast<size_t>(m)] =
          gs.has_score(row, m) ? gs.score(row, m) : kNaN;
    }
  }
}

// The uncertain ratings of a block of scenarios, for drawing them straight into a LaneScorer's
// lanes with the random bits DrawRatings gives them: each 64-bit number of a sample's stream
// feeds two consecutive cells of DrawRatings' order (high half, then low half), so the block
// computes each number it needs once (Random::Peek) and fills whichever of its two cells lie in
// the block. A drawn rating gets the normalised score ScoreBatch would compute for it.
struct DrawTarget {
  size_t slot;  // in the block's lanes: (scenario in block × C + criterion) × kLanes
  int column;
  double low, width;
  int table;  // levels scale: the first of `width` normalised levels in BlockDraws::levels; or -1
};
struct DrawWord {
  uint64_t word;              // which number of the sample's stream
  std::array<int, 2> target;  // per half (high, low): index into BlockDraws::targets, or -1
};
struct BlockDraws {
  std::vector<std::vector<DrawWord>> words;  // per block, by word
  std::vector<DrawTarget> targets;
  std::vector<double> levels;  // normalised scores of low, low + 1, … per levels cell
};

BlockDraws MakeBlockDraws(const Model& model, const std::vector<RangedCell>& ranged, size_t s_count,
                          size_t block_size) {
  BlockDraws draws;
  draws.words.resize((s_count + block_size - 1) / block_size);
  const auto rows = static_cast<Eigen::Index>(s_count);
  const auto c_count = static_cast<size_t>(model.criteria_count());
  for (size_t i = 0; i < ranged.size(); ++i) {
    const RangedCell& r = ranged[i];
    const auto scenario = static_cast<size_t>(r.offset % rows);
    DrawTarget target{((scenario % block_size) * c_count + static_cast<size_t>(r.column)) * kLanes,
                      r.column, r.low, r.width, -1};
    if (r.levels) {
      const ColumnNormalizer normalize(model, r.column);
      target.table = static_cast<int>(draws.levels.size());
      for (int k = 0; k < static_cast<int>(r.width); ++k)
        draws.levels.push_back(normalize(r.low + static_cast<double>(k)));
    }
    std::vector<DrawWord>& words = draws.words[scenario / block_size];
    if (words.empty() || words.back().word != i / 2) words.push_back({i / 2, {-1, -1}});
    words.back().target[i % 2] = static_cast<int>(draws.targets.size());
    draws.targets.push_back(target);
  }
  return draws;
}

// Fixed-size percentile sketch over [0, 1] (see kSketchBins), plus exact count, sum, min, max.
class Sketches {
 public:
  explicit Sketches(size_t quantities)
      : bins_(quantities * kSketchBins, 0),
        n_(quantities, 0),
        nulls_(quantities, 0),
        sum_(quantities, 0.0),
        min_(quantities, std::numeric_limits<double>::infinity()),
        max_(quantities, -std::numeric_limits<double>::infinity()) {}

  // Adds values[0 … count) to quantity q, in that order.
  void Add(size_t q, const double* values, size_t count) {
    uint32_t* bins = &bins_[q * kSketchBins];
    uint64_t n = n_[q], nulls = nulls_[q];
    double sum = sum_[q], low = min_[q], high = max_[q];
    for (size_t i = 0; i < count; ++i) {
      const double v = values[i];
      if (std::isnan(v)) {
        ++nulls;
        continue;
      }
      ++bins[std::clamp(static_cast<int>(v * kSketchBins), 0, kSketchBins - 1)];
      low = std::min(low, v);  // from +inf and −inf: no branch on the first value
      high = std::max(high, v);
      ++n;
      sum += v;
    }
    n_[q] = n;
    nulls_[q] = nulls;
    sum_[q] = sum;
    min_[q] = low;
    max_[q] = high;
  }

  void Fill(size_t q, Distribution* d) const {
    d->null_samples = nulls_[q];
    if (n_[q] == 0) return;
    // Constant samples have that value as their mean exactly (a sum of n copies may round).
    d->mean = min_[q] == max_[q] ? min_[q] : sum_[q] / static_cast<double>(n_[q]);
    d->p5 = Quantile(q, 0.05);
    d->p50 = Quantile(q, 0.50);
    d->p95 = Quantile(q, 0.95);
  }

 private:
  // The value at position p·(n − 1) of the sorted samples, located by bin and interpolated
  // linearly inside it (samples taken as spread evenly over the bin), clamped to [min, max].
  double Quantile(size_t q, double p) const {
    if (min_[q] == max_[q]) return min_[q];
    const double target = p * static_cast<double>(n_[q] - 1);
    const uint32_t* bins = &bins_[q * kSketchBins];
    double before = 0;
    for (int b = 0; b < kSketchBins; ++b) {
      const double count = bins[b];
      if (count > 0 && target < before + count) {
        const double inside = (target - before + 0.5) / count;
        return std::clamp((b + inside) / kSketchBins, min_[q], max_[q]);
      }
      before += count;
    }
    return max_[q];
  }

  std::vector<uint32_t> bins_;
  std::vector<uint64_t> n_, nulls_;
  std::vector<double> sum_, min_, max_;
};

// Competition ranks (1 = highest; ties share the best rank) of `values`; 0 for NaN. A least-
// significant-digit radix sort of 64-bit keys that order like the values (ten thousand samples of
// a thousand scenarios are ten thousand sorts), passes over a digit that every key shares skipped.
struct RankScratch {
  std::vector<uint64_t> keys, keys_tmp;
  std::vector<uint32_t> index, index_tmp;
};
void CompetitionRanks(const double* values, size_t n, RankScratch* scratch, int* ranks) {
  std::vector<uint64_t>& keys = scratch->keys;
  std::vector<uint32_t>& index = scratch->index;
  keys.clear();
  index.clear();
  for (size_t i = 0; i < n; ++i) {
    if (std::isnan(values[i])) {
      ranks[i] = 0;
      continue;
    }
    // IEEE bits made unsigned-ordered (−0 as +0: they tie), then inverted: highest first.
    auto bits = std::bit_cast<uint64_t>(values[i] + 0.0);
    bits = (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
    keys.push_back(~bits);
    index.push_back(static_cast<uint32_t>(i));
  }
  const size_t m = keys.size();
  scratch->keys_tmp.resize(m);
  scratch->index_tmp.resize(m);
  for (int shift = 0; shift < 64; shift += 8) {
    std::array<uint32_t, 256> count{};
    for (uint64_t key : keys) ++count[(key >> shift) & 0xFF];
    if (std::find(count.begin(), count.end(), static_cast<uint32_t>(m)) != count.end()) continue;
    uint32_t position = 0;
    for (uint32_t& c : count) position += std::exchange(c, position);
    for (size_t k = 0; k < m; ++k) {
      const uint32_t to = count[(keys[k] >> shift) & 0xFF]++;
      scratch->keys_tmp[to] = keys[k];
      scratch->index_tmp[to] = index[k];
    }
    keys.swap(scratch->keys_tmp);
    index.swap(scratch->index_tmp);
  }
  for (size_t k = 0; k < m; ++k) {
    ranks[index[k]] =
        k > 0 && keys[k] == keys[k - 1] ? ranks[index[k - 1]] : static_cast<int>(k) + 1;
  }
}

// The criteria each Sobol rating factor owns: the member of the overall group each criterion
// loads on most (ties: first in rubric order); criteria off the overall group own no factor.
std::vector<int> FactorOfCriterion(const Rubric& r) {
  std::vector<int> factor;
  for (const Criterion& c : r.criteria) {
    int best = -1;
    double share = 0;
    for (const Load& load : c.loads) {
      if (load.group == r.overall.group && load.share > share) {
        best = load.member;
        share = load.share;
      }
    }
    factor.push_back(best);
  }
  return factor;
}

// Nearest-rank percentile of sorted values.
double NearestRank(const std::vector<double>& sorted, double p) {
  const auto k = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(k, 1, sorted.size()) - 1];
}

}  // namespace

Model DrawWeights(const Model& model, double k, Random& random) {
  if (k <= 0) return model;
  const Rubric& r = *model.rubric;
  double total = 0;
  for (const Criterion& c : r.criteria) total += c.weight;
  std::vector<double> weights;
  for (const Criterion& c : r.criteria) weights.push_back(total > 0 ? c.weight / total : 0);
  weights = Dirichlet(random, weights, k);
  for (double& w : weights) w *= total;

  Eigen::VectorXd overall = model.overall_raw_weights;
  std::optional<AhpSummary> ahp = model.ahp;
  if (!r.overall.ahp.empty()) {
    const auto n = model.overall_raw_weights.size();
    Eigen::MatrixXd pairwise = Eigen::MatrixXd::Ones(n, n);
    for (const AhpJudgement& j : r.overall.ahp) {
      const int at = NearestSaaty(j.value);
      const auto step = static_cast<int>(random.Below(3)) - 1;  // −1, 0 or +1, equally likely
      const int moved = std::clamp(at + step, 0, static_cast<int>(kSaaty.size()) - 1);
      const double value = step == 0 ? j.value : kSaaty[static_cast<size_t>(moved)];
      pairwise(j.row, j.column) = value;
      pairwise(j.column, j.row) = 1 / value;
    }
    if (std::optional<AhpResult> result = AhpPriorities(pairwise)) {
      overall = result->weights;
      ahp = AhpSummary{result->lambda_max, result->ci, result->cr, result->cr > 0.1};
    }
  } else {
    const double sum = overall.sum();
    std::vector<double> mean(static_cast<size_t>(overall.size()));
    for (Eigen::Index m = 0; m < overall.size(); ++m)
      mean[static_cast<size_t>(m)] = overall(m) / sum;
    const std::vector<double> drawn = Dirichlet(random, mean, k);
    for (Eigen::Index m = 0; m < overall.size(); ++m)
      overall(m) = drawn[static_cast<size_t>(m)] * sum;
  }
  Model sampled = Reweight(model, weights, overall);
  sampled.ahp = ahp;
  return sampled;
}

std::vector<ScenarioSensitivity> AnalyzeSensitivity(const Model& model,
                                                    const std::vector<const Scenario*>& scenarios,
                                                    const SensitivityOptions& options) {
  const Rubric& rubric = *model.rubric;
  const size_t s_count = scenarios.size();
  const Layout layout(rubric);
  const size_t q_count = layout.count;
  const std::vector<FlagSlot> slots = FlagSlots(model);
  const size_t f_count = slots.size();
  const bool ranked = s_count >= 2 && s_count <= kMaxRankedScenarios;
  const Eigen::MatrixXd nominal = GatherRatings(model, scenarios);
  const std::vector<RangedCell> ranged = RangedCells(model, scenarios);
  const int threads = std::max(options.threads, 1);

  std::vector<ScenarioSensitivity> results(s_count);
  for (ScenarioSensitivity& r : results) {
    r.members.resize(rubric.groups.size());
    for (size_t g = 0; g < rubric.groups.size(); ++g)
      r.members[g].resize(rubric.groups[g].members.size());
  }
  const Scores nominal_scores = ScoreBatch(model, nominal);
  {  // Nominal scores.
    std::vector<double> values(q_count);
    for (size_t s = 0; s < s_count; ++s) {
      ExtractValues(nominal_scores, layout, static_cast<Eigen::Index>(s), values.data());
      auto value = [&](size_t q) {
        return std::isnan(values[q]) ? std::nullopt : std::optional(values[q]);
      };
      results[s].overall.nominal = value(0);
      for (size_t g = 0; g < rubric.groups.size(); ++g) {
        for (size_t m = 0; m < rubric.groups[g].members.size(); ++m)
          results[s].members[g][m].nominal = value(layout.group_offset[g] + m);
      }
    }
  }

  // Monte Carlo, a wave of samples at a time. Each sample draws one set of weights (shared by
  // every scenario) and each scenario's uncertain ratings; the scenarios are split across
  // threads and each scores its samples kLanes at a time and merges them into its own statistics
  // in sample order, so no sum depends on the thread count. Ranks need every scenario of a
  // sample and are counted after each wave. The samples need no crosstab: the model they draw
  // from has none.
  Model sampling = model;
  sampling.crosstab.resize(0, 0);
  const LaneScorer scorer(sampling);
  const BlockDraws draws = MakeBlockDraws(model, ranged, s_count, kBlockScenarios);
  const auto c_count = static_cast<size_t>(model.criteria_count());
  std::vector<double> nominal_x(s_count * c_count);  // scenario-major normalised scores
  std::vector<unsigned char> assessed(s_count * c_count);
  for (size_t s = 0; s < s_count; ++s) {
    for (size_t c = 0; c < c_count; ++c) {
      const auto row = static_cast<Eigen::Index>(s), col = static_cast<Eigen::Index>(c);
      nominal_x[s * c_count + c] = nominal_scores.normalized(row, col);
      assessed[s * c_count + c] = nominal_scores.assessed(row, col) ? 1 : 0;
    }
  }
  Sketches sketches(s_count * q_count);
  std::vector<uint64_t> flag_counts(s_count * f_count, 0);
  std::vector<uint64_t> rank_counts(ranked ? s_count * s_count : 0, 0);  // [scenario][rank − 1]
  const uint64_t wave = kWaveLanes * kLanes;
  std::vector<LaneWeights> weights(kWaveLanes, scorer.MakeWeights(sampling));
  std::vector<Random> rating_random(wave, Random(0));
  std::vector<double> wave_overall(ranked ? wave * s_count : 0);  // [sample in wave][scenario]
  std::vector<int> wave_ranks(ranked ? wave * s_count : 0);       // [sample in wave][scenario]
  for (uint64_t first = 0; first < options.samples; first += wave) {
    const uint64_t count = std::min(wave, options.samples - first);
    ParallelFor(count, threads, [&](size_t i) {
      const uint64_t j = first + i;
      rating_random[i] = Random::Stream(options.seed, 2 * j + 1);
      if (options.concentration > 0) {
        Random weight_random = Random::Stream(options.seed, 2 * j);
        scorer.SetLane(DrawWeights(sampling, options.concentration, weight_random),
                       static_cast<int>(i % kLanes), &weights[i / kLanes]);
      }
    });
    // Blocks of scenarios: one batch's weights stay in L1 while the block's scenarios use them,
    // and the block's percentile bins stay in L2 for the whole wave.
    const size_t blocks = (s_count + kBlockScenarios - 1) / kBlockScenarios;
    ParallelFor(blocks, threads, [&](size_t block) {
      const size_t begin = block * kBlockScenarios;
      const size_t end = std::min(s_count, begin + kBlockScenarios);
      std::vector<double> x((end - begin) * c_count * kLanes), scratch(scorer.scratch_size()),
          values(q_count * kLanes);
      // Fixed ratings once; the drawn ones are overwritten in every batch.
      for (size_t s = begin; s < end; ++s) {
        for (size_t c = 0; c < c_count; ++c)
          std::fill_n(&x[((s - begin) * c_count + c) * kLanes], kLanes, nominal_x[s * c_count + c]);
      }
      for (uint64_t batch = 0; batch * kLanes < count; ++batch) {
        const int n = static_cast<int>(std::min<uint64_t>(kLanes, count - batch * kLanes));
        const Random* streams = &rating_random[batch * kLanes];
        for (const DrawWord& word : draws.words[block]) {
          std::array<uint64_t, kLanes> bits{};
          for (int l = 0; l < n; ++l) bits[static_cast<size_t>(l)] = streams[l].Peek(word.word);
          for (size_t half = 0; half < 2; ++half) {
            if (word.target[half] < 0) continue;
            const DrawTarget& target = draws.targets[static_cast<size_t>(word.target[half])];
            double* out = &x[target.slot];
            if (target.table >= 0) {
              const double* table = &draws.levels[static_cast<size_t>(target.table)];
              for (int l = 0; l < n; ++l) {
                const double u = DrawnOffset(bits[static_cast<size_t>(l)], half, target.width);
                out[l] = table[DrawnLevel(u, target.width)];
              }
            } else {
              const ColumnNormalizer normalize(model, target.column);
              for (int l = 0; l < n; ++l) {
                const double u = DrawnOffset(bits[static_cast<size_t>(l)], half, target.width);
                out[l] = normalize(target.low + u);
              }
            }
          }
        }
        for (size_t s = begin; s < end; ++s) {
          scorer.Score(&x[(s - begin) * c_count * kLanes], &assessed[s * c_count], weights[batch],
                       scratch.data(), values.data());
          for (size_t q = 0; q < q_count; ++q)
            sketches.Add(s * q_count + q, &values[q * kLanes], static_cast<size_t>(n));
          CountFlags(rubric, slots, layout, values.data(), weights[batch], n,
                     &flag_counts[s * f_count]);
          if (ranked) {
            for (int l = 0; l < n; ++l)
              wave_overall[(batch * kLanes + static_cast<uint64_t>(l)) * s_count + s] =
                  values[static_cast<size_t>(l)];
          }
        }
      }
    });
    if (ranked) {
      ParallelFor(count, threads, [&](size_t i) {
        thread_local RankScratch scratch;
        CompetitionRanks(&wave_overall[i * s_count], s_count, &scratch, &wave_ranks[i * s_count]);
      });
      ParallelFor(blocks, threads, [&](size_t block) {
        const size_t begin = block * kBlockScenarios;
        const size_t end = std::min(s_count, begin + kBlockScenarios);
        for (uint64_t i = 0; i < count; ++i) {
          for (size_t s = begin; s < end; ++s) {
            const int rank = wave_ranks[i * s_count + s];
            if (rank > 0) ++rank_counts[s * s_count + static_cast<size_t>(rank - 1)];
          }
        }
      });
    }
    if (options.progress) options.progress(first + count);
  }

  const auto samples = static_cast<double>(options.samples);
  for (size_t s = 0; s < s_count; ++s) {
    ScenarioSensitivity& r = results[s];
    sketches.Fill(s * q_count, &r.overall);
    for (size_t g = 0; g < rubric.groups.size(); ++g) {
      for (size_t m = 0; m < rubric.groups[g].members.size(); ++m)
        sketches.Fill(s * q_count + layout.group_offset[g] + m, &r.members[g][m]);
    }
    for (size_t f = 0; f < f_count; ++f) {
      const uint64_t n = flag_counts[s * f_count + f];
      if (n == 0) continue;
      const FlagSlot& slot = slots[f];
      const Group& group = rubric.groups[static_cast<size_t>(slot.group)];
      r.flags.push_back({FlagCodeName(slot.code), group.id,
                         slot.member < 0 ? "" : group.members[static_cast<size_t>(slot.member)].id,
                         static_cast<double>(n) / samples});
    }
    if (ranked) {
      const uint64_t* counts = &rank_counts[s * s_count];
      uint64_t total = 0;
      for (size_t k = 0; k < s_count; ++k) total += counts[k];
      if (total > 0) {
        RankDistribution rank;
        rank.p_first = static_cast<double>(counts[0]) / samples;
        auto percentile = [&](double p) {  // nearest rank over the ranked samples
          const auto want =
              static_cast<uint64_t>(std::max(1.0, std::ceil(p * static_cast<double>(total))));
          uint64_t seen = 0;
          for (size_t k = 0; k < s_count; ++k) {
            seen += counts[k];
            if (seen >= want) return static_cast<int>(k) + 1;
          }
          return static_cast<int>(s_count);
        };
        rank.p5 = percentile(0.05);
        rank.median = percentile(0.5);
        rank.p95 = percentile(0.95);
        r.rank = rank;
      }
    }
  }

  // Tornado: each rated criterion alone at its low and high end, nominal weights.
  ParallelFor(s_count, threads, [&](size_t s) {
    const Scenario& scenario = *scenarios[s];
    if (!results[s].overall.nominal) return;
    std::vector<TornadoBar> bars;
    for (size_t c = 0; c < rubric.criteria.size(); ++c) {
      if (!scenario.ratings[c]) continue;
      const Scale& scale = rubric.criteria[c].scale;
      const double rating = *scenario.ratings[c];
      TornadoBar bar;
      bar.criterion = static_cast<int>(c);
      if (scenario.ranges[c]) {
        bar.rating_low = scenario.ranges[c]->first;
        bar.rating_high = scenario.ranges[c]->second;
      } else {
        const double step = scale.type == ScaleType::kLevels ? 1 : (scale.max - scale.min) / 10;
        bar.rating_low = std::max(scale.min, rating - step);
        bar.rating_high = std::min(scale.max, rating + step);
        if (scale.type == ScaleType::kRange && !scale.clamp) {  // ratings may lie outside
          bar.rating_low = std::min(bar.rating_low, rating);
          bar.rating_high = std::max(bar.rating_high, rating);
        }
      }
      bars.push_back(bar);
    }
    Eigen::MatrixXd rows(static_cast<Eigen::Index>(2 * bars.size()), nominal.cols());
    for (size_t b = 0; b < bars.size(); ++b) {
      const auto lo = static_cast<Eigen::Index>(2 * b);
      rows.row(lo) = nominal.row(static_cast<Eigen::Index>(s));
      rows.row(lo + 1) = nominal.row(static_cast<Eigen::Index>(s));
      rows(lo, bars[b].criterion) = bars[b].rating_low;
      rows(lo + 1, bars[b].criterion) = bars[b].rating_high;
    }
    const Scores scores = ScoreBatch(model, rows);
    for (size_t b = 0; b < bars.size(); ++b) {
      const auto lo = static_cast<Eigen::Index>(2 * b);
      bars[b].low = scores.overall(lo);
      bars[b].high = scores.overall(lo + 1);
      bars[b].swing = std::abs(bars[b].high - bars[b].low);
    }
    std::stable_sort(bars.begin(), bars.end(),
                     [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });
    results[s].tornado = std::move(bars);
  });

  if (!options.sobol) return results;

  // Sobol indices: factor 0 is the weights (when they vary), then one factor per member of the
  // overall group (the ratings of the criteria it owns). Saltelli's A, B and AB_i matrices; first
  // order by Saltelli (2010), total by Jansen (1999); Poisson bootstrap replicates for the CIs.
  const Group& overall_group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
  const bool weights_vary = options.concentration > 0;
  std::vector<std::string> factors;
  if (weights_vary) factors.emplace_back("weights");
  for (const Member& m : overall_group.members) factors.push_back("ratings:" + m.id);
  const size_t k_count = factors.size();
  const size_t first_rating_factor = weights_vary ? 1 : 0;
  const std::vector<int> owner = FactorOfCriterion(rubric);
  const size_t reps = static_cast<size_t>(std::max(options.bootstrap, 0)) + 1;  // 0 = estimate
  const size_t sums =
      4 + 2 * k_count;  // n, ΣfA, ΣfB, Σ(fA² + fB²), then Σ fB(fABi − fA), Σ(fA − fABi)²
  std::vector<double> acc(s_count * reps * sums, 0.0);
  // Saltelli's first-order sum uses f(B) − c for a constant c: E[f(AB_i) − f(A)] = 0 keeps it
  // unbiased for any c, and c near the mean (the nominal score) cuts its variance by far.
  std::vector<double> centre(s_count, 0.0);
  for (size_t s = 0; s < s_count; ++s) centre[s] = results[s].overall.nominal.value_or(0.0);
  struct SobolOut {
    std::vector<double> f;              // S × (2 + K): fA, fB, fAB_1 … fAB_K
    std::vector<unsigned char> weight;  // per replicate: the Poisson bootstrap weight
  };
  const uint64_t sobol_wave = kSobolSamplesPerThread * static_cast<uint64_t>(threads);
  std::vector<SobolOut> sobol_outs(sobol_wave);
  for (uint64_t first = 0; first < options.samples; first += sobol_wave) {
    const uint64_t count = std::min(sobol_wave, options.samples - first);
    ParallelFor(count, threads, [&](size_t i) {
      const uint64_t j = first + i;
      SobolOut& out = sobol_outs[i];
      const uint64_t base = 4 * (options.samples + j);  // streams apart from the Monte Carlo's
      Random wa = Random::Stream(options.seed, base), wb = Random::Stream(options.seed, base + 1);
      Random ra = Random::Stream(options.seed, base + 2),
             rb = Random::Stream(options.seed, base + 3);
      const Model model_a = DrawWeights(sampling, options.concentration, wa);
      const Model model_b = DrawWeights(sampling, options.concentration, wb);
      Eigen::MatrixXd a = nominal, b = nominal;
      DrawRatings(ranged, ra, &a);
      DrawRatings(ranged, rb, &b);
      out.f.assign(s_count * (2 + k_count), kNaN);
      auto store = [&](const Scores& scores, size_t slot) {
        for (size_t s = 0; s < s_count; ++s) {
          const auto row = static_cast<Eigen::Index>(s);
          out.f[s * (2 + k_count) + slot] = scores.has_overall(row, 0) ? scores.overall(row) : kNaN;
        }
      };
      store(ScoreBatch(model_a, a), 0);
      store(ScoreBatch(model_b, b), 1);
      if (weights_vary) store(ScoreBatch(model_b, a), 2);
      for (size_t m = 0; m < overall_group.members.size(); ++m) {
        Eigen::MatrixXd ab = a;
        for (const RangedCell& cell : ranged) {
          if (owner[static_cast<size_t>(cell.column)] == static_cast<int>(m))
            ab.data()[cell.offset] = b.data()[cell.offset];
        }
        store(ScoreBatch(model_a, ab), 2 + first_rating_factor + m);
      }
      Random boot = Random::Stream(options.seed ^ 0xB007'5772'AB00'0000ull, j);
      out.weight.resize(reps);
      out.weight[0] = 1;
      for (size_t r = 1; r < reps; ++r) out.weight[r] = static_cast<unsigned char>(boot.Poisson1());
    });
    ParallelFor(s_count, threads, [&](size_t s) {
      for (uint64_t i = 0; i < count; ++i) {
        const SobolOut& out = sobol_outs[i];
        const double* f = &out.f[s * (2 + k_count)];
        bool complete = true;
        for (size_t k = 0; k < 2 + k_count; ++k) complete = complete && !std::isnan(f[k]);
        if (!complete) continue;
        for (size_t r = 0; r < reps; ++r) {
          const double w = out.weight[r];
          if (w == 0) continue;
          double* a = &acc[(s * reps + r) * sums];
          a[0] += w;
          a[1] += w * f[0];
          a[2] += w * f[1];
          a[3] += w * (f[0] * f[0] + f[1] * f[1]);
          for (size_t k = 0; k < k_count; ++k) {
            a[4 + 2 * k] += w * (f[1] - centre[s]) * (f[2 + k] - f[0]);
            a[5 + 2 * k] += w * (f[0] - f[2 + k]) * (f[0] - f[2 + k]);
          }
        }
      }
    });
    if (options.progress) options.progress(options.samples + first + count);
  }
  for (size_t s = 0; s < s_count; ++s) {
    // Index estimates of replicate r; nullopt when the output does not vary.
    auto indices = [&](size_t r, size_t k) -> std::optional<std::pair<double, double>> {
      const double* a = &acc[(s * reps + r) * sums];
      if (a[0] < 2) return std::nullopt;
      const double mean = (a[1] + a[2]) / (2 * a[0]);
      const double variance = a[3] / (2 * a[0]) - mean * mean;
      if (!(variance > 1e-15)) return std::nullopt;
      return std::make_pair(a[4 + 2 * k] / a[0] / variance, a[5 + 2 * k] / (2 * a[0]) / variance);
    };
    for (size_t k = 0; k < k_count; ++k) {
      SobolIndex index;
      index.factor = factors[k];
      if (auto estimate = indices(0, k)) {
        index.first = estimate->first;
        index.total = estimate->second;
        std::vector<double> firsts, totals;
        for (size_t r = 1; r < reps; ++r) {
          if (auto replicate = indices(r, k)) {
            firsts.push_back(replicate->first);
            totals.push_back(replicate->second);
          }
        }
        if (!firsts.empty()) {
          std::sort(firsts.begin(), firsts.end());
          std::sort(totals.begin(), totals.end());
          index.first_low = NearestRank(firsts, 0.025);
          index.first_high = NearestRank(firsts, 0.975);
          index.total_low = NearestRank(totals, 0.025);
          index.total_high = NearestRank(totals, 0.975);
        }
      }
      results[s].sobol.push_back(std::move(index));
    }
  }
  return results;
}

}  // namespace poise
