#include "poise/stress.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "poise/score.h"

namespace poise {
namespace {

StressOutcome Outcome(const Model& model, const Scores& scores, Eigen::Index row) {
  const Assessment a = Assess(model, scores, row);
  StressOutcome outcome;
  outcome.overall = a.overall;
  for (const GroupAssessment& g : a.groups) outcome.members.push_back(g.scores);
  outcome.flags = a.flags;
  return outcome;
}

}  // namespace

StressResult StressTest(const Model& model, const Scenario& scenario,
                        const std::vector<Shock>& shocks) {
  const Rubric& rubric = *model.rubric;
  const auto c_count = static_cast<Eigen::Index>(rubric.criteria.size());
  const auto rows = static_cast<Eigen::Index>(shocks.size()) + 1;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Row 0: the base normalised scores; row k: after shock k.
  Eigen::MatrixXd x(rows, c_count);
  for (Eigen::Index c = 0; c < c_count; ++c) {
    const auto& rating = scenario.ratings[static_cast<size_t>(c)];
    x(0, c) = rating ? Normalize(rubric.criteria[static_cast<size_t>(c)].scale, *rating) : nan;
  }
  const auto k_count = static_cast<Eigen::Index>(model.interaction_criteria.size());
  for (Eigen::Index k = 1; k < rows; ++k) {
    const Shock& shock = shocks[static_cast<size_t>(k - 1)];
    Eigen::RowVectorXd d = Eigen::RowVectorXd::Zero(c_count);
    for (const auto& [c, delta] : shock.changes) {
      const auto& rating = scenario.ratings[static_cast<size_t>(c)];
      if (!rating) continue;  // nothing to move
      const Scale& scale = rubric.criteria[static_cast<size_t>(c)].scale;
      const double moved = std::clamp(*rating + delta, scale.min, scale.max);
      d(c) += Normalize(scale, moved) - x(0, c);
    }
    if (k_count > 0) {  // spread through the interactions: d_sub · T
      Eigen::RowVectorXd sub(k_count);
      for (Eigen::Index i = 0; i < k_count; ++i)
        sub(i) = d(model.interaction_criteria[static_cast<size_t>(i)]);
      const Eigen::RowVectorXd spread = sub * model.total_relation;
      for (Eigen::Index i = 0; i < k_count; ++i)
        d(model.interaction_criteria[static_cast<size_t>(i)]) = spread(i);
    }
    for (Eigen::Index c = 0; c < c_count; ++c)
      x(k, c) = std::isnan(x(0, c)) ? nan : std::clamp(x(0, c) + d(c), 0.0, 1.0);
  }
  const Scores scores = ScoreNormalized(model, x);

  StressResult result;
  result.base = Outcome(model, scores, 0);
  double total_p = 0, expected = 0;
  bool expected_known = result.base.overall.has_value();
  for (Eigen::Index k = 1; k < rows; ++k) {
    const Shock& shock = shocks[static_cast<size_t>(k - 1)];
    ShockOutcome o{shock.id, shock.probability, Outcome(model, scores, k)};
    total_p += shock.probability;
    if (o.outcome.overall) {
      expected += shock.probability * *o.outcome.overall;
      const size_t index = static_cast<size_t>(k - 1);
      if (!result.worst || *o.outcome.overall < *result.shocks[*result.worst].outcome.overall)
        result.worst = index;
    } else {
      expected_known = false;
    }
    result.shocks.push_back(std::move(o));
  }
  if (expected_known) result.expected = (1 - total_p) * *result.base.overall + expected;

  const auto g = static_cast<size_t>(rubric.overall.group);
  for (size_t m = 0; m < rubric.groups[g].members.size(); ++m) {
    const auto& base = result.base.members[g][m];
    if (!base) continue;
    double loss = 0;
    for (const ShockOutcome& o : result.shocks) {
      const auto& shocked = o.outcome.members[g][m];
      if (shocked) loss += o.probability * (*base - *shocked);
    }
    if (loss > result.most_exposed_loss) {
      result.most_exposed_loss = loss;
      result.most_exposed = static_cast<int>(m);
    }
  }
  return result;
}

}  // namespace poise
