#pragma once
#include <array>
#include <cstdint>

#include "engine/RingQueue.hpp"

namespace jeugdsim::care {

// A waiting list with three priority classes by safety level (0 = acute first, 1 = elevated,
// 2 = none), first-in first-out within a class. Entries are cancelled lazily: each carries the
// generation of its case, and entries whose case has moved on are skipped when reached. The
// live count is kept separately so the reported length excludes stale entries.
class PriorityQueue {
 public:
  struct Entry {
    std::uint32_t item = 0;
    std::uint32_t generation = 0;
  };
  void push(std::uint8_t priority, Entry e) {
    classes_[priority].push_back(e);
    ++live_;
  }
  // The class index of the first non-empty class, or -1; stale entries must have been
  // dropped by the caller via `drop_front`.
  int first_class() const {
    for (int c = 0; c < 3; ++c)
      if (!classes_[c].empty()) return c;
    return -1;
  }
  const Entry& front(int c) const { return classes_[c].front(); }
  void pop_front(int c) { classes_[c].pop_front(); }
  // Book-keeping of live entries: call when a live entry leaves (served or cancelled).
  void on_leave() { --live_; }
  std::uint32_t live() const { return live_; }

 private:
  std::array<engine::RingQueue<Entry>, 3> classes_;
  std::uint32_t live_ = 0;
};

}  // namespace jeugdsim::care
