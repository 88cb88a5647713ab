// poise explain: one scenario in plain language — the score, each layer, what pulls the weakest
// layer down, what each flag means, and which single rating changes would help most.
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

struct ExplainOptions {
  std::string rubric;
  std::string format = "table";
  std::string output;
  int top = 5;
  std::string input;
};

std::string Bar(double score) {
  const int filled = static_cast<int>(std::lround(score * 20));
  std::string bar;
  for (int i = 0; i < 20; ++i) bar += i < filled ? "█" : "░";
  return bar;
}

std::string RatingText(const Criterion& c, double rating) {
  if (c.scale.type == ScaleType::kLevels) {
    return fmt::format("{} of {}", FormatNumber(rating), FormatNumber(c.scale.max));
  }
  return FormatNumber(rating);
}

ExitCode RunExplain(const ExplainOptions& options) {
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  Batch batch = ScoreFiles({options.input}, rubrics);
  PrintBatchDiagnostics(batch, std::cerr);
  if (batch.files.size() != 1) {
    std::cerr << "poise: error: explain takes one scenario file\n";
    return ExitCode::kUsage;
  }
  if (!batch.assessments[0]) return ExitCode::kInvalidInput;
  const Model& model = *batch.models[0];
  const Rubric& rubric = *model.rubric;
  const Scenario& scenario = *batch.scenarios[0];
  const Assessment& a = *batch.assessments[0];
  const int og = rubric.overall.group;
  const Group& layers = rubric.groups[static_cast<size_t>(og)];
  const GroupAssessment& layer_scores = a.groups[static_cast<size_t>(og)];
  const int weakest = layer_scores.balance ? layer_scores.balance->weakest : -1;
  std::vector<Pull> pulls;
  if (weakest >= 0) pulls = MemberPulls(model, a, og, weakest);
  if (pulls.size() > static_cast<size_t>(options.top))
    pulls.resize(static_cast<size_t>(options.top));
  std::vector<RatingGain> gains = RatingGains(model, scenario);
  while (!gains.empty() && gains.back().gain <= 0) gains.pop_back();
  if (gains.size() > static_cast<size_t>(options.top))
    gains.resize(static_cast<size_t>(options.top));
  double mean = 0;
  for (const auto& s : layer_scores.scores) mean += s.value_or(0);
  mean /= static_cast<double>(layer_scores.scores.size());

  Output output(options.output);
  return WriteOutput(
      output,
      [&](std::ostream& out) {
        if (options.format == "json") {
          Json j;
          j["scenario"] = scenario.id;
          j["file"] = scenario.file;
          j["overall"] = a.overall ? Json(*a.overall) : Json(nullptr);
          j["ampi"] = a.ampi ? Json(*a.ampi) : Json(nullptr);
          Json members = Json::object();
          for (size_t m = 0; m < layers.members.size(); ++m) {
            members[layers.members[m].id] =
                layer_scores.scores[m] ? Json(*layer_scores.scores[m]) : Json(nullptr);
          }
          j["group"] = layers.id;
          j["members"] = members;
          j["weakest"] =
              weakest >= 0 ? Json(layers.members[static_cast<size_t>(weakest)].id) : Json(nullptr);
          Json pull_list = Json::array();
          for (const Pull& p : pulls) {
            pull_list.push_back(
                {{"criterion", rubric.criteria[static_cast<size_t>(p.criterion)].id},
                 {"rating", *scenario.ratings[static_cast<size_t>(p.criterion)]},
                 {"share", p.share},
                 {"pull", p.pull}});
          }
          j["pulls"] = pull_list;
          Json flags = Json::array();
          for (const Flag& f : a.flags) {
            Json item = {{"code", f.code}, {"group", f.group}};
            if (!f.member.empty()) item["member"] = f.member;
            item["message"] = f.message;
            item["meaning"] = FlagMeaning(f, rubric);
            flags.push_back(item);
          }
          j["flags"] = flags;
          Json gain_list = Json::array();
          for (const RatingGain& g : gains) {
            gain_list.push_back(
                {{"criterion", rubric.criteria[static_cast<size_t>(g.criterion)].id},
                 {"from", g.from},
                 {"to", g.to},
                 {"gain", g.gain}});
          }
          j["gains"] = gain_list;
          out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
          return;
        }
        const bool md = options.format == "markdown";
        const std::string h = md ? "## " : "";
        const std::string item = md ? "- " : "  ";
        out << (md ? "# " : "") << scenario.id << " — " << scenario.title << "\n";
        out << fmt::format("rubric {} {}\n\n", rubric.id, rubric.version);
        if (a.overall) {
          out << fmt::format("Overall score: {} out of 1", FormatFixed(*a.overall, 2));
          if (a.ampi) {
            out << fmt::format(
                " — AMPI over the {}, which penalises imbalance.\nThe {} average {}; imbalance "
                "between them costs {}. "
                "(AMPI {} on its 70–130 scale.)\n",
                layers.id, layers.id, FormatFixed(mean, 2), FormatFixed(mean - *a.overall, 2),
                FormatFixed(*a.ampi, 1));
          } else {
            out << fmt::format(" — the {} of the {}.\n",
                               rubric.overall.aggregate == Aggregate::kGeometric ? "geometric mean"
                               : rubric.overall.aggregate == Aggregate::kMin     ? "lowest"
                                                                                 : "weighted mean",
                               layers.id);
          }
        } else {
          out << "Overall score: none — a member of " << layers.id
              << " has too little evidence (see the flags).\n";
        }
        out << "\n"
            << h
            << fmt::format("{} (each 0–1{})\n", layers.title,
                           layers.balance && layers.balance->floor
                               ? "; the floor is " + FormatNumber(*layers.balance->floor)
                               : "");
        if (md) out << "\n";
        for (size_t m = 0; m < layers.members.size(); ++m) {
          const auto& s = layer_scores.scores[m];
          std::string note;
          for (const Flag& f : a.flags) {
            if (f.group == layers.id && f.member == layers.members[m].id) note += "  " + f.code;
          }
          out << item
              << fmt::format("{:<12} {:>4}  {}{}\n", layers.members[m].id, ScoreText(s),
                             s ? Bar(*s) : std::string(20, ' '), note);
        }
        if (weakest >= 0) {
          out << "\n"
              << h
              << fmt::format("The weakest of the {} is {} ({}). What pulls it down most:\n",
                             layers.id, layers.members[static_cast<size_t>(weakest)].id,
                             ScoreText(layer_scores.scores[static_cast<size_t>(weakest)]));
          if (md) out << "\n";
          for (const Pull& p : pulls) {
            const Criterion& c = rubric.criteria[static_cast<size_t>(p.criterion)];
            out << item
                << fmt::format("{:<28} rated {:<9} weight share {:>3.0f}%  pulls {}\n", c.id,
                               RatingText(c, *scenario.ratings[static_cast<size_t>(p.criterion)]),
                               100 * p.share, FormatFixed(p.pull, 2));
          }
          out << (md ? "\n" : "  ") << "(pull = weight share × shortfall from the best rating)\n";
        }
        out << "\n" << h << "Flags\n";
        if (md) out << "\n";
        if (a.flags.empty()) out << item << "none: every group is within its balance thresholds\n";
        std::vector<std::string> explained;  // each kind of flag is explained once per group
        for (const Flag& f : a.flags) {
          out << WrapText(f.code + " — " + f.message, 100, item, md ? "  " : "    ");
          const std::string kind = f.code + "/" + f.group;
          if (std::find(explained.begin(), explained.end(), kind) != explained.end()) continue;
          explained.push_back(kind);
          Flag general = f;
          if (f.code == "neglected") general.member = "each such member";
          out << WrapText(FlagMeaning(general, rubric), 100, md ? "  " : "    ",
                          md ? "  " : "    ");
        }
        out << "\n"
            << h
            << "What to fix first — the single rating changes that raise the overall score most:\n";
        if (md) out << "\n";
        if (gains.empty()) {
          out << item
              << (a.overall ? "none: every rated criterion is at its best\n"
                            : "rate more criteria first: there is no overall score to raise\n");
        }
        for (const RatingGain& g : gains) {
          const Criterion& c = rubric.criteria[static_cast<size_t>(g.criterion)];
          out << item
              << fmt::format(
                     "{:<28} {} → {}   {:+.3f} overall{}\n", c.id, FormatNumber(g.from),
                     FormatNumber(g.to), g.gain,
                     c.scale.type == ScaleType::kLevels ? " per level" : " per tenth of its range");
        }
      },
      std::cerr);
}

}  // namespace

Command AddExplainCommand(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Explain one scenario's result in plain language");
  cmd->add_option("-r,--rubric", options->rubric,
                  "Rubric (default: look up the scenario's `rubric:`)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-f,--format", options->format, "table (text, default), json or markdown")
      ->check(CLI::IsMember({"table", "json", "markdown"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH atomically (default: stdout)");
  cmd->add_option("--top", options->top, "How many criteria and changes to list (default 5)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("scenario", options->input, "The scenario file")->required();
  cmd->footer(
      "Shows the overall score, each layer, the criteria that pull the weakest layer down (weight "
      "share\n"
      "times shortfall), what each flag means, and the single rating changes that would raise the "
      "overall\n"
      "score most (each scored exactly, one level at a time).\n"
      "\nExample:\n  poise explain scenarios/deterrence-only.yaml\n");
  return [options] { return RunExplain(*options); };
}

}  // namespace poise::cli
