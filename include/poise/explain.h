// Explanations for people: which criteria pull a member down, which single rating change would
// raise the overall score most, and which criteria explain the difference between two scenarios.
// Pure functions over a model and bound scenarios; every "what if" is scored as one Eigen batch.
#ifndef POISE_POISE_EXPLAIN_H_
#define POISE_POISE_EXPLAIN_H_

#include <optional>
#include <string>
#include <vector>

#include "poise/balance.h"
#include "poise/model.h"
#include "poise/scenario.h"

namespace poise {

// How much criterion c pulls member m below 1: pull = share · (1 − x_c), with
// share = a_c,m / Σ a over the assessed criteria of m. For an arithmetic member the pulls add up
// to 1 − score exactly; for geometric and min members they rank the same shortfalls.
struct Pull {
  int criterion = 0;
  double share = 0;       // in [0, 1]
  double normalized = 0;  // x_c
  double pull = 0;        // share · (1 − x_c), in [0, 1]
};

// The assessed criteria loading on member `member` of group `group`, largest pull first (ties in
// rubric order). REQUIRES: valid indices; `assessment` scored with `model`.
std::vector<Pull> MemberPulls(const Model& model, const Assessment& assessment, int group,
                              int member);

// One rating raised by one step — one level on a levels scale, a tenth of the goalpost span on a
// range scale (towards the better end) — and the overall score it would give.
struct RatingGain {
  int criterion = 0;
  double from = 0, to = 0;  // raw ratings
  double gain = 0;          // overall(after) − overall(before)
};

// Every assessed criterion not already at its best, largest gain first (ties in rubric order).
// Empty when the scenario has no overall score.
std::vector<RatingGain> RatingGains(const Model& model, const Scenario& scenario);

// The effect on the overall score of moving one criterion's rating from scenario `a` to its value
// in `b`, all else as in `a` (assessed or not as in `b`).
struct CriterionEffect {
  int criterion = 0;
  std::optional<double> from, to;  // raw ratings in a and b
  std::optional<double> effect;  // overall(a with c from b) − overall(a); nullopt if either is null
};

// Criteria whose ratings differ between a and b, largest |effect| first (ties in rubric order).
std::vector<CriterionEffect> DifferenceEffects(const Model& model, const Scenario& a,
                                               const Scenario& b);

// What a flag means, in a sentence for students and readers of reports (explain, markdown, html).
// REQUIRES: the flag was raised for a scenario of `rubric`.
std::string FlagMeaning(const Flag& flag, const Rubric& rubric);

}  // namespace poise

#endif  // POISE_POISE_EXPLAIN_H_
