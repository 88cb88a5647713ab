// poise sensitivity: how sure is a finding, and which assumption drives it? Monte Carlo over the
// ratings' ranges and the weights, tornado swings, and (--sobol) Sobol indices (docs/methods.md).
#include <fmt/format.h>

#include <iostream>

#include "cli/analysis_output.h"
#include "cli/commands.h"
#include "poise/sensitivity.h"
#include "report_writers.h"
#include "text.h"

namespace poise::cli {
namespace {

struct SensitivityCommandOptions {
  std::string rubric;
  uint64_t samples = 1000;
  uint64_t seed = 1;
  double concentration = 0;
  bool sobol = false;
  int bootstrap = 200;
  std::string format = "table";
  std::string output;
  bool recursive = false;
  int threads = 0;
  std::vector<std::string> inputs;
};

Json DistributionJson(const Distribution& d) {
  Json j;
  j["nominal"] = OptionalJson(d.nominal);
  j["mean"] = OptionalJson(d.mean);
  j["p5"] = OptionalJson(d.p5);
  j["p50"] = OptionalJson(d.p50);
  j["p95"] = OptionalJson(d.p95);
  if (d.null_samples > 0) j["null_samples"] = d.null_samples;
  return j;
}

Json ResultJson(const Scenario& scenario, const std::string& file, const Model& model,
                const ScenarioSensitivity& r, const SensitivityCommandOptions& options) {
  const Rubric& rubric = *model.rubric;
  Json j;
  j["scenario"] = scenario.id;
  j["file"] = file;
  j["rubric"] = {{"id", rubric.id}, {"version", rubric.version}};
  j["seed"] = options.seed;
  j["samples"] = options.samples;
  j["weight_concentration"] = options.concentration;
  j["overall"] = DistributionJson(r.overall);
  j["members"] =
      PerMemberJson(rubric, [&](size_t g, size_t m) { return DistributionJson(r.members[g][m]); });
  Json flags = Json::array();
  for (const FlagProbability& f : r.flags) {
    Json flag;
    flag["code"] = f.code;
    flag["group"] = f.group;
    flag["member"] = f.member.empty() ? Json(nullptr) : Json(f.member);
    flag["probability"] = f.probability;
    flags.push_back(std::move(flag));
  }
  j["flag_probability"] = std::move(flags);
  Json tornado = Json::array();
  for (const TornadoBar& bar : r.tornado) {
    Json b;
    b["criterion"] = rubric.criteria[static_cast<size_t>(bar.criterion)].id;
    b["low"] = bar.low;
    b["high"] = bar.high;
    b["swing"] = bar.swing;
    b["rating_low"] = bar.rating_low;
    b["rating_high"] = bar.rating_high;
    tornado.push_back(std::move(b));
  }
  j["tornado"] = std::move(tornado);
  if (r.rank) {
    j["rank"] = {{"p_first", r.rank->p_first},
                 {"median", r.rank->median},
                 {"p5", r.rank->p5},
                 {"p95", r.rank->p95}};
  }
  if (options.sobol) {
    Json factors = Json::array();
    for (const SobolIndex& s : r.sobol) {
      Json f;
      f["factor"] = s.factor;
      f["first"] = OptionalJson(s.first);
      f["total"] = OptionalJson(s.total);
      f["first_ci"] = s.first_low ? Json::array({*s.first_low, *s.first_high}) : Json(nullptr);
      f["total_ci"] = s.total_low ? Json::array({*s.total_low, *s.total_high}) : Json(nullptr);
      factors.push_back(std::move(f));
    }
    j["sobol"] = {{"bootstrap", options.bootstrap}, {"confidence", 0.95}, {"factors", factors}};
  }
  return j;
}

std::string Fixed(const std::optional<double>& v) { return v ? fmt::format("{:.3f}", *v) : "-"; }

std::string Percent(double p) {
  if (p > 0 && p < 0.001) return "<0.1%";
  return fmt::format("{}%", FormatNumber(std::round(p * 1000) / 10));
}

void WriteTable(std::ostream& out, const Scenario& scenario, const Model& model,
                const ScenarioSensitivity& r) {
  const Rubric& rubric = *model.rubric;
  out << WrapText(scenario.id + " — " + scenario.title, 100, "", "  ");
  size_t name = 9;
  for (const Group& g : rubric.groups) {
    for (const Member& m : g.members) name = std::max(name, DisplayWidth(g.id + "." + m.id));
  }
  name = std::min<size_t>(name, 40);
  out << fmt::format("  {}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}\n", Fit("", name), "nominal", "mean",
                     "p5", "p50", "p95");
  auto row = [&](const std::string& label, const Distribution& d) {
    out << fmt::format("  {}  {:>7}  {:>7}  {:>7}  {:>7}  {:>7}", Fit(label, name),
                       Fixed(d.nominal), Fixed(d.mean), Fixed(d.p5), Fixed(d.p50), Fixed(d.p95));
    if (d.null_samples > 0)
      out << fmt::format("  (no score in {} sample{})", d.null_samples,
                         d.null_samples == 1 ? "" : "s");
    out << "\n";
  };
  row("overall", r.overall);
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    for (size_t m = 0; m < rubric.groups[g].members.size(); ++m)
      row(rubric.groups[g].id + "." + rubric.groups[g].members[m].id, r.members[g][m]);
  }
  if (r.flags.empty()) {
    out << "  flags: none in any sample\n";
  } else {
    std::vector<std::string> parts;
    for (const FlagProbability& f : r.flags) {
      parts.push_back(fmt::format("{} {}{} {}", f.code, f.group,
                                  f.member.empty() ? "" : "." + f.member, Percent(f.probability)));
    }
    out << WrapText("flags (share of samples): " + Join(parts, ", "), 98, "  ", "    ");
  }
  if (r.rank) {
    out << fmt::format("  rank: first in {} of samples; median {} (5th–95th percentile {}–{})\n",
                       Percent(r.rank->p_first), r.rank->median, r.rank->p5, r.rank->p95);
  }
  if (!r.tornado.empty()) {
    out << "  tornado (overall with one criterion at each end of its range, or one step either "
           "way):\n";
    const size_t shown = std::min<size_t>(r.tornado.size(), 5);
    for (size_t b = 0; b < shown; ++b) {
      const TornadoBar& bar = r.tornado[b];
      out << fmt::format("    {}  {} → {}  {:.3f} … {:.3f}  swing {:.3f}\n",
                         Fit(rubric.criteria[static_cast<size_t>(bar.criterion)].id, 32),
                         FormatNumber(bar.rating_low), FormatNumber(bar.rating_high), bar.low,
                         bar.high, bar.swing);
    }
    if (r.tornado.size() > shown)
      out << fmt::format("    … {} more criteria (json lists them all)\n",
                         r.tornado.size() - shown);
  }
  if (!r.sobol.empty()) {
    out << "  sobol indices of the overall score (first order / total, 95% bootstrap interval):\n";
    for (const SobolIndex& s : r.sobol) {
      if (!s.first) {
        out << fmt::format("    {}  - (the overall score does not vary)\n", Fit(s.factor, 24));
        continue;
      }
      auto interval = [](const std::optional<double>& lo, const std::optional<double>& hi) {
        return lo ? fmt::format("[{:.2f}, {:.2f}]", *lo, *hi) : std::string("");
      };
      out << fmt::format("    {}  first {:.2f} {:<14}  total {:.2f} {}\n", Fit(s.factor, 24),
                         *s.first, interval(s.first_low, s.first_high), *s.total,
                         interval(s.total_low, s.total_high));
    }
  }
}

ExitCode RunSensitivity(const SensitivityCommandOptions& options) {
  std::vector<std::string> files;
  if (!ExpandCommandInputs(options.inputs, options.recursive, &files)) return ExitCode::kUsage;
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  Batch batch = ScoreFiles(files, rubrics);
  PrintBatchDiagnostics(batch, std::cerr);
  std::vector<const Scenario*> scenarios;
  std::vector<size_t> index_of(batch.files.size(), SIZE_MAX);  // file -> scenario index
  const Model* model = nullptr;
  for (size_t i = 0; i < batch.files.size(); ++i) {
    if (!batch.scenarios[i] || !batch.assessments[i]) continue;
    if (model == nullptr) model = batch.models[i];
    if (batch.models[i] != model) {
      std::cerr << "poise: error: " << batch.files[i]
                << ": sensitivity analyses scenarios of one rubric together (ranks compare them) — "
                   "pass --rubric, or run each rubric's scenarios separately\n";
      return ExitCode::kUsage;
    }
    index_of[i] = scenarios.size();
    scenarios.push_back(batch.scenarios[i].get());
  }
  std::vector<ScenarioSensitivity> results;
  if (model != nullptr) {
    SensitivityOptions analysis;
    analysis.samples = options.samples;
    analysis.seed = options.seed;
    analysis.concentration = options.concentration;
    analysis.sobol = options.sobol;
    analysis.bootstrap = options.bootstrap;
    analysis.threads = ResolveThreads(options.threads);
    Progress progress(options.sobol ? 2 * options.samples : options.samples, "sampling");
    analysis.progress = [&progress](uint64_t done) { progress.Update(done); };
    results = AnalyzeSensitivity(*model, scenarios, analysis);
  }
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        if (options.format == "table") {
          out << WrapText(
              fmt::format(
                  "poise sensitivity — {} samples, seed {}; ratings drawn from their ranges; {}",
                  options.samples, options.seed,
                  options.concentration > 0
                      ? fmt::format("weights from a Dirichlet with concentration {}",
                                    FormatNumber(options.concentration))
                      : std::string("weights fixed (--weight-concentration 0)")),
              100, "", "  ");
          out << "\n";  // the header stands apart from the first result
        }
        WriteAnalysis(
            out, options.format, batch, [&](size_t i) { return index_of[i] != SIZE_MAX; },
            [&](size_t i, std::ostream& table) {
              WriteTable(table, *scenarios[index_of[i]], *model, results[index_of[i]]);
            },
            [&](size_t i) {
              return ResultJson(*scenarios[index_of[i]], batch.files[i], *model,
                                results[index_of[i]], options);
            });
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  return batch.invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddSensitivityCommand(CLI::App& app) {
  auto options = std::make_shared<SensitivityCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sensitivity", "How robust is the finding? Ranges and weights, tornado, Sobol");
  AddRubricOption(cmd, &options->rubric);
  cmd->add_option("-n,--samples", options->samples, "Monte Carlo samples (default 1000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100000000}));
  cmd->add_option("-s,--seed", options->seed, "Random seed; same seed, same numbers (default 1)");
  cmd->add_option("-k,--weight-concentration", options->concentration,
                  "Dirichlet concentration K of the weights (larger: closer to\n"
                  "the nominal ones); 0 (default) keeps them fixed")
      ->check(CLI::Validator(
          // CLI11 hands validators a mutable string (they may rewrite it); this one only reads.
          // cppcheck-suppress constParameter
          [](std::string& text) {
            double k = 0;  // CLI11's Range lets NaN through (every comparison with NaN is false)
            if (ParseNumber(text, &k) != NumberStatus::kOk || !(k >= 0 && k <= 1e9))
              return "K must be a number from 0 to 1e9, not '" + text + "'";
            return std::string();
          },
          "NUMBER in [0, 1e9]"));
  cmd->add_flag("--sobol", options->sobol, "Also Sobol indices (weights; each layer's ratings)");
  cmd->add_option("--bootstrap", options->bootstrap,
                  "Bootstrap replicates for the Sobol intervals (default 200)")
      ->check(CLI::Range(0, 10000));
  cmd->add_option("-f,--format", options->format, "table (default), json or ndjson")
      ->check(CLI::IsMember({"table", "json", "ndjson"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH atomically (default: stdout)");
  cmd->add_flag("-R,--recursive", options->recursive,
                "Descend into subdirectories of directory inputs");
  cmd->add_option("-j,--threads", options->threads, "Threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories; - reads paths from stdin")
      ->required();
  cmd->footer(
      "Each sample draws every rating that has a `range` uniformly from it (whole levels on a\n"
      "levels scale) and, with -k K > 0, the criterion weights and overall weights from a\n"
      "Dirichlet centred on the nominal ones (AHP judgements move at most one Saaty step).\n"
      "Reported per scenario: the nominal score and mean, 5th, 50th and 95th percentile of the\n"
      "overall and every member score, how often each flag is raised, the tornado (each rated\n"
      "criterion alone across its range, or one level either way), the rank distribution when\n"
      "several scenarios are given, and with --sobol the Sobol indices. Same seed, same numbers,\n"
      "on any number of threads. Formulas: docs/methods.md.\n"
      "\nExamples:\n"
      "  poise sensitivity scenarios/deterrence-only.yaml\n"
      "  poise sensitivity -n 5000 -k 50 --sobol -f json scenarios/\n");
  return [options] { return RunSensitivity(*options); };
}

}  // namespace poise::cli
