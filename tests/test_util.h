// Helpers shared by the tests: load inline YAML, score one scenario, run the poise binary.
#ifndef POISE_TESTS_TEST_UTIL_H_
#define POISE_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "poise/balance.h"
#include "poise/load.h"
#include "poise/model.h"
#include "poise/score.h"

namespace poise::testing {

// Loads and compiles a rubric; fails the test with its diagnostics when invalid.
inline std::unique_ptr<Model> CompileText(const std::string& text,
                                          const std::string& name = "r.yaml") {
  Result<Rubric> rubric = LoadRubric(name, text);
  if (!rubric.ok()) {
    std::string all;
    for (const Diagnostic& d : rubric.diagnostics()) all += FormatDiagnostic(d) + "\n";
    ADD_FAILURE() << "rubric invalid:\n" << all;
    return nullptr;
  }
  Result<Model> model = CompileModel(std::make_shared<const Rubric>(std::move(rubric).value()));
  if (!model.ok()) {
    ADD_FAILURE() << "rubric does not compile: " << FormatDiagnostic(model.diagnostics().front());
    return nullptr;
  }
  return std::make_unique<Model>(std::move(model).value());
}

// Scores one scenario text against a compiled model; fails the test when the scenario is invalid.
inline Assessment AssessText(const Model& model, const std::string& scenario_text) {
  Result<Scenario> scenario = LoadScenario("s.yaml", scenario_text, *model.rubric);
  if (!scenario.ok()) {
    std::string all;
    for (const Diagnostic& d : scenario.diagnostics()) all += FormatDiagnostic(d) + "\n";
    ADD_FAILURE() << "scenario invalid:\n" << all;
    return {};
  }
  const Scenario& s = scenario.value();
  Scores scores = ScoreBatch(model, GatherRatings(model, {&s}));
  return Assess(model, scores, 0);
}

// All diagnostics of a rubric text, formatted.
inline std::vector<std::string> RubricErrors(const std::string& text) {
  std::vector<std::string> lines;
  Result<Rubric> rubric = LoadRubric("r.yaml", text);
  if (rubric.ok()) return lines;
  for (const Diagnostic& d : rubric.diagnostics()) lines.push_back(FormatDiagnostic(d));
  return lines;
}

// All diagnostics of a scenario text against a rubric, formatted.
inline std::vector<std::string> ScenarioErrors(const Rubric& rubric, const std::string& text) {
  std::vector<std::string> lines;
  Result<Scenario> scenario = LoadScenario("s.yaml", text, rubric);
  if (scenario.ok()) return lines;
  for (const Diagnostic& d : scenario.diagnostics()) lines.push_back(FormatDiagnostic(d));
  return lines;
}

// A three-layer rubric with one criterion per layer (0..4 levels) plus `extra` appended at the
// end of the file (e.g. an `overall:` block); the tests build on it.
inline std::string ThreeLayerRubric(const std::string& layer_aggregate,
                                    const std::string& overall) {
  return "poise: rubric/1\n"
         "id: three\n"
         "version: \"1\"\n"
         "title: Three layers\n"
         "groups:\n"
         "  - id: layers\n"
         "    aggregate: " +
         layer_aggregate +
         "\n"
         "    balance: {floor: 0.4, max_gap: 0.25}\n"
         "    members: [{id: national}, {id: social}, {id: human}]\n"
         "criteria:\n"
         "  - {id: a, title: A, question: Qa, loads: {layers: {national: 1}}}\n"
         "  - {id: b, title: B, question: Qb, loads: {layers: {social: 1}}}\n"
         "  - {id: c, title: C, question: Qc, loads: {layers: {human: 1}}}\n" +
         overall;
}

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built poise binary with `args` (a shell-quoted string) from the source directory.
RunResult RunPoise(const std::string& args, const std::string& env = "");

// HTML text as it reads: the five escapes poise writes (&lt; &gt; &quot; &#39; &amp;) undone.
std::string UnescapeHtml(std::string text);

// Reads a whole file; empty when missing.
std::string ReadFile(const std::string& path);

}  // namespace poise::testing

#endif  // POISE_TESTS_TEST_UTIL_H_
