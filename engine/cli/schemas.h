// The JSON Schemas of the rubric and scenario formats (schemas/*.schema.json), compiled into the
// binary for `poise schema`.
#ifndef POISE_ENGINE_CLI_SCHEMAS_H_
#define POISE_ENGINE_CLI_SCHEMAS_H_

#include <string_view>

namespace poise::cli {

// The text of schemas/rubric.schema.json and schemas/scenario.schema.json, byte for byte.
std::string_view RubricSchema();
std::string_view ScenarioSchema();

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_SCHEMAS_H_
