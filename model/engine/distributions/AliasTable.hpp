#pragma once
#include <cstddef>
#include <vector>

#include "engine/RandomStreams.hpp"

namespace jeugdsim::engine {

// Discrete distribution over indices 0..n-1 with the given non-negative weights (need not sum
// to one; at least one must be positive), sampled in O(1) with Walker/Vose's alias method.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<double>& weights);
  std::size_t sample(PhiloxEngine& engine) const;
  std::size_t size() const { return probability_.size(); }
  double probability_of(std::size_t index) const;  // normalised weight

 private:
  std::vector<double> probability_;
  std::vector<std::size_t> alias_;
  std::vector<double> normalised_;
};

}  // namespace jeugdsim::engine
