// Model: a rubric compiled once into the vectors and matrices the batch scorer multiplies with
// (FORMATS.md §3). Compiling finishes the rubric's validation (AHP eigenvectors).
#ifndef POISE_POISE_MODEL_H_
#define POISE_POISE_MODEL_H_

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "poise/diagnostics.h"
#include "poise/rubric.h"

namespace poise {

struct GroupModel {
  Eigen::MatrixXd weight_load;             // C × M: a_c,m = weight_c · load_c,m
  Eigen::MatrixXd loaded;                  // C × M: 1 where load_c,m > 0, else 0
  Eigen::RowVectorXd total;                // 1 × M: sum of a_c,m over every criterion c (> 0)
  std::vector<std::vector<int>> criteria;  // per member: the criteria loading on it
};

struct AhpSummary {
  double lambda_max = 0;
  double ci = 0;
  double cr = 0;
  bool inconsistent = false;  // cr > 0.1
};

struct Model {
  std::shared_ptr<const Rubric> rubric;
  // Per criterion (length C): goalposts, transformed goalposts, and scale switches.
  Eigen::VectorXd low, high;      // raw scale min / max
  Eigen::VectorXd t_low, t_span;  // t(min) and t(max) - t(min), t = identity or ln
  std::vector<unsigned char> use_log, lower_is_better, clamp;
  std::vector<GroupModel> groups;   // in rubric order
  Eigen::VectorXd overall_weights;  // per member of the overall group, normalised to sum 1
  // The same weights before normalisation (their sum in overall_weight_sum): weighted means are
  // computed as Σ w x / Σ w, which is exact for equal weights where 1/n is not.
  Eigen::VectorXd overall_raw_weights;
  double overall_weight_sum = 1;
  std::optional<AhpSummary> ahp;  // set when the overall weights are AHP judgements
  // Crosstab (when the rubric has one): column i·cols + j holds w_c · la_c,i · lb_c,j.
  Eigen::MatrixXd crosstab;               // C × (rows · cols), empty without a crosstab
  std::vector<unsigned char> blind_spot;  // per cell: no criterion of the rubric loads on both
  int crosstab_rows = 0, crosstab_cols = 0;
  // Interactions (stress tests): the criteria that take part, in rubric order, and the DEMATEL
  // total relation T = (I − N)^-1 over them, N[from][to] = strength. Empty without interactions.
  std::vector<int> interaction_criteria;
  Eigen::MatrixXd total_relation;
  double spectral_radius = 0;  // of N

  Eigen::Index criteria_count() const { return low.size(); }
};

// Compiles a validated rubric. Fails when the AHP eigen-decomposition fails or when the
// interactions' spectral radius is not below 1 (their effects would grow without bound).
Result<Model> CompileModel(std::shared_ptr<const Rubric> rubric);

// A copy of `model` whose criterion weights and overall member weights (not normalised) are
// replaced; every weighted matrix it has follows (a model whose crosstab was dropped stays
// without one). Sensitivity analysis draws these.
// REQUIRES: one weight per criterion and per overall member, all >= 0, the latter not all 0.
Model Reweight(const Model& model, const std::vector<double>& criterion_weights,
               const Eigen::VectorXd& overall_raw_weights);

// §3.1 for the ratings of one criterion of a compiled model: the operations ScoreBatch applies to
// a rating, in its order (clamp, log, (t − t_low) / t_span, 1 − x). Code that must agree with
// ScoreBatch to the last bit (the sensitivity samples) normalises through this.
struct ColumnNormalizer {
  double low, high, t_low, t_span;
  bool clamp, log, flip;
  ColumnNormalizer(const Model& model, Eigen::Index c)
      : low(model.low(c)),
        high(model.high(c)),
        t_low(model.t_low(c)),
        t_span(model.t_span(c)),
        clamp(model.clamp[static_cast<size_t>(c)] != 0),
        log(model.use_log[static_cast<size_t>(c)] != 0),
        flip(model.lower_is_better[static_cast<size_t>(c)] != 0) {}
  // REQUIRES: r is not NaN.
  double operator()(double r) const {
    if (clamp) r = std::min(std::max(r, low), high);
    if (log) r = std::log(r);
    const double x = (r - t_low) / t_span;
    return flip ? 1 - x : x;
  }
};

// The normalised score x in [0, 1] of one rating on a scale (FORMATS §3.1).
// REQUIRES: the rating is valid for the scale (as BindScenario checks).
double Normalize(const Scale& scale, double rating);

}  // namespace poise

#endif  // POISE_POISE_MODEL_H_
