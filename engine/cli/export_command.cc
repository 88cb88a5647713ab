// poise export: scenarios written as a ratings matrix (the input of score --from-csv).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "report_writers.h"
#include "text.h"

namespace poise::cli {
namespace {

struct ExportOptions {
  std::string rubric;
  std::string format = "csv";
  std::string output;
  bool recursive = false;
  int threads = 0;
  std::vector<std::string> inputs;
};

ExitCode RunExport(const ExportOptions& options) {
  std::vector<std::string> files;
  if (!ExpandCommandInputs(options.inputs, options.recursive, &files)) return ExitCode::kUsage;
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  StreamOptions stream;
  stream.threads = ResolveThreads(options.threads);
  size_t invalid = 0;
  const Model* matrix_model = nullptr;  // a CSV matrix holds the scenarios of one rubric
  std::set<std::string> printed;
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        stream.output = &out;
        ScoreStream(
            files, rubrics, stream, [](const std::vector<const Model*>&) {},
            [&](const ReportEntry& entry, const std::string&) {
              if (entry.scored() && matrix_model == nullptr) {
                matrix_model = entry.model;
                std::vector<std::string> head = {"id", "title"};
                for (const Criterion& c : matrix_model->rubric->criteria) head.push_back(c.id);
                out << Join(head, ",") << '\n';
              }
              Diagnostics errors = entry.errors;
              if (entry.scored() && entry.model != matrix_model) {
                errors.push_back(
                    {entry.file,
                     {},
                     fmt::format("rubric '{}' differs from '{}' of the first scenario",
                                 entry.model->rubric->id, matrix_model->rubric->id),
                     "a ratings matrix holds one rubric's scenarios; export them separately"});
              }
              if (!errors.empty()) {
                ++invalid;
                PrintDistinct(errors, entry.file, printed, std::cerr);
                return;
              }
              const Scenario& s = *entry.scenario;
              out << CsvField(s.id) << ',' << CsvField(s.title);
              for (const auto& rating : s.ratings)
                out << ',' << (rating ? FormatNumber(*rating) : "");
              out << '\n';
            });
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  return invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddExportCommand(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd =
      app.add_subcommand("export", "Write scenarios as a ratings matrix (CSV) for spreadsheets");
  AddRubricOption(cmd, &options->rubric);
  cmd->add_option("-f,--format", options->format, "csv (the only format)")
      ->check(CLI::IsMember({"csv"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH atomically (default: stdout)");
  cmd->add_flag("-R,--recursive", options->recursive,
                "Descend into subdirectories of directory inputs");
  cmd->add_option("-j,--threads", options->threads, "Loading threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories; - reads paths from stdin")
      ->required();
  cmd->footer(
      "Columns: id, title, then one per criterion in rubric order; an empty cell is not assessed.\n"
      "`poise score --from-csv` reads the same matrix back, so ratings survive the round trip\n"
      "(evidence, ranges and shocks stay in the YAML files).\n"
      "\nExample:\n  poise export scenarios/ > ratings.csv\n"
      "  poise score -f csv --rubric rubrics/balanced-coexistence.yaml --from-csv ratings.csv\n");
  return [options] { return RunExport(*options); };
}

}  // namespace poise::cli
