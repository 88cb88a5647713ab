// Stress tests (docs/methods.md): shocks, clamping, DEMATEL spreading, expected and worst
// outcomes, against arithmetic done by hand.
#include "poise/stress.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace poise {
namespace {

using Json = nlohmann::json;

// Two layers, one criterion each on the default 0..4 levels scale; overall = (x1 + x2) / 2.
std::string Rubric(const std::string& interactions) {
  return R"(poise: rubric/1
id: inter
version: "1"
title: Inter
groups:
  - id: layers
    aggregate: arithmetic
    balance: {floor: 0.3}
    members: [{id: a}, {id: b}]
criteria:
  - {id: x1, title: X1, question: Q, loads: {layers: {a: 1}}}
  - {id: x2, title: X2, question: Q, loads: {layers: {b: 1}}}
overall: {group: layers, aggregate: arithmetic}
)" + interactions;
}

// x1 = 4 (x = 1), x2 = 2 (x = 0.5): base overall 0.75.
const char* kScenario = R"(poise: scenario/1
id: s
title: S
rubric: inter
ratings: {x1: 4, x2: 2}
shocks:
  - {id: drop, probability: 0.2, changes: {x1: -2}}
  - {id: boost, probability: 0.1, changes: {x2: 3}}
)";

StressResult StressOf(const std::string& interactions) {
  auto model = testing::CompileText(Rubric(interactions));
  EXPECT_TRUE(model);
  Result<Scenario> scenario = LoadScenario("s.yaml", kScenario, *model->rubric);
  EXPECT_TRUE(scenario.ok());
  return StressTest(*model, scenario.value(), scenario.value().shocks);
}

TEST(Stress, ShocksWithoutInteractions) {
  // drop: x1 4 → 2, x = 0.5; overall (0.5 + 0.5) / 2 = 0.5.
  // boost: x2 2 + 3 = 5 is clamped to 4, x = 1; overall (1 + 1) / 2 = 1.
  // expected = (1 − 0.3) · 0.75 + 0.2 · 0.5 + 0.1 · 1 = 0.525 + 0.1 + 0.1 = 0.725.
  const StressResult r = StressOf("");
  EXPECT_DOUBLE_EQ(*r.base.overall, 0.75);
  ASSERT_EQ(r.shocks.size(), 2u);
  EXPECT_DOUBLE_EQ(*r.shocks[0].outcome.overall, 0.5);
  EXPECT_DOUBLE_EQ(*r.shocks[1].outcome.overall, 1.0);
  EXPECT_DOUBLE_EQ(*r.expected, 0.725);
  EXPECT_EQ(*r.worst, 0u);
  // Expected loss of a: 0.2 · (1 − 0.5) = 0.1; of b: 0.1 · (0.5 − 1) = −0.05. a is most exposed.
  EXPECT_EQ(*r.most_exposed, 0);
  EXPECT_DOUBLE_EQ(r.most_exposed_loss, 0.1);
}

TEST(Stress, InteractionsSpreadTheChangeThroughTheTotalRelation) {
  // N = [[0, 0.5], [0, 0]] (x1 → x2), T = (I − N)^-1 = [[1, 0.5], [0, 1]].
  // drop: d = (−0.5, 0), d T = (−0.5, −0.25): x = (0.5, 0.25), overall 0.375; b falls below the
  // floor 0.3: neglected. boost: d = (0, 0.5), d T = (0, 0.5): overall 1 as before.
  // expected = 0.525 + 0.2 · 0.375 + 0.1 · 1 = 0.7.
  const StressResult r = StressOf("interactions: [{from: x1, to: x2, strength: 0.5}]\n");
  EXPECT_DOUBLE_EQ(*r.shocks[0].outcome.overall, 0.375);
  EXPECT_DOUBLE_EQ(*r.shocks[0].outcome.members[0][1], 0.25);
  ASSERT_EQ(r.shocks[0].outcome.flags.size(), 1u);
  EXPECT_EQ(r.shocks[0].outcome.flags[0].code, "neglected");
  EXPECT_EQ(r.shocks[0].outcome.flags[0].member, "b");
  EXPECT_DOUBLE_EQ(*r.shocks[1].outcome.overall, 1.0);
  EXPECT_DOUBLE_EQ(*r.expected, 0.7);
}

TEST(Stress, LoopsAddEveryIndirectRound) {
  // x1 ⇄ x2 at 0.5 both ways: T = [[1, −0.5], [−0.5, 1]]^-1 = (1 / 0.75) [[1, 0.5], [0.5, 1]].
  // drop: d T = (−0.5 · 4/3, −0.5 · 2/3) = (−2/3, −1/3): x = (1/3, 1/6), overall 0.25.
  // boost: d = (0, 0.5), d T = (1/3, 2/3): x1 = 1 + 1/3 clamps to 1, x2 = 0.5 + 2/3 clamps to 1.
  const StressResult r = StressOf(
      "interactions:\n  - {from: x1, to: x2, strength: 0.5}\n"
      "  - {from: x2, to: x1, strength: 0.5}\n");
  EXPECT_NEAR(*r.shocks[0].outcome.members[0][0], 1.0 / 3, 1e-12);
  EXPECT_NEAR(*r.shocks[0].outcome.members[0][1], 1.0 / 6, 1e-12);
  EXPECT_NEAR(*r.shocks[0].outcome.overall, 0.25, 1e-12);
  EXPECT_DOUBLE_EQ(*r.shocks[1].outcome.overall, 1.0);
}

TEST(StressCli, JsonHasTheDocumentedShapeAndShockFilesAdd) {
  auto run = testing::RunPoise(
      "stress -f json --shock tests/data/shocks/regional.yaml "
      "scenarios/jica-cyclone-agriculture.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json j = Json::parse(run.out);
  EXPECT_EQ(j["scenario"], "jica-cyclone-agriculture");
  EXPECT_TRUE(j["base"]["overall"].is_number());
  EXPECT_TRUE(j["base"]["members"]["layers"]["human"].is_number());
  ASSERT_EQ(j["shocks"].size(), 2u);  // the scenario's own, then the file's
  EXPECT_EQ(j["shocks"][0]["id"], "severe-cyclone");
  EXPECT_EQ(j["shocks"][1]["id"], "regional-recession");
  for (const auto& s : j["shocks"]) {
    EXPECT_TRUE(s["overall"].is_number());
    EXPECT_TRUE(s["flags"].is_array());
  }
  // expected = (1 − Σp) base + Σ p shocked
  const double p0 = j["shocks"][0]["probability"], p1 = j["shocks"][1]["probability"];
  const double expected = (1 - p0 - p1) * j["base"]["overall"].get<double>() +
                          p0 * j["shocks"][0]["overall"].get<double>() +
                          p1 * j["shocks"][1]["overall"].get<double>();
  EXPECT_NEAR(j["expected"]["overall"].get<double>(), expected, 1e-12);
  EXPECT_TRUE(j["worst"]["overall"].is_number());
  EXPECT_EQ(j["most_exposed"]["group"], "layers");
}

TEST(StressCli, ProbabilitiesAboveOneAreAnErrorForThatScenarioOnly) {
  auto run = testing::RunPoise(
      "stress -f ndjson --shock tests/data/shocks/likely.yaml "
      "scenarios/jica-cyclone-agriculture.yaml scenarios/open-doors.yaml");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(
      run.err.find("scenarios/jica-cyclone-agriculture.yaml:1:1: error: the scenario's shocks "
                   "and the --shock files' have probabilities summing to 1.1, more than 1"),
      std::string::npos)
      << run.err;
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_TRUE(Json::parse(first).contains("errors"));
  EXPECT_EQ(Json::parse(second)["scenario"], "open-doors");
}

}  // namespace
}  // namespace poise
