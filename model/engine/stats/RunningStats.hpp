#pragma once
#include <algorithm>
#include <cstdint>

namespace jeugdsim::engine {

// Count, mean, variance (Welford's numerically stable update), minimum and maximum of a stream
// of observations. merge() combines two accumulators exactly (Chan et al.).
class RunningStats {
 public:
  void add(double x);
  void merge(const RunningStats& other);
  std::uint64_t count() const { return count_; }
  double mean() const { return mean_; }        // 0 when empty
  double variance() const;                     // sample variance (n-1); 0 when count < 2
  double stddev() const;
  double min() const { return min_; }          // +inf when empty
  double max() const { return max_; }          // -inf when empty
  double sum() const { return mean_ * static_cast<double>(count_); }

 private:
  std::uint64_t count_ = 0;
  double mean_ = 0.0, m2_ = 0.0;
  double min_ = 1.0 / 0.0, max_ = -1.0 / 0.0;
};

// Defined inline: called on the hot path of every event that records a statistic.
inline void RunningStats::add(double x) {
  // Welford: update the mean by the scaled deviation and accumulate the squared deviations
  // about the running mean, avoiding the cancellation of sum(x^2) - n * mean^2.
  ++count_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(count_);
  m2_ += delta * (x - mean_);
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
}

}  // namespace jeugdsim::engine
