#pragma once
#include <algorithm>
#include <cassert>

#include "engine/Event.hpp"

namespace jeugdsim::engine {

// Time average and maximum of a piecewise-constant quantity (a queue length, a caseload).
// Observation starts at `start` with `initial` value; set(t, v) records that the value becomes
// v at time t (t never decreases). reset(t) restarts the averaging at t keeping the current
// value (used at the end of the warm-up).
class TimeWeightedStat {
 public:
  explicit TimeWeightedStat(Time start = 0.0, double initial = 0.0);
  void set(Time t, double value);
  void add(Time t, double delta) { set(t, value_ + delta); }
  void reset(Time t);
  double value() const { return value_; }
  double mean(Time until) const;   // average over [start, until]; the current value if until == start
  double max() const { return max_; }  // maximum since start (including the value at start)
  double integral(Time until) const;

 private:
  Time start_, last_;
  double value_, area_ = 0.0, max_;
};

// Defined inline: called on the hot path of every event that records a statistic.
inline void TimeWeightedStat::set(Time t, double value) {
  assert(t >= last_ && "TimeWeightedStat::set: time went backwards");
  area_ += value_ * (t - last_);
  last_ = t;
  value_ = value;
  max_ = std::max(max_, value);
}

}  // namespace jeugdsim::engine
