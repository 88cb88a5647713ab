// poise score: score scenario files and report them in one of five formats, streaming.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "cli/csv_ratings.h"
#include "text.h"

namespace poise::cli {
namespace {

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

// --from-csv with --format csv: rows parsed into a matrix, scored in chunks, written straight from
// the score matrices (AppendCsvRows) — the same bytes as the general path, without per-row objects.
ExitCode ScoreCsvMatrix(CsvRatings& csv, const Model& model, const ScoreOptions& options) {
  size_t invalid = 0;
  bool failed_on = false;
  const unsigned fail_bits = options.fail_on.empty()                      ? 0u
                             : options.fail_on == "any"                   ? 15u
                             : options.fail_on == "imbalanced"            ? 1u
                             : options.fail_on == "neglected"             ? 2u
                             : options.fail_on == "insufficient_evidence" ? 4u
                                                                          : 8u;
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        std::unique_ptr<ReportWriter> writer = MakeReportWriter(ReportFormat::kCsv, out);
        writer->Begin({&model}, 2);
        Eigen::MatrixXd ratings;
        std::vector<std::string> ids, names, rows_text;
        std::vector<Diagnostics> errors;
        std::string text;
        while (out && csv.ReadMatrix(2048, &ratings, &ids, &names, &errors)) {
          const Scores scores = ScoreBatch(model, ratings);
          text.clear();
          // Runs of valid rows go through AppendCsvRows; a bad row is rendered in its place.
          size_t start = 0;
          auto flush = [&](size_t end) {
            if (end <= start) return;
            if (start == 0 && end == names.size()) {
              for (unsigned bits : AppendCsvRows(model, scores, names, ids, &text))
                failed_on |= (bits & fail_bits) != 0;
              return;
            }
            const std::vector<std::string> run_names(
                names.begin() + static_cast<std::ptrdiff_t>(start),
                names.begin() + static_cast<std::ptrdiff_t>(end));
            const std::vector<std::string> run_ids(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                   ids.begin() + static_cast<std::ptrdiff_t>(end));
            const Scores sub =
                ScoreBatch(model, ratings.middleRows(static_cast<Eigen::Index>(start),
                                                     static_cast<Eigen::Index>(end - start)));
            for (unsigned bits : AppendCsvRows(model, sub, run_names, run_ids, &text))
              failed_on |= (bits & fail_bits) != 0;
          };
          for (size_t i = 0; i < names.size(); ++i) {
            if (errors[i].empty()) continue;
            flush(i);
            ReportEntry failed;
            failed.file = names[i];
            failed.errors = errors[i];
            text += writer->Render(failed);
            for (const Diagnostic& d : errors[i]) std::cerr << FormatDiagnostic(d) << '\n';
            ++invalid;
            start = i + 1;
          }
          flush(names.size());
          out << text;
        }
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  if (invalid > 0) return ExitCode::kInvalidInput;
  return failed_on ? ExitCode::kFailOn : ExitCode::kOk;
}

}  // namespace

ExitCode RunScore(const ScoreOptions& options) {
  std::vector<std::string> files;
  if (!options.from_csv.empty()) {
    if (options.rubric.empty() || !options.inputs.empty() || !options.shard.empty()) {
      std::cerr << "poise: error: --from-csv needs --rubric and takes no other inputs or --shard\n";
      return ExitCode::kUsage;
    }
  } else if (options.inputs.empty()) {
    std::cerr << "poise: error: give scenario files or directories, - for a list on stdin, or "
                 "--from-csv FILE\n";
    return ExitCode::kUsage;
  }
  if (!ReadInputList(options.inputs, options.recursive, &files)) return ExitCode::kUsage;
  if (files.empty() && options.from_csv.empty()) {
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
  const bool document = options.format == "html" || options.format == "markdown";
  if (document && files.size() > kMaxDocumentEntries) {
    std::cerr << fmt::format(
        "poise: error: {} inputs are too many for one {} report (at most {}) — split them with "
        "--shard K/N, or use -f ndjson, -f csv or `poise rank` for a batch this size\n",
        files.size(), options.format, kMaxDocumentEntries);
    return ExitCode::kUsage;
  }
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  std::unique_ptr<CsvRatings> csv;
  if (!options.rubric.empty()) {
    Diagnostics errors;
    const Model* model = rubrics.Load(options.rubric, &errors);  // known before the first chunk
    if (!options.from_csv.empty()) {
      if (model != nullptr) csv = CsvRatings::Open(options.from_csv, model, &errors);
      if (!csv) {
        PrintDiagnostics(errors, std::cerr);
        return ExitCode::kInvalidInput;
      }
    }
  }
  StreamOptions stream;
  stream.threads = ResolveThreads(options.threads);
  if (csv && options.format == "csv")
    return ScoreCsvMatrix(*csv, *rubrics.models().front(), options);
  size_t invalid = 0;
  bool failed_on = false;
  std::set<std::string> printed;
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        stream.output = &out;
        std::unique_ptr<ReportWriter> writer =
            MakeReportWriter(ParseReportFormat(options.format).value_or(ReportFormat::kTable), out);
        std::vector<const Model*> header_models;
        ChunkSource from_csv = [&](size_t max, int, std::vector<LoadedInput>* inputs,
                                   std::vector<std::string>* names) {
          return csv->Read(max, inputs, names);
        };
        // A JSON report of one input is an object; the rows of a CSV are never counted ahead.
        ScoreChunks(
            csv ? from_csv : FileChunks(files, rubrics), rubrics, stream, csv ? 0 : files.size(),
            [&](const std::vector<const Model*>& models) {
              header_models = models;
              writer->Begin(models, csv ? 2 : files.size());
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

Command AddScoreCommand(CLI::App& app) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* cmd = app.add_subcommand("score", "Score scenarios and report balance, gaps and flags");
  cmd->add_option("-r,--rubric", options->rubric,
                  "Rubric for every scenario (default: look up `rubric:`)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-f,--format", options->format, "Report format (default: table)")
      ->check(CLI::IsMember({"table", "json", "ndjson", "csv", "markdown", "html"}));
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
  cmd->add_option("--from-csv", options->from_csv,
                  "Read ratings from a CSV matrix (id, title?, a column per criterion)")
      ->check(CLI::ExistingFile);
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories (their *.yaml); - reads paths from stdin");
  cmd->footer(
      "Formats:\n"
      "  table     one line per scenario: overall, each layer, the weakest layer, the flags\n"
      "  json      the full report of docs/formats.md; an array when there are several inputs\n"
      "  ndjson    the same objects, one per line (streams: first lines before the last input is "
      "read)\n"
      "  csv       one row per scenario with every member score and the flags (streams)\n"
      "  markdown  the content of the HTML report as text tables, for documents and handouts\n"
      "  html      one self-contained page with figures (same as `poise report`)\n"
      "\nRubrics: without --rubric, a scenario's `rubric: <id>` is looked up as <id>.yaml in "
      "./rubrics,\n"
      "then in each directory of $POISE_RUBRIC_PATH (colon-separated).\n"
      "\nExamples:\n"
      "  poise score scenarios/\n"
      "  poise score --format json scenarios/deterrence-only.yaml\n"
      "  find runs -name '*.yaml' | poise score -f ndjson --rubric "
      "rubrics/balanced-coexistence.yaml -\n"
      "  poise score -f ndjson --shard 3/8 --fail-on neglected -o part3.ndjson scenarios/\n"
      "  poise score -f csv --rubric rubrics/balanced-coexistence.yaml --from-csv ratings.csv\n"
      "\nExit status: 0 all scored, 1 usage error, 2 some input invalid (the rest are still scored "
      "and\n"
      "reported in place), 3 a --fail-on flag was raised, 4 the report could not be written.");
  return [options] { return RunScore(*options); };
}

}  // namespace poise::cli
