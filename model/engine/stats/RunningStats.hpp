#pragma once
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

}  // namespace jeugdsim::engine
