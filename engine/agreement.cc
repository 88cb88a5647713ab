#include "poise/agreement.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace poise {

std::optional<double> KrippendorffAlpha(const Eigen::Ref<const Eigen::MatrixXd>& values,
                                        AlphaMetric metric) {
  // Distinct values, sorted (ordinal ranks follow this order).
  std::vector<double> distinct;
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const double v = values.data()[i];
    if (!std::isnan(v)) distinct.push_back(v);
  }
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const auto v_count = static_cast<Eigen::Index>(distinct.size());
  auto index_of = [&](double v) {
    return static_cast<Eigen::Index>(std::lower_bound(distinct.begin(), distinct.end(), v) -
                                     distinct.begin());
  };
  // Coincidence matrix: each ordered pair of values within a unit, from different raters, adds
  // 1 / (m_u − 1).
  Eigen::MatrixXd o = Eigen::MatrixXd::Zero(v_count, v_count);
  for (Eigen::Index u = 0; u < values.cols(); ++u) {
    std::vector<Eigen::Index> present;
    for (Eigen::Index r = 0; r < values.rows(); ++r) {
      if (!std::isnan(values(r, u))) present.push_back(index_of(values(r, u)));
    }
    if (present.size() < 2) continue;
    const double weight = 1.0 / static_cast<double>(present.size() - 1);
    for (size_t a = 0; a < present.size(); ++a) {
      for (size_t b = 0; b < present.size(); ++b) {
        if (a != b) o(present[a], present[b]) += weight;
      }
    }
  }
  const Eigen::VectorXd n_c = o.rowwise().sum();
  const double n = n_c.sum();
  if (n < 2) return std::nullopt;
  Eigen::MatrixXd delta2(v_count, v_count);
  for (Eigen::Index c = 0; c < v_count; ++c) {
    for (Eigen::Index k = 0; k < v_count; ++k) {
      switch (metric) {
        case AlphaMetric::kNominal:
          delta2(c, k) = c == k ? 0 : 1;
          break;
        case AlphaMetric::kInterval:
          delta2(c, k) = (distinct[static_cast<size_t>(c)] - distinct[static_cast<size_t>(k)]) *
                         (distinct[static_cast<size_t>(c)] - distinct[static_cast<size_t>(k)]);
          break;
        case AlphaMetric::kOrdinal: {
          const Eigen::Index lo = std::min(c, k), hi = std::max(c, k);
          const double between = n_c.segment(lo, hi - lo + 1).sum() - (n_c(lo) + n_c(hi)) / 2;
          delta2(c, k) = between * between;
          break;
        }
      }
    }
  }
  const double observed = (o.array() * delta2.array()).sum();
  const double expected = (n_c * n_c.transpose()).cwiseProduct(delta2).sum();
  if (expected == 0) return std::nullopt;
  return 1 - (n - 1) * observed / expected;
}

double Median(std::vector<double> values, bool lower) {
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  return lower ? values[mid - 1] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace poise
