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

// Defined inline: called on the hot path of every event that records a statistic.
inline std::size_t AliasTable::sample(PhiloxEngine& engine) const {
  // One uniform does both jobs: its integer part picks the column, its fraction the coin.
  // With 53 bits and tables of at most a few thousand entries the fraction keeps > 40 bits.
  const double scaled = engine.uniform01() * static_cast<double>(probability_.size());
  std::size_t column = static_cast<std::size_t>(scaled);
  if (column >= probability_.size()) column = probability_.size() - 1;  // rounding guard
  const double coin = scaled - static_cast<double>(column);
  return coin < probability_[column] ? column : alias_[column];
}

}  // namespace jeugdsim::engine
