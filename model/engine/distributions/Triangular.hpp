#pragma once
#include <cmath>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Triangular(min, mode, max) by inversion of the piecewise-quadratic CDF.
class Triangular {
 public:
  Triangular(double min, double mode, double max) : min_(min), mode_(mode), max_(max) {
    if (!std::isfinite(min)) detail::throw_invalid("triangular", "min", "finite", min);
    if (!std::isfinite(max) || !(max > min)) detail::throw_invalid("triangular", "max", "finite and > min", max);
    if (!(mode >= min && mode <= max)) detail::throw_invalid("triangular", "mode", "within [min, max]", mode);
    split_ = (mode - min) / (max - min);
  }
  double sample(PhiloxEngine& engine) const {
    const double u = engine.uniform01();
    const double width = max_ - min_;
    if (u < split_) return min_ + std::sqrt(u * width * (mode_ - min_));
    return max_ - std::sqrt((1.0 - u) * width * (max_ - mode_));
  }
  double min() const { return min_; }
  double mode() const { return mode_; }
  double max() const { return max_; }
  double mean() const { return (min_ + mode_ + max_) / 3.0; }

 private:
  double min_, mode_, max_;
  double split_ = 0.0;  // CDF at the mode
};

}  // namespace jeugdsim::engine
