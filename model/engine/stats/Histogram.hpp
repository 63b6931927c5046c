#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

namespace jeugdsim::engine {

// Fixed-width histogram on [0, bin_width * bins) with an overflow bin, for quantiles of waits
// without storing every observation. quantile(p) interpolates linearly within the bin; values
// in the overflow bin are reported as the largest observed value. Negative values are an error.
class Histogram {
 public:
  Histogram(double bin_width, std::size_t bins);
  void add(double x);
  void merge(const Histogram& other);  // same layout required
  std::uint64_t count() const { return count_; }
  double quantile(double p) const;     // p in [0, 1]; NaN when empty
  double share_at_or_below(double x) const;  // exact at bin edges; interpolated inside a bin
  double max() const { return max_; }

 private:
  [[noreturn]] static void throw_invalid_observation(double x);
  double bin_width_;
  std::vector<std::uint64_t> counts_;  // last element is the overflow bin
  std::uint64_t count_ = 0;
  double max_ = 0.0;
};

// Defined inline: called on the hot path of every event that records a statistic.
inline void Histogram::add(double x) {
  if (!(x >= 0.0)) throw_invalid_observation(x);
  const std::size_t bins = counts_.size() - 1;
  const double position = x / bin_width_;
  // Compare as double first: a huge x would overflow the conversion to size_t.
  const std::size_t index = position >= static_cast<double>(bins) ? bins : static_cast<std::size_t>(position);
  ++counts_[index];
  ++count_;
  max_ = std::max(max_, x);
}

}  // namespace jeugdsim::engine
