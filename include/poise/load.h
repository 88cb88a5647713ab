// Loading: reading poise's YAML files into Rubric and Scenario values, with every problem reported
// as a located Diagnostic in one pass. The only stage (with report.h) that touches files.
// Every entry point takes (display_name, text) so tests need no files; ReadTextFile and
// ExpandInputs do the file-system part.
#ifndef POISE_POISE_LOAD_H_
#define POISE_POISE_LOAD_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "poise/diagnostics.h"
#include "poise/rubric.h"
#include "poise/scenario.h"

namespace poise {

// Limits on hostile or accidental input, each enforced with a located error (docs/limits.md).
inline constexpr std::size_t kMaxFileBytes = 4u << 20;  // 4 MiB per file
inline constexpr int kMaxNestingDepth = 64;             // nested maps/sequences
inline constexpr int kMaxAliases = 1000;                // YAML aliases (*name) per file
inline constexpr int kMaxNodes = 500000;                // YAML nodes per file
inline constexpr int kMaxCriteria = 5000;
inline constexpr int kMaxGroups = 64;
inline constexpr int kMaxMembers = 256;       // per group
inline constexpr int kMaxLevels = 101;        // integer levels on a levels scale
inline constexpr int kMaxAhpMembers = 15;     // Saaty's RI table ends at 15
inline constexpr int kMaxInteractions = 256;  // rubric interactions (an eigenproblem on them)

// What a file says it is, from its `poise:` tag.
enum class FileKind { kUnknown, kRubric, kScenario, kShocks };

// Reads a whole file as text. Errors (located at the file, line 0): it does not exist, is a
// directory, cannot be read, or is larger than kMaxFileBytes.
Result<std::string> ReadTextFile(const std::string& path);

// Loads and fully validates a rubric (FORMATS §1). All problems of the file are reported at once.
Result<Rubric> LoadRubric(std::string_view display_name, std::string_view text);

// Reads a scenario file on its own (FORMATS §2): structure, types, duplicate and unknown keys,
// finite numbers. Problems are collected in the draft's `problems`; the draft is always returned
// so that its rubric can still be resolved and BindScenario can report the remaining problems.
ScenarioDraft ParseScenario(std::string_view display_name, std::string_view text);

// Checks a draft against its rubric: every criterion rated or not_assessed exactly once, ratings
// and ranges on their scales, rubric id and version, shocks naming real criteria. Returns the
// draft's problems together with these; a value only when there are none.
Result<Scenario> BindScenario(const ScenarioDraft& draft, const Rubric& rubric);

// What is wrong with `rating` for `criterion` (outside its scale, not a whole level), as a
// diagnostic whose file and mark the caller sets; nullopt when the rating is valid. The rules
// BindScenario applies to every rating.
std::optional<Diagnostic> RatingProblem(const Criterion& criterion, double rating);

// Reads a `poise: shocks/1` file (a `shocks:` list, optionally `rubric:`) into a draft that has
// only shocks (and the rubric reference); problems in the draft's `problems`.
ScenarioDraft ParseShocks(std::string_view display_name, std::string_view text);

// Checks a shocks draft against a rubric: criteria exist, probabilities sum to at most 1.
Result<std::vector<Shock>> BindShocks(const ScenarioDraft& draft, const Rubric& rubric);

// ParseScenario followed by BindScenario.
Result<Scenario> LoadScenario(std::string_view display_name, std::string_view text,
                              const Rubric& rubric);

// Any poise file, told apart by its `poise:` tag. Exactly one of rubric / scenario is set when
// `kind` is known; `diagnostics` holds the rubric's problems, or the file's when the kind is
// unknown (a scenario's problems stay in its draft).
struct LoadedFile {
  FileKind kind = FileKind::kUnknown;
  std::optional<Rubric> rubric;
  std::optional<ScenarioDraft> scenario;  // a scenario, or the shocks of a shocks/1 file
  Diagnostics diagnostics;
};
LoadedFile LoadAnyFile(std::string_view display_name, std::string_view text);

// The directories searched for `<id>.yaml` when a scenario names its rubric: ./rubrics, then each
// entry of $POISE_RUBRIC_PATH (colon-separated) in order.
std::vector<std::string> RubricSearchPath();

// The first `<dir>/<id>.yaml` that exists in `search_path`, or nullopt.
std::optional<std::string> FindRubricFile(const std::string& id,
                                          const std::vector<std::string>& search_path);

// Expands command-line inputs into files, in order: a file stays itself; a directory becomes every
// `*.yaml` directly inside it, sorted by name (with `recursive`, also in its subdirectories).
// A path that does not exist is kept, so that reading it reports the error in its place.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      bool recursive = false);

}  // namespace poise

#endif  // POISE_POISE_LOAD_H_
