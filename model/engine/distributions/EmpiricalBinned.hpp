#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "engine/RandomStreams.hpp"
#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

namespace detail {

// Validates edges/shares and returns the cumulative shares (normalised, last exactly 1).
// Shared with DurationDistribution's empirical family.
inline std::vector<double> binned_cumulative(const std::vector<double>& edges, const std::vector<double>& shares) {
  if (shares.empty()) throw_invalid("empirical: shares must not be empty");
  if (edges.size() != shares.size() + 1) {
    throw_invalid("empirical: edges must have one more element than shares, got " + std::to_string(edges.size()) +
                  " edges and " + std::to_string(shares.size()) + " shares");
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!std::isfinite(edges[i])) throw_invalid("empirical", "edges", "finite", edges[i]);
    if (i > 0 && !(edges[i] > edges[i - 1])) throw_invalid("empirical", "edges", "strictly increasing", edges[i]);
  }
  double total = 0.0;
  for (double s : shares) {
    if (!(s >= 0.0) || !std::isfinite(s)) throw_invalid("empirical", "shares", ">= 0 and finite", s);
    total += s;
  }
  if (!(total > 0.0)) throw_invalid("empirical", "sum of shares", "> 0", total);
  std::vector<double> cumulative(shares.size());
  double running = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    running += shares[i];
    cumulative[i] = running / total;
  }
  cumulative.back() = 1.0;  // no rounding gap above the last bin
  return cumulative;
}

// Inversion of the piecewise-linear CDF: one uniform picks the bin and the position inside it
// (uniform within a bin), so a draw costs one uniform and a binary search over a few bins.
inline double binned_sample(const std::vector<double>& edges, const std::vector<double>& cumulative, double u) {
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  const std::size_t bin = std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
  const double below = bin == 0 ? 0.0 : cumulative[bin - 1];
  const double share = cumulative[bin] - below;  // > 0: upper_bound never lands on an empty bin
  const double fraction = std::clamp((u - below) / share, 0.0, 1.0);
  return edges[bin] + fraction * (edges[bin + 1] - edges[bin]);
}

inline double binned_mean(const std::vector<double>& edges, const std::vector<double>& cumulative) {
  double mean = 0.0, below = 0.0;
  for (std::size_t i = 0; i < cumulative.size(); ++i) {
    mean += (cumulative[i] - below) * 0.5 * (edges[i] + edges[i + 1]);
    below = cumulative[i];
  }
  return mean;
}

}  // namespace detail

// Empirical distribution given as bin edges and the share of observations per bin (shares
// need not sum to one), uniform within a bin; e.g. durations in days with edges
// {0, 91, 182, 365, 730, 1095, 1460, 2190} and shares {0.161, 0.172, 0.296, 0.233, 0.067, 0.031, 0.039}.
class EmpiricalBinned {
 public:
  EmpiricalBinned(std::vector<double> edges, const std::vector<double>& shares)
      : cumulative_(detail::binned_cumulative(edges, shares)), edges_(std::move(edges)) {}
  double sample(PhiloxEngine& engine) const { return detail::binned_sample(edges_, cumulative_, engine.uniform01()); }
  double mean() const { return detail::binned_mean(edges_, cumulative_); }
  const std::vector<double>& edges() const { return edges_; }
  const std::vector<double>& cumulative() const { return cumulative_; }

 private:
  std::vector<double> cumulative_;
  std::vector<double> edges_;
};

}  // namespace jeugdsim::engine
