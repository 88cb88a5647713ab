// The formulas of FORMATS.md §3 against values computed by hand (arithmetic in the comments).
#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace poise {
namespace {

using testing::AssessText;
using testing::CompileText;
using testing::ThreeLayerRubric;

constexpr double kTol = 1e-12;

std::string Scenario3(int a, int b, int c) {
  return "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {a: " + std::to_string(a) +
         ", b: " + std::to_string(b) + ", c: " + std::to_string(c) + "}\n";
}

// One group `g` with one member `m` and the given criteria lines; overall over g.
std::string OneMember(const std::string& aggregate, const std::string& criteria,
                      const std::string& extra = "") {
  return "poise: rubric/1\nid: one\nversion: \"1\"\ntitle: One\n" + extra +
         "groups:\n  - id: g\n    aggregate: " + aggregate +
         "\n    members: [{id: m}, {id: other}]\n"
         "criteria:\n" +
         criteria +
         "  - {id: z, title: Z, question: Q, loads: {g: {other: 1}}}\n"
         "overall: {group: g, aggregate: arithmetic}\n";
}

std::string OneScenario(const std::string& ratings, const std::string& not_assessed = "") {
  return "poise: scenario/1\nid: s\ntitle: S\nrubric: one\nratings: {" + ratings + ", z: 4}\n" +
         (not_assessed.empty() ? "" : "not_assessed: {" + not_assessed + "}\n");
}

const std::string kTwoCriteria =
    "  - {id: p, title: P, question: Q, weight: 2, loads: {g: {m: 1}}}\n"
    "  - {id: q, title: Q, question: Q, weight: 1, loads: {g: {m: 0.5}}}\n";

TEST(Score, NormalizesLevelsLinearly) {
  auto model = CompileText(
      ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: arithmetic}\n"));
  Assessment a = AssessText(*model, Scenario3(4, 2, 1));
  // x = (r - 0) / (4 - 0): 4 -> 1, 2 -> 0.5, 1 -> 0.25.
  EXPECT_NEAR(*a.normalized[0], 1.0, kTol);
  EXPECT_NEAR(*a.normalized[1], 0.5, kTol);
  EXPECT_NEAR(*a.normalized[2], 0.25, kTol);
}

TEST(Score, ArithmeticMemberUsesWeightTimesLoad) {
  auto model = CompileText(OneMember("arithmetic", kTwoCriteria));
  Assessment a = AssessText(*model, OneScenario("p: 3, q: 1"));
  // a_p = 2·1 = 2, a_q = 1·0.5 = 0.5; x_p = 0.75, x_q = 0.25.
  // score = (2·0.75 + 0.5·0.25) / 2.5 = 1.625 / 2.5 = 0.65.
  EXPECT_NEAR(*a.groups[0].scores[0], 0.65, kTol);
  EXPECT_NEAR(a.groups[0].coverage[0], 1.0, kTol);
}

TEST(Score, GeometricMemberIsWeightedProduct) {
  auto model = CompileText(OneMember("geometric", kTwoCriteria));
  Assessment a = AssessText(*model, OneScenario("p: 2, q: 1"));
  // x_p = 0.5 with exponent 2/2.5 = 0.8; x_q = 0.25 = 0.5² with exponent 0.5/2.5 = 0.2.
  // 0.5^0.8 · 0.5^(2·0.2) = 0.5^1.2 = 0.43527528164806206.
  EXPECT_NEAR(*a.groups[0].scores[0], std::pow(0.5, 1.2), kTol);
  EXPECT_NEAR(*a.groups[0].scores[0], 0.43527528164806206, 1e-15);
}

TEST(Score, GeometricMemberIsZeroWhenAnyCriterionIsZero) {
  auto model = CompileText(OneMember("geometric", kTwoCriteria));
  Assessment a = AssessText(*model, OneScenario("p: 4, q: 0"));
  // x_q = 0: the product 1^0.8 · 0^0.2 is 0.
  ASSERT_TRUE(a.groups[0].scores[0].has_value());
  EXPECT_EQ(*a.groups[0].scores[0], 0.0);
}

TEST(Score, MinMemberIsLowestAssessedCriterion) {
  auto model = CompileText(OneMember("min", kTwoCriteria));
  Assessment a = AssessText(*model, OneScenario("p: 3, q: 1"));
  EXPECT_NEAR(*a.groups[0].scores[0], 0.25, kTol);  // min(0.75, 0.25)
}

TEST(Score, MissingRatingLowersCoverageAndIsLeftOut) {
  auto model = CompileText(OneMember("arithmetic", kTwoCriteria));
  Assessment a = AssessText(*model, OneScenario("p: 3", "q: no data"));
  // Assessed a = 2 of total 2.5: coverage 0.8 >= 0.5; score from p alone = 0.75.
  EXPECT_NEAR(a.groups[0].coverage[0], 0.8, kTol);
  EXPECT_NEAR(*a.groups[0].scores[0], 0.75, kTol);
  EXPECT_FALSE(a.normalized[1].has_value());
}

TEST(Score, CoverageBelowMinCoverageGivesNullAndFlag) {
  // Four criteria of weight 1 on m; only one rated: coverage 1/4 = 0.25 < 0.5.
  const std::string criteria =
      "  - {id: c1, title: C, question: Q, loads: {g: {m: 1}}}\n"
      "  - {id: c2, title: C, question: Q, loads: {g: {m: 1}}}\n"
      "  - {id: c3, title: C, question: Q, loads: {g: {m: 1}}}\n"
      "  - {id: c4, title: C, question: Q, loads: {g: {m: 1}}}\n";
  auto model = CompileText(OneMember("arithmetic", criteria));
  Assessment a = AssessText(*model, OneScenario("c1: 4", "c2: x, c3: x, c4: x"));
  EXPECT_NEAR(a.groups[0].coverage[0], 0.25, kTol);
  EXPECT_FALSE(a.groups[0].scores[0].has_value());
  EXPECT_FALSE(a.overall.has_value());  // a null member of the overall group nulls the overall
  ASSERT_EQ(a.flags.size(), 1u);
  EXPECT_EQ(a.flags[0].code, "insufficient_evidence");
  EXPECT_EQ(a.flags[0].member, "m");
  EXPECT_EQ(a.flags[0].message,
            "g 'm' has no score: 25% of its weight is rated, min_coverage is 50%");

  // Exactly at min_coverage (2 of 4 = 0.5) the member is scored: (1 + 0.5) / 2 = 0.75.
  Assessment half = AssessText(*model, OneScenario("c1: 4, c2: 2", "c3: x, c4: x"));
  EXPECT_NEAR(half.groups[0].coverage[0], 0.5, kTol);
  ASSERT_TRUE(half.groups[0].scores[0].has_value());
  EXPECT_NEAR(*half.groups[0].scores[0], 0.75, kTol);
}

TEST(Score, MinCoverageFromRubricIsHonoured) {
  const std::string criteria =
      "  - {id: c1, title: C, question: Q, loads: {g: {m: 1}}}\n"
      "  - {id: c2, title: C, question: Q, weight: 3, loads: {g: {m: 1}}}\n";
  auto model = CompileText(OneMember("arithmetic", criteria, "min_coverage: 0.8\n"));
  // Only c2 rated: coverage 3/4 = 0.75 < 0.8 -> null.
  Assessment a = AssessText(*model, OneScenario("c2: 4", "c1: x"));
  EXPECT_FALSE(a.groups[0].scores[0].has_value());
}

TEST(Score, OverallArithmeticGeometricMin) {
  // Layer scores (1, 0.5, 0.25), equal weights 1/3.
  auto arith = CompileText(
      ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: arithmetic}\n"));
  auto geo = CompileText(
      ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: geometric}\n"));
  auto low =
      CompileText(ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: min}\n"));
  // (1 + 0.5 + 0.25) / 3 = 0.583333...; (1 · 0.5 · 0.25)^(1/3) = 0.125^(1/3) = 0.5; min = 0.25.
  EXPECT_NEAR(*AssessText(*arith, Scenario3(4, 2, 1)).overall, 1.75 / 3, kTol);
  EXPECT_NEAR(*AssessText(*geo, Scenario3(4, 2, 1)).overall, 0.5, kTol);
  EXPECT_NEAR(*AssessText(*low, Scenario3(4, 2, 1)).overall, 0.25, kTol);
  // A zero layer makes the geometric overall 0.
  EXPECT_EQ(*AssessText(*geo, Scenario3(4, 0, 1)).overall, 0.0);
}

TEST(Score, AmpiWithEqualWeights) {
  auto model =
      CompileText(ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n"));
  Assessment a = AssessText(*model, Scenario3(4, 2, 1));
  // r = 70 + 60 s = (130, 100, 85); M = 105; deviations (25, -5, -20), squares (625, 25, 400),
  // weighted mean 1050/3 = 350 = S²; AMPI = M - S·(S/M) = 105 - 350/105 = 101.666666...
  EXPECT_NEAR(*a.ampi, 105.0 - 350.0 / 105.0, 1e-10);
  EXPECT_NEAR(*a.overall, (105.0 - 350.0 / 105.0 - 70.0) / 60.0, 1e-12);
}

TEST(Score, AmpiWithUnequalWeights) {
  auto model = CompileText(ThreeLayerRubric(
      "arithmetic",
      "overall: {group: layers, aggregate: ampi, weights: {national: 2, social: 1, human: 1}}\n"));
  Assessment a = AssessText(*model, Scenario3(4, 2, 1));
  // v = (0.5, 0.25, 0.25); r = (130, 100, 85); M = 65 + 25 + 21.25 = 111.25.
  // deviations (18.75, -11.25, -26.25); v·dev² = 175.78125 + 31.640625 + 172.265625 = 379.6875 =
  // S². AMPI = 111.25 - 379.6875 / 111.25 = 111.25 - 3.4129213483146067 = 107.83707865168539.
  // overall = (107.83707865168539 - 70) / 60 = 0.6306179775280899.
  EXPECT_NEAR(*a.ampi, 107.83707865168539, 1e-10);
  EXPECT_NEAR(*a.overall, 0.6306179775280899, 1e-12);
}

TEST(Score, AmpiOfPerfectBalanceIsTheMean) {
  auto model =
      CompileText(ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n"));
  Assessment a = AssessText(*model, Scenario3(2, 2, 2));
  EXPECT_NEAR(*a.ampi, 100.0, 1e-12);  // S = 0: AMPI = M = 70 + 60·0.5
  EXPECT_NEAR(*a.overall, 0.5, 1e-12);
}

TEST(Score, RangeScaleLogLowerIsBetterAndClamp) {
  const std::string rubric =
      "poise: rubric/1\nid: one\nversion: \"1\"\ntitle: R\n"
      "groups: [{id: g, members: [{id: m}, {id: other}]}]\n"
      "criteria:\n"
      "  - {id: gni, title: G, question: Q, scale: {type: range, min: 100, max: 75000, transform: "
      "log}, loads: {g: {m: 1}}}\n"
      "  - {id: deaths, title: D, question: Q, scale: {type: range, min: 0, max: 200, direction: "
      "lower_is_better}, loads: {g: {m: 1}}}\n"
      "  - {id: years, title: Y, question: Q, scale: {type: range, min: 0, max: 18}, loads: {g: "
      "{other: 1}}}\n"
      "overall: {group: g, aggregate: arithmetic}\n";
  auto model = CompileText(rubric);
  Assessment a = AssessText(*model,
                            "poise: scenario/1\nid: s\ntitle: S\nrubric: one\n"
                            "ratings: {gni: 64992, deaths: 50, years: 20.2}\n");
  // log: (ln 64992 - ln 100) / (ln 75000 - ln 100) = ln 649.92 / ln 750.
  EXPECT_NEAR(*a.normalized[0], std::log(649.92) / std::log(750.0), 1e-12);
  // lower is better: 1 - (50 - 0) / 200 = 0.75.
  EXPECT_NEAR(*a.normalized[1], 0.75, kTol);
  // clamp: 20.2 beyond the goalpost 18 counts as 18 -> 1.
  EXPECT_NEAR(*a.normalized[2], 1.0, kTol);
}

TEST(Score, CrosstabCellsAndBlindSpot) {
  const std::string rubric =
      "poise: rubric/1\nid: x\nversion: \"1\"\ntitle: X\n"
      "groups:\n"
      "  - {id: rows, members: [{id: r1}, {id: r2}]}\n"
      "  - {id: cols, members: [{id: c1}, {id: c2}]}\n"
      "criteria:\n"
      "  - {id: p, title: P, question: Q, loads: {rows: {r1: 1}, cols: {c1: 1}}}\n"
      "  - {id: q, title: Q, question: Q, weight: 2, loads: {rows: {r1: 0.5}, cols: {c1: 1}}}\n"
      "  - {id: s, title: S, question: Q, loads: {rows: {r1: 1}, cols: {c2: 1}}}\n"
      "  - {id: t, title: T, question: Q, loads: {rows: {r2: 1}, cols: {c1: 1}}}\n"
      "  - {id: u, title: U, question: Q, loads: {rows: {r2: 1}}}\n"
      "  - {id: v, title: V, question: Q, loads: {cols: {c2: 1}}}\n"
      "overall: {group: rows, aggregate: arithmetic}\n"
      "crosstab: [rows, cols]\n";
  auto model = CompileText(rubric);
  // (r2, c2): no criterion loads on both -> blind spot of the rubric.
  EXPECT_EQ(model->blind_spot, (std::vector<unsigned char>{0, 0, 0, 1}));
  Assessment a =
      AssessText(*model,
                 "poise: scenario/1\nid: s\ntitle: S\nrubric: x\n"
                 "ratings: {p: 4, q: 2, s: 1, u: 3, v: 0}\nnot_assessed: {t: unknown}\n");
  // (r1, c1): p with w·la·lb = 1·1·1 = 1, x = 1; q with 2·0.5·1 = 1, x = 0.5 -> (1 + 0.5) / 2 =
  // 0.75.
  EXPECT_NEAR(*a.crosstab[0], 0.75, kTol);
  // (r1, c2): s alone, x = 0.25.
  EXPECT_NEAR(*a.crosstab[1], 0.25, kTol);
  // (r2, c1): t loads there but is not assessed -> null (not a blind spot).
  EXPECT_FALSE(a.crosstab[2].has_value());
  EXPECT_FALSE(a.crosstab[3].has_value());
}

TEST(Score, BatchRowsAreIndependent) {
  auto model =
      CompileText(ThreeLayerRubric("arithmetic", "overall: {group: layers, aggregate: ampi}\n"));
  Eigen::MatrixXd ratings(3, 3);
  const double nan = std::nan("");
  ratings << 4, 2, 1,  //
      2, 2, 2,         //
      nan, 4, 4;
  Scores scores = ScoreBatch(*model, ratings);
  EXPECT_NEAR(scores.ampi(0), 105.0 - 350.0 / 105.0, 1e-10);
  EXPECT_NEAR(scores.overall(1), 0.5, 1e-12);
  EXPECT_FALSE(scores.has_overall(2, 0));  // national has no rated criterion
  EXPECT_FALSE(scores.groups[0].has_score(2, 0));
  EXPECT_TRUE(scores.groups[0].has_score(2, 1));
}

}  // namespace
}  // namespace poise
