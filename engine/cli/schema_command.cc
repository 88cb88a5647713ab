// poise schema: prints the JSON Schema of a file format, for editors and validators.
#include <iostream>

#include "cli/commands.h"
#include "cli/schemas.h"

namespace poise::cli {

Command AddSchemaCommand(CLI::App& app) {
  auto kind = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema (2020-12) of the rubric or scenario format, for editors");
  cmd->add_option("kind", *kind, "rubric or scenario")
      ->required()
      ->check(CLI::IsMember({"rubric", "scenario"}));
  cmd->add_option("-o,--output", *output, "Write the schema to PATH atomically (default: stdout)");
  cmd->footer(
      "The schemas are schemas/rubric.schema.json and schemas/scenario.schema.json of the source\n"
      "tree, built into poise. An editor with a YAML language server completes keys, shows their\n"
      "descriptions and flags what the schema can see (types, unknown keys, ids, numbers in\n"
      "range). Rules that need the rubric or arithmetic (every criterion rated once, ratings on "
      "the\n"
      "scale, ranges around the score, AHP pairs) only `poise validate` checks. Setup for VS "
      "Code:\n"
      "docs/guide.md#editor-support.\n"
      "\nExamples:\n"
      "  poise schema rubric > rubric.schema.json\n"
      "  poise schema scenario -o .vscode/scenario.schema.json");
  return [kind, output] {
    const std::string_view text = *kind == "rubric" ? RubricSchema() : ScenarioSchema();
    Output out(*output);
    return WriteOutput(
        out, [&](std::ostream& stream) { stream << text; }, std::cerr);
  };
}

}  // namespace poise::cli
