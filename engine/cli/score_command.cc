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
    std::cerr << "poise: error: no scenario files found in the inputs — directories are searched "
                 "for *.yaml\n";
    return ExitCode::kUsage;
  }
  return batch.invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddScoreCommand(CLI::App& app) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* cmd = app.add_subcommand("score", "Score scenarios and report balance, gaps and flags");
  cmd->add_option("-r,--rubric", options->rubric,
                  "Rubric for every scenario (default: look up `rubric:`)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-f,--format", options->format, "Report format (default: table)")
      ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "markdown"}));
  cmd->add_option("-o,--output", options->output,
                  "Write the report to PATH atomically (default: stdout)");
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories (their *.yaml, by name)")
      ->required();
  cmd->footer(
      "Formats:\n"
      "  table     one line per scenario: overall, each layer, the weakest layer, the flags\n"
      "  json      the full report of docs/formats.md; an array when there are several inputs\n"
      "  ndjson    the same objects, one per line\n"
      "  csv       one row per scenario with every member score and the flags\n"
      "  markdown  a summary table and each scenario's groups and flags, for documents\n"
      "\nRubrics: without --rubric, a scenario's `rubric: <id>` is looked up as <id>.yaml in "
      "./rubrics,\n"
      "then in each directory of $POISE_RUBRIC_PATH (colon-separated).\n"
      "\nExamples:\n"
      "  poise score scenarios/\n"
      "  poise score --format json scenarios/deterrence-only.yaml\n"
      "  poise score --rubric rubrics/balanced-coexistence.yaml --format csv -o results.csv "
      "scenarios/\n"
      "\nExit status: 0 all scored, 1 usage error, 2 some input invalid (the rest are still scored "
      "and\n"
      "reported; failed files appear in place with their errors), 4 the report could not be "
      "written.");
  return [options] { return RunScore(*options); };
}

}  // namespace poise::cli
