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
  run_next_ = run_end_ = run_.data();
  heap_.clear();
  for (auto& slot : ring_) slot.clear();
  overflow_.clear();
  current_bucket_ = 0;
  ring_count_ = 0;
  now_ = 0.0;
  next_sequence_ = 0;
}

void EventCalendar::reserve(std::size_t n) {
  // The run's pointers follow its buffer if it moves.
  const std::ptrdiff_t next = run_next_ - run_.data();
  const std::ptrdiff_t end = run_end_ - run_.data();
  run_.reserve(n);
  run_next_ = run_.data() + next;
  run_end_ = run_.data() + end;
  heap_.reserve(n);
}

void EventCalendar::schedule_elsewhere(std::size_t bucket, const Node& node) {
  if (bucket <= current_bucket_) {
    heap_.push_back(node);
    sift_up(heap_.size() - 1);
    return;
  }
  const std::size_t ahead = bucket - current_bucket_;
  if (ahead >= kRingBuckets) {
    overflow_.push_back(node);
    std::push_heap(overflow_.begin(), overflow_.end(), Later{});
  } else {
    std::vector<Node>& slot = ring_[bucket & (kRingBuckets - 1)];
    if (slot.size() < slot.capacity())
      slot.push_back(node);
    else
      grow_ring_slot(slot, ahead, node);
    ++ring_count_;
  }
  // A far event into an empty calendar: its bucket becomes the current one.
  if (empty()) refill();
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

void EventCalendar::sort_run(Node* first, Node* last) {
  // A day's run is short (about fifteen events, at most about thirty, in the care model), and
  // std::sort spends its time there on set-up: a partitioning pass for more than 16 events, a
  // call to memmove for each event that goes to the front. Insertion sort executes about as many
  // instructions but took 2 to 3% less time per replication. A long run, whose events would move
  // far, goes to std::sort.
  if (last - first > kInsertionSortMax) {
    std::sort(first, last, Earlier{});
    return;
  }
  for (Node* i = first + 1; i < last; ++i) {
    const Node moving = *i;
    Node* hole = i;
    while (hole != first && earlier(moving, hole[-1])) {
      *hole = hole[-1];
      --hole;
    }
    *hole = moving;
  }
}

void EventCalendar::refill() {
  // Makes the next bucket holding events current (the run and the heap are empty): its ring
  // slot and the overflow events that belong to it become the sorted run. Without pending
  // events it returns with the calendar empty.
  while (ring_count_ != 0 || !overflow_.empty()) {
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
    run_.swap(slot);
    ring_count_ -= run_.size();
    if (slot.capacity() > kKeepCapacity) {
      if (spare_.size() < kMaxSpare) spare_.emplace_back().swap(slot);
      else std::vector<Node>().swap(slot);
    }
    while (!overflow_.empty() && bucket_of(overflow_.front().time) <= current_bucket_) {
      std::pop_heap(overflow_.begin(), overflow_.end(), Later{});
      run_.push_back(overflow_.back());
      overflow_.pop_back();
    }
    run_next_ = run_.data();
    run_end_ = run_.data() + run_.size();
    if (!run_.empty()) {
      sort_run(run_.data(), run_.data() + run_.size());
      return;
    }
  }
}

}  // namespace jeugdsim::engine
