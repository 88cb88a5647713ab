#include "poise/score.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace poise {

namespace {

// x · w computed as column AXPYs in a fixed order: out(:, m) = Σ_c w(c, m) x(:, c), c ascending,
// zero weights skipped. Unlike Eigen's products, whose kernels (GEMV for one row, GEMM micro-tiles
// and their remainders) sum in orders that depend on the batch's shape, every row goes through the
// same scalar operations wherever it sits, so a scenario's scores do not depend on the batch it is
// scored in — down to the last bit (shards, chunks and single files agree).
Eigen::MatrixXd WeightedSums(const Eigen::Ref<const Eigen::MatrixXd>& x, const Eigen::MatrixXd& w) {
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(x.rows(), w.cols());
  for (Eigen::Index c = 0; c < w.rows(); ++c) {
    for (Eigen::Index m = 0; m < w.cols(); ++m) {
      const double weight = w(c, m);
      if (weight != 0) out.col(m) += weight * x.col(c);
    }
  }
  return out;
}

// Elementwise ln, exp and pow through the scalar std:: functions. Eigen's vectorised .log(),
// .exp() and .pow() use their own approximations for full SIMD packets and std:: for the rest,
// so a value's last bits would depend on its position in the batch.
Eigen::ArrayXXd Log(const Eigen::ArrayXXd& a) {
  return a.unaryExpr([](double v) { return std::log(v); });
}
Eigen::ArrayXXd Exp(const Eigen::ArrayXXd& a) {
  return a.unaryExpr([](double v) { return std::exp(v); });
}

// Coverage is compared with a little slack so that a boundary such as 2 of 4 equal weights is
// not lost to rounding in the weight sums.
constexpr double kCoverageSlack = 1e-12;

void ScoreGroup(const Model& model, const GroupModel& g, Aggregate aggregate,
                const Eigen::MatrixXd& x, const Eigen::MatrixXd& mask, bool complete,
                GroupScores* out) {
  const Eigen::Index n = x.rows();
  const Eigen::Index m = g.weight_load.cols();
  // Sum of a_c over the assessed criteria, as total minus the missing part: exactly the total
  // (coverage exactly 1) when nothing is missing — which a complete batch (no rating missing
  // anywhere) gets without the product, since its missing part is exactly 0.
  const Eigen::MatrixXd assessed_weight =
      complete ? Eigen::MatrixXd(g.total.replicate(n, 1))
               : Eigen::MatrixXd(
                     (-WeightedSums(Eigen::MatrixXd::Ones(n, x.cols()) - mask, g.weight_load))
                         .rowwise() +
                     g.total);
  out->coverage = assessed_weight.array().rowwise() / g.total.array();
  const double min_coverage = model.rubric->min_coverage;
  out->has_score =
      (assessed_weight.array() > 0) && (out->coverage.array() >= min_coverage - kCoverageSlack);
  const Eigen::ArrayXXd safe_weight =
      assessed_weight.array().max(std::numeric_limits<double>::min());

  switch (aggregate) {
    case Aggregate::kArithmetic:
      out->score = (WeightedSums(x, g.weight_load).array() / safe_weight).matrix();
      break;
    case Aggregate::kGeometric: {
      // prod x_c^(a_c / sum a) = exp(sum a_c ln x_c / sum a); any assessed x_c = 0 on a loaded
      // criterion makes the product 0 (handled apart: 0 · ln 0 would poison the product).
      const Eigen::ArrayXXd zero = ((x.array() == 0) && (mask.array() > 0)).cast<double>();
      const Eigen::MatrixXd log_x =
          (mask.array() > 0 && x.array() > 0).select(Log(x.array()), 0.0).matrix();
      const Eigen::ArrayXXd zero_hits = WeightedSums(zero.matrix(), g.loaded).array();
      const Eigen::ArrayXXd product = Exp(WeightedSums(log_x, g.weight_load).array() / safe_weight);
      out->score = (zero_hits > 0).select(0.0, product).matrix();
      break;
    }
    case Aggregate::kMin:
    case Aggregate::kAmpi: {
      out->score.resize(n, m);
      const double inf = std::numeric_limits<double>::infinity();
      for (Eigen::Index k = 0; k < m; ++k) {
        Eigen::ArrayXd lowest = Eigen::ArrayXd::Constant(n, inf);
        Eigen::ArrayXd candidate(n);
        for (int c : g.criteria[static_cast<size_t>(k)]) {
          candidate = (mask.col(c).array() > 0).select(x.col(c).array(), inf);
          lowest = lowest.min(candidate);
        }
        out->score.col(k) = (lowest == inf).select(0.0, lowest).matrix();
      }
      break;
    }
  }
  out->score = out->has_score.select(out->score, 0.0);
}

}  // namespace

Eigen::MatrixXd GatherRatings(const Model& model, const std::vector<const Scenario*>& scenarios) {
  const auto n = static_cast<Eigen::Index>(scenarios.size());
  const Eigen::Index c_count = model.criteria_count();
  Eigen::MatrixXd ratings(n, c_count);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (Eigen::Index i = 0; i < n; ++i) {
    const Scenario& s = *scenarios[static_cast<size_t>(i)];
    for (Eigen::Index c = 0; c < c_count; ++c) {
      const auto& rating = s.ratings[static_cast<size_t>(c)];
      ratings(i, c) = rating ? *rating : nan;
    }
  }
  return ratings;
}

namespace {

void ScoreMembers(const Model& model, const Eigen::MatrixXd& mask, Scores* out);

// Scores one block of rows; ScoreBatch runs it on cache-sized blocks.
Scores ScoreBlock(const Model& model, const Eigen::Ref<const Eigen::MatrixXd>& ratings) {
  const Eigen::Index n = ratings.rows();
  const Eigen::Index c_count = model.criteria_count();
  Scores scores;
  scores.assessed = ratings.array().isNaN() == false;
  const Eigen::MatrixXd mask = scores.assessed.cast<double>().matrix();

  // §3.1 normalisation, column by column in one pass each (the same operations, in the same
  // order, as the formula: clamp, log, (t − t_low) / t_span, 1 − x).
  scores.normalized.resize(n, c_count);
  for (Eigen::Index c = 0; c < c_count; ++c) {
    const ColumnNormalizer normalize(model, c);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double r = ratings(i, c);
      scores.normalized(i, c) = std::isnan(r) ? 0 : normalize(r);
    }
  }

  ScoreMembers(model, mask, &scores);
  return scores;
}

// §3.2–3.6 from the normalised scores and the assessed mask already in `scores`.
void ScoreMembers(const Model& model, const Eigen::MatrixXd& mask, Scores* out) {
  Scores& scores = *out;
  const Rubric& rubric = *model.rubric;
  const Eigen::Index n = scores.normalized.rows();
  scores.groups.resize(model.groups.size());
  const bool complete = scores.assessed.all();
  for (size_t g = 0; g < model.groups.size(); ++g) {
    ScoreGroup(model, model.groups[g], rubric.groups[g].aggregate, scores.normalized, mask,
               complete, &scores.groups[g]);
  }

  // §3.4 overall score from the members of the overall group.
  const GroupScores& members = scores.groups[static_cast<size_t>(rubric.overall.group)];
  const Eigen::VectorXd& v = model.overall_weights;
  const Eigen::VectorXd& w = model.overall_raw_weights;  // Σ w x / Σ w: exact for equal weights
  const double w_sum = model.overall_weight_sum;
  scores.has_overall = members.has_score.rowwise().all();
  const Eigen::MatrixXd& s = members.score;
  scores.ampi = Eigen::VectorXd::Zero(n);
  switch (rubric.overall.aggregate) {
    case Aggregate::kArithmetic:
      scores.overall = WeightedSums(s, w) / w_sum;
      break;
    case Aggregate::kGeometric: {
      Eigen::ArrayXd product = Eigen::ArrayXd::Ones(n);
      for (Eigen::Index k = 0; k < s.cols(); ++k) {
        const double exponent = v(k);
        product *=
            s.col(k).array().unaryExpr([exponent](double b) { return std::pow(b, exponent); });
      }
      scores.overall = product.matrix();
      break;
    }
    case Aggregate::kMin:
      scores.overall = s.rowwise().minCoeff();
      break;
    case Aggregate::kAmpi: {
      // r = 70 + 60 s; M = Σ v r; S = sqrt(Σ v (r − M)²); AMPI = M − S · S / M.
      const Eigen::MatrixXd r = (s.array() * 60.0 + 70.0).matrix();
      const Eigen::VectorXd mean = WeightedSums(r, w) / w_sum;
      const Eigen::MatrixXd deviation = r.colwise() - mean;
      const Eigen::ArrayXd sd =
          (WeightedSums(deviation.array().square().matrix(), w) / w_sum).array().sqrt();
      scores.ampi = (mean.array() - sd * (sd / mean.array())).matrix();
      scores.overall = ((scores.ampi.array() - 70.0) / 60.0).matrix();
      break;
    }
  }
  scores.overall = scores.has_overall.col(0).select(scores.overall.array(), 0.0).matrix();
  scores.ampi = scores.has_overall.col(0).select(scores.ampi.array(), 0.0).matrix();

  // §3.6 crosstab cells: weighted means over the criteria loading on both members.
  if (model.crosstab.size() > 0) {
    const Eigen::MatrixXd numerator = WeightedSums(scores.normalized, model.crosstab);
    const Eigen::MatrixXd denominator = WeightedSums(mask, model.crosstab);
    scores.has_cell = denominator.array() > 0;
    scores.crosstab = scores.has_cell.select(
        numerator.array() / denominator.array().max(std::numeric_limits<double>::min()), 0.0);
  }
}

// Rows per block: the block's N×C temporaries stay in cache (2048 × 40 doubles = 640 KiB).
constexpr Eigen::Index kBlockRows = 2048;

template <typename Destination, typename Source>
void PutRows(Destination& destination, Eigen::Index row, const Source& block) {
  destination.middleRows(row, block.rows()) = block;
}

}  // namespace

Scores ScoreBatch(const Model& model, const Eigen::Ref<const Eigen::MatrixXd>& ratings) {
  const Eigen::Index n = ratings.rows();
  if (n <= kBlockRows) return ScoreBlock(model, ratings);
  // Large batches: score block by block into preallocated results. Every row is scored on its
  // own, so the results are the same as scoring the whole batch at once.
  Scores all;
  const Eigen::Index c_count = ratings.cols();
  all.normalized.resize(n, c_count);
  all.assessed.resize(n, c_count);
  all.groups.resize(model.groups.size());
  for (size_t g = 0; g < model.groups.size(); ++g) {
    const Eigen::Index m = model.groups[g].weight_load.cols();
    all.groups[g].score.resize(n, m);
    all.groups[g].coverage.resize(n, m);
    all.groups[g].has_score.resize(n, m);
  }
  all.overall.resize(n);
  all.ampi.resize(n);
  all.has_overall.resize(n, 1);
  const Eigen::Index cells = model.crosstab.cols();
  if (model.crosstab.size() > 0) {
    all.crosstab.resize(n, cells);
    all.has_cell.resize(n, cells);
  }
  for (Eigen::Index start = 0; start < n; start += kBlockRows) {
    const Eigen::Index rows = std::min(kBlockRows, n - start);
    const Scores block = ScoreBlock(model, ratings.middleRows(start, rows));
    PutRows(all.normalized, start, block.normalized);
    PutRows(all.assessed, start, block.assessed);
    for (size_t g = 0; g < model.groups.size(); ++g) {
      PutRows(all.groups[g].score, start, block.groups[g].score);
      PutRows(all.groups[g].coverage, start, block.groups[g].coverage);
      PutRows(all.groups[g].has_score, start, block.groups[g].has_score);
    }
    all.overall.segment(start, rows) = block.overall;
    all.ampi.segment(start, rows) = block.ampi;
    PutRows(all.has_overall, start, block.has_overall);
    if (model.crosstab.size() > 0) {
      PutRows(all.crosstab, start, block.crosstab);
      PutRows(all.has_cell, start, block.has_cell);
    }
  }
  return all;
}

Scores ScoreNormalized(const Model& model, const Eigen::Ref<const Eigen::MatrixXd>& normalized) {
  Scores scores;
  scores.assessed = normalized.array().isNaN() == false;
  scores.normalized = scores.assessed.select(normalized.array(), 0.0).matrix();
  ScoreMembers(model, scores.assessed.cast<double>().matrix(), &scores);
  return scores;
}

}  // namespace poise
