// Weights from Saaty's Analytic Hierarchy Process: the principal eigenvector of a pairwise
// comparison matrix and its consistency (FORMATS.md §3.4). Pure math: no files, no printing.
#ifndef POISE_POISE_WEIGHTS_H_
#define POISE_POISE_WEIGHTS_H_

#include <Eigen/Core>
#include <optional>

namespace poise {

// Saaty's random consistency index RI(n) for n = 1..15 (FORMATS §3.4).
// REQUIRES: 1 <= n <= 15.
double SaatyRandomIndex(int n);

struct AhpResult {
  Eigen::VectorXd weights;  // principal eigenvector, entries > 0, normalised to sum 1
  double lambda_max = 0;    // principal eigenvalue (>= n for a positive reciprocal matrix)
  double ci = 0;            // (lambda_max - n) / (n - 1); 0 for n <= 2
  double cr = 0;            // ci / RI(n); 0 for n <= 2
};

// Priorities of a positive reciprocal pairwise matrix (a_ij > 0, a_ji = 1 / a_ij, a_ii = 1).
// Returns nullopt when the eigen-decomposition fails or yields no positive principal vector.
// REQUIRES: square, 1 <= rows <= 15, all entries finite and > 0.
std::optional<AhpResult> AhpPriorities(const Eigen::Ref<const Eigen::MatrixXd>& pairwise);

}  // namespace poise

#endif  // POISE_POISE_WEIGHTS_H_
