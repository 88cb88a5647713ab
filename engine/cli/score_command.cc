// poise score: score scenario files and report them in one of five formats, streaming.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "text.h"

namespace poise::cli {
namespace {

struct ScoreOptions {
  std::string rubric;
  std::string format = "table";
  std::string output;
  std::vector<std::string> inputs;
  bool recursive = false;
  int threads = 0;
  std::string shard;
  std::string fail_on;
};

// "K/N" -> {K, N} with 1 <= K <= N; nullopt when malformed.
std::optional<std::pair<size_t, size_t>> ParseShard(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  double k = 0, n = 0;
  if (ParseNumber(text.substr(0, slash), &k) != NumberStatus::kOk ||
      ParseNumber(text.substr(slash + 1), &n) != NumberStatus::kOk) {
    return std::nullopt;
  }
  if (k != std::floor(k) || n != std::floor(n) || k < 1 || n < 1 || k > n || n > 1e9)
    return std::nullopt;
  return std::make_pair(static_cast<size_t>(k), static_cast<size_t>(n));
}

// A CSV is one table: its columns are fixed from the rubrics known when the header is written
// (--rubric, or those of the first chunk). A scenario of a rubric first seen later cannot fit and
// is reported as invalid in its place.
ReportEntry WithCsvColumns(const ReportEntry& entry, const std::string& format,
                           const std::vector<const Model*>& header_models) {
  if (format != "csv" || !entry.scored() ||
      std::find(header_models.begin(), header_models.end(), entry.model) != header_models.end()) {
    return entry;
  }
  ReportEntry failed = entry;
  failed.assessment = nullptr;
  failed.errors.push_back(
      {entry.file,
       {},
       fmt::format("its rubric '{}' first appears after the CSV header was written",
                   entry.model->rubric->id),
       "pass --rubric, or score each rubric's scenarios separately"});
  return failed;
}

ExitCode RunScore(const ScoreOptions& options) {
  std::vector<std::string> files;
  if (!ReadInputList(options.inputs, options.recursive, &files)) return ExitCode::kUsage;
  if (files.empty()) {
    std::cerr << "poise: error: no scenario files found in the inputs — directories are searched "
                 "for *.yaml\n";
    return ExitCode::kUsage;
  }
  if (!options.shard.empty()) {
    auto shard = ParseShard(options.shard);
    if (!shard) {
      std::cerr << "poise: error: --shard '" << options.shard
                << "' must be K/N with 1 <= K <= N, e.g. 2/8\n";
      return ExitCode::kUsage;
    }
    // Contiguous slices, so that concatenating the shards' outputs in order restores input order.
    const auto [k, n] = *shard;
    const size_t begin = files.size() * (k - 1) / n, end = files.size() * k / n;
    files = std::vector<std::string>(files.begin() + static_cast<std::ptrdiff_t>(begin),
                                     files.begin() + static_cast<std::ptrdiff_t>(end));
  }
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  if (!options.rubric.empty()) {
    Diagnostics errors;
    rubrics.Load(options.rubric, &errors);  // known before the first chunk, e.g. for the CSV header
  }
  StreamOptions stream;
  stream.threads = ResolveThreads(options.threads);
  size_t invalid = 0;
  bool failed_on = false;
  std::set<std::string> printed;
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        std::unique_ptr<ReportWriter> writer =
            MakeReportWriter(ParseReportFormat(options.format).value_or(ReportFormat::kTable), out);
        std::vector<const Model*> header_models;
        ScoreStream(
            files, rubrics, stream,
            [&](const std::vector<const Model*>& models) {
              header_models = models;
              writer->Begin(models, files.size());
            },
            [&](const ReportEntry& streamed, const std::string& text) {
              const ReportEntry entry = WithCsvColumns(streamed, options.format, header_models);
              if (!entry.scored()) {
                ++invalid;
                PrintDistinct(entry.errors, entry.file, printed, std::cerr);
              } else if (!options.fail_on.empty()) {
                for (const Flag& flag : entry.assessment->flags)
                  failed_on |= options.fail_on == "any" || flag.code == options.fail_on;
              }
              if (writer->CanRender()) {
                writer->WriteRendered(entry, text);
              } else {
                writer->Write(entry);
              }
            },
            [&](const ReportEntry& streamed) {
              if (!writer->CanRender()) return std::string();
              return writer->Render(WithCsvColumns(streamed, options.format, header_models));
            });
        writer->End();
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  if (invalid > 0) return ExitCode::kInvalidInput;
  return failed_on ? ExitCode::kFailOn : ExitCode::kOk;
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
  cmd->add_flag("-R,--recursive", options->recursive,
                "Descend into subdirectories of directory inputs");
  cmd->add_option("-j,--threads", options->threads, "Loading threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--shard", options->shard,
                  "Score only the K-th of N contiguous slices of the inputs (K/N)");
  cmd->add_option("--fail-on", options->fail_on, "Exit 3 when a scored scenario raises this flag")
      ->check(CLI::IsMember(
          {"imbalanced", "neglected", "insufficient_evidence", "inconsistent_judgements", "any"}));
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories (their *.yaml, by name); - reads paths from stdin")
      ->required();
  cmd->footer(
      "Formats:\n"
      "  table     one line per scenario: overall, each layer, the weakest layer, the flags\n"
      "  json      the full report of docs/formats.md; an array when there are several inputs\n"
      "  ndjson    the same objects, one per line (streams: first lines before the last input is "
      "read)\n"
      "  csv       one row per scenario with every member score and the flags (streams)\n"
      "  markdown  a summary table and each scenario's groups and flags, for documents\n"
      "\nRubrics: without --rubric, a scenario's `rubric: <id>` is looked up as <id>.yaml in "
      "./rubrics,\n"
      "then in each directory of $POISE_RUBRIC_PATH (colon-separated).\n"
      "\nExamples:\n"
      "  poise score scenarios/\n"
      "  poise score --format json scenarios/deterrence-only.yaml\n"
      "  find runs -name '*.yaml' | poise score -f ndjson --rubric "
      "rubrics/balanced-coexistence.yaml -\n"
      "  poise score -f ndjson --shard 3/8 --fail-on neglected -o part3.ndjson scenarios/\n"
      "\nExit status: 0 all scored, 1 usage error, 2 some input invalid (the rest are still scored "
      "and\n"
      "reported in place), 3 a --fail-on flag was raised, 4 the report could not be written.");
  return [options] { return RunScore(*options); };
}

}  // namespace poise::cli
