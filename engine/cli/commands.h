// The subcommands: each adds itself to the CLI11 app and returns the function that runs it.
#ifndef POISE_ENGINE_CLI_COMMANDS_H_
#define POISE_ENGINE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/pipeline.h"

namespace poise::cli {

using Command = std::function<ExitCode()>;

// What `poise score` takes; `poise report` is a score run in a document format.
struct ScoreOptions {
  std::string rubric;
  std::string format = "table";
  std::string output;
  std::vector<std::string> inputs;
  bool recursive = false;
  int threads = 0;
  std::string shard;
  std::string fail_on;
  std::string from_csv;
};

// Scores the inputs and writes the report; the exit code of `poise score`.
ExitCode RunScore(const ScoreOptions& options);

Command AddCompareCommand(CLI::App& app);
Command AddExplainCommand(CLI::App& app);
Command AddExportCommand(CLI::App& app);
Command AddInitCommand(CLI::App& app);
Command AddPanelCommand(CLI::App& app);
Command AddRankCommand(CLI::App& app);
Command AddReportCommand(CLI::App& app);
Command AddSchemaCommand(CLI::App& app);
Command AddScoreCommand(CLI::App& app);
Command AddSensitivityCommand(CLI::App& app);
Command AddStressCommand(CLI::App& app);
Command AddSynthCommand(CLI::App& app);
Command AddValidateCommand(CLI::App& app);

// Adds the -r/--rubric option every command shares (an existing file).
inline CLI::Option* AddRubricOption(
    CLI::App* cmd, std::string* rubric,
    const std::string& help = "Rubric (default: look up `rubric:`)") {
  return cmd->add_option("-r,--rubric", *rubric, help)->check(CLI::ExistingFile);
}

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_COMMANDS_H_
