// poise: the command-line front end. Parses the command line with CLI11 and runs one subcommand.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"

namespace {

using poise::cli::ExitCode;

int Run(int argc, char** argv) {
  CLI::App app{
      "poise scores policy scenarios against weighted rubrics and says where a policy is out of\n"
      "balance: which layer (national, social, human security) is neglected, how large the gap is.",
      "poise"};
  app.set_version_flag("--version", "poise " POISE_VERSION);
  app.require_subcommand(1, 1);
  app.footer(
      "Examples:\n"
      "  poise validate rubrics/ scenarios/            check files, every problem with "
      "file:line:col\n"
      "  poise score scenarios/                        a table: overall, each layer, weakest, "
      "flags\n"
      "  poise score -f json scenarios/open-doors.yaml the full report (docs/formats.md)\n"
      "  poise init -r rubrics/balanced-coexistence.yaml -o mine.yaml   a worksheet to fill in\n"
      "  poise explain scenarios/deterrence-only.yaml  what the result means, what to fix first\n"
      "  poise compare A.yaml B.yaml                   side by side, and what explains the "
      "difference\n"
      "  poise panel class/                            raters' agreement and a consensus\n"
      "  poise sensitivity -k 50 scenarios/            how robust the finding is "
      "(docs/methods.md)\n"
      "  poise stress scenarios/                       what downside shocks do to the scores\n"
      "  poise report -o report.html scenarios/        a self-contained HTML report with "
      "figures\n"
      "  poise schema scenario                         the JSON Schema, for editors\n"
      "\nRun `poise COMMAND --help` for a command's options. Start with docs/guide.md; reference:\n"
      "docs/cli.md, docs/formats.md.");
  std::vector<std::pair<CLI::App*, poise::cli::Command>> commands;
  for (auto add :
       {poise::cli::AddValidateCommand, poise::cli::AddScoreCommand, poise::cli::AddInitCommand,
        poise::cli::AddExplainCommand, poise::cli::AddCompareCommand, poise::cli::AddPanelCommand,
        poise::cli::AddSynthCommand, poise::cli::AddExportCommand, poise::cli::AddRankCommand,
        poise::cli::AddSensitivityCommand, poise::cli::AddStressCommand,
        poise::cli::AddReportCommand, poise::cli::AddSchemaCommand}) {
    poise::cli::Command run = add(app);
    commands.emplace_back(app.get_subcommands({}).back(), std::move(run));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints help, version or the error
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }
  try {
    for (auto& [subcommand, run] : commands) {
      if (subcommand->parsed()) return static_cast<int>(run());
    }
  } catch (const std::bad_alloc&) {
    std::cerr << "poise: error: out of memory\n";
    return static_cast<int>(ExitCode::kInvalidInput);
  } catch (const std::exception& error) {
    std::cerr << "poise: internal error: " << error.what() << " — please report this\n";
    return static_cast<int>(ExitCode::kInvalidInput);
  }
  return static_cast<int>(ExitCode::kUsage);
}

}  // namespace

int main(int argc, char** argv) {
  // Run reports every expected failure itself; this is the last line against a crash with a
  // stack trace (for instance memory exhausted while the command line is being set up).
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "poise: error: out of memory\n";
  } catch (const std::exception& error) {
    std::cerr << "poise: internal error: " << error.what() << " — please report this\n";
  } catch (...) {
    std::cerr << "poise: internal error — please report this\n";
  }
  return static_cast<int>(ExitCode::kInvalidInput);
}
