#pragma once
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/Event.hpp"

namespace jeugdsim::engine {

// The future-event set, ordered by (time, sequence): equal times pop first-in first-out. No
// virtual calls; no allocation per event once the vectors have grown.
//
// Two levels: events of the current time bucket (width bucket_width(), default 1 time unit)
// are in a sorted run plus, for those scheduled into the bucket after it became current, an
// array-backed 4-ary min-heap; later events wait unsorted in a ring of kRingBuckets vectors,
// one per bucket, and become the sorted run when the clock reaches their bucket. A model keeps
// many far-future timers (reviews every quarter, drop-out and deterioration hazards of waiting
// families, most of them cancelled before they fire), so those cost one vector append each.
// The ring's vectors keep their capacity from lap to lap, so a steady run allocates little;
// events beyond the ring (more than about three years ahead) wait in a small overflow heap.
// The order of events is exactly that of a single heap: every event of a bucket is later than
// every event of an earlier bucket, and within the current bucket the earlier of the run's
// next event and the heap's top is popped.
//
// Events are stored whole (32 bytes): with the sorted run most events are moved a few times
// and compared rarely, so a side pool for their payload would cost more than it saves.
class EventCalendar {
 public:
  // `bucket_width` > 0: the span of time whose events share the heap (a few events' worth).
  explicit EventCalendar(Time bucket_width = 1.0);
  // Neither copied nor moved: the run's pointers point into this calendar's own buffer, and a
  // copy would keep pointing into the original's (a moved-from one into its successor's).
  EventCalendar(const EventCalendar&) = delete;
  EventCalendar& operator=(const EventCalendar&) = delete;
  // Schedules an event at absolute time `time` (must be >= now(); checked in debug builds).
  void schedule(Time time, std::uint32_t type, std::uint32_t entity, std::uint32_t generation = 0,
                std::uint32_t detail = 0);
  // Removes and returns the earliest event and advances the clock to its time.
  Event pop();
  // The earliest pending event (the calendar must not be empty).
  Event top() const;
  Time next_time() const { return earliest_node().time; }
  // The current bucket is empty only if nothing is pending.
  bool empty() const { return run_next_ == run_end_ && heap_.empty(); }
  std::size_t size() const {
    return static_cast<std::size_t>(run_end_ - run_next_) + heap_.size() + ring_count_ + overflow_.size();
  }
  Time bucket_width() const { return bucket_width_; }
  Time now() const { return now_; }
  void reserve(std::size_t n);
  // Empties the calendar and resets the clock to zero and the sequence counter.
  void clear();

  // Buckets in the ring (a power of two, so a bucket's slot is a mask): with days as buckets
  // about three years, which holds all but the longest timers of the care model.
  static constexpr std::size_t kRingBuckets = std::size_t{1} << 10;
  // A drained ring vector keeps at most this many nodes' capacity (a busy day's worth in a
  // municipality); a larger one is handed to the next buckets that need room, so the ring's
  // memory stays near what is pending instead of kRingBuckets times the busiest bucket.
  static constexpr std::size_t kKeepCapacity = 64;
  static constexpr std::size_t kFirstCapacity = 16;  // room given to a slot's first vector
  static constexpr std::size_t kMaxSpare = 64;
  // Only buckets at most this far ahead take a large drained vector: the busy ones.
  static constexpr std::size_t kSpareAhead = 64;
  // A run this long or shorter is sorted by insertion (see sort_run).
  static constexpr std::ptrdiff_t kInsertionSortMax = 32;

 private:
  using Node = Event;  // the sequence number is unique, so (time, sequence) orders ties
  static bool earlier(const Node& a, const Node& b) noexcept { return fires_before(a, b); }
  // Any non-decreasing map from time to bucket keeps the order exact (ties and all are settled
  // by the heap and the sorted run); a multiplication is cheaper than a division here. Times are
  // >= 0, so the conversion goes through a signed integer: one instruction, where one to an
  // unsigned integer needs a second, branching path for values of 2^63 and more.
  std::size_t bucket_of(Time time) const {
    const double b = time * buckets_per_time_;
    constexpr double kLast = 4611686018427387904.0;  // 2^62: later times share one bucket
    return static_cast<std::size_t>(static_cast<std::int64_t>(b < kLast ? b : kLast));
  }
  // As function objects for the standard algorithms: a function pointer would not be inlined.
  struct Earlier {
    bool operator()(const Node& a, const Node& b) const noexcept { return earlier(a, b); }
  };
  struct Later {
    bool operator()(const Node& a, const Node& b) const noexcept { return earlier(b, a); }
  };
  // Whether the next event comes from the sorted run (else from the heap); not empty().
  bool next_from_run() const {
    return run_next_ != run_end_ && (heap_.empty() || earlier(*run_next_, heap_.front()));
  }
  const Node& earliest_node() const { return next_from_run() ? *run_next_ : heap_.front(); }
  Node pop_heap_node();
  // The cases schedule() does not handle inline: the current bucket (the heap), beyond the ring
  // (the overflow heap), a full ring slot, and an event into an empty calendar.
  void schedule_elsewhere(std::size_t bucket, const Node& node);
  void grow_ring_slot(std::vector<Node>& slot, std::size_t ahead, const Node& node);
  void refill();
  static void sort_run(Node* first, Node* last);
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);

  // Events of buckets <= current_bucket_: those that were pending when the bucket became
  // current, sorted ([run_next_, run_end_) in run_'s buffer), and those scheduled into it since,
  // in a 4-ary min-heap. Most events are scheduled days ahead, so most pops are a step along the
  // run; the pointers spare the pop an index computation and the vector's size.
  std::vector<Node> run_;
  const Node* run_next_ = nullptr;
  const Node* run_end_ = nullptr;
  std::vector<Node> heap_;
  // ring_[b % kRingBuckets]: the unsorted events of bucket b, for current_bucket_ < b <
  // current_bucket_ + kRingBuckets (no two such buckets share a slot).
  std::vector<std::vector<Node>> ring_;
  std::vector<Node> overflow_;            // min-heap (std::push_heap with later) of events beyond the ring
  std::vector<std::vector<Node>> spare_;  // large drained ring vectors (at most kMaxSpare)
  std::size_t current_bucket_ = 0;
  std::size_t ring_count_ = 0;  // events in ring_
  Time bucket_width_;
  double buckets_per_time_;  // 1 / bucket_width_
  Time now_ = 0.0;
  std::uint64_t next_sequence_ = 0;
};

// schedule/pop and the sifts are defined inline: they are the kernel's hot path and a call
// into another translation unit per event costs more than the heap work at typical sizes.

inline void EventCalendar::schedule(Time time, std::uint32_t type, std::uint32_t entity,
                                    std::uint32_t generation, std::uint32_t detail) {
  // Also rejects NaN: a NaN time would silently corrupt the heap order.
  assert(time >= now_ && "EventCalendar::schedule: time lies before now()");
  const Node node{time, next_sequence_++, type, entity, generation, detail};
  const std::size_t bucket = bucket_of(time);
  // The common case inline, one append: a bucket in the ring's range (one unsigned comparison
  // for current_bucket_ < bucket < current_bucket_ + kRingBuckets) whose vector has room, while
  // the ring holds other events (so the calendar is not empty and needs no refill). "size !=
  // capacity" rather than "<": the compiler reduces it to push_back's own test, so the append
  // compiles without push_back's reallocation path (and the registers that path saves).
  if (bucket - current_bucket_ - 1 < kRingBuckets - 1) {
    std::vector<Node>& slot = ring_[bucket & (kRingBuckets - 1)];
    if (slot.size() != slot.capacity() && ring_count_ != 0) {
      slot.push_back(node);
      ++ring_count_;
      return;
    }
  }
  schedule_elsewhere(bucket, node);
}

inline Event EventCalendar::top() const {
  assert(!empty() && "EventCalendar::top on an empty calendar");
  return earliest_node();
}

inline Event EventCalendar::pop() {
  assert(!empty() && "EventCalendar::pop on an empty calendar");
  const Node earliest = next_from_run() ? *run_next_++ : pop_heap_node();
  now_ = earliest.time;
  if (empty()) refill();
  return earliest;
}

inline EventCalendar::Node EventCalendar::pop_heap_node() {
  const Node earliest = heap_.front();
  const Node last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) {
    // Put the former last element in the root's place and let it sink.
    heap_.front() = last;
    sift_down(0);
  }
  return earliest;
}

// Hole-based sift: the moving element is held in a register and written once at its final
// slot, instead of a swap per level.
inline void EventCalendar::sift_up(std::size_t i) {
  Node* const h = heap_.data();
  const Node moving = h[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!earlier(moving, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = moving;
}

// Floyd's variant of sift-down: the hole descends to a leaf along the smallest children without
// comparing against the moving element (three comparisons per level instead of four), then
// the moving element climbs back from there. Pop moves the former last element, which
// belongs near the bottom, so the climb is short (libstdc++'s binary heap does the same).
inline void EventCalendar::sift_down(std::size_t i) {
  Node* const h = heap_.data();
  const std::size_t n = heap_.size();
  const std::size_t top = i;
  const Node moving = h[i];
  for (;;) {
    const std::size_t first = 4 * i + 1;
    std::size_t best;
    if (first + 3 < n) {
      // All four children exist (the common case): a two-level tournament whose two first
      // comparisons are independent, so they can overlap in the pipeline.
      const std::size_t left = earlier(h[first + 1], h[first]) ? first + 1 : first;
      const std::size_t right = earlier(h[first + 3], h[first + 2]) ? first + 3 : first + 2;
      best = earlier(h[right], h[left]) ? right : left;
    } else if (first < n) {
      best = first;
      for (std::size_t c = first + 1; c < n; ++c) {
        if (earlier(h[c], h[best])) best = c;
      }
    } else {
      break;
    }
    h[i] = h[best];
    i = best;
  }
  while (i > top) {
    const std::size_t parent = (i - 1) / 4;
    if (!earlier(moving, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = moving;
}

// Runs events in order until the calendar is empty or the next event lies after `horizon`
// (events at exactly `horizon` still run). `handler.handle(const Event&)` is called for each
// event, statically dispatched. Returns the number of events handled.
template <class Handler>
std::uint64_t run_until(EventCalendar& calendar, Time horizon, Handler& handler) {
  std::uint64_t handled = 0;
  while (!calendar.empty() && calendar.next_time() <= horizon) {
    const Event event = calendar.pop();
    handler.handle(event);
    ++handled;
  }
  return handled;
}

}  // namespace jeugdsim::engine
