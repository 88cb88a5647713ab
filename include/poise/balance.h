// Analysis: per-scenario balance diagnostics and flags on top of batch scores (FORMATS.md §3.5),
// gathered into an Assessment that reports print. Pure functions: no files, no printing.
#ifndef POISE_POISE_BALANCE_H_
#define POISE_POISE_BALANCE_H_

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "poise/model.h"
#include "poise/score.h"

namespace poise {

// Imbalance figures over a group's non-null member scores.
struct BalanceStats {
  double min = 0, max = 0, gap = 0, mean = 0;
  double cv = 0;                   // population sd / mean; 0 when mean is 0
  double gini = 0;                 // Σi Σj |s_i − s_j| / (2 n² mean); 0 when mean is 0
  int weakest = 0, strongest = 0;  // member indices; ties: first in rubric order
};

// Figures over the present scores; nullopt when fewer than two are present.
std::optional<BalanceStats> ComputeBalance(const std::vector<std::optional<double>>& scores);

// A finding about a scenario. Fixed codes: imbalanced, neglected, insufficient_evidence,
// inconsistent_judgements.
struct Flag {
  std::string code;
  std::string group;   // group id
  std::string member;  // member id; empty for group-level flags
  std::string message;
};

struct GroupAssessment {
  std::vector<std::optional<double>> scores;  // per member; nullopt = no score
  std::vector<double> coverage;               // per member, in [0, 1]
  std::optional<BalanceStats> balance;        // when two or more members are scored
};

// Everything the reports say about one scenario.
struct Assessment {
  std::optional<double> overall;        // in [0, 1]
  std::optional<double> ampi;           // on the 70–130 scale, with the ampi aggregate only
  std::vector<GroupAssessment> groups;  // in rubric order
  std::vector<std::optional<double>> normalized;  // per criterion
  std::vector<std::optional<double>> crosstab;    // row-major cells, empty without a crosstab
  std::vector<Flag> flags;  // per group in rubric order: imbalanced, neglected,
                            // insufficient_evidence; then inconsistent_judgements
};

// The assessment of row `row` of a scored batch.
// REQUIRES: 0 <= row < number of scored scenarios.
Assessment Assess(const Model& model, const Scores& scores, Eigen::Index row);

}  // namespace poise

#endif  // POISE_POISE_BALANCE_H_
