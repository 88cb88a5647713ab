// AHP priorities and consistency (FORMATS.md §3.4) against derivations and a published example.
#include <gtest/gtest.h>

#include <cmath>

#include "poise/weights.h"
#include "test_util.h"

namespace poise {
namespace {

TEST(Ahp, RandomIndexIsSaatysTable) {
  const double expected[] = {0,    0,    0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                             1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  for (int n = 1; n <= 15; ++n) EXPECT_EQ(SaatyRandomIndex(n), expected[n - 1]) << n;
}

TEST(Ahp, ConsistentMatrixGivesExactRatios) {
  // Built from weights 4 : 2 : 1, so a_ij = w_i / w_j and A w = 3 w exactly:
  // eigenvector (4, 2, 1) / 7, lambda_max = n = 3, CI = CR = 0.
  Eigen::Matrix3d a;
  a << 1, 2, 4,   //
      0.5, 1, 2,  //
      0.25, 0.5, 1;
  auto result = AhpPriorities(a);
  ASSERT_TRUE(result.has_value());
  EXPECT_NEAR(result->weights(0), 4.0 / 7, 1e-12);
  EXPECT_NEAR(result->weights(1), 2.0 / 7, 1e-12);
  EXPECT_NEAR(result->weights(2), 1.0 / 7, 1e-12);
  EXPECT_NEAR(result->lambda_max, 3.0, 1e-12);
  EXPECT_NEAR(result->ci, 0.0, 1e-12);
  EXPECT_NEAR(result->cr, 0.0, 1e-12);
}

TEST(Ahp, InconsistentThreeByThreeMatchesClosedForm) {
  // a12 = a13 = a23 = 2. For n = 3 the principal eigenvector is the normalised geometric mean of
  // the rows: g = (4^(1/3), (1/2·1·2)^(1/3), (1/4)^(1/3)) = (1.5874011, 1, 0.6299605).
  // Check row 1 of A g = λ g: g1 + 2 g2 + 2 g3 = 1.5874011 + 2 + 1.2599210 = 4.8473221, and
  // λ = 1 + d^(1/3) + d^(-1/3) with d = a13 / (a12 a23) = 1/2: λ = 1 + 0.7937005 + 1.2599210
  // = 3.0536216; λ g1 = 3.0536216 · 1.5874011 = 4.8473221. ✓
  // CI = (λ - 3) / 2 = 0.0268108; CR = CI / 0.58 = 0.0462255.
  Eigen::Matrix3d a;
  a << 1, 2, 2,   //
      0.5, 1, 2,  //
      0.5, 0.5, 1;
  auto result = AhpPriorities(a);
  ASSERT_TRUE(result.has_value());
  const double g1 = std::cbrt(4.0), g2 = 1.0, g3 = std::cbrt(0.25);
  const double sum = g1 + g2 + g3;
  EXPECT_NEAR(result->weights(0), g1 / sum, 1e-12);
  EXPECT_NEAR(result->weights(1), g2 / sum, 1e-12);
  EXPECT_NEAR(result->weights(2), g3 / sum, 1e-12);
  const double lambda = 1 + std::cbrt(0.5) + std::cbrt(2.0);
  EXPECT_NEAR(result->lambda_max, lambda, 1e-12);
  EXPECT_NEAR(result->ci, (lambda - 3) / 2, 1e-12);
  EXPECT_NEAR(result->cr, (lambda - 3) / 2 / 0.58, 1e-12);
}

TEST(Ahp, ReproducesSaaty2008DrinksExample) {
  // Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J. Services
  // Sciences 1(1), 83–98: relative consumption of drinks in the United States. Published
  // priorities (3 decimals): coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129,
  // water .327; CR = .022.
  Eigen::MatrixXd a(7, 7);
  a << 1, 9, 5, 2, 1, 1, 0.5,                                   //
      1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9,  //
      1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9,        //
      1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,                    //
      1, 9, 4, 2, 1, 2, 1.0 / 2,                                //
      1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,                          //
      2, 9, 9, 3, 2, 3, 1;
  auto result = AhpPriorities(a);
  ASSERT_TRUE(result.has_value());
  const double published[] = {0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(result->weights(i), published[i], 0.0005) << i;
  EXPECT_NEAR(result->cr, 0.022, 0.0005);
  EXPECT_NEAR(result->weights.sum(), 1.0, 1e-12);
}

TEST(Ahp, RubricJudgementsBecomeOverallWeightsAndFlag) {
  // The 3×3 of InconsistentThreeByThreeMatchesClosedForm written in a rubric, with a fraction.
  auto model = testing::CompileText(testing::ThreeLayerRubric(
      "arithmetic",
      "overall:\n  group: layers\n  aggregate: arithmetic\n  weights:\n    ahp:\n"
      "      national: {social: 2, human: 2}\n      human: {social: \"1/2\"}\n"));
  ASSERT_NE(model, nullptr);
  const double g1 = std::cbrt(4.0), g3 = std::cbrt(0.25), sum = g1 + 1 + g3;
  EXPECT_NEAR(model->overall_weights(0), g1 / sum, 1e-12);
  EXPECT_NEAR(model->overall_weights(1), 1 / sum, 1e-12);
  EXPECT_NEAR(model->overall_weights(2), g3 / sum, 1e-12);
  ASSERT_TRUE(model->ahp.has_value());
  EXPECT_FALSE(model->ahp->inconsistent);  // CR 0.046 <= 0.1

  // Strongly intransitive judgements: national > social > human > national.
  auto cyclic = testing::CompileText(testing::ThreeLayerRubric(
      "arithmetic",
      "overall:\n  group: layers\n  aggregate: arithmetic\n  weights:\n    ahp:\n"
      "      national: {social: 5, human: \"1/5\"}\n      social: {human: 5}\n"));
  ASSERT_NE(cyclic, nullptr);
  EXPECT_GT(cyclic->ahp->cr, 0.1);
  Assessment a = testing::AssessText(
      *cyclic, "poise: scenario/1\nid: s\ntitle: S\nrubric: three\nratings: {a: 2, b: 2, c: 2}\n");
  ASSERT_FALSE(a.flags.empty());
  EXPECT_EQ(a.flags.back().code, "inconsistent_judgements");
}

}  // namespace
}  // namespace poise
