#pragma once
#include <array>

#include "engine/Event.hpp"
#include "engine/RandomStreams.hpp"

namespace jeugdsim::engine {

// Arrivals of a non-homogeneous Poisson process with rate
//   lambda(t) = rate_per_year / 365 * seasonality[month(t)] * (1 + trend_per_year)^(t / 365)
// per day, where month(t) = floor((t mod 365) / (365 / 12)) (a 365-day year of 12 equal
// months; day 0 is 1 January). Sampled by thinning (Lewis-Shedler) against a piecewise
// constant majorant. Seasonality factors must be >= 0; they are used as given (a factor of 1.2
// means 20% above the base rate), not renormalised.
class NonStationaryPoisson {
 public:
  NonStationaryPoisson(double rate_per_year, std::array<double, 12> seasonality, double trend_per_year);
  // The first arrival strictly after `after`, drawing from `engine`. Returns +infinity if the
  // rate is zero from `after` on.
  Time next(Time after, PhiloxEngine& engine) const;
  double rate_per_day(Time t) const;
  // Integral of the rate over [from, to]: the expected number of arrivals.
  double expected_arrivals(Time from, Time to) const;

 private:
  double base_per_day_;
  std::array<double, 12> seasonality_;
  double trend_per_year_;
  double max_seasonality_;
  double log_growth_;  // log(1 + trend_per_year): the growth factor is exp(log_growth_ * t / 365)
};

}  // namespace jeugdsim::engine
