// poise report: a document to hand on — one self-contained HTML file (or the same content as
// markdown) for one scenario or a comparison of several.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"

namespace poise::cli {

Command AddReportCommand(CLI::App& app) {
  auto options = std::make_shared<ScoreOptions>();
  options->format = "html";
  CLI::App* cmd = app.add_subcommand(
      "report", "Write a self-contained HTML report with figures (or markdown) to hand on");
  AddRubricOption(cmd, &options->rubric, "Rubric for every scenario (default: look up `rubric:`)");
  cmd->add_option("-o,--output", options->output,
                  "The report file, written atomically; - for stdout")
      ->required();
  cmd->add_option("-f,--format", options->format, "html (default) or markdown")
      ->check(CLI::IsMember({"html", "markdown"}));
  cmd->add_flag("-R,--recursive", options->recursive,
                "Descend into subdirectories of directory inputs");
  cmd->add_option("-j,--threads", options->threads, "Loading threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories (their *.yaml); - reads paths from stdin")
      ->required();
  cmd->footer(
      "The HTML file needs nothing else: styles and figures (SVG drawn by poise) are inside it,\n"
      "it makes no network request and runs no script, and it prints one scenario per page.\n"
      "Per scenario: the overall score and what it means, a radar of each group (layers, "
      "policies,\n"
      "approaches), the crosstab as a heatmap with blind spots hatched, the criteria as bars "
      "weakest\n"
      "first with evidence and uncertainty ranges, the flags in plain words, and the ratings "
      "that\n"
      "would help most. With several scenarios it opens with a comparison and a ranking.\n"
      "Figures have titles and text alternatives; colours are colour-blind safe and every value "
      "is\n"
      "also printed, so it reads in grayscale. `--format markdown` (= `poise score -f markdown`)\n"
      "carries the same content as text tables.\n"
      "\nExamples:\n"
      "  poise report -o report.html scenarios/deterrence-only.yaml\n"
      "  poise report -o options.html scenarios/\n"
      "  poise report -f markdown -o handout.md scenarios/open-doors.yaml\n"
      "\nExit status: 0 all scored, 1 usage error, 2 some input invalid (shown in the report in "
      "its\n"
      "place), 4 the report could not be written.");
  return [options] {
    const ExitCode code = RunScore(*options);
    if ((code == ExitCode::kOk || code == ExitCode::kInvalidInput) && options->output != "-")
      std::cerr << "poise: wrote " << options->output
                << (options->format == "html" ? " — open it in a browser\n" : "\n");
    return code;
  };
}

}  // namespace poise::cli
