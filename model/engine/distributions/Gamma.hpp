#pragma once
#include <cmath>

#include <boost/random/normal_distribution.hpp>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Gamma(shape k, scale theta), mean k * theta. Marsaglia & Tsang (2000): for k >= 1 squeeze a
// transformed normal (Boost.Random) with d = k - 1/3, c = 1 / sqrt(9d); for k < 1 draw
// Gamma(k + 1) and multiply by u^(1/k), which keeps one algorithm for every shape.
class Gamma {
 public:
  Gamma(double shape, double scale) : shape_(shape), scale_(scale) {
    if (!(shape > 0.0) || !std::isfinite(shape)) detail::throw_invalid("gamma", "shape", "> 0 and finite", shape);
    if (!(scale > 0.0) || !std::isfinite(scale)) detail::throw_invalid("gamma", "scale", "> 0 and finite", scale);
    d_ = (shape < 1.0 ? shape + 1.0 : shape) - 1.0 / 3.0;
    c_ = 1.0 / std::sqrt(9.0 * d_);
  }
  // cv = 1 / sqrt(shape), so shape = 1 / cv^2 and scale = mean * cv^2.
  static Gamma from_mean_cv(double mean, double cv) {
    if (!(mean > 0.0) || !std::isfinite(mean)) detail::throw_invalid("gamma", "mean", "> 0 and finite", mean);
    if (!(cv > 0.0) || !std::isfinite(cv)) detail::throw_invalid("gamma", "cv", "> 0", cv);
    return Gamma(1.0 / (cv * cv), mean * cv * cv);
  }
  double sample(PhiloxEngine& engine) const {
    boost::random::normal_distribution<double> normal;
    double standard;
    for (;;) {
      const double x = normal(engine);
      const double t = 1.0 + c_ * x;
      if (t <= 0.0) continue;
      const double v = t * t * t;
      const double u = engine.uniform01();
      const double x2 = x * x;
      // Cheap squeeze first (accepts ~98%); the exact log test only for the rest.
      if (u < 1.0 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d_ * (1.0 - v + std::log(v))) {
        standard = d_ * v;
        break;
      }
    }
    if (shape_ < 1.0) standard *= std::pow(engine.uniform01(), 1.0 / shape_);
    return standard * scale_;
  }
  double shape() const { return shape_; }
  double scale() const { return scale_; }
  double mean() const { return shape_ * scale_; }

 private:
  double shape_, scale_;
  double d_ = 0.0, c_ = 0.0;  // Marsaglia-Tsang constants for shape (or shape + 1 when < 1)
};

}  // namespace jeugdsim::engine
