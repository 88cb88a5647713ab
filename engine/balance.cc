#include "poise/balance.h"

#include <fmt/format.h>

#include <cmath>

#include "text.h"

namespace poise {

std::optional<BalanceStats> ComputeBalance(const std::vector<std::optional<double>>& scores) {
  std::vector<std::pair<double, int>> present;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (scores[i]) present.emplace_back(*scores[i], static_cast<int>(i));
  }
  if (present.size() < 2) return std::nullopt;
  BalanceStats stats;
  stats.min = stats.max = present[0].first;
  stats.weakest = stats.strongest = present[0].second;
  double sum = 0;
  for (const auto& [s, index] : present) {
    sum += s;
    if (s < stats.min) {  // strict: ties keep the first in rubric order
      stats.min = s;
      stats.weakest = index;
    }
    if (s > stats.max) {
      stats.max = s;
      stats.strongest = index;
    }
  }
  const auto n = static_cast<double>(present.size());
  stats.gap = stats.max - stats.min;
  stats.mean = sum / n;
  double squares = 0, differences = 0;
  for (const auto& [si, i] : present) {
    squares += (si - stats.mean) * (si - stats.mean);
    for (const auto& [sj, j] : present) differences += std::abs(si - sj);
  }
  if (stats.mean != 0) {
    stats.cv = std::sqrt(squares / n) / stats.mean;
    stats.gini = differences / (2 * n * n * stats.mean);
  }
  return stats;
}

Assessment Assess(const Model& model, const Scores& scores, Eigen::Index row) {
  const Rubric& rubric = *model.rubric;
  Assessment a;
  if (scores.has_overall(row, 0)) {
    a.overall = scores.overall(row);
    if (rubric.overall.aggregate == Aggregate::kAmpi) a.ampi = scores.ampi(row);
  }
  for (Eigen::Index c = 0; c < model.criteria_count(); ++c) {
    a.normalized.push_back(scores.assessed(row, c) ? std::optional(scores.normalized(row, c))
                                                   : std::nullopt);
  }
  for (Eigen::Index k = 0; k < scores.crosstab.cols(); ++k) {
    a.crosstab.push_back(scores.has_cell(row, k) ? std::optional(scores.crosstab(row, k))
                                                 : std::nullopt);
  }
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    const Group& group = rubric.groups[g];
    const GroupScores& gs = scores.groups[g];
    GroupAssessment ga;
    for (Eigen::Index m = 0; m < gs.score.cols(); ++m) {
      ga.scores.push_back(gs.has_score(row, m) ? std::optional(gs.score(row, m)) : std::nullopt);
      ga.coverage.push_back(gs.coverage(row, m));
    }
    ga.balance = ComputeBalance(ga.scores);
    if (ga.balance && group.balance) {
      const BalanceStats& b = *ga.balance;
      if (group.balance->max_gap && b.gap > *group.balance->max_gap) {
        a.flags.push_back(
            {"imbalanced", group.id, "",
             fmt::format("{}: gap {} between '{}' ({}) and '{}' ({}) exceeds max_gap {}", group.id,
                         FormatFixed(b.gap, 2), group.members[static_cast<size_t>(b.strongest)].id,
                         FormatFixed(b.max, 2), group.members[static_cast<size_t>(b.weakest)].id,
                         FormatFixed(b.min, 2), FormatNumber(*group.balance->max_gap))});
      }
      if (group.balance->floor) {
        for (size_t m = 0; m < ga.scores.size(); ++m) {
          if (ga.scores[m] && *ga.scores[m] < *group.balance->floor) {
            a.flags.push_back(
                {"neglected", group.id, group.members[m].id,
                 fmt::format("{} '{}' scores {}, below the floor {}", group.id, group.members[m].id,
                             FormatFixed(*ga.scores[m], 2), FormatNumber(*group.balance->floor))});
          }
        }
      }
    }
    for (size_t m = 0; m < ga.scores.size(); ++m) {
      if (!ga.scores[m]) {
        a.flags.push_back(
            {"insufficient_evidence", group.id, group.members[m].id,
             fmt::format(
                 "{} '{}' has no score: {:.0f}% of its weight is rated, min_coverage is {:.0f}%",
                 group.id, group.members[m].id, 100 * ga.coverage[m], 100 * rubric.min_coverage)});
      }
    }
    a.groups.push_back(std::move(ga));
  }
  if (model.ahp && model.ahp->inconsistent) {
    const Group& group = rubric.groups[static_cast<size_t>(rubric.overall.group)];
    a.flags.push_back({"inconsistent_judgements", group.id, "",
                       fmt::format("the AHP judgements of {} have consistency ratio {}, above 0.1",
                                   group.id, FormatFixed(model.ahp->cr, 3))});
  }
  return a;
}

}  // namespace poise
