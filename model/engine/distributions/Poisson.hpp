#pragma once
#include <cmath>
#include <cstdint>

#include <boost/random/poisson_distribution.hpp>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Poisson(mean) counts via Boost.Random (inversion for small means, PTRS above 10). A mean of
// zero is allowed and always gives 0 (Boost itself requires a positive mean).
class Poisson {
 public:
  explicit Poisson(double mean) : mean_(mean), boost_(mean > 0.0 ? mean : 1.0) {
    if (!(mean >= 0.0) || !std::isfinite(mean)) detail::throw_invalid("poisson", "mean", ">= 0 and finite", mean);
  }
  std::uint64_t sample(PhiloxEngine& engine) const {
    if (mean_ == 0.0) return 0;
    // A signed IntType: PTRS computes candidates that may be negative before rejecting them.
    return static_cast<std::uint64_t>(boost_(engine));
  }
  double mean() const { return mean_; }

 private:
  double mean_;
  boost::random::poisson_distribution<std::int64_t, double> boost_;  // precomputed constants
};

}  // namespace jeugdsim::engine
