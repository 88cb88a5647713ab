// Balance figures and flags (FORMATS.md §3.5) against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace poise {
namespace {

TEST(Balance, FiguresOfThreeScores) {
  auto stats = ComputeBalance({0.8, 0.42, 0.6});
  ASSERT_TRUE(stats.has_value());
  // min 0.42, max 0.8, gap 0.38, mean 1.82 / 3 = 0.6066...
  EXPECT_NEAR(stats->min, 0.42, 1e-15);
  EXPECT_NEAR(stats->max, 0.8, 1e-15);
  EXPECT_NEAR(stats->gap, 0.38, 1e-15);
  const double mean = 1.82 / 3;
  EXPECT_NEAR(stats->mean, mean, 1e-15);
  // Σ(s - mean)² = Σs² - 3·mean² = 1.1764 - 1.1041333... = 0.0722666...; sd = sqrt(that / 3).
  const double sd = std::sqrt((0.64 + 0.1764 + 0.36 - 3 * mean * mean) / 3);
  EXPECT_NEAR(stats->cv, sd / mean, 1e-12);  // 0.2558...
  // Σi Σj |si - sj| = 2·(0.38 + 0.2 + 0.18) = 1.52; gini = 1.52 / (2·9·mean) = 0.139194...
  EXPECT_NEAR(stats->gini, 1.52 / (18 * mean), 1e-12);
  EXPECT_EQ(stats->weakest, 1);
  EXPECT_EQ(stats->strongest, 0);
}

TEST(Balance, TiesGoToTheFirstMemberAndNullsAreSkipped) {
  auto stats = ComputeBalance({std::nullopt, 0.5, 0.7, 0.5, 0.7});
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->weakest, 1);
  EXPECT_EQ(stats->strongest, 2);
  EXPECT_NEAR(stats->mean, 0.6, 1e-15);
}

TEST(Balance, NeedsTwoScoresAndHandlesZeroMean) {
  EXPECT_FALSE(ComputeBalance({0.5, std::nullopt}).has_value());
  auto zeros = ComputeBalance({0.0, 0.0});
  ASSERT_TRUE(zeros.has_value());
  EXPECT_EQ(zeros->cv, 0.0);
  EXPECT_EQ(zeros->gini, 0.0);
}

TEST(Balance, FlagsNeglectedAndImbalancedWithMessages) {
  auto model = testing::CompileText(
      testing::ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n"));
  // Layers (1, 0.5, 0.25): gap 0.75 > 0.25; human 0.25 < floor 0.4.
  Assessment a = testing::AssessText(
      *model, "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {a: 4, b: 2, c: 1}\n");
  ASSERT_EQ(a.flags.size(), 2u);
  EXPECT_EQ(a.flags[0].code, "imbalanced");
  EXPECT_EQ(a.flags[0].group, "layers");
  EXPECT_EQ(a.flags[0].message,
            "layers: gap 0.75 between 'national' (1.00) and 'human' (0.25) exceeds max_gap 0.25");
  EXPECT_EQ(a.flags[1].code, "neglected");
  EXPECT_EQ(a.flags[1].member, "human");
  EXPECT_EQ(a.flags[1].message, "layers 'human' scores 0.25, below the floor 0.4");
  ASSERT_TRUE(a.groups[0].balance.has_value());
  EXPECT_EQ(a.groups[0].balance->weakest, 2);

  // (0.5, 0.5, 0.5): gap 0 and nothing below 0.4 -> no flags.
  Assessment even = testing::AssessText(
      *model, "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {a: 2, b: 2, c: 2}\n");
  EXPECT_TRUE(even.flags.empty());
}

TEST(Balance, GroupWithoutBalanceBlockRaisesNoFlags) {
  std::string text =
      testing::ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n");
  text.replace(text.find("    balance: {floor: 0.4, max_gap: 0.25}\n"), 41, "");
  auto model = testing::CompileText(text);
  Assessment a = testing::AssessText(
      *model, "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {a: 4, b: 0, c: 0}\n");
  EXPECT_TRUE(a.flags.empty());
  ASSERT_TRUE(a.groups[0].balance.has_value());
  EXPECT_NEAR(a.groups[0].balance->gap, 1.0, 1e-15);
}

}  // namespace
}  // namespace poise
