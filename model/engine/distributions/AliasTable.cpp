#include "engine/distributions/AliasTable.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

// Vose's construction: scale the weights to mean 1, then repeatedly pair one "small" column
// (< 1) with one "large" column, topping the small one up with the large one's alias. Exact in
// exact arithmetic and numerically stable (Vose 1991); leftovers are set to probability 1.
AliasTable::AliasTable(const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  if (n == 0) detail::throw_invalid("alias table: weights must not be empty");
  double total = 0.0;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) detail::throw_invalid("alias table", "weights", ">= 0 and finite", w);
    total += w;
  }
  if (!(total > 0.0)) detail::throw_invalid("alias table", "sum of weights", "> 0", total);

  normalised_.resize(n);
  probability_.assign(n, 0.0);
  alias_.resize(n);
  std::vector<double> scaled(n);
  std::vector<std::size_t> small, large;
  small.reserve(n);
  large.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    normalised_[i] = weights[i] / total;
    scaled[i] = normalised_[i] * static_cast<double>(n);
    alias_[i] = i;
    (scaled[i] < 1.0 ? small : large).push_back(i);
  }
  while (!small.empty() && !large.empty()) {
    const std::size_t s = small.back();
    small.pop_back();
    const std::size_t l = large.back();
    probability_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left differs from 1 only by rounding.
  for (std::size_t i : large) probability_[i] = 1.0;
  for (std::size_t i : small) probability_[i] = 1.0;
}

double AliasTable::probability_of(std::size_t index) const {
  if (index >= normalised_.size()) {
    throw std::out_of_range("alias table: index " + std::to_string(index) + " out of range (size " +
                            std::to_string(normalised_.size()) + ")");
  }
  return normalised_[index];
}

}  // namespace jeugdsim::engine
