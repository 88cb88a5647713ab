// JSON helpers shared by the analysis commands (sensitivity, stress).
#ifndef POISE_ENGINE_CLI_JSON_UTIL_H_
#define POISE_ENGINE_CLI_JSON_UTIL_H_

#include <nlohmann/json.hpp>
#include <optional>

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

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_JSON_UTIL_H_
