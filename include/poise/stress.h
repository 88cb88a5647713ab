// Downside-risk stress tests (JICA's risk-management approach): each shock is one possible event
// that moves ratings in the criterion's own units; the rubric's interactions spread the change
// (DEMATEL total relation); the shocked scores are compared with the base. Formulas:
// docs/methods.md. Pure computation: no files, no printing.
#ifndef POISE_POISE_STRESS_H_
#define POISE_POISE_STRESS_H_

#include <optional>
#include <string>
#include <vector>

#include "poise/balance.h"
#include "poise/model.h"
#include "poise/scenario.h"

namespace poise {

struct StressOutcome {
  std::optional<double> overall;
  std::vector<std::vector<std::optional<double>>> members;  // [group][member]
  std::vector<Flag> flags;
};

struct ShockOutcome {
  std::string id;
  double probability = 0;
  StressOutcome outcome;
};

struct StressResult {
  StressOutcome base;
  std::vector<ShockOutcome> shocks;  // in the order given
  // (1 − Σp) · base + Σ p · shocked; null when the base or any shocked overall score is null.
  std::optional<double> expected;
  std::optional<size_t> worst;  // the shock with the lowest overall score (ties: first)
  // The member of the overall group with the largest expected loss Σ p · (base − shocked);
  // nullopt when no shock lowers any member.
  std::optional<int> most_exposed;
  double most_exposed_loss = 0;
};

// Applies each shock to the scenario alone (shocks are alternative events, not cumulative):
// ratings move by their deltas, clamped to the scale; not-assessed criteria are not moved. With
// interactions, the change d in normalised scores becomes d · (I − N)^-1; shocked normalised
// scores are clamped to [0, 1] and scored as usual.
// REQUIRES: scenario bound to model.rubric; shock criteria valid for it.
StressResult StressTest(const Model& model, const Scenario& scenario,
                        const std::vector<Shock>& shocks);

}  // namespace poise

#endif  // POISE_POISE_STRESS_H_
