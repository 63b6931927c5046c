#pragma once
#include <string>
#include <vector>

#include "engine/RandomStreams.hpp"

namespace jeugdsim::engine {

// A non-negative duration (days) as the scenario files declare it: one of a fixed set of
// families, dispatched with a switch (no virtual call on the hot path).
//   constant{value}, exponential{mean}, lognormal{mean, cv}, gamma{mean, cv},
//   weibull{shape, scale}, triangular{min, mode, max},
//   empirical{bin edges in days, shares per bin} (uniform within a bin).
class DurationDistribution {
 public:
  enum class Kind { constant, exponential, lognormal, gamma, weibull, triangular, empirical };

  static DurationDistribution constant(double value);
  static DurationDistribution exponential(double mean);
  static DurationDistribution lognormal(double mean, double cv);
  static DurationDistribution gamma(double mean, double cv);
  static DurationDistribution weibull(double shape, double scale);
  static DurationDistribution triangular(double min, double mode, double max);
  static DurationDistribution empirical(std::vector<double> edges, std::vector<double> shares);

  double sample(PhiloxEngine& engine) const;
  double mean() const;
  Kind kind() const { return kind_; }
  // e.g. "lognormal(mean=14, cv=0.5)": for logs and the resolved-parameter dump.
  std::string describe() const;

 private:
  Kind kind_ = Kind::constant;
  double a_ = 0.0, b_ = 0.0, c_ = 0.0;  // family parameters (see the factories)
  std::vector<double> edges_, cumulative_;
};

}  // namespace jeugdsim::engine
