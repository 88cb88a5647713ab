// Scenario: one policy option rated against a rubric, as read from a `poise: scenario/1` file.
// A ScenarioDraft is the file read on its own; a Scenario is a draft checked against its rubric,
// with one entry per rubric criterion.
#ifndef POISE_POISE_SCENARIO_H_
#define POISE_POISE_SCENARIO_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "poise/diagnostics.h"

namespace poise {

// The rubric a scenario asks for: `rubric: id` or `rubric: id@version`.
struct RubricRef {
  std::string id;
  std::optional<std::string> version;
  SourceMark mark;
};

// A downside-risk event (FORMATS §2 `shocks:`); changes are in the criterion's own units.
struct ShockDraft {
  std::string id;
  double probability = 0;                               // in [0, 1]
  std::vector<std::pair<std::string, double>> changes;  // criterion id -> delta
  std::vector<SourceMark> change_marks;
  SourceMark mark;
};

// One entry under `ratings:` or `not_assessed:`, by criterion name, not yet checked.
struct RatingDraft {
  std::string criterion;
  SourceMark mark;              // of the key
  bool assessed = true;         // false: listed under not_assessed
  std::optional<double> score;  // nullopt for `~` ("not yet rated") or not assessed
  bool score_invalid = false;   // the rating could not be read (already reported)
  SourceMark score_mark;
  std::optional<std::pair<double, double>> range;
  SourceMark range_mark;
  std::string text;  // evidence, or the reason it was not assessed
};

// A scenario file read without its rubric. `problems` lists what is wrong with the file on its
// own (types, unknown keys, duplicates, non-finite numbers); BindScenario adds the rest.
struct ScenarioDraft {
  std::string file;
  std::string id;
  std::string title;
  std::string description;
  RubricRef rubric;
  std::vector<RatingDraft> entries;  // ratings first, then not_assessed, in file order
  SourceMark ratings_mark;           // of the `ratings:` map (the root when absent)
  bool readable = false;             // YAML parsed into a map tagged `poise: scenario/1`
  std::vector<ShockDraft> shocks;
  Diagnostics problems;
};

struct Shock {
  std::string id;
  double probability = 0;
  std::vector<std::pair<int, double>> changes;  // criterion index -> delta
};

// A scenario checked against its rubric: one entry per rubric criterion, in rubric order.
struct Scenario {
  std::string file;
  std::string id;
  std::string title;
  std::string description;
  std::vector<std::optional<double>> ratings;  // raw ratings; nullopt = not assessed
  std::vector<std::optional<std::pair<double, double>>> ranges;
  std::vector<std::string> notes;  // evidence for rated criteria, the reason for not assessed ones
  std::vector<Shock> shocks;
};

}  // namespace poise

#endif  // POISE_POISE_SCENARIO_H_
