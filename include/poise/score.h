// Batch scoring: every scenario of a batch at once, as Eigen array and matrix work over an N×C
// ratings matrix (FORMATS.md §3.1–3.4, §3.6). Pure functions: no files, no printing.
#ifndef POISE_POISE_SCORE_H_
#define POISE_POISE_SCORE_H_

#include <Eigen/Core>
#include <vector>

#include "poise/model.h"
#include "poise/scenario.h"

namespace poise {

using BoolArray = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>;

struct GroupScores {
  Eigen::MatrixXd score;     // N × M, in [0, 1]; 0 where !has_score
  Eigen::MatrixXd coverage;  // N × M, in [0, 1]
  BoolArray has_score;       // N × M: false = null (coverage below min_coverage)
};

struct Scores {
  Eigen::MatrixXd normalized;  // N × C, x_c in [0, 1]; 0 where !assessed
  BoolArray assessed;          // N × C
  std::vector<GroupScores> groups;
  Eigen::VectorXd overall;   // N, in [0, 1]; 0 where !has_overall
  Eigen::VectorXd ampi;      // N, on the 70–130 AMPI scale (ampi aggregate only, else 0)
  BoolArray has_overall;     // N × 1
  Eigen::MatrixXd crosstab;  // N × cells; 0 where !has_cell
  BoolArray has_cell;        // N × cells
};

// Gathers bound scenarios into the N×C ratings matrix, NaN where a criterion is not assessed.
// REQUIRES: every scenario was bound to the model's rubric.
Eigen::MatrixXd GatherRatings(const Model& model, const std::vector<const Scenario*>& scenarios);

// Scores a batch. `ratings` is N×C raw ratings with NaN for "not assessed".
// REQUIRES: ratings.cols() == model.criteria_count(); every non-NaN rating is valid for its scale.
Scores ScoreBatch(const Model& model, const Eigen::Ref<const Eigen::MatrixXd>& ratings);

// Scores a batch given its normalised scores x in [0, 1] directly (NaN = not assessed): §3.2–3.6
// without §3.1. For stress tests, whose shocks act on normalised scores.
Scores ScoreNormalized(const Model& model, const Eigen::Ref<const Eigen::MatrixXd>& normalized);

}  // namespace poise

#endif  // POISE_POISE_SCORE_H_
