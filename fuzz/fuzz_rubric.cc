// Fuzzes the rubric loader: any bytes as a rubric file. A valid rubric is compiled, a scenario at
// the top of every scale is scored and rendered, stress-tested (through the interactions) and
// sampled (weights drawn), and its worksheet is read back.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "poise/sensitivity.h"
#include "poise/stress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace poise;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Rubric> rubric = LoadRubric("fuzz.yaml", text);
  if (!rubric.ok()) {
    fuzz::RenderErrors("fuzz.yaml", rubric.diagnostics());
    return 0;
  }
  Result<Model> model = CompileModel(std::make_shared<const Rubric>(std::move(rubric).value()));
  if (!model.ok()) {
    fuzz::RenderErrors("fuzz.yaml", model.diagnostics());
    return 0;
  }
  const Rubric& r = *model.value().rubric;
  Scenario scenario;
  scenario.file = "fuzz-scenario.yaml";
  scenario.id = "fuzz";
  scenario.title = "fuzz";
  for (const Criterion& c : r.criteria) scenario.ratings.emplace_back(c.scale.max);
  scenario.ranges.assign(r.criteria.size(), std::nullopt);
  scenario.notes.assign(r.criteria.size(), "evidence");
  fuzz::ScoreAndRender(model.value(), scenario);
  // A shock lowering every criterion, spread through the rubric's interactions; a few samples of
  // weight draws (AHP judgements moved, Dirichlet weights).
  Shock shock;
  shock.id = "everything";
  shock.probability = 0.5;
  for (size_t c = 0; c < r.criteria.size(); ++c)
    shock.changes.emplace_back(static_cast<int>(c), -1);
  (void)StressTest(model.value(), scenario, {shock});
  SensitivityOptions options;
  options.samples = 4;
  options.concentration = 3;
  (void)AnalyzeSensitivity(model.value(), {&scenario}, options);
  // The worksheet poise writes for this rubric must read back as a scenario draft.
  const ScenarioDraft draft = ParseScenario("worksheet.yaml", WorksheetYaml(r, "fuzz"));
  if (!draft.readable) std::abort();
  (void)WorksheetMarkdown(r);
  return 0;
}
