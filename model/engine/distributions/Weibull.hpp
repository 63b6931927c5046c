#pragma once
#include <cmath>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Weibull(shape k, scale lambda) by inversion: lambda * (-log u)^(1/k).
class Weibull {
 public:
  Weibull(double shape, double scale) : shape_(shape), scale_(scale), inverse_shape_(1.0 / shape) {
    if (!(shape > 0.0) || !std::isfinite(shape)) detail::throw_invalid("weibull", "shape", "> 0 and finite", shape);
    if (!(scale > 0.0) || !std::isfinite(scale)) detail::throw_invalid("weibull", "scale", "> 0 and finite", scale);
  }
  double sample(PhiloxEngine& engine) const {
    return scale_ * std::pow(-std::log(engine.uniform01()), inverse_shape_);
  }
  double shape() const { return shape_; }
  double scale() const { return scale_; }
  double mean() const { return scale_ * std::tgamma(1.0 + inverse_shape_); }

 private:
  double shape_, scale_, inverse_shape_;
};

}  // namespace jeugdsim::engine
