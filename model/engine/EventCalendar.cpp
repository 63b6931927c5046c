#include "engine/EventCalendar.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace jeugdsim::engine {

EventCalendar::EventCalendar(Time bucket_width) : ring_(kRingBuckets), bucket_width_(bucket_width), buckets_per_time_(1.0 / bucket_width) {
  if (!(bucket_width > 0) || !std::isfinite(bucket_width))
    throw std::invalid_argument("EventCalendar: bucket width must be positive and finite");
}

void EventCalendar::clear() {
  // Keep the capacity: a calendar is typically cleared between replications of equal size.
  run_.clear();
  run_position_ = 0;
  heap_.clear();
  for (auto& slot : ring_) slot.clear();
  overflow_.clear();
  current_bucket_ = 0;
  ring_count_ = 0;
  far_count_ = 0;
  now_ = 0.0;
  next_sequence_ = 0;
}

void EventCalendar::push_overflow(const Node& node) {
  overflow_.push_back(node);
  std::push_heap(overflow_.begin(), overflow_.end(), Later{});
}

void EventCalendar::grow_ring_slot(std::vector<Node>& slot, std::size_t ahead, const Node& node) {
  // A full slot of a bucket coming up soon: take a large drained vector if there is one (its
  // capacity was needed by a bucket just like this one); else let the vector grow, a first one
  // straight to a few events' room (a new calendar would otherwise grow each of its
  // kRingBuckets slots through 1, 2, 4, 8 ... in its first lap: thousands of allocations).
  if (slot.empty() && ahead <= kSpareAhead && !spare_.empty()) {
    slot.swap(spare_.back());
    spare_.pop_back();
  } else if (slot.capacity() == 0) {
    slot.reserve(kFirstCapacity);
  }
  slot.push_back(node);
}

void EventCalendar::refill() {
  // Makes the next bucket holding events current (the run and the heap are empty): its ring
  // slot and the overflow events that belong to it become the sorted run.
  while (far_count_ > 0) {
    if (ring_count_ == 0) {
      // Nothing in the ring: jump to the overflow's first bucket (every ring slot is empty, so
      // none can hold events of another lap).
      current_bucket_ = std::max(current_bucket_ + 1, bucket_of(overflow_.front().time));
    } else {
      ++current_bucket_;
    }
    std::vector<Node>& slot = ring_[current_bucket_ & (kRingBuckets - 1)];
    // The slot's vector becomes the run and the spent run's vector (empty, with its capacity)
    // goes to the slot for the bucket one lap ahead.
    run_.clear();
    run_position_ = 0;
    run_.swap(slot);
    ring_count_ -= run_.size();
    far_count_ -= run_.size();
    if (slot.capacity() > kKeepCapacity) {
      if (spare_.size() < kMaxSpare) spare_.emplace_back().swap(slot);
      else std::vector<Node>().swap(slot);
    }
    while (!overflow_.empty() && bucket_of(overflow_.front().time) <= current_bucket_) {
      std::pop_heap(overflow_.begin(), overflow_.end(), Later{});
      run_.push_back(overflow_.back());
      overflow_.pop_back();
      --far_count_;
    }
    if (!run_.empty()) {
      std::sort(run_.begin(), run_.end(), Earlier{});
      return;
    }
  }
}

}  // namespace jeugdsim::engine
