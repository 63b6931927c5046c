#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace jeugdsim::engine {

// A tournament tree over n slots, each holding a key: the slot with the largest key (ties: the
// lowest slot, as a first-to-last scan with `>` would pick) in O(1), a key change in O(log n).
// Slots that must never win hold -infinity. Used to pick the worker with the most spare hours
// in teams of any size without scanning the team on every assignment.
class ArgMaxTree {
 public:
  static constexpr double kNever = -std::numeric_limits<double>::infinity();

  explicit ArgMaxTree(std::size_t slots = 0) { resize(slots); }

  // Resets to `slots` slots, all holding kNever.
  void resize(std::size_t slots) {
    leaves_ = 1;
    while (leaves_ < slots) leaves_ *= 2;
    slots_ = slots;
    keys_.assign(leaves_, kNever);
    winner_.assign(2 * leaves_, 0);
    for (std::size_t i = 0; i < leaves_; ++i) winner_[leaves_ + i] = static_cast<std::uint32_t>(i);
    for (std::size_t i = leaves_ - 1; i >= 1; --i) winner_[i] = winner_[2 * i];
  }

  void set(std::size_t slot, double key) {
    keys_[slot] = key;
    for (std::size_t i = (leaves_ + slot) / 2; i >= 1; i /= 2) {
      const std::uint32_t left = winner_[2 * i], right = winner_[2 * i + 1];
      const std::uint32_t winner = keys_[right] > keys_[left] ? right : left;
      // A subtree whose winner stayed the same other slot looks the same from above: every
      // match further up has the same players with the same keys.
      if (winner == winner_[i] && winner != slot) return;
      winner_[i] = winner;
    }
  }

  double key(std::size_t slot) const { return keys_[slot]; }
  std::size_t size() const { return slots_; }
  // The winning slot, or -1 when no slot holds more than kNever (or there are none).
  std::ptrdiff_t argmax() const {
    const std::uint32_t w = winner_[1];
    return keys_[w] > kNever ? static_cast<std::ptrdiff_t>(w) : -1;
  }

 private:
  std::size_t leaves_ = 1, slots_ = 0;
  std::vector<double> keys_;
  std::vector<std::uint32_t> winner_;  // winner_[i]: winning slot of node i's subtree (leaves at leaves_ + slot)
};

}  // namespace jeugdsim::engine
