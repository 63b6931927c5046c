#pragma once
#include <cmath>

#include <boost/random/normal_distribution.hpp>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Log-normal: exp(mu + sigma * Z) with Z standard normal from Boost.Random (ziggurat, portable
// for a pinned Boost). Scenario files give durations as mean and coefficient of variation,
// hence from_mean_cv.
class LogNormal {
 public:
  LogNormal(double mu, double sigma) : mu_(mu), sigma_(sigma) {
    if (!std::isfinite(mu)) detail::throw_invalid("lognormal", "mu", "finite", mu);
    if (!(sigma > 0.0) || !std::isfinite(sigma)) detail::throw_invalid("lognormal", "sigma", "> 0 and finite", sigma);
  }
  // sigma^2 = log(1 + cv^2), mu = log(mean) - sigma^2 / 2: the moments of the log-normal.
  static LogNormal from_mean_cv(double mean, double cv) {
    if (!(mean > 0.0) || !std::isfinite(mean)) detail::throw_invalid("lognormal", "mean", "> 0 and finite", mean);
    if (!(cv > 0.0) || !std::isfinite(cv)) detail::throw_invalid("lognormal", "cv", "> 0", cv);
    const double sigma2 = std::log1p(cv * cv);
    return LogNormal(std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2));
  }
  double sample(PhiloxEngine& engine) const {
    boost::random::normal_distribution<double> normal;  // stateless; constructing it is free
    return std::exp(mu_ + sigma_ * normal(engine));
  }
  double mu() const { return mu_; }
  double sigma() const { return sigma_; }
  double mean() const { return std::exp(mu_ + 0.5 * sigma_ * sigma_); }
  double cv() const { return std::sqrt(std::expm1(sigma_ * sigma_)); }

 private:
  double mu_, sigma_;
};

}  // namespace jeugdsim::engine
