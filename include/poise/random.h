// Random numbers that are the same on every platform and compiler: SplitMix64 (Steele, Lea and
// Flood 2014) and distributions built on it by hand — unlike <random>'s distributions, whose
// output is implementation-defined. Used by `synth`, `sensitivity` and their tests.
#ifndef POISE_POISE_RANDOM_H_
#define POISE_POISE_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace poise {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  // A generator for sub-stream `stream` of `seed`: streams are independent of one another, so a
  // sample's draws do not depend on which thread makes them or on how many samples came before.
  static Random Stream(uint64_t seed, uint64_t stream) {
    Random mix(seed ^ (stream * 0xD1B54A32D192ED03ull));
    return Random(mix.Next() + stream);
  }

  uint64_t Next() { return Mix(state_ += kGamma); }
  // The number the (k + 1)-th call of Next() would return, without advancing. SplitMix64's state
  // moves by a constant step, so any draw of a stream can be computed on its own: Peek(k) for
  // k = 0, 1, 2, … equals successive Next() calls.
  uint64_t Peek(uint64_t k) const { return Mix(state_ + (k + 1) * kGamma); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  // An integer uniform on [0, n) (bias below 2^-53 · n: fine for the small n poise uses).
  // REQUIRES: 0 < n < 2^53.
  uint64_t Below(uint64_t n) {
    const auto k = static_cast<uint64_t>(Uniform() * static_cast<double>(n));
    return k < n ? k : n - 1;
  }
  double Normal() {  // Box–Muller
    const double u = 1 - Uniform(), v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
  }
  // Gamma(shape, 1): Marsaglia and Tsang (2000), with Gamma(a) = Gamma(a + 1) · U^(1/a) for a < 1.
  // Returns 0 for a shape that is not a positive finite number.
  double Gamma(double shape) {
    if (!(shape > 0) || !std::isfinite(shape)) return 0;  // no such distribution: never loop
    if (shape < 1) return Gamma(shape + 1) * std::pow(1 - Uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    while (true) {
      double x = 0, v = 0;
      do {
        x = Normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = 1 - Uniform();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }
  // Poisson(1), by inversion: the weight of one observation in a Poisson bootstrap replicate.
  int Poisson1() {
    double u = Uniform(), p = std::exp(-1.0), cumulative = p;
    int k = 0;
    while (u > cumulative && k < 20) {
      ++k;
      p /= k;
      cumulative += p;
    }
    return k;
  }

 private:
  static constexpr uint64_t kGamma = 0x9E3779B97F4A7C15ull;
  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  uint64_t state_;
};

// A Dirichlet draw centred on `mean` (entries >= 0, summing to 1) with concentration k > 0:
// component i ~ Gamma(k · mean_i), normalised. E[x_i] = mean_i and
// Var[x_i] = mean_i (1 − mean_i) / (k + 1). Entries with mean 0 stay 0.
inline std::vector<double> Dirichlet(Random& random, const std::vector<double>& mean, double k) {
  std::vector<double> x(mean.size(), 0.0);
  double sum = 0;
  for (size_t i = 0; i < mean.size(); ++i) {
    if (mean[i] > 0) sum += x[i] = random.Gamma(k * mean[i]);
  }
  if (sum > 0) {
    for (double& v : x) v /= sum;
  } else {
    x = mean;  // every gamma underflowed (tiny k · mean): keep the centre
  }
  return x;
}

}  // namespace poise

#endif  // POISE_POISE_RANDOM_H_
