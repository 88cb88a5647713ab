// Rubric: a set of weighted criteria and the groups (views such as security layers) they load on,
// as read from a `poise: rubric/1` file. Plain structs in file order; a Rubric returned by
// LoadRubric (load.h) satisfies every rule of FORMATS.md §1.
#ifndef POISE_POISE_RUBRIC_H_
#define POISE_POISE_RUBRIC_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "poise/diagnostics.h"

namespace poise {

enum class ScaleType { kLevels, kRange };
enum class Transform { kNone, kLog };
enum class Direction { kHigherIsBetter, kLowerIsBetter };

// How a raw rating maps onto [0, 1] (FORMATS §3.1).
struct Scale {
  ScaleType type = ScaleType::kLevels;
  double min = 0;  // levels: an integer; range: the lower goalpost
  double max = 4;  // levels: an integer > min; range: the upper goalpost, > min
  Transform transform = Transform::kNone;            // range scales only
  Direction direction = Direction::kHigherIsBetter;  // range scales only
  bool clamp = true;                                 // range scales only
  std::map<int, std::string> levels;                 // level -> descriptor (levels scales)
};

// How member scores (or criterion scores) are combined. kAmpi is only valid for the overall score.
enum class Aggregate { kArithmetic, kGeometric, kMin, kAmpi };

// Optional balance thresholds of a group (FORMATS §3.5), both in [0, 1].
struct BalanceRule {
  std::optional<double> floor;    // members below it are flagged `neglected`
  std::optional<double> max_gap;  // a gap above it flags the group `imbalanced`
};

struct Member {
  std::string id;
  std::string title;
  std::string description;
  SourceMark mark;
};

struct Group {
  std::string id;
  std::string title;
  std::string description;
  Aggregate aggregate = Aggregate::kArithmetic;  // never kAmpi
  std::optional<BalanceRule> balance;
  std::vector<Member> members;
  SourceMark mark;
};

// One share of a criterion on one member; indices into Rubric::groups and Group::members.
struct Load {
  int group = 0;
  int member = 0;
  double share = 0;  // finite, > 0 (zero shares are dropped at load time)
};

// A change in criterion `from` passes `strength` (in [0, 1)) of itself on to criterion `to`, in
// normalised units (stress tests; the DEMATEL total relation spreads it further).
struct Interaction {
  int from = 0;
  int to = 0;
  double strength = 0;
  SourceMark mark;
};

struct Criterion {
  std::string id;
  std::string title;
  std::string question;
  std::string description;  // optional
  std::string rationale;    // optional: why this weight
  Scale scale;              // the rubric's default scale unless the criterion replaces it
  double weight = 1;        // finite, >= 0
  std::vector<Load> loads;  // at least one
  SourceMark mark;
};

// One Saaty pairwise judgement: how much more important `row` is than `column` (> 0).
struct AhpJudgement {
  int row = 0;
  int column = 0;
  double value = 1;
  SourceMark mark;
};

struct Overall {
  int group = 0;  // index into Rubric::groups
  Aggregate aggregate = Aggregate::kArithmetic;
  std::vector<double> weights;    // direct weights per member, not normalised; empty = equal
  std::vector<AhpJudgement> ahp;  // non-empty when weights are AHP judgements
  SourceMark mark;
};

struct Rubric {
  std::string file;  // display name it was loaded from
  std::string id;
  std::string version;
  std::string title;
  std::string description;
  Scale scale;                // the default scale
  double min_coverage = 0.5;  // in [0, 1]
  std::vector<Group> groups;
  std::vector<Criterion> criteria;
  Overall overall;
  std::optional<std::pair<int, int>> crosstab;  // rows group, columns group
  std::vector<Interaction> interactions;        // how a change spreads (stress tests)
  SourceMark interactions_mark;                 // of the `interactions:` key

  // Index of the group / criterion with this id, or -1.
  int FindGroup(const std::string& group_id) const;
  int FindCriterion(const std::string& criterion_id) const;
};

}  // namespace poise

#endif  // POISE_POISE_RUBRIC_H_
