// poise compare: scenarios of one rubric side by side, the deltas per member and per criterion,
// and the criteria that explain most of the difference.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "poise/explain.h"
#include "report_writers.h"
#include "text.h"

namespace poise::cli {
namespace {

using Json = nlohmann::ordered_json;

struct CompareOptions {
  std::string rubric;
  std::string format = "table";
  std::string output;
  int top = 5;
  std::vector<std::string> inputs;
};

std::string Opt(const std::optional<double>& v, int decimals) {
  return v ? FormatFixed(*v, decimals) : "-";
}

std::string Delta(const std::optional<double>& a, const std::optional<double>& b, int decimals) {
  if (!a || !b) return "-";
  const double d = *b - *a;
  return (d >= 0 ? "+" : "") + FormatFixed(d, decimals);
}

struct Line {
  std::string label;
  std::vector<std::optional<double>> values;
  int decimals = 2;
};

ExitCode RunCompare(const CompareOptions& options) {
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  Batch batch = ScoreFiles(options.inputs, rubrics);
  PrintBatchDiagnostics(batch, std::cerr);
  if (ExitCode checked = RequireComparable(
          batch, "compare needs at least two scenario files",
          "compare needs scenarios of one rubric; pass --rubric or compare them separately");
      checked != ExitCode::kOk) {
    return checked;
  }
  const Model* model = batch.models[0];
  const Rubric& rubric = *model->rubric;
  const size_t n = batch.files.size();
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back(batch.scenarios[i]->id);

  std::vector<Line> lines;
  lines.push_back({"overall", {}, 2});
  for (size_t i = 0; i < n; ++i) lines.back().values.push_back(batch.assessments[i]->overall);
  for (size_t g = 0; g < rubric.groups.size(); ++g) {
    for (size_t m = 0; m < rubric.groups[g].members.size(); ++m) {
      lines.push_back({rubric.groups[g].id + "." + rubric.groups[g].members[m].id, {}, 2});
      for (size_t i = 0; i < n; ++i)
        lines.back().values.push_back(batch.assessments[i]->groups[g].scores[m]);
    }
  }
  for (size_t c = 0; c < rubric.criteria.size(); ++c) {
    bool differs = false;
    for (size_t i = 1; i < n; ++i)
      differs |= batch.scenarios[i]->ratings[c] != batch.scenarios[0]->ratings[c];
    if (!differs) continue;
    lines.push_back(
        {rubric.criteria[c].id, {}, rubric.criteria[c].scale.type == ScaleType::kLevels ? 0 : 2});
    for (size_t i = 0; i < n; ++i) lines.back().values.push_back(batch.scenarios[i]->ratings[c]);
  }
  std::vector<std::vector<CriterionEffect>> effects;
  for (size_t i = 1; i < n; ++i) {
    effects.push_back(DifferenceEffects(*model, *batch.scenarios[0], *batch.scenarios[i]));
    if (effects.back().size() > static_cast<size_t>(options.top))
      effects.back().resize(static_cast<size_t>(options.top));
  }

  Output output(options.output);
  return WriteOutput(
      output,
      [&](std::ostream& out) {
        if (options.format == "json") {
          Json j;
          j["scenarios"] = names;
          j["rubric"] = {{"id", rubric.id}, {"version", rubric.version}};
          Json rows = Json::array();
          for (const Line& line : lines) {
            Json values = Json::array();
            for (const auto& v : line.values) values.push_back(v ? Json(*v) : Json(nullptr));
            rows.push_back({{"name", line.label}, {"values", values}});
          }
          j["rows"] = rows;
          Json explained = Json::array();
          for (size_t i = 1; i < n; ++i) {
            Json list = Json::array();
            for (const CriterionEffect& e : effects[i - 1]) {
              list.push_back({{"criterion", rubric.criteria[static_cast<size_t>(e.criterion)].id},
                              {"from", e.from ? Json(*e.from) : Json(nullptr)},
                              {"to", e.to ? Json(*e.to) : Json(nullptr)},
                              {"effect", e.effect ? Json(*e.effect) : Json(nullptr)}});
            }
            explained.push_back({{"from", names[0]}, {"to", names[i]}, {"criteria", list}});
          }
          j["explained"] = explained;
          out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
          return;
        }
        if (options.format == "csv") {
          out << "name";
          for (const std::string& name : names) out << ',' << name;
          out << '\n';
          for (const Line& line : lines) {
            out << line.label;
            for (const auto& v : line.values) out << ',' << (v ? FormatNumber(*v) : "");
            out << '\n';
          }
          return;
        }
        const bool md = options.format == "markdown";
        // Column labels: the ids when they fit in 100 columns, else A, B, C with a legend.
        size_t width = 8, label_width = 8;
        for (const std::string& name : names) width = std::max(width, DisplayWidth(name));
        for (const Line& line : lines)
          label_width = std::max(label_width, DisplayWidth(line.label));
        label_width = std::min<size_t>(label_width, 40);
        const size_t columns = n + (n == 2 ? 1 : 0);
        bool letters = label_width + n * (width + 2) + (n == 2 ? 8 : 0) > 100;
        if (letters) width = 8;
        std::vector<std::string> labels;
        for (size_t i = 0; i < n; ++i)
          labels.push_back(letters ? std::string(1, static_cast<char>('A' + i)) : names[i]);
        if (md) {
          out << "| | " << Join(labels, " | ") << (n == 2 ? " | Δ |" : " |") << "\n|---|";
          for (size_t k = 0; k < columns; ++k) out << "---:|";
          out << "\n";
          for (const Line& line : lines) {
            out << "| " << line.label;
            for (const auto& v : line.values) out << " | " << Opt(v, line.decimals);
            if (n == 2) out << " | " << Delta(line.values[0], line.values[1], line.decimals);
            out << " |\n";
          }
        } else {
          if (letters) {
            for (size_t i = 0; i < n; ++i) out << labels[i] << " = " << names[i] << "\n";
            out << "\n";
          }
          out << Fit("", label_width);
          for (const std::string& label : labels) out << "  " << Fit(label, width, true);
          if (n == 2) out << "  " << Fit("Δ", 6, true);
          out << "\n";
          for (const Line& line : lines) {
            out << Fit(line.label, label_width);
            for (const auto& v : line.values)
              out << "  " << Fit(Opt(v, line.decimals), width, true);
            if (n == 2)
              out << "  " << Fit(Delta(line.values[0], line.values[1], line.decimals), 6, true);
            out << "\n";
          }
        }
        for (size_t i = 1; i < n; ++i) {
          out << "\n"
              << WrapText(
                     fmt::format(
                         "What explains most of the difference from {} to {} (each criterion moved "
                         "alone):",
                         names[0], names[i]),
                     100, md ? "## " : "", "");
          if (md) out << "\n";
          if (effects[i - 1].empty())
            out << (md ? "- " : "  ") << "no criterion is rated differently\n";
          for (const CriterionEffect& e : effects[i - 1]) {
            out << (md ? "- " : "  ")
                << fmt::format("{:<28} {:>4} → {:<4}  {} overall\n",
                               rubric.criteria[static_cast<size_t>(e.criterion)].id,
                               e.from ? FormatNumber(*e.from) : "n/a",
                               e.to ? FormatNumber(*e.to) : "n/a",
                               e.effect ? fmt::format("{:+.3f}", *e.effect) : "  n/a ");
          }
        }
      },
      std::cerr);
}

}  // namespace

Command AddCompareCommand(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare scenarios side by side: deltas and what explains them");
  AddRubricOption(cmd, &options->rubric);
  cmd->add_option("-f,--format", options->format, "table (default), json, csv or markdown")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH atomically (default: stdout)");
  cmd->add_option("--top", options->top, "How many explaining criteria to list (default 5)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("scenarios", options->inputs,
                  "Two or more scenario files of one rubric; the first is the baseline")
      ->required();
  cmd->footer(
      "Rows: the overall score, every member of every group, and each criterion rated "
      "differently.\n"
      "With two scenarios a Δ column shows second minus first. The explanation moves one criterion "
      "at\n"
      "a time from the first scenario's rating to the other's and reports the change in the "
      "overall score.\n"
      "\nExample:\n  poise compare scenarios/deterrence-only.yaml "
      "scenarios/balanced-dual-track.yaml\n");
  return [options] { return RunCompare(*options); };
}

}  // namespace poise::cli
