#pragma once
#include <cmath>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Bernoulli(p): true with probability p. u lies in (0, 1), so p = 0 never and p = 1 always
// gives true.
class Bernoulli {
 public:
  explicit Bernoulli(double p) : p_(p) {
    if (!(p >= 0.0 && p <= 1.0)) detail::throw_invalid("bernoulli", "p", "within [0, 1]", p);
  }
  bool sample(PhiloxEngine& engine) const { return engine.uniform01() < p_; }
  double p() const { return p_; }
  double mean() const { return p_; }

 private:
  double p_;
};

}  // namespace jeugdsim::engine
