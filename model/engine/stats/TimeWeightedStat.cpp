#include "engine/stats/TimeWeightedStat.hpp"

#include <algorithm>
#include <cassert>

namespace jeugdsim::engine {

TimeWeightedStat::TimeWeightedStat(Time start, double initial)
    : start_(start), last_(start), value_(initial), max_(initial) {}

void TimeWeightedStat::reset(Time t) {
  assert(t >= last_ && "TimeWeightedStat::reset: time went backwards");
  start_ = t;
  last_ = t;
  area_ = 0.0;
  max_ = value_;
}

double TimeWeightedStat::integral(Time until) const { return area_ + value_ * (until - last_); }

double TimeWeightedStat::mean(Time until) const {
  if (until <= start_) return value_;
  return integral(until) / (until - start_);
}

}  // namespace jeugdsim::engine
