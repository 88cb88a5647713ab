// The subcommands: each adds itself to the CLI11 app and returns the function that runs it.
#ifndef POISE_ENGINE_CLI_COMMANDS_H_
#define POISE_ENGINE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/pipeline.h"

namespace poise::cli {

using Command = std::function<ExitCode()>;

Command AddCompareCommand(CLI::App& app);
Command AddExplainCommand(CLI::App& app);
Command AddExportCommand(CLI::App& app);
Command AddInitCommand(CLI::App& app);
Command AddPanelCommand(CLI::App& app);
Command AddRankCommand(CLI::App& app);
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

// What a flag means, in a sentence for students (poise explain).
std::string FlagMeaning(const Flag& flag, const Rubric& rubric);

}  // namespace poise::cli

#endif  // POISE_ENGINE_CLI_COMMANDS_H_
