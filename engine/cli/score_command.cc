// poise score: score scenario files and report them in one of five formats.
#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace poise::cli {
namespace {

struct ScoreOptions {
  std::string rubric;
  std::string format = "table";
  std::string output;
  std::vector<std::string> inputs;
};

ExitCode RunScore(const ScoreOptions& options) {
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  Batch batch = ScoreFiles(options.inputs, rubrics);
  PrintBatchDiagnostics(batch, std::cerr);
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        std::unique_ptr<ReportWriter> writer =
            MakeReportWriter(ParseReportFormat(options.format).value_or(ReportFormat::kTable), out);
        writer->Begin(rubrics.models(), batch.files.size());
        for (size_t i = 0; i < batch.files.size(); ++i) writer->Write(batch.Entry(i));
        writer->End();
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  if (batch.files.empty()) {
    std::cerr << "poise: error: no scenario files found in the inputs — directories are searched for *.yaml\n";
    return ExitCode::kUsage;
  }
  return batch.invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddScoreCommand(CLI::App& app) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* cmd = app.add_subcommand("score", "Score scenarios and report balance, gaps and flags");
  cmd->add_option("-r,--rubric", options->rubric,
                  "Rubric file for every scenario (default: each scenario's `rubric:` id, looked up as "
                  "<id>.yaml in ./rubrics and $POISE_RUBRIC_PATH)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-f,--format", options->format,
                  "table (default: one line per scenario), json (FORMATS.md §4), ndjson (one object per "
                  "line), csv (one row per scenario), markdown")
      ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "markdown"}));
  cmd->add_option("-o,--output", options->output,
                  "Write the report to PATH (atomically: a failed run leaves no partial file); default stdout");
  cmd->add_option("inputs", options->inputs, "Scenario files, or directories (every *.yaml in them, by name)")
      ->required();
  cmd->footer(
      "Examples:\n"
      "  poise score scenarios/\n"
      "  poise score --format json scenarios/deterrence-only.yaml\n"
      "  poise score --rubric rubrics/balanced-coexistence.yaml --format csv -o results.csv scenarios/\n"
      "\nExit status: 0 all scored, 1 usage error, 2 some input invalid (the rest are still scored and\n"
      "reported; failed files appear in place with their errors), 4 the report could not be written.");
  return [options] { return RunScore(*options); };
}

}  // namespace poise::cli
