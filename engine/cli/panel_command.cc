// poise panel: several raters' files for the same scenario — per-criterion median, spread and
// outlying raters, Krippendorff's alpha, and a consensus scenario file.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "poise/agreement.h"
#include "poise/score.h"
#include "report_writers.h"
#include "text.h"

namespace poise::cli {
namespace {

using Json = nlohmann::ordered_json;

struct PanelOptions {
  std::string rubric;
  std::string format = "table";
  std::string output;
  std::vector<std::string> inputs;
};

struct CriterionSummary {
  std::vector<std::optional<double>> ratings;  // per rater
  std::optional<double> median;
  double low = 0, high = 0;
  std::vector<size_t> outliers;
  size_t rated = 0;
};

struct AlphaPair {
  std::optional<double> ordinal, interval;
  size_t criteria = 0;
};

AlphaPair Alpha(const Eigen::MatrixXd& normalized, const std::vector<int>& columns) {
  Eigen::MatrixXd data(normalized.rows(), static_cast<Eigen::Index>(columns.size()));
  for (size_t k = 0; k < columns.size(); ++k)
    data.col(static_cast<Eigen::Index>(k)) = normalized.col(columns[k]);
  return {KrippendorffAlpha(data, AlphaMetric::kOrdinal),
          KrippendorffAlpha(data, AlphaMetric::kInterval), columns.size()};
}

std::string AlphaText(const std::optional<double>& a) { return a ? FormatFixed(*a, 3) : "n/a"; }

ExitCode RunPanel(const PanelOptions& options) {
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  Batch batch = ScoreFiles(options.inputs, rubrics);
  PrintBatchDiagnostics(batch, std::cerr);
  const size_t n = batch.files.size();
  if (ExitCode checked = RequireComparable(
          batch, "a panel needs at least two raters' files",
          "every rater must use the same rubric; pass --rubric to check them against one");
      checked != ExitCode::kOk) {
    return checked;
  }
  const Model* model = batch.models[0];
  const Rubric& rubric = *model->rubric;
  std::vector<std::string> raters;
  for (const std::string& file : batch.files)
    raters.push_back(std::filesystem::path(file).stem().string());

  const size_t c_count = rubric.criteria.size();
  std::vector<CriterionSummary> summaries(c_count);
  Eigen::MatrixXd normalized(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(c_count));
  Scenario consensus;
  consensus.id = batch.scenarios[0]->id + "-consensus";
  consensus.title = "Consensus of " + std::to_string(n) + " raters: " + batch.scenarios[0]->title;
  consensus.ratings.assign(c_count, std::nullopt);
  consensus.ranges.assign(c_count, std::nullopt);
  consensus.notes.assign(c_count, "");
  for (size_t c = 0; c < c_count; ++c) {
    const Scale& scale = rubric.criteria[c].scale;
    CriterionSummary& s = summaries[c];
    std::vector<double> present;
    for (size_t r = 0; r < n; ++r) {
      const auto& rating = batch.scenarios[r]->ratings[c];
      s.ratings.push_back(rating);
      normalized(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
          rating ? Normalize(scale, *rating) : std::nan("");
      if (rating) present.push_back(*rating);
    }
    s.rated = present.size();
    if (present.empty()) continue;
    s.median = Median(present, scale.type == ScaleType::kLevels);
    s.low = *std::min_element(present.begin(), present.end());
    s.high = *std::max_element(present.begin(), present.end());
    const double threshold = scale.type == ScaleType::kLevels ? 2 : 0.25 * (scale.max - scale.min);
    for (size_t r = 0; r < n; ++r) {
      if (s.ratings[r] && std::abs(*s.ratings[r] - *s.median) >= threshold) s.outliers.push_back(r);
    }
    if (2 * s.rated >= n) {
      consensus.ratings[c] = s.median;
      if (s.low < s.high) consensus.ranges[c] = std::make_pair(s.low, s.high);
      std::vector<std::string> values;
      values.reserve(present.size());
      for (double v : present) values.push_back(FormatNumber(v));
      consensus.notes[c] =
          fmt::format("median of {} raters (ratings {})", s.rated, Join(values, ", "));
    } else {
      consensus.notes[c] = fmt::format("rated by only {} of {} raters", s.rated, n);
    }
  }
  std::vector<int> all(c_count);
  for (size_t c = 0; c < c_count; ++c) all[c] = static_cast<int>(c);
  const AlphaPair overall_alpha = Alpha(normalized, all);
  const int og = rubric.overall.group;
  const Group& layers = rubric.groups[static_cast<size_t>(og)];
  std::vector<AlphaPair> layer_alpha;
  for (size_t m = 0; m < layers.members.size(); ++m) {
    layer_alpha.push_back(Alpha(normalized, model->groups[static_cast<size_t>(og)].criteria[m]));
  }
  const Scores scores = ScoreBatch(*model, GatherRatings(*model, {&consensus}));
  const Assessment consensus_assessment = Assess(*model, scores, 0);

  if (!options.output.empty()) {
    Output file(options.output);
    ExitCode written = WriteOutput(
        file,
        [&](std::ostream& out) {
          out << "# Consensus of a panel, written by `poise panel`: the median rating of each "
                 "criterion (the\n"
                 "# lower median on levels scales), with the raters' lowest and highest as its "
                 "range.\n";
          out << "poise: scenario/1\nid: " << consensus.id
              << "\ntitle: " << YamlQuoted(consensus.title) << "\n";
          out << "rubric: " << YamlText(rubric.id + "@" + rubric.version) << "\n";
          out << "description: " << YamlQuoted("Raters: " + Join(raters, ", ")) << "\nratings:\n";
          bool any_missing = false;
          for (size_t c = 0; c < c_count; ++c) {
            if (!consensus.ratings[c]) {
              any_missing = true;
              continue;
            }
            out << "  " << rubric.criteria[c].id
                << ":\n    score: " << FormatNumber(*consensus.ratings[c]) << "\n";
            out << "    evidence: " << YamlQuoted(consensus.notes[c]) << "\n";
            if (consensus.ranges[c]) {
              out << "    range: [" << FormatNumber(consensus.ranges[c]->first) << ", "
                  << FormatNumber(consensus.ranges[c]->second) << "]\n";
            }
          }
          if (any_missing) {
            out << "not_assessed:\n";
            for (size_t c = 0; c < c_count; ++c) {
              if (!consensus.ratings[c])
                out << "  " << rubric.criteria[c].id << ": " << YamlQuoted(consensus.notes[c])
                    << "\n";
            }
          }
        },
        std::cerr);
    if (written != ExitCode::kOk) return written;
  }

  Output report("");
  return WriteOutput(
      report,
      [&](std::ostream& out) {
        if (options.format == "json") {
          Json j;
          j["rubric"] = {{"id", rubric.id}, {"version", rubric.version}};
          j["raters"] = raters;
          Json criteria = Json::object();
          for (size_t c = 0; c < c_count; ++c) {
            const CriterionSummary& s = summaries[c];
            Json ratings = Json::array();
            for (const auto& r : s.ratings) ratings.push_back(r ? Json(*r) : Json(nullptr));
            Json outliers = Json::array();
            for (size_t r : s.outliers) outliers.push_back(raters[r]);
            criteria[rubric.criteria[c].id] = {
                {"ratings", ratings},
                {"median", s.median ? Json(*s.median) : Json(nullptr)},
                {"spread", s.median ? Json(s.high - s.low) : Json(nullptr)},
                {"outliers", outliers}};
          }
          j["criteria"] = criteria;
          auto alpha_json = [](const AlphaPair& a) {
            return Json{{"ordinal", a.ordinal ? Json(*a.ordinal) : Json(nullptr)},
                        {"interval", a.interval ? Json(*a.interval) : Json(nullptr)},
                        {"criteria", a.criteria}};
          };
          Json per = Json::object();
          for (size_t m = 0; m < layers.members.size(); ++m)
            per[layers.members[m].id] = alpha_json(layer_alpha[m]);
          j["alpha"] = {{"overall", alpha_json(overall_alpha)}, {layers.id, per}};
          Json members = Json::object();
          for (size_t m = 0; m < layers.members.size(); ++m) {
            const auto& s = consensus_assessment.groups[static_cast<size_t>(og)].scores[m];
            members[layers.members[m].id] = s ? Json(*s) : Json(nullptr);
          }
          j["consensus"] = {
              {"overall",
               consensus_assessment.overall ? Json(*consensus_assessment.overall) : Json(nullptr)},
              {layers.id, members}};
          out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
          return;
        }
        const bool md = options.format == "markdown";
        out << (md ? "# " : "")
            << fmt::format("Panel of {} raters, rubric {} {}: {}\n\n", n, rubric.id, rubric.version,
                           Join(raters, ", "));
        if (md)
          out << "| criterion | median | spread | ratings | outlying raters "
                 "|\n|---|---:|---:|---|---|\n";
        else
          out << fmt::format("{:<28} {:>6} {:>6}  {:<30} {}\n", "criterion", "median", "spread",
                             "ratings", "outlying");
        for (size_t c = 0; c < c_count; ++c) {
          const CriterionSummary& s = summaries[c];
          std::vector<std::string> values, outliers;
          for (const auto& r : s.ratings) values.push_back(r ? FormatNumber(*r) : "-");
          for (size_t r : s.outliers) outliers.push_back(raters[r]);
          const std::string median = s.median ? FormatNumber(*s.median) : "-";
          const std::string spread = s.median ? FormatNumber(s.high - s.low) : "-";
          if (md) {
            out << fmt::format("| {} | {} | {} | {} | {} |\n", rubric.criteria[c].id, median,
                               spread, Join(values, " "), Join(outliers, ", "));
          } else {
            std::string line =
                fmt::format("{:<28} {:>6} {:>6}  {} {}", rubric.criteria[c].id, median, spread,
                            Fit(Join(values, " "), 30), Join(outliers, ", "));
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out << Fit(line, std::min<size_t>(100, DisplayWidth(line))) << "\n";
          }
        }
        out << "\n"
            << (md ? "## " : "")
            << fmt::format(
                   "Agreement, Krippendorff's alpha over {} criteria: ordinal {}, interval {}\n",
                   overall_alpha.criteria, AlphaText(overall_alpha.ordinal),
                   AlphaText(overall_alpha.interval));
        if (md) out << "\n";
        for (size_t m = 0; m < layers.members.size(); ++m) {
          out << (md ? "- " : "  ")
              << fmt::format("{:<12} ordinal {:>6}  interval {:>6}  ({} criteria)\n",
                             layers.members[m].id, AlphaText(layer_alpha[m].ordinal),
                             AlphaText(layer_alpha[m].interval), layer_alpha[m].criteria);
        }
        out << (md ? "\n" : "  ")
            << "(1 = perfect agreement, 0 = chance; Krippendorff: >= 0.8 reliable, >= 0.667 "
               "tentative)\n";
        out << "\n"
            << (md ? "## " : "") << "Consensus (median ratings): overall "
            << ScoreText(consensus_assessment.overall);
        for (size_t m = 0; m < layers.members.size(); ++m) {
          out << (m == 0 ? "; " : ", ") << layers.members[m].id << " "
              << ScoreText(consensus_assessment.groups[static_cast<size_t>(og)].scores[m]);
        }
        out << "\n";
        out << (options.output.empty() ? "Write the consensus scenario with --output FILE.\n"
                                       : "Consensus scenario written to " + options.output + ".\n");
      },
      std::cerr);
}

}  // namespace

Command AddPanelCommand(CLI::App& app) {
  auto options = std::make_shared<PanelOptions>();
  CLI::App* cmd =
      app.add_subcommand("panel", "Combine several raters' files: agreement and a consensus");
  AddRubricOption(cmd, &options->rubric);
  cmd->add_option("-f,--format", options->format, "table (default), json or markdown")
      ->check(CLI::IsMember({"table", "json", "markdown"}));
  cmd->add_option("-o,--output", options->output,
                  "Write the consensus scenario to PATH (atomically)");
  cmd->add_option("files", options->inputs,
                  "Two or more raters' scenario files (or a directory of them)")
      ->required();
  cmd->footer(
      "Per criterion: the median rating (the lower median on levels scales, so it is a level), "
      "the\n"
      "spread (highest minus lowest) and the raters two or more levels from the median (a quarter "
      "of\n"
      "the goalposts on range scales). Agreement is Krippendorff's alpha over the raters' "
      "normalised\n"
      "ratings, ordinal and interval, overall and per layer. The consensus scenario takes the "
      "medians,\n"
      "with the raters' lowest and highest as its range; criteria rated by fewer than half the "
      "raters\n"
      "are listed under not_assessed.\n"
      "\nExample:\n  poise panel --output consensus.yaml class/*.yaml\n");
  return [options] { return RunPanel(*options); };
}

}  // namespace poise::cli
