// The scoring step of `poise sensitivity`'s Monte Carlo: one scenario under kLanes samples at
// once, each lane with its own normalised scores and its own weight draw, with no allocation per
// call. Lane by lane it performs exactly the floating-point operations ScoreBatch performs for
// that row (FORMATS §3.2–3.4), so a sample's scores are bit-identical to ScoreBatch on its
// ratings and its model (tests/sensitivity_test.cc checks every aggregate), and with nothing
// uncertain every sample reproduces the nominal score exactly. The lanes are independent and laid
// out lane-minor, so the compiler vectorises across them.
#ifndef POISE_ENGINE_LANE_SCORER_H_
#define POISE_ENGINE_LANE_SCORER_H_

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <vector>

#include "poise/model.h"

namespace poise {

inline constexpr int kLanes = 8;

// One row of lanes as a fixed-size Eigen array: lane loops run on SIMD packets and stay in
// registers, while each lane's operations remain the IEEE ones of a scalar loop.
using Lanes = Eigen::Array<double, kLanes, 1>;
inline Eigen::Map<const Lanes> LanesAt(const double* p) { return Eigen::Map<const Lanes>(p); }

// The weights of kLanes sampled models of one rubric, lane-minor: entry e of lane l is at
// [e * kLanes + l].
struct LaneWeights {
  std::vector<double> terms;         // a_c,m of every nonzero load, as LaneScorer orders them
  std::vector<double> totals;        // Σ_c a_c,m per member, by quantity (0, the overall: unused)
  std::vector<double> overall_raw;   // overall member weights, not normalised
  std::vector<double> overall_norm;  // the same, normalised to sum 1
  std::array<double, kLanes> overall_sum{};
  std::array<bool, kLanes> inconsistent{};  // the AHP judgements of the lane are inconsistent
};

class LaneScorer {
 public:
  // The structure of `model`: which loads are nonzero, the aggregates and min_coverage.
  explicit LaneScorer(const Model& model);

  // Quantities scored per lane: the overall score, then every member of every group in order.
  size_t quantities() const { return quantities_; }
  // Doubles of scratch space Score needs.
  size_t scratch_size() const { return scratch_size_; }

  // Weights with every lane set to `model`'s.
  LaneWeights MakeWeights(const Model& model) const;
  // Sets lane `lane` of `weights` to a sampled model.
  // REQUIRES: sampled is the constructor's model reweighted (Reweight): same rubric, and a zero
  // weight where the constructor's model has one.
  void SetLane(const Model& sampled, int lane, LaneWeights* weights) const;

  // Scores one scenario. x: normalised scores [criterion][lane], 0 where not assessed;
  // assessed: per criterion, 1 or 0 (the scenario's, the same in every lane). Writes
  // values[quantity * kLanes + lane]: the score, or NaN where it is null.
  void Score(const double* x, const unsigned char* assessed, const LaneWeights& w, double* scratch,
             double* values) const;

 private:
  struct Term {
    int criterion, member;
  };
  struct GroupPlan {
    Aggregate aggregate = Aggregate::kArithmetic;
    int members = 0;
    size_t quantity = 0;                     // of its first member
    std::vector<size_t> member_terms;        // member m's terms: [member_terms[m], [m + 1])
    std::vector<std::vector<int>> criteria;  // per member, the criteria loading on it
  };

  std::vector<Term> terms_;  // group by group, member by member, criteria ascending
  std::vector<GroupPlan> groups_;
  size_t quantities_ = 1;
  size_t scratch_size_ = 0;
  int criteria_ = 0;
  int overall_group_ = 0;
  Aggregate overall_aggregate_ = Aggregate::kArithmetic;
  double min_coverage_ = 0;
};

}  // namespace poise

#endif  // POISE_ENGINE_LANE_SCORER_H_
