#include "engine/stats/Histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

void Histogram::throw_invalid_observation(double x) {
  detail::throw_invalid("histogram", "observation", ">= 0", x);
}

Histogram::Histogram(double bin_width, std::size_t bins) : bin_width_(bin_width) {
  if (!(bin_width > 0.0) || !std::isfinite(bin_width)) detail::throw_invalid("histogram", "bin_width", "> 0 and finite", bin_width);
  if (bins == 0) detail::throw_invalid("histogram", "bins", ">= 1", 0.0);
  counts_.assign(bins + 1, 0);
}

void Histogram::merge(const Histogram& other) {
  if (other.counts_.size() != counts_.size() || other.bin_width_ != bin_width_) {
    throw std::invalid_argument("histogram: merge needs the same bin width and bin count");
  }
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

double Histogram::quantile(double p) const {
  if (!(p >= 0.0 && p <= 1.0)) detail::throw_invalid("histogram", "p", "within [0, 1]", p);
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double target = p * static_cast<double>(count_);
  const std::size_t bins = counts_.size() - 1;
  double below = 0.0;
  for (std::size_t i = 0; i < bins; ++i) {
    const double here = static_cast<double>(counts_[i]);
    if (here > 0.0 && below + here >= target) {
      // Observations assumed spread evenly over the bin. Never report more than was seen:
      // with all values near a bin's lower edge interpolation would otherwise overshoot.
      const double fraction = std::max(0.0, (target - below) / here);
      return std::min(max_, (static_cast<double>(i) + fraction) * bin_width_);
    }
    below += here;
  }
  return max_;  // the quantile lies in the overflow bin
}

double Histogram::share_at_or_below(double x) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (x < 0.0) return 0.0;
  const std::size_t bins = counts_.size() - 1;
  const double position = x / bin_width_;
  const double n = static_cast<double>(count_);
  if (position >= static_cast<double>(bins)) {
    // Beyond the regular bins only the overflow's maximum is known.
    const double regular = n - static_cast<double>(counts_[bins]);
    return (x >= max_ ? n : regular) / n;
  }
  const std::size_t index = static_cast<std::size_t>(position);
  double below = 0.0;
  for (std::size_t i = 0; i < index; ++i) below += static_cast<double>(counts_[i]);
  const double fraction = position - static_cast<double>(index);
  return (below + fraction * static_cast<double>(counts_[index])) / n;
}

}  // namespace jeugdsim::engine
