#include "lane_scorer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace poise {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kCoverageSlack = 1e-12;  // as ScoreBatch's

// Lane loops: `for (int l = 0; l < kLanes; ++l)` over lane-minor rows.
double* Row(double* base, size_t row) { return base + row * kLanes; }
const double* Row(const double* base, size_t row) { return base + row * kLanes; }

}  // namespace

// Why the sums may skip or include terms as they do, bit for bit against ScoreBatch's
// WeightedSums (which adds w · x for every nonzero weight, in criterion order, from +0): adding
// w · x with w = 0 and x finite adds ±0, which leaves any sum started at +0 unchanged; so does
// adding w · 0 for a criterion that is not assessed. Terms are therefore the loads that are
// nonzero in the nominal model (a drawn weight can only be zero where that one is, or by
// underflow, when it adds ±0), member by member, each in criterion order.
LaneScorer::LaneScorer(const Model& model) {
  const Rubric& rubric = *model.rubric;
  criteria_ = static_cast<int>(model.criteria_count());
  overall_group_ = rubric.overall.group;
  overall_aggregate_ = rubric.overall.aggregate;
  min_coverage_ = rubric.min_coverage;
  for (size_t g = 0; g < model.groups.size(); ++g) {
    const GroupModel& gm = model.groups[g];
    GroupPlan plan;
    plan.aggregate = rubric.groups[g].aggregate;
    plan.members = static_cast<int>(gm.weight_load.cols());
    plan.quantity = quantities_;
    plan.criteria = gm.criteria;
    for (int m = 0; m < plan.members; ++m) {
      plan.member_terms.push_back(terms_.size());
      for (int c = 0; c < criteria_; ++c) {
        if (gm.weight_load(c, m) != 0) terms_.push_back({c, m});
      }
    }
    plan.member_terms.push_back(terms_.size());
    quantities_ += static_cast<size_t>(plan.members);
    groups_.push_back(std::move(plan));
  }
  scratch_size_ = kLanes * static_cast<size_t>(criteria_);  // ln x per criterion
}

LaneWeights LaneScorer::MakeWeights(const Model& model) const {
  LaneWeights w;
  w.terms.resize(terms_.size() * kLanes);
  w.totals.resize(quantities_ * kLanes);
  const auto overall = static_cast<size_t>(model.overall_raw_weights.size());
  w.overall_raw.resize(overall * kLanes);
  w.overall_norm.resize(overall * kLanes);
  for (int l = 0; l < kLanes; ++l) SetLane(model, l, &w);
  return w;
}

void LaneScorer::SetLane(const Model& sampled, int lane, LaneWeights* w) const {
  const auto l = static_cast<size_t>(lane);
  for (size_t g = 0; g < groups_.size(); ++g) {
    const GroupPlan& plan = groups_[g];
    const GroupModel& gm = sampled.groups[g];
    for (size_t t = plan.member_terms.front(); t < plan.member_terms.back(); ++t)
      w->terms[t * kLanes + l] = gm.weight_load(terms_[t].criterion, terms_[t].member);
    for (int m = 0; m < plan.members; ++m)
      w->totals[(plan.quantity + static_cast<size_t>(m)) * kLanes + l] = gm.total(m);
  }
  for (Eigen::Index k = 0; k < sampled.overall_raw_weights.size(); ++k) {
    w->overall_raw[static_cast<size_t>(k) * kLanes + l] = sampled.overall_raw_weights(k);
    w->overall_norm[static_cast<size_t>(k) * kLanes + l] = sampled.overall_weights(k);
  }
  w->overall_sum[l] = sampled.overall_weight_sum;
  w->inconsistent[l] = sampled.ahp && sampled.ahp->inconsistent;
}

void LaneScorer::Score(const double* x, const unsigned char* assessed, const LaneWeights& w,
                       double* scratch, double* values) const {
  const auto c_count = static_cast<size_t>(criteria_);
  double* log_x = scratch;
  const bool complete = std::find(assessed, assessed + c_count, 0) == assessed + c_count;
  bool logs_ready = false;
  for (size_t g = 0; g < groups_.size(); ++g) {
    const GroupPlan& plan = groups_[g];
    if (plan.aggregate == Aggregate::kGeometric && !logs_ready) {
      for (size_t c = 0; c < c_count; ++c) {
        const double* in = Row(x, c);
        double* out = Row(log_x, c);
        for (int l = 0; l < kLanes; ++l)
          out[l] = assessed[c] != 0 && in[l] > 0 ? std::log(in[l]) : 0.0;
      }
      logs_ready = true;
    }
    const bool weighted =
        plan.aggregate == Aggregate::kArithmetic || plan.aggregate == Aggregate::kGeometric;
    const double* source = plan.aggregate == Aggregate::kGeometric ? log_x : x;
    for (size_t m = 0; m < static_cast<size_t>(plan.members); ++m) {
      // Σ a_c,m over the criteria not assessed (ScoreBatch: WeightedSums(1 − mask, a)), and
      // Σ a_c,m x_c (or ln x_c), each in criterion order.
      Lanes missing = Lanes::Zero(), sum = Lanes::Zero();
      for (size_t t = plan.member_terms[m]; t < plan.member_terms[m + 1]; ++t) {
        const auto c = static_cast<size_t>(terms_[t].criterion);
        const auto weight = LanesAt(Row(w.terms.data(), t));
        if (!complete && assessed[c] == 0) missing += weight;
        if (weighted) sum += weight * LanesAt(Row(source, c));
      }
      const auto total = LanesAt(Row(w.totals.data(), plan.quantity + m));
      const Lanes assessed_weight = -missing + total;
      // Complete: the assessed weight is the total, whose ratio to itself is exactly 1 (and a
      // zero total has no score either way).
      const Lanes coverage = complete ? Lanes::Ones().eval() : (assessed_weight / total).eval();
      const Lanes safe = assessed_weight.max(std::numeric_limits<double>::min());
      std::array<bool, kLanes> has{};
      for (int l = 0; l < kLanes; ++l) {
        has[static_cast<size_t>(l)] =
            assessed_weight(l) > 0 && coverage(l) >= min_coverage_ - kCoverageSlack;
      }
      Lanes score;
      switch (plan.aggregate) {
        case Aggregate::kArithmetic:
          score = sum / safe;
          break;
        case Aggregate::kGeometric: {
          // A zero score on a loaded, assessed criterion makes the product 0.
          std::array<bool, kLanes> zero{};
          for (int c : plan.criteria[m]) {
            if (assessed[c] == 0) continue;
            const double* in = Row(x, static_cast<size_t>(c));
            for (int l = 0; l < kLanes; ++l) zero[static_cast<size_t>(l)] |= in[l] == 0;
          }
          for (int l = 0; l < kLanes; ++l)
            score(l) = zero[static_cast<size_t>(l)] ? 0.0 : std::exp(sum(l) / safe(l));
          break;
        }
        case Aggregate::kMin:
        case Aggregate::kAmpi: {
          score = Lanes::Constant(kInf);
          for (int c : plan.criteria[m]) {
            if (assessed[c] != 0) score = score.min(LanesAt(Row(x, static_cast<size_t>(c))));
          }
          score = (score == kInf).select(0.0, score);
          break;
        }
      }
      double* value = Row(values, plan.quantity + m);
      for (int l = 0; l < kLanes; ++l) value[l] = has[static_cast<size_t>(l)] ? score(l) : kNaN;
    }
  }
  // §3.4 the overall score from the overall group's members (ScoreBatch's ScoreMembers), whose
  // scores count as 0 where they are null.
  const GroupPlan& members_plan = groups_[static_cast<size_t>(overall_group_)];
  const auto members = static_cast<size_t>(members_plan.members);
  auto member_score = [&](size_t k) {
    const auto value = LanesAt(Row(values, members_plan.quantity + k));
    return Lanes(value.isNaN().select(0.0, value));
  };
  std::array<bool, kLanes> present{};
  present.fill(true);
  for (size_t k = 0; k < members; ++k) {
    const double* value = Row(values, members_plan.quantity + k);
    for (int l = 0; l < kLanes; ++l) present[static_cast<size_t>(l)] &= !std::isnan(value[l]);
  }
  const auto sum = LanesAt(w.overall_sum.data());
  Lanes overall;
  switch (overall_aggregate_) {
    case Aggregate::kArithmetic:
      overall.setZero();
      for (size_t k = 0; k < members; ++k)
        overall += LanesAt(Row(w.overall_raw.data(), k)) * member_score(k);
      overall /= sum;
      break;
    case Aggregate::kGeometric:
      overall.setOnes();
      for (size_t k = 0; k < members; ++k) {
        const Lanes s = member_score(k);
        const double* exponent = Row(w.overall_norm.data(), k);
        for (int l = 0; l < kLanes; ++l) overall(l) *= std::pow(s(l), exponent[l]);
      }
      break;
    case Aggregate::kMin:
      overall = member_score(0);
      for (size_t k = 1; k < members; ++k) overall = overall.min(member_score(k));
      break;
    case Aggregate::kAmpi: {
      // r = 70 + 60 s; M = Σ w r / Σ w; S = sqrt(Σ w (r − M)² / Σ w); AMPI = M − S · S / M.
      Lanes mean = Lanes::Zero(), spread = Lanes::Zero();
      for (size_t k = 0; k < members; ++k)
        mean += LanesAt(Row(w.overall_raw.data(), k)) * (member_score(k) * 60.0 + 70.0);
      mean /= sum;
      for (size_t k = 0; k < members; ++k) {
        const Lanes deviation = (member_score(k) * 60.0 + 70.0) - mean;
        spread += LanesAt(Row(w.overall_raw.data(), k)) * (deviation * deviation);
      }
      const Lanes sd = (spread / sum).sqrt();
      overall = ((mean - sd * (sd / mean)) - 70.0) / 60.0;
      break;
    }
  }
  for (int l = 0; l < kLanes; ++l) values[l] = present[static_cast<size_t>(l)] ? overall(l) : kNaN;
}

}  // namespace poise
