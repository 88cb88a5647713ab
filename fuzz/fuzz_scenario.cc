// Fuzzes the scenario loader against the bundled rubric: any bytes as a scenario file. A scenario
// that binds is scored and rendered in every report format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace poise;
  const Model& model = fuzz::BundledModel();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Scenario> scenario = LoadScenario("fuzz.yaml", text, *model.rubric);
  if (!scenario.ok()) {
    fuzz::RenderErrors("fuzz.yaml", scenario.diagnostics());
    return 0;
  }
  fuzz::ScoreAndRender(model, scenario.value());
  return 0;
}
