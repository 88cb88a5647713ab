#include "poise/agreement.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poise {
namespace {

const double kNa = std::nan("");

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section "C": 4 observers,
// 12 units, missing values. Published: nominal 0.743, ordinal 0.815, interval 0.849.
Eigen::MatrixXd KrippendorffExample() {
  Eigen::MatrixXd data(4, 12);
  data << 1, 2, 3, 3, 2, 1, 4, 1, 2, kNa, kNa, kNa,  //
      1, 2, 3, 3, 2, 2, 4, 1, 2, 5, kNa, 3,          //
      kNa, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, kNa,        //
      1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, kNa;
  return data;
}

TEST(Agreement, ReproducesKrippendorffsPublishedExample) {
  const Eigen::MatrixXd data = KrippendorffExample();
  EXPECT_NEAR(*KrippendorffAlpha(data, AlphaMetric::kNominal), 0.743, 0.0005);
  EXPECT_NEAR(*KrippendorffAlpha(data, AlphaMetric::kOrdinal), 0.815, 0.0005);
  EXPECT_NEAR(*KrippendorffAlpha(data, AlphaMetric::kInterval), 0.849, 0.0005);
}

TEST(Agreement, TwoRatersByHand) {
  // Two raters, three units: (1, 1), (2, 3), (3, 3). Coincidences: 1-1: 2; 2-3 and 3-2: 1 each;
  // 3-3: 2. n_1 = 2, n_2 = 1, n_3 = 3, n = 6.
  // interval: D_o term Σ o δ² = 1 + 1 = 2; Σ n_c n_k δ² = 2·(2·1·1 + 2·3·4 + 1·3·1) = 2·29 = 58.
  // α = 1 − 5 · 2 / 58 = 1 − 10/58 = 0.827586...
  Eigen::MatrixXd data(2, 3);
  data << 1, 2, 3,  //
      1, 3, 3;
  EXPECT_NEAR(*KrippendorffAlpha(data, AlphaMetric::kInterval), 1 - 10.0 / 58, 1e-12);
  // ordinal δ²: (1,2): (n1/2 + n2/2)² = (1 + 0.5)² = 2.25; (2,3): (0.5 + 1.5)² = 4;
  // (1,3): (1 + 1 + 1.5)² = 12.25. Σ o δ² = 2·4 = 8; Σ n n δ² = 2·(2·1·2.25 + 1·3·4 + 2·3·12.25)
  // = 2·(4.5 + 12 + 73.5) = 180. α = 1 − 5·8/180 = 0.777...
  EXPECT_NEAR(*KrippendorffAlpha(data, AlphaMetric::kOrdinal), 1 - 40.0 / 180, 1e-12);
}

TEST(Agreement, PerfectAgreementAndUndefinedCases) {
  Eigen::MatrixXd same(3, 2);
  same << 1, 4,  //
      1, 4,      //
      1, 4;
  EXPECT_NEAR(*KrippendorffAlpha(same, AlphaMetric::kInterval), 1.0, 1e-15);
  Eigen::MatrixXd constant(2, 2);
  constant << 2, 2,  //
      2, 2;
  EXPECT_FALSE(KrippendorffAlpha(constant, AlphaMetric::kOrdinal).has_value());  // no variation
  Eigen::MatrixXd lonely(2, 2);
  lonely << 1, kNa,  //
      kNa, 2;
  EXPECT_FALSE(KrippendorffAlpha(lonely, AlphaMetric::kInterval).has_value());  // nothing pairable
}

TEST(Agreement, Median) {
  EXPECT_EQ(Median({3, 1, 2}, true), 2);
  EXPECT_EQ(Median({4, 1, 3, 2}, true), 2);
  EXPECT_EQ(Median({4, 1, 3, 2}, false), 2.5);
}

}  // namespace
}  // namespace poise
