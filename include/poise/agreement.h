// Inter-rater agreement for panels of raters: Krippendorff's alpha (nominal, ordinal, interval)
// and per-criterion summaries. Pure math: no files, no printing.
#ifndef POISE_POISE_AGREEMENT_H_
#define POISE_POISE_AGREEMENT_H_

#include <Eigen/Core>
#include <optional>
#include <vector>

namespace poise {

enum class AlphaMetric { kNominal, kOrdinal, kInterval };

// Krippendorff's alpha of reliability data: `values` is raters × units, NaN where a rater gave no
// value. Units with fewer than two values are not pairable and are left out. Uses the coincidence
// matrix form α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck, with δ² for ordinal data computed
// from the marginal frequencies n_g of the values between c and k (Krippendorff 2011).
// Returns nullopt when fewer than two pairable values exist or every pairable value is the same
// (the expected disagreement is 0 and alpha is undefined).
std::optional<double> KrippendorffAlpha(const Eigen::Ref<const Eigen::MatrixXd>& values,
                                        AlphaMetric metric);

// Median of the present (non-NaN) values; with an even count, the lower of the two middle values
// when `lower` (so that the median of levels is a level), else their mean. REQUIRES: one value.
double Median(std::vector<double> values, bool lower);

}  // namespace poise

#endif  // POISE_POISE_AGREEMENT_H_
