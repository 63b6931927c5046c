#include "engine/EventCalendar.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace jeugdsim::engine {

EventCalendar::EventCalendar(Time bucket_width) : bucket_width_(bucket_width) {
  if (!(bucket_width > 0) || !std::isfinite(bucket_width))
    throw std::invalid_argument("EventCalendar: bucket width must be positive and finite");
}

void EventCalendar::clear() {
  // Keep the capacity: a calendar is typically cleared between replications of equal size.
  heap_.clear();
  far_.clear();
  overflow_.clear();
  spare_.clear();
  current_bucket_ = 0;
  far_count_ = 0;
  payload_.clear();
  free_slots_.clear();
  now_ = 0.0;
  next_sequence_ = 0;
}

void EventCalendar::push_overflow(const Node& node) {
  overflow_.push_back(node);
  std::push_heap(overflow_.begin(), overflow_.end(), later);
}

void EventCalendar::refill() {
  // Makes the next bucket holding events current and moves its events into the (empty) heap:
  // those of far_'s front and those of the overflow heap that belong to it.
  while (far_count_ > 0) {
    if (far_.empty()) {
      // Nothing within kMaxSpan buckets: jump to the overflow's first bucket.
      current_bucket_ = bucket_of(overflow_.front().time);
    } else {
      ++current_bucket_;
    }
    std::vector<Node> bucket;
    if (!far_.empty()) {
      bucket.swap(far_.front());
      far_.pop_front();
    }
    while (!overflow_.empty() && bucket_of(overflow_.front().time) <= current_bucket_) {
      std::pop_heap(overflow_.begin(), overflow_.end(), later);
      bucket.push_back(overflow_.back());
      overflow_.pop_back();
    }
    if (bucket.empty()) continue;
    far_count_ -= bucket.size();
    for (const Node& node : bucket) push_heap_node(node);
    bucket.clear();
    // Kept for the busy buckets just ahead; sparse far-future buckets get vectors of their own
    // size (recycling into them would give every pending bucket the largest capacity seen).
    if (bucket.capacity() > 0 && spare_.size() < kReuseAhead) spare_.push_back(std::move(bucket));
    return;
  }
}

void EventCalendar::throw_limit(const char* what) {
  throw std::length_error(std::string("EventCalendar: too many ") + what + " (limits: 2^40 scheduled per run, 2^24 pending)");
}

}  // namespace jeugdsim::engine
