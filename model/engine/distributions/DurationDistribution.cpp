#include "engine/distributions/DurationDistribution.hpp"

#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "engine/distributions/EmpiricalBinned.hpp"
#include "engine/distributions/Exponential.hpp"
#include "engine/distributions/Gamma.hpp"
#include "engine/distributions/LogNormal.hpp"
#include "engine/distributions/Triangular.hpp"
#include "engine/distributions/Validation.hpp"
#include "engine/distributions/Weibull.hpp"

namespace jeugdsim::engine {

// Parameter slots per family (a_, b_, c_):
//   constant {value}, exponential {mean}, lognormal {mu, sigma}, gamma {shape, scale},
//   weibull {shape, scale}, triangular {min, mode, max}; empirical uses edges_/cumulative_.
// The families are validated by the value types' constructors, which the factories call once,
// so the messages are the same whether a distribution is built directly or from a scenario.

DurationDistribution DurationDistribution::constant(double value) {
  if (!(value >= 0.0) || !std::isfinite(value)) detail::throw_invalid("constant", "value", ">= 0 and finite", value);
  DurationDistribution d;
  d.kind_ = Kind::constant;
  d.a_ = value;
  return d;
}

DurationDistribution DurationDistribution::exponential(double mean) {
  DurationDistribution d;
  d.kind_ = Kind::exponential;
  d.a_ = Exponential::from_mean(mean).mean();
  return d;
}

DurationDistribution DurationDistribution::lognormal(double mean, double cv) {
  const LogNormal family = LogNormal::from_mean_cv(mean, cv);
  DurationDistribution d;
  d.kind_ = Kind::lognormal;
  d.a_ = family.mu();
  d.b_ = family.sigma();
  return d;
}

DurationDistribution DurationDistribution::gamma(double mean, double cv) {
  const Gamma family = Gamma::from_mean_cv(mean, cv);
  DurationDistribution d;
  d.kind_ = Kind::gamma;
  d.a_ = family.shape();
  d.b_ = family.scale();
  return d;
}

DurationDistribution DurationDistribution::weibull(double shape, double scale) {
  const Weibull family(shape, scale);
  DurationDistribution d;
  d.kind_ = Kind::weibull;
  d.a_ = shape;
  d.b_ = scale;
  return d;
}

DurationDistribution DurationDistribution::triangular(double min, double mode, double max) {
  if (!(min >= 0.0)) detail::throw_invalid("triangular", "min", ">= 0 for a duration", min);
  const Triangular family(min, mode, max);
  DurationDistribution d;
  d.kind_ = Kind::triangular;
  d.a_ = min;
  d.b_ = mode;
  d.c_ = max;
  return d;
}

DurationDistribution DurationDistribution::empirical(std::vector<double> edges, std::vector<double> shares) {
  std::vector<double> cumulative = detail::binned_cumulative(edges, shares);
  if (!(edges.front() >= 0.0)) detail::throw_invalid("empirical", "first edge", ">= 0 for a duration", edges.front());
  DurationDistribution d;
  d.kind_ = Kind::empirical;
  d.edges_ = std::move(edges);
  d.cumulative_ = std::move(cumulative);
  return d;
}

double DurationDistribution::sample(PhiloxEngine& engine) const {
  switch (kind_) {
    case Kind::constant:
      return a_;
    case Kind::exponential:
      return -a_ * std::log(engine.uniform01());
    case Kind::lognormal:
      return LogNormal(a_, b_).sample(engine);
    case Kind::gamma:
      return Gamma(a_, b_).sample(engine);
    case Kind::weibull:
      return Weibull(a_, b_).sample(engine);
    case Kind::triangular:
      return Triangular(a_, b_, c_).sample(engine);
    case Kind::empirical:
      return detail::binned_sample(edges_, cumulative_, engine.uniform01());
  }
  return a_;  // unreachable: every Kind is handled above
}

double DurationDistribution::mean() const {
  switch (kind_) {
    case Kind::constant:
    case Kind::exponential:
      return a_;
    case Kind::lognormal:
      return std::exp(a_ + 0.5 * b_ * b_);
    case Kind::gamma:
      return a_ * b_;
    case Kind::weibull:
      return b_ * std::tgamma(1.0 + 1.0 / a_);
    case Kind::triangular:
      return (a_ + b_ + c_) / 3.0;
    case Kind::empirical:
      return detail::binned_mean(edges_, cumulative_);
  }
  return a_;
}

std::string DurationDistribution::describe() const {
  // Six significant digits: the round trip mean/cv -> mu/sigma -> mean/cv then prints the
  // values as the scenario gave them (14, not 14.000000000000002).
  switch (kind_) {
    case Kind::constant:
      return fmt::format("constant(value={:.6g})", a_);
    case Kind::exponential:
      return fmt::format("exponential(mean={:.6g})", a_);
    case Kind::lognormal:
      return fmt::format("lognormal(mean={:.6g}, cv={:.6g})", mean(), std::sqrt(std::expm1(b_ * b_)));
    case Kind::gamma:
      return fmt::format("gamma(mean={:.6g}, cv={:.6g})", mean(), 1.0 / std::sqrt(a_));
    case Kind::weibull:
      return fmt::format("weibull(shape={:.6g}, scale={:.6g})", a_, b_);
    case Kind::triangular:
      return fmt::format("triangular(min={:.6g}, mode={:.6g}, max={:.6g})", a_, b_, c_);
    case Kind::empirical: {
      std::string edges, shares;
      double below = 0.0;
      for (std::size_t i = 0; i < edges_.size(); ++i) {
        edges += fmt::format("{}{:.6g}", i == 0 ? "" : ", ", edges_[i]);
      }
      for (std::size_t i = 0; i < cumulative_.size(); ++i) {
        shares += fmt::format("{}{:.6g}", i == 0 ? "" : ", ", cumulative_[i] - below);
        below = cumulative_[i];
      }
      return fmt::format("empirical(edges=[{}], shares=[{}])", edges, shares);
    }
  }
  return "unknown";
}

}  // namespace jeugdsim::engine
