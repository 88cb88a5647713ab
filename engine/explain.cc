#include "poise/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "poise/score.h"
#include "text.h"

namespace poise {

std::vector<Pull> MemberPulls(const Model& model, const Assessment& assessment, int group,
                              int member) {
  const GroupModel& g = model.groups[static_cast<size_t>(group)];
  double assessed_weight = 0;
  for (int c : g.criteria[static_cast<size_t>(member)]) {
    if (assessment.normalized[static_cast<size_t>(c)]) assessed_weight += g.weight_load(c, member);
  }
  std::vector<Pull> pulls;
  if (assessed_weight <= 0) return pulls;
  for (int c : g.criteria[static_cast<size_t>(member)]) {
    const auto& x = assessment.normalized[static_cast<size_t>(c)];
    if (!x) continue;
    const double share = g.weight_load(c, member) / assessed_weight;
    pulls.push_back({c, share, *x, share * (1 - *x)});
  }
  std::stable_sort(pulls.begin(), pulls.end(),
                   [](const Pull& a, const Pull& b) { return a.pull > b.pull; });
  return pulls;
}

namespace {

Eigen::RowVectorXd RatingsRow(const Model& model, const Scenario& scenario) {
  const Eigen::Index c_count = model.criteria_count();
  Eigen::RowVectorXd row(c_count);
  for (Eigen::Index c = 0; c < c_count; ++c) {
    const auto& r = scenario.ratings[static_cast<size_t>(c)];
    row(c) = r ? *r : std::numeric_limits<double>::quiet_NaN();
  }
  return row;
}

}  // namespace

std::vector<RatingGain> RatingGains(const Model& model, const Scenario& scenario) {
  const Rubric& rubric = *model.rubric;
  const Eigen::RowVectorXd base = RatingsRow(model, scenario);
  std::vector<RatingGain> candidates;
  for (size_t c = 0; c < rubric.criteria.size(); ++c) {
    const auto& rating = scenario.ratings[c];
    if (!rating) continue;
    const Scale& s = rubric.criteria[c].scale;
    double to = 0;
    if (s.type == ScaleType::kLevels) {
      to = std::min(s.max, *rating + 1);
    } else {
      const double step = (s.max - s.min) / 10;
      const double current = s.clamp ? std::clamp(*rating, s.min, s.max) : *rating;
      to = s.direction == Direction::kHigherIsBetter ? std::min(s.max, current + step)
                                                     : std::max(s.min, current - step);
    }
    if (Normalize(s, to) <= Normalize(s, *rating)) continue;  // already at its best
    candidates.push_back({static_cast<int>(c), *rating, to, 0});
  }
  // Row 0 is the scenario as it is; row k + 1 changes candidate k alone.
  Eigen::MatrixXd batch = base.replicate(static_cast<Eigen::Index>(candidates.size()) + 1, 1);
  for (size_t k = 0; k < candidates.size(); ++k) {
    batch(static_cast<Eigen::Index>(k) + 1, candidates[k].criterion) = candidates[k].to;
  }
  const Scores scores = ScoreBatch(model, batch);
  if (!scores.has_overall(0, 0)) return {};
  for (size_t k = 0; k < candidates.size(); ++k) {
    candidates[k].gain = scores.overall(static_cast<Eigen::Index>(k) + 1) - scores.overall(0);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const RatingGain& a, const RatingGain& b) { return a.gain > b.gain; });
  return candidates;
}

std::vector<CriterionEffect> DifferenceEffects(const Model& model, const Scenario& a,
                                               const Scenario& b) {
  const Eigen::RowVectorXd base = RatingsRow(model, a);
  const Eigen::RowVectorXd other = RatingsRow(model, b);
  std::vector<CriterionEffect> effects;
  for (Eigen::Index c = 0; c < base.size(); ++c) {
    const bool same = (std::isnan(base(c)) && std::isnan(other(c))) || base(c) == other(c);
    if (same) continue;
    effects.push_back({static_cast<int>(c), a.ratings[static_cast<size_t>(c)],
                       b.ratings[static_cast<size_t>(c)], std::nullopt});
  }
  Eigen::MatrixXd batch = base.replicate(static_cast<Eigen::Index>(effects.size()) + 1, 1);
  for (size_t k = 0; k < effects.size(); ++k) {
    batch(static_cast<Eigen::Index>(k) + 1, effects[k].criterion) = other(effects[k].criterion);
  }
  const Scores scores = ScoreBatch(model, batch);
  for (size_t k = 0; k < effects.size(); ++k) {
    const auto row = static_cast<Eigen::Index>(k) + 1;
    if (scores.has_overall(0, 0) && scores.has_overall(row, 0)) {
      effects[k].effect = scores.overall(row) - scores.overall(0);
    }
  }
  std::stable_sort(effects.begin(), effects.end(),
                   [](const CriterionEffect& x, const CriterionEffect& y) {
                     return std::abs(x.effect.value_or(0)) > std::abs(y.effect.value_or(0));
                   });
  return effects;
}

std::string FlagMeaning(const Flag& flag, const Rubric& rubric) {
  const int g = rubric.FindGroup(flag.group);
  const Group& group = rubric.groups[static_cast<size_t>(g)];
  if (flag.code == "imbalanced") {
    return fmt::format(
        "The members of {} are far apart: strength in one does not make up for neglect of another, "
        "and \"if any layer is ignored, the structure becomes fragile\".",
        group.id);
  }
  if (flag.code == "neglected") {
    return fmt::format(
        "{} is below the floor of {} that the rubric sets for {}: this part of the policy is being "
        "ignored.",
        flag.member == "each such member" ? "Each such member" : "'" + flag.member + "'",
        FormatNumber(group.balance->floor.value_or(0)), group.id);
  }
  if (flag.code == "insufficient_evidence") {
    return fmt::format(
        "Too little of the weight of '{}' is rated to give it a score; rate more of its criteria "
        "or "
        "say why they cannot be rated.",
        flag.member);
  }
  if (flag.code == "inconsistent_judgements") {
    return "The pairwise judgements behind the weights contradict each other (consistency ratio "
           "above 0.1); "
           "revisit them.";
  }
  return flag.message;
}

}  // namespace poise
