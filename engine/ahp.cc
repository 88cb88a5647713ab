#include <Eigen/Eigenvalues>
#include <array>
#include <cmath>

#include "poise/weights.h"

namespace poise {

double SaatyRandomIndex(int n) {
  static constexpr std::array<double, 15> kRandomIndex = {
      0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  return kRandomIndex[static_cast<size_t>(n - 1)];
}

std::optional<AhpResult> AhpPriorities(const Eigen::Ref<const Eigen::MatrixXd>& pairwise) {
  const Eigen::Index n = pairwise.rows();
  AhpResult result;
  if (n == 1) {
    result.weights = Eigen::VectorXd::Ones(1);
    result.lambda_max = 1;
    return result;
  }
  Eigen::EigenSolver<Eigen::MatrixXd> solver(pairwise, /*computeEigenvectors=*/true);
  if (solver.info() != Eigen::Success) return std::nullopt;
  // Perron–Frobenius: a positive matrix has a real eigenvalue of largest modulus with a positive
  // eigenvector. EigenSolver returns eigenvalues unsorted and vectors of arbitrary sign and scale.
  Eigen::Index best = -1;
  for (Eigen::Index k = 0; k < n; ++k) {
    const std::complex<double> value = solver.eigenvalues()(k);
    if (std::abs(value.imag()) > 1e-9 * std::max(1.0, std::abs(value.real()))) continue;
    if (best < 0 || value.real() > solver.eigenvalues()(best).real()) best = k;
  }
  if (best < 0) return std::nullopt;
  Eigen::VectorXd vector = solver.eigenvectors().col(best).real().cwiseAbs();
  const double sum = vector.sum();
  if (!(sum > 0) || !vector.allFinite()) return std::nullopt;
  result.weights = vector / sum;
  result.lambda_max = solver.eigenvalues()(best).real();
  if (n > 2) {
    const auto size = static_cast<double>(n);
    // lambda_max >= n holds exactly for positive reciprocal matrices; clip rounding below it.
    result.ci = std::max(0.0, (result.lambda_max - size) / (size - 1));
    result.cr = result.ci / SaatyRandomIndex(static_cast<int>(n));
  }
  return result;
}

}  // namespace poise
