#include "experiment/Mser5.hpp"

#include <limits>

namespace jeugdsim::experiment {

std::size_t mser5_truncation(const std::vector<double>& series) {
  constexpr std::size_t kBatch = 5;
  const std::size_t k = series.size() / kBatch;
  if (k < 2) return 0;
  std::vector<double> batch(k);
  for (std::size_t b = 0; b < k; ++b) {
    double s = 0;
    for (std::size_t i = 0; i < kBatch; ++i) s += series[b * kBatch + i];
    batch[b] = s / kBatch;
  }
  // Suffix sums give each candidate's mean and squared deviation in O(1).
  std::vector<double> suffix_sum(k + 1, 0.0), suffix_sq(k + 1, 0.0);
  for (std::size_t b = k; b-- > 0;) {
    suffix_sum[b] = suffix_sum[b + 1] + batch[b];
    suffix_sq[b] = suffix_sq[b + 1] + batch[b] * batch[b];
  }
  std::size_t best = 0;
  double best_value = std::numeric_limits<double>::infinity();
  for (std::size_t d = 0; d <= k / 2; ++d) {
    const double n = static_cast<double>(k - d);
    const double mean = suffix_sum[d] / n;
    const double ss = suffix_sq[d] - n * mean * mean;
    const double value = (ss < 0 ? 0 : ss) / (n * n);
    if (value < best_value) {
      best_value = value;
      best = d;
    }
  }
  return best * kBatch;
}

}  // namespace jeugdsim::experiment
