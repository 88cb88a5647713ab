// Loading one 40-criterion scenario from memory: poise's loader (event parser, own tree,
// validation, binding) against yaml-cpp's YAML::Load reading every rating.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include "bench_util.h"

namespace poise::bench {
namespace {

std::string ScenarioText() {
  std::string text =
      "poise: scenario/1\nid: bench\ntitle: Benchmark scenario\nrubric: bench-40\nratings:\n";
  for (int c = 0; c < 40; ++c) {
    char line[96];
    if (c % 5 == 0) {
      std::snprintf(line, sizeof line,
                    "  c%02d: {score: %d, evidence: \"synthetic\", range: [%d, %d]}\n", c, 2, 1, 3);
    } else {
      std::snprintf(line, sizeof line, "  c%02d: %d\n", c, c % 5);
    }
    text += line;
  }
  return text;
}

void BM_YamlCppLoad(benchmark::State& state) {
  const std::string text = ScenarioText();
  for (auto _ : state) {
    const YAML::Node root = YAML::Load(text);
    double sum = 0;
    for (const auto& entry : root["ratings"]) {
      sum += entry.second.IsMap() ? entry.second["score"].as<double>() : entry.second.as<double>();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_PoiseLoadScenario(benchmark::State& state) {
  const std::string text = ScenarioText();
  const Model& model = Bench40();
  for (auto _ : state) {
    Result<Scenario> scenario = LoadScenario("bench.yaml", text, *model.rubric);
    if (!scenario.ok()) state.SkipWithError("invalid benchmark scenario");
    benchmark::DoNotOptimize(scenario.value().ratings.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

BENCHMARK(BM_YamlCppLoad)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PoiseLoadScenario)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace poise::bench
