// Output shared by the analysis commands (sensitivity, stress): JSON helpers and the writer that
// puts one result per input in input order.
#ifndef POISE_ENGINE_CLI_ANALYSIS_OUTPUT_H_
#define POISE_ENGINE_CLI_ANALYSIS_OUTPUT_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "cli/pipeline.h"
#include "poise/rubric.h"

namespace poise::cli {

using Json = nlohmann::ordered_json;

inline Json OptionalJson(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// {group: {member: value(g, m)}} for every member of every group, in rubric order.
template <typename ValueFn>
Json PerMemberJson(const Rubric& rubric, ValueFn value) {
  Json members = Json::object();
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    Json group = Json::object();
    for (size_t m = 0; m < rubric.groups[g].members.size(); ++m)
      group[rubric.groups[g].members[m].id] = value(g, m);
    members[rubric.groups[g].id] = std::move(group);
  }
  return members;
}

// Writes one result per input of `batch`, in input order. "table": `table(i, out)` for each
// input that `analysed(i)`, "FILE  invalid (see stderr)" for the others, a blank line between
// them. "json" (one object for a single input, else an array) and "ndjson": `json(i)`, or the
// input's errors from batch.errors[i] as in the score report.
void WriteAnalysis(std::ostream& out, const std::string& format, const Batch& batch,
                   const std::function<bool(size_t)>& analysed,
                   const std::function<void(size_t, std::ostream&)>& table,
                   const std::function<Json(size_t)>& json);

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_ANALYSIS_OUTPUT_H_
