// poise validate: check rubric and scenario files without scoring them.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"

namespace poise::cli {
namespace {

struct ValidateOptions {
  std::string rubric;
  std::vector<std::string> inputs;
  bool quiet = false;
};

ExitCode RunValidate(const ValidateOptions& options) {
  RubricCache rubrics(options.rubric.empty() ? std::nullopt : std::optional(options.rubric));
  const std::vector<std::string> files = ExpandInputs(options.inputs);
  int invalid = 0;
  for (const std::string& file : files) {
    Diagnostics errors;
    std::string summary;
    Result<std::string> text = ReadTextFile(file);
    if (!text.ok()) {
      errors = text.diagnostics();
    } else {
      LoadedFile loaded = LoadAnyFile(file, text.value());
      errors = loaded.diagnostics;
      if (loaded.rubric) {
        const Model* model = rubrics.Load(file, &errors);
        if (model) {
          const Rubric& r = *model->rubric;
          summary = fmt::format("rubric {} {} ({} criteri{}, {} group{})", r.id, r.version,
                                r.criteria.size(), r.criteria.size() == 1 ? "on" : "a",
                                r.groups.size(), r.groups.size() == 1 ? "" : "s");
          if (model->ahp && model->ahp->inconsistent) {
            summary +=
                fmt::format("; note: AHP consistency ratio {:.3f} is above 0.1", model->ahp->cr);
          }
        }
      } else if (loaded.scenario && loaded.kind == FileKind::kShocks) {
        const ScenarioDraft& draft = *loaded.scenario;
        const size_t n = draft.shocks.size();
        if (!draft.readable || (draft.rubric.id.empty() && options.rubric.empty())) {
          errors = draft.problems;
          if (errors.empty())
            summary = fmt::format(
                "shocks ({} shock{}; criteria not checked: name the rubric with "
                "`rubric:` or --rubric)",
                n, n == 1 ? "" : "s");
        } else if (const Model* model = rubrics.Resolve(draft, &errors)) {
          Result<std::vector<Shock>> shocks = BindShocks(draft, *model->rubric);
          if (shocks.ok()) {
            summary = fmt::format("shocks ({} shock{}, rubric {} {})", n, n == 1 ? "" : "s",
                                  model->rubric->id, model->rubric->version);
          } else {
            errors = shocks.diagnostics();
          }
        } else {
          errors.insert(errors.begin(), draft.problems.begin(), draft.problems.end());
        }
      } else if (loaded.scenario) {
        const ScenarioDraft& draft = *loaded.scenario;
        if (!draft.readable) {
          errors = draft.problems;
        } else if (const Model* model = rubrics.Resolve(draft, &errors)) {
          Result<Scenario> scenario = BindScenario(draft, *model->rubric);
          if (scenario.ok()) {
            summary = fmt::format("scenario {} (rubric {} {})", draft.id, model->rubric->id,
                                  model->rubric->version);
          } else {
            errors = scenario.diagnostics();
          }
        } else {
          errors.insert(errors.begin(), draft.problems.begin(), draft.problems.end());
        }
      }
    }
    if (errors.empty() && !summary.empty()) {
      if (!options.quiet) std::cout << file << ": ok — " << summary << '\n';
    } else {
      ++invalid;
      PrintDiagnostics(errors, std::cerr);
    }
  }
  if (files.empty()) {
    std::cerr
        << "poise: error: no files found in the inputs — directories are searched for *.yaml\n";
    return ExitCode::kUsage;
  }
  if (!options.quiet || invalid > 0) {
    std::cout << fmt::format("{} file{} checked: {} valid, {} invalid\n", files.size(),
                             files.size() == 1 ? "" : "s",
                             files.size() - static_cast<size_t>(invalid), invalid);
  }
  return invalid > 0 ? ExitCode::kInvalidInput : ExitCode::kOk;
}

}  // namespace

Command AddValidateCommand(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check rubric and scenario files (told apart by their poise: tag)");
  cmd->add_option("-r,--rubric", options->rubric,
                  "Rubric for every scenario (default: look up `rubric:`)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", options->quiet, "Print only problems");
  cmd->add_option("inputs", options->inputs, "Files or directories (their *.yaml, by name)")
      ->required();
  cmd->footer(
      "Examples:\n"
      "  poise validate rubrics/ scenarios/\n"
      "  poise validate --rubric my-rubric.yaml my-scenario.yaml\n"
      "\nEvery problem is printed as file:line:col: error: what — hint. Exit status: 0 all valid,\n"
      "1 usage error, 2 some file invalid.");
  return [options] { return RunValidate(*options); };
}

}  // namespace poise::cli
