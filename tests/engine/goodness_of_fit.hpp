#pragma once
// Chi-square goodness-of-fit helpers shared by the engine's distribution tests.
//
// Why these thresholds are not tuned: under the null hypothesis (the sampler draws from the
// stated distribution) Pearson's statistic over k cells with expected counts >= 5 is
// approximately chi-square with k - 1 degrees of freedom. Comparing it with the 0.999 quantile
// of that chi-square (from Boost.Math) makes a false failure a 1-in-1000 event per test, and
// with fixed seeds the outcome is deterministic; a sampler with the wrong shape, location or
// scale pushes the statistic far beyond the quantile at n = 20,000.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>

namespace jeugdsim::engine::testing {

inline double chi_square_critical(std::size_t degrees_of_freedom, double level = 0.999) {
  return boost::math::quantile(boost::math::chi_squared(static_cast<double>(degrees_of_freedom)), level);
}

inline double pearson(const std::vector<double>& observed, const std::vector<double>& expected) {
  double statistic = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double d = observed[i] - expected[i];
    statistic += d * d / expected[i];
  }
  return statistic;
}

// Continuous case: `bins` equiprobable cells bounded by the theoretical quantiles, so every
// cell expects n / bins draws (1,000 for the defaults), far above the usual minimum of 5.
struct ContinuousFit {
  double statistic;
  double critical;
};

template <class Draw, class Quantile>
ContinuousFit chi_square_continuous(Draw draw, Quantile quantile, std::size_t n = 20000, std::size_t bins = 20) {
  std::vector<double> cuts;
  for (std::size_t i = 1; i < bins; ++i) cuts.push_back(quantile(static_cast<double>(i) / static_cast<double>(bins)));
  std::vector<double> observed(bins, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = draw();
    observed[static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin())] += 1.0;
  }
  const std::vector<double> expected(bins, static_cast<double>(n) / static_cast<double>(bins));
  return {pearson(observed, expected), chi_square_critical(bins - 1)};
}

// Discrete case on 0, 1, 2, ...: consecutive values are merged into cells until each cell
// expects at least 5 draws; the last cell takes the whole upper tail (so cell probabilities
// sum to one) and is merged into its neighbour if it would expect fewer than 5.
template <class Draw, class Pmf>
ContinuousFit chi_square_discrete(Draw draw, Pmf pmf, std::size_t support_limit, std::size_t n = 20000) {
  const double total = static_cast<double>(n);
  std::vector<std::size_t> cell_of(support_limit + 1);
  std::vector<double> expected;
  double running = 0.0, assigned = 0.0;
  for (std::size_t k = 0; k <= support_limit; ++k) {
    running += pmf(k) * total;
    cell_of[k] = expected.size();
    if (running >= 5.0) {
      expected.push_back(running);
      assigned += running;
      running = 0.0;
    }
  }
  // Upper tail (mass above support_limit and any remainder) joins the last cell.
  const double tail = total - assigned;
  if (expected.empty()) expected.push_back(0.0);
  if (tail > 0.0) expected.back() += tail;
  for (std::size_t k = 0; k <= support_limit; ++k) cell_of[k] = std::min(cell_of[k], expected.size() - 1);
  std::vector<double> observed(expected.size(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t x = static_cast<std::size_t>(draw());
    observed[x > support_limit ? expected.size() - 1 : cell_of[x]] += 1.0;
  }
  return {pearson(observed, expected), chi_square_critical(expected.size() - 1)};
}

}  // namespace jeugdsim::engine::testing
