#pragma once
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/Event.hpp"

namespace jeugdsim::engine {

// The future-event set: an array-backed 4-ary min-heap of plain Event structs ordered by
// (time, sequence). No allocation per event once the vector has grown; no virtual calls.
class EventCalendar {
 public:
  // Schedules an event at absolute time `time` (must be >= now(); checked in debug builds).
  void schedule(Time time, std::uint32_t type, std::uint32_t entity, std::uint32_t generation = 0,
                std::uint32_t detail = 0);
  // Removes and returns the earliest event and advances the clock to its time.
  Event pop();
  const Event& top() const { return heap_.front(); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  Time now() const { return now_; }
  void reserve(std::size_t n) { heap_.reserve(n); }
  // Empties the calendar and resets the clock to zero and the sequence counter.
  void clear();

 private:
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);

  std::vector<Event> heap_;
  Time now_ = 0.0;
  std::uint64_t next_sequence_ = 0;
};

// schedule/pop and the sifts are defined inline: they are the kernel's hot path and a call
// into another translation unit per event costs more than the heap work at typical sizes.

inline void EventCalendar::schedule(Time time, std::uint32_t type, std::uint32_t entity,
                                    std::uint32_t generation, std::uint32_t detail) {
  // Also rejects NaN: a NaN time would silently corrupt the heap order.
  assert(time >= now_ && "EventCalendar::schedule: time lies before now()");
  heap_.push_back(Event{time, next_sequence_++, type, entity, generation, detail});
  sift_up(heap_.size() - 1);
}

inline Event EventCalendar::pop() {
  assert(!heap_.empty() && "EventCalendar::pop on an empty calendar");
  const Event earliest = heap_.front();
  const Event last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) {
    // Put the former last element in the root's place and let it sink.
    heap_.front() = last;
    sift_down(0);
  }
  now_ = earliest.time;
  return earliest;
}

// Hole-based sift: the moving element is held in a register and written once at its final
// slot, instead of a swap (three copies of a 32-byte struct) per level.
inline void EventCalendar::sift_up(std::size_t i) {
  Event* const h = heap_.data();
  const Event moving = h[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!fires_before(moving, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = moving;
}

// Floyd's variant of sift-down: the hole descends to a leaf along the smallest children without
// comparing against the moving element (three comparisons per level instead of four), then
// the moving element climbs back from there. Pop moves the former last element, which
// belongs near the bottom, so the climb is short (libstdc++'s binary heap does the same).
// Measured on par with the classic sift; branch-free selections were tried and were slower
// at 100,000 events (conditional moves serialise the loads of the next level).
inline void EventCalendar::sift_down(std::size_t i) {
  Event* const h = heap_.data();
  const std::size_t n = heap_.size();
  const std::size_t top = i;
  const Event moving = h[i];
  for (;;) {
    const std::size_t first = 4 * i + 1;
    std::size_t best;
    if (first + 3 < n) {
      // All four children exist (the common case): a two-level tournament whose two first
      // comparisons are independent, so they can overlap in the pipeline.
      const std::size_t left = fires_before(h[first + 1], h[first]) ? first + 1 : first;
      const std::size_t right = fires_before(h[first + 3], h[first + 2]) ? first + 3 : first + 2;
      best = fires_before(h[right], h[left]) ? right : left;
    } else if (first < n) {
      best = first;
      for (std::size_t c = first + 1; c < n; ++c) {
        if (fires_before(h[c], h[best])) best = c;
      }
    } else {
      break;
    }
    h[i] = h[best];
    i = best;
  }
  while (i > top) {
    const std::size_t parent = (i - 1) / 4;
    if (!fires_before(moving, h[parent])) break;
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
  while (!calendar.empty() && calendar.top().time <= horizon) {
    const Event event = calendar.pop();
    handler.handle(event);
    ++handled;
  }
  return handled;
}

}  // namespace jeugdsim::engine
