// The rubric format expresses UNDP's Human Development Index: poise reproduces published HDI values
// from published component values (rubrics/human-development.yaml, scenarios/hdi/).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "test_util.h"

namespace poise {
namespace {

std::unique_ptr<Model> HdiModel() {
  return testing::CompileText(testing::ReadFile(POISE_SOURCE_DIR "/rubrics/human-development.yaml"),
                              "rubrics/human-development.yaml");
}

TEST(Hdi, NorwayDimensionIndicesByHand) {
  auto model = HdiModel();
  ASSERT_NE(model, nullptr);
  // HDR 2015 Table 1, Norway 2014: life expectancy 81.6, expected schooling 17.5, mean schooling
  // 12.6, GNI per capita 64,992 (2011 PPP $); HDI 0.944.
  Assessment a =
      testing::AssessText(*model, testing::ReadFile(POISE_SOURCE_DIR "/scenarios/hdi/norway.yaml"));
  // health = (81.6 - 20) / (85 - 20) = 61.6 / 65 = 0.947692...
  EXPECT_NEAR(*a.groups[0].scores[0], 61.6 / 65, 1e-12);
  // education = (17.5/18 + 12.6/15) / 2 = (0.972222 + 0.84) / 2 = 0.906111...
  EXPECT_NEAR(*a.groups[0].scores[1], (17.5 / 18 + 12.6 / 15) / 2, 1e-12);
  // income = (ln 64992 - ln 100) / (ln 75000 - ln 100) = ln 649.92 / ln 750 = 0.978365...
  EXPECT_NEAR(*a.groups[0].scores[2], std::log(649.92) / std::log(750.0), 1e-12);
  // HDI = (0.947692 · 0.906111 · 0.978365)^(1/3) = 0.840136^(1/3) = 0.943590 -> 0.944.
  EXPECT_NEAR(
      *a.overall,
      std::cbrt(61.6 / 65 * (17.5 / 18 + 12.6 / 15) / 2 * std::log(649.92) / std::log(750.0)),
      1e-12);
}

TEST(Hdi, ReproducesPublishedValuesToPrintedPrecision) {
  auto model = HdiModel();
  ASSERT_NE(model, nullptr);
  // Published HDI values, HDR 2015 Table 1 (2014). The scenario files hold the printed components.
  const std::vector<std::pair<std::string, double>> published = {
      {"norway", 0.944},  {"australia", 0.935},     {"denmark", 0.923}, {"netherlands", 0.922},
      {"ireland", 0.916}, {"united-states", 0.915}, {"canada", 0.913}};
  for (const auto& [country, hdi] : published) {
    Assessment a = testing::AssessText(
        *model,
        testing::ReadFile(std::string(POISE_SOURCE_DIR "/scenarios/hdi/") + country + ".yaml"));
    ASSERT_TRUE(a.overall.has_value()) << country;
    EXPECT_NEAR(std::round(*a.overall * 1000) / 1000, hdi, 1e-9)
        << country << " computed " << *a.overall;
  }
}

TEST(Hdi, CapsExpectedSchoolingAt18) {
  auto model = HdiModel();
  // Australia's expected schooling is printed as 20.2 and capped at 18 for the HDI (note c).
  Assessment a = testing::AssessText(
      *model, testing::ReadFile(POISE_SOURCE_DIR "/scenarios/hdi/australia.yaml"));
  EXPECT_NEAR(*a.normalized[1], 1.0, 1e-15);
  EXPECT_NEAR(*a.groups[0].scores[1], (1.0 + 13.0 / 15) / 2, 1e-12);
}

}  // namespace
}  // namespace poise
