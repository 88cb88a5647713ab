// poise init: a worksheet scenario for a rubric, to fill in and validate.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "text.h"

namespace poise::cli {
namespace {

struct InitOptions {
  std::string rubric;
  std::string format = "yaml";
  std::string output;
  std::string id;
};

ExitCode RunInit(const InitOptions& options) {
  RubricCache rubrics(options.rubric);
  const Model* model = LoadRubricOrReport(rubrics, options.rubric);
  if (model == nullptr) return ExitCode::kInvalidInput;
  std::string id = options.id;
  if (id.empty() && !options.output.empty() && options.output != "-") {
    id = std::filesystem::path(options.output).stem().string();
    if (!IsValidId(id)) id.clear();
  }
  if (id.empty()) id = "my-scenario";
  if (!IsValidId(id)) {
    std::cerr << "poise: error: --id '" << id
              << "' is not a valid id — use lowercase letters, digits, '_' and '-'\n";
    return ExitCode::kUsage;
  }
  Output output(options.output);
  return WriteOutput(
      output,
      [&](std::ostream& out) {
        out << (options.format == "markdown" ? WorksheetMarkdown(*model->rubric)
                                             : WorksheetYaml(*model->rubric, id));
      },
      std::cerr);
}

}  // namespace

Command AddInitCommand(CLI::App& app) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* cmd =
      app.add_subcommand("init", "Write a worksheet scenario to fill in, from a rubric");
  cmd->add_option("-r,--rubric", options->rubric, "The rubric to rate against")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-f,--format", options->format,
                  "yaml (a scenario to fill in) or markdown (to print)")
      ->check(CLI::IsMember({"yaml", "markdown"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH (default: stdout)");
  cmd->add_option("--id", options->id,
                  "Scenario id (default: the output file's name, or my-scenario)");
  cmd->footer(
      "Every criterion appears as `id: ~` with its question and level descriptors above it, "
      "grouped by\n"
      "layer. `poise validate` reports each ~ as not yet rated until the worksheet is complete.\n"
      "\nExamples:\n"
      "  poise init --rubric rubrics/balanced-coexistence.yaml -o my-option.yaml\n"
      "  poise validate my-option.yaml\n");
  return [options] { return RunInit(*options); };
}

}  // namespace poise::cli
