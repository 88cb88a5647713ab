// Fuzzes the scenario loader against the bundled rubric: any bytes as a scenario file. A scenario
// that binds is scored and rendered in every report format, stress-tested with its shocks and
// analysed for sensitivity (a few samples, weights drawn). The same bytes are also read as a
// `poise: shocks/1` file and, when they bind, applied to the nominal case.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "poise/sensitivity.h"
#include "poise/stress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace poise;
  const Model& model = fuzz::BundledModel();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Scenario> scenario = LoadScenario("fuzz.yaml", text, *model.rubric);
  if (!scenario.ok()) {
    fuzz::RenderErrors("fuzz.yaml", scenario.diagnostics());
  } else {
    fuzz::ScoreAndRender(model, scenario.value());
    const StressResult stress = StressTest(model, scenario.value(), scenario.value().shocks);
    if (stress.shocks.size() != scenario.value().shocks.size()) std::abort();
    SensitivityOptions options;
    options.samples = 8;
    options.concentration = 5;
    options.sobol = true;
    options.bootstrap = 4;
    (void)AnalyzeSensitivity(model, {&scenario.value()}, options);
  }
  const ScenarioDraft shocks = ParseShocks("fuzz-shocks.yaml", text);
  Result<std::vector<Shock>> bound = BindShocks(shocks, *model.rubric);
  if (!bound.ok()) {
    fuzz::RenderErrors("fuzz-shocks.yaml", bound.diagnostics());
  } else if (scenario.ok()) {
    (void)StressTest(model, scenario.value(), bound.value());
  }
  return 0;
}
