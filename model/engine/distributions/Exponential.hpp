#pragma once
#include <cmath>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Exponential with the given rate (events per unit time). Sampled by inversion,
// -mean * log(u): one uniform and one log, cheaper than Boost's ziggurat-free variant and
// trivially portable. uniform01() is never 0, so the log is finite.
class Exponential {
 public:
  explicit Exponential(double rate) : mean_(1.0 / rate) {
    if (!(rate > 0.0) || !std::isfinite(rate)) detail::throw_invalid("exponential", "rate", "> 0 and finite", rate);
  }
  static Exponential from_mean(double mean) {
    if (!(mean > 0.0) || !std::isfinite(mean)) detail::throw_invalid("exponential", "mean", "> 0 and finite", mean);
    return Exponential(1.0 / mean);
  }
  double sample(PhiloxEngine& engine) const { return -mean_ * std::log(engine.uniform01()); }
  double mean() const { return mean_; }
  double rate() const { return 1.0 / mean_; }

 private:
  double mean_;
};

}  // namespace jeugdsim::engine
