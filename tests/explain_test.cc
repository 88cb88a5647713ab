// Explanations (poise explain / compare) against hand-computed values.
#include "poise/explain.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace poise {
namespace {

std::unique_ptr<Model> ThreeLayers() {
  return testing::CompileText(
      testing::ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n"));
}

Scenario Bind(const Model& model, const std::string& ratings) {
  Result<Scenario> s = LoadScenario(
      "s.yaml", "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {" + ratings + "}\n",
      *model.rubric);
  EXPECT_TRUE(s.ok());
  return s.value();
}

TEST(Explain, RatingGainsAreExactRescoresSortedByGain) {
  auto model = ThreeLayers();
  Scenario s = Bind(*model, "a: 4, b: 2, c: 1");
  // Now: layers (1, 0.5, 0.25) -> overall (105 − 350/105 − 70)/60 = 0.527777... (score_test.cc).
  // c 1 -> 2: layers (1, 0.5, 0.5), r = (130, 100, 100), M = 110, S² = (400 + 100 + 100)/3 = 200,
  //   AMPI = 110 − 200/110 = 108.1818..., overall 0.636363...; gain 0.108585...
  // b 2 -> 3: layers (1, 0.75, 0.25), r = (130, 115, 85), M = 110, S² = (400 + 25 + 625)/3 = 350,
  //   AMPI = 110 − 350/110 = 106.8181..., overall 0.613636...; gain 0.085858...
  // a is at its best (4) and is not listed.
  std::vector<RatingGain> gains = RatingGains(*model, s);
  ASSERT_EQ(gains.size(), 2u);
  const double before = (105.0 - 350.0 / 105.0 - 70) / 60;
  EXPECT_EQ(gains[0].criterion, 2);
  EXPECT_EQ(gains[0].from, 1);
  EXPECT_EQ(gains[0].to, 2);
  EXPECT_NEAR(gains[0].gain, (110.0 - 200.0 / 110.0 - 70) / 60 - before, 1e-12);
  EXPECT_EQ(gains[1].criterion, 1);
  EXPECT_NEAR(gains[1].gain, (110.0 - 350.0 / 110.0 - 70) / 60 - before, 1e-12);
}

TEST(Explain, PullsOfAnArithmeticMemberAddUpToItsShortfall) {
  auto model = testing::CompileText(
      testing::ReadFile(POISE_SOURCE_DIR "/rubrics/balanced-coexistence.yaml"));
  const std::string text = testing::ReadFile(POISE_SOURCE_DIR "/scenarios/deterrence-only.yaml");
  Assessment a = testing::AssessText(*model, text);
  for (int m = 0; m < 3; ++m) {
    std::vector<Pull> pulls = MemberPulls(*model, a, 0, m);
    double total = 0, shares = 0;
    for (const Pull& p : pulls) {
      total += p.pull;
      shares += p.share;
    }
    EXPECT_NEAR(shares, 1.0, 1e-12);
    EXPECT_NEAR(total, 1 - *a.groups[0].scores[static_cast<size_t>(m)],
                1e-12);  // Σ share (1 − x) = 1 − Σ share x
    for (size_t k = 1; k < pulls.size(); ++k) EXPECT_GE(pulls[k - 1].pull, pulls[k].pull);
  }
}

TEST(Explain, DifferenceEffectsMoveOneCriterionAtATime) {
  auto model = ThreeLayers();
  Scenario from = Bind(*model, "a: 4, b: 2, c: 1");
  Scenario to = Bind(*model, "a: 4, b: 3, c: 2");
  std::vector<CriterionEffect> effects = DifferenceEffects(*model, from, to);
  // Same moves as RatingGainsAreExactRescoresSortedByGain: c 1 -> 2 (+0.1086), b 2 -> 3 (+0.0859).
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_EQ(effects[0].criterion, 2);
  EXPECT_NEAR(*effects[0].effect,
              (110.0 - 200.0 / 110.0 - 70) / 60 - (105.0 - 350.0 / 105.0 - 70) / 60, 1e-12);
  EXPECT_EQ(effects[1].criterion, 1);
  EXPECT_EQ(*effects[1].from, 2);
  EXPECT_EQ(*effects[1].to, 3);
}

}  // namespace
}  // namespace poise
