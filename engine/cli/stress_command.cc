// poise stress: what does a downside shock do to the gains? Each shock (from the scenario's
// `shocks:` and from --shock files) is applied alone, spread through the rubric's interactions,
// and compared with the base (docs/methods.md).
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/analysis_output.h"
#include "cli/commands.h"
#include "poise/load.h"
#include "poise/stress.h"
#include "report_writers.h"
#include "text.h"

namespace poise::cli {
namespace {

struct StressOptions {
  std::string rubric;
  std::vector<std::string> shock_files;
  std::string format = "table";
  std::string output;
  bool recursive = false;
  std::vector<std::string> inputs;
};

Json MembersJson(const Rubric& rubric, const StressOutcome& o) {
  return PerMemberJson(rubric, [&](size_t g, size_t m) { return OptionalJson(o.members[g][m]); });
}

Json FlagsJson(const std::vector<Flag>& flags) {
  Json out = Json::array();
  for (const Flag& f : flags) {
    Json j;
    j["code"] = f.code;
    j["group"] = f.group;
    if (!f.member.empty()) j["member"] = f.member;
    j["message"] = f.message;
    out.push_back(std::move(j));
  }
  return out;
}

Json ResultJson(const Scenario& scenario, const std::string& file, const Model& model,
                const StressResult& r) {
  const Rubric& rubric = *model.rubric;
  const Group& layers = rubric.groups[static_cast<size_t>(rubric.overall.group)];
  Json j;
  j["scenario"] = scenario.id;
  j["file"] = file;
  j["rubric"] = {{"id", rubric.id}, {"version", rubric.version}};
  j["base"] = {{"overall", OptionalJson(r.base.overall)},
               {"members", MembersJson(rubric, r.base)},
               {"flags", FlagsJson(r.base.flags)}};
  Json shocks = Json::array();
  for (const ShockOutcome& s : r.shocks) {
    Json shock;
    shock["id"] = s.id;
    shock["probability"] = s.probability;
    shock["overall"] = OptionalJson(s.outcome.overall);
    shock["members"] = MembersJson(rubric, s.outcome);
    shock["flags"] = FlagsJson(s.outcome.flags);
    shocks.push_back(std::move(shock));
  }
  j["shocks"] = std::move(shocks);
  j["expected"] = {{"overall", OptionalJson(r.expected)}};
  j["worst"] = r.worst ? Json{{"shock", r.shocks[*r.worst].id},
                              {"overall", OptionalJson(r.shocks[*r.worst].outcome.overall)}}
                       : Json(nullptr);
  j["most_exposed"] =
      r.most_exposed ? Json{{"group", layers.id},
                            {"member", layers.members[static_cast<size_t>(*r.most_exposed)].id},
                            {"expected_loss", r.most_exposed_loss}}
                     : Json(nullptr);
  return j;
}

// "code group[.member]" of each flag, to compare flag sets.
std::vector<std::string> FlagKeys(const std::vector<Flag>& flags) {
  std::vector<std::string> keys;
  keys.reserve(flags.size());
  for (const Flag& f : flags)
    keys.push_back(f.code + " " + f.group + (f.member.empty() ? "" : "." + f.member));
  return keys;
}

void WriteTable(std::ostream& out, const Scenario& scenario, const Model& model,
                const StressResult& r) {
  const Rubric& rubric = *model.rubric;
  const auto g = static_cast<size_t>(rubric.overall.group);
  const Group& layers = rubric.groups[g];
  out << WrapText(scenario.id + " — " + scenario.title, 100, "", "  ");
  out << fmt::format("  {}  {:>6}  {:>7}", Fit("", 24), "p", "overall");
  for (const Member& m : layers.members) out << "  " << Fit(m.id, 9, true);
  out << "\n";
  auto row = [&](const std::string& label, const std::string& p, const StressOutcome& o) {
    out << fmt::format("  {}  {:>6}  {:>7}", Fit(label, 24), p, ScoreText(o.overall));
    for (size_t m = 0; m < layers.members.size(); ++m)
      out << "  " << Fit(ScoreText(o.members[g][m]), 9, true);
    out << "\n";
  };
  row("base", "", r.base);
  if (r.shocks.empty()) {
    out << "  no shocks: add `shocks:` to the scenario or pass --shock FILE\n";
    return;
  }
  const std::vector<std::string> base_flags = FlagKeys(r.base.flags);
  for (const ShockOutcome& s : r.shocks) {
    row(s.id, FormatNumber(s.probability), s.outcome);
    const std::vector<std::string> now = FlagKeys(s.outcome.flags);
    std::vector<std::string> changes;
    for (const std::string& k : now) {
      if (std::find(base_flags.begin(), base_flags.end(), k) == base_flags.end())
        changes.push_back("+ " + k);
    }
    for (const std::string& k : base_flags) {
      if (std::find(now.begin(), now.end(), k) == now.end()) changes.push_back("− " + k);
    }
    out << WrapText(
        changes.empty() ? "balance flags unchanged" : "balance flags: " + Join(changes, ", "), 98,
        "      ", "        ");
  }
  out << fmt::format("  expected overall {} (base {}); worst: {} ({})\n", ScoreText(r.expected),
                     ScoreText(r.base.overall), r.worst ? r.shocks[*r.worst].id : std::string("-"),
                     r.worst ? ScoreText(r.shocks[*r.worst].outcome.overall) : std::string("-"));
  if (r.most_exposed) {
    out << WrapText(
        fmt::format("most exposed: {} '{}' (expected loss {:.3f} over the shocks)", layers.id,
                    layers.members[static_cast<size_t>(*r.most_exposed)].id, r.most_exposed_loss),
        98, "  ", "    ");
  } else {
    out << "  most exposed: none — no shock lowers any " << layers.id << " score\n";
  }
}

ExitCode RunStress(const StressOptions& options) {
  std::vector<std::string> files;
  if (!ExpandCommandInputs(options.inputs, options.recursive, &files)) return ExitCode::kUsage;
  // --shock files: parsed once, bound per rubric on first use.
  std::vector<ScenarioDraft> shock_drafts;
  bool shock_files_ok = true;
  for (const std::string& path : options.shock_files) {
    Result<std::string> text = ReadTextFile(path);
    if (!text.ok()) {
      PrintDiagnostics(text.diagnostics(), std::cerr);
      shock_files_ok = false;
      continue;
    }
    ScenarioDraft draft = ParseShocks(path, text.value());
    if (!draft.problems.empty()) {
      PrintDiagnostics(draft.problems, std::cerr);
      shock_files_ok = false;
      continue;
    }
    shock_drafts.push_back(std::move(draft));
  }
  if (!shock_files_ok) return ExitCode::kInvalidInput;

  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  Batch batch = ScoreFiles(files, rubrics);
  PrintBatchDiagnostics(batch, std::cerr);
  std::map<const Model*, std::optional<std::vector<Shock>>> bound;  // per rubric
  std::vector<std::optional<StressResult>> results(batch.files.size());
  int failed = batch.invalid;
  for (size_t i = 0; i < batch.files.size(); ++i) {
    if (!batch.assessments[i]) continue;
    const Model* model = batch.models[i];
    auto [it, inserted] = bound.try_emplace(model);
    if (inserted) {
      std::vector<Shock> all;
      bool ok = true;
      for (const ScenarioDraft& draft : shock_drafts) {
        Result<std::vector<Shock>> shocks = BindShocks(draft, *model->rubric);
        if (!shocks.ok()) {
          PrintDiagnostics(shocks.diagnostics(), std::cerr);
          ok = false;
          continue;
        }
        all.insert(all.end(), shocks.value().begin(), shocks.value().end());
      }
      if (ok) it->second = std::move(all);
    }
    if (!it->second) {  // a --shock file does not fit this rubric (printed above)
      batch.errors[i].push_back({batch.files[i],
                                 {},
                                 "a --shock file does not fit this scenario's rubric",
                                 "see the errors above"});
      ++failed;
      continue;
    }
    std::vector<Shock> shocks = batch.scenarios[i]->shocks;
    shocks.insert(shocks.end(), it->second->begin(), it->second->end());
    double total = 0;
    for (const Shock& s : shocks) total += s.probability;
    if (total > 1 + 1e-12) {
      Diagnostic d{batch.files[i],
                   {},
                   fmt::format("the scenario's shocks and the --shock files' have probabilities "
                               "summing to {}, more than 1",
                               FormatNumber(total)),
                   "each shock is one possible event; together they cannot be more likely than "
                   "certain"};
      std::cerr << FormatDiagnostic(d) << "\n";
      batch.errors[i].push_back(std::move(d));
      ++failed;
      continue;
    }
    results[i] = StressTest(*model, *batch.scenarios[i], shocks);
  }
  Output output(options.output);
  ExitCode written = WriteOutput(
      output,
      [&](std::ostream& out) {
        WriteAnalysis(
            out, options.format, batch, [&](size_t i) { return results[i].has_value(); },
            [&](size_t i, std::ostream& table) {
              WriteTable(table, *batch.scenarios[i], *batch.models[i], *results[i]);
            },
            [&](size_t i) {
              return ResultJson(*batch.scenarios[i], batch.files[i], *batch.models[i], *results[i]);
            });
      },
      std::cerr);
  if (written != ExitCode::kOk) return written;
  return failed > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddStressCommand(CLI::App& app) {
  auto options = std::make_shared<StressOptions>();
  CLI::App* cmd =
      app.add_subcommand("stress", "What downside shocks do to the scores; the most exposed layer");
  AddRubricOption(cmd, &options->rubric);
  cmd->add_option("--shock", options->shock_files,
                  "A `poise: shocks/1` file applied to every scenario (repeatable)")
      ->expected(1)  // one file per --shock, so that the scenarios after it stay inputs
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(CLI::ExistingFile);
  cmd->add_option("-f,--format", options->format, "table (default), json or ndjson")
      ->check(CLI::IsMember({"table", "json", "ndjson"}));
  cmd->add_option("-o,--output", options->output, "Write to PATH atomically (default: stdout)");
  cmd->add_flag("-R,--recursive", options->recursive,
                "Descend into subdirectories of directory inputs");
  cmd->add_option("inputs", options->inputs,
                  "Scenario files or directories; - reads paths from stdin")
      ->required();
  cmd->footer(
      "Each shock is one possible event with a probability (together at most 1). Its `changes`\n"
      "move ratings in the criterion's own units, clamped to the scale; the rubric's\n"
      "`interactions` spread the change in normalised scores (d becomes d (I - N)^-1), clamped\n"
      "to [0, 1]. Reported: base and shocked scores and flags, the expected overall score\n"
      "(1 - sum p) base + sum p shocked, the worst shock, and the most exposed layer (largest\n"
      "expected loss). Formulas: docs/methods.md.\n"
      "\nExamples:\n"
      "  poise stress scenarios/jica-cyclone-agriculture.yaml\n"
      "  poise stress --shock shocks/regional-downside.yaml -f json scenarios/\n");
  return [options] { return RunStress(*options); };
}

}  // namespace poise::cli
