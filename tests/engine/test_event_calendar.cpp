#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <queue>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "engine/EventCalendar.hpp"
#include "engine/RandomStreams.hpp"

namespace jeugdsim::engine {
namespace {

TEST(EventCalendar, PopsRandomTimesInSortedOrder) {
  EventCalendar calendar;
  PhiloxEngine engine(StreamKey{1, 0, 0, 0, 0});
  std::vector<Time> times;
  for (std::uint32_t i = 0; i < 5003; ++i) {  // not a multiple of 4: exercises partial child groups
    times.push_back(1000.0 * engine.uniform01());
    calendar.schedule(times.back(), 0, i);
  }
  std::sort(times.begin(), times.end());
  ASSERT_EQ(calendar.size(), times.size());
  for (Time expected : times) {
    const Event e = calendar.pop();
    ASSERT_EQ(e.time, expected);
    ASSERT_EQ(calendar.now(), expected);
  }
  EXPECT_TRUE(calendar.empty());
}

// Interleaved schedules and pops (including the hold pattern) against std::priority_queue as the
// reference: every popped event must be the same (time, sequence) pair.
TEST(EventCalendar, MatchesReferenceQueueUnderMixedOperations) {
  struct Later {
    bool operator()(const Event& a, const Event& b) const { return fires_before(b, a); }
  };
  std::priority_queue<Event, std::vector<Event>, Later> reference;
  EventCalendar calendar;
  PhiloxEngine engine(StreamKey{2, 0, 0, 0, 0});
  std::uint64_t sequence = 0;
  for (int step = 0; step < 20000; ++step) {
    const double u = engine.uniform01();
    if (reference.empty() || u < 0.55) {
      // Coarse times so that ties are frequent and the sequence tie-break is exercised.
      const Time t = calendar.now() + static_cast<double>(static_cast<int>(10.0 * engine.uniform01()));
      calendar.schedule(t, 1, static_cast<std::uint32_t>(step));
      reference.push(Event{t, sequence++, 1, static_cast<std::uint32_t>(step), 0, 0});
    } else {
      const Event got = calendar.pop();
      const Event want = reference.top();
      reference.pop();
      ASSERT_EQ(got.time, want.time);
      ASSERT_EQ(got.sequence, want.sequence);
      ASSERT_EQ(got.entity, want.entity);
    }
    ASSERT_EQ(calendar.size(), reference.size());
  }
}

// The two-level calendar (heap for the current bucket, unsorted vectors for later buckets)
// against std::priority_queue, for several bucket widths, far-future events, events beyond
// the last bucket and an empty heap with far events pending.
TEST(EventCalendar, BucketsKeepTheExactOrderOfOneHeap) {
  struct Later {
    bool operator()(const Event& a, const Event& b) const { return fires_before(b, a); }
  };
  for (const Time width : {0.01, 1.0, 7.0, 1000.0}) {
    std::priority_queue<Event, std::vector<Event>, Later> reference;
    EventCalendar calendar(width);
    PhiloxEngine engine(StreamKey{3, 0, 0, 0, 0});
    std::uint64_t sequence = 0;
    for (int step = 0; step < 20000; ++step) {
      const double u = engine.uniform01();
      if (reference.empty() || u < 0.5) {
        const double v = engine.uniform01();
        Time t = calendar.now();
        if (v < 0.3) t += 0.0;                                        // now: ties with the current time
        else if (v < 0.7) t += 3.0 * engine.uniform01();              // near
        else if (v < 0.995) t += 2000.0 * engine.uniform01();         // far (timers)
        else t += 1e12;                                               // beyond the last bucket
        calendar.schedule(t, 2, static_cast<std::uint32_t>(step), 0, static_cast<std::uint32_t>(step) * 3);
        reference.push(Event{t, sequence++, 2, static_cast<std::uint32_t>(step), 0, static_cast<std::uint32_t>(step) * 3});
      } else {
        const Event got = calendar.pop();
        const Event want = reference.top();
        reference.pop();
        ASSERT_EQ(got.time, want.time) << "width " << width;
        ASSERT_EQ(got.sequence, want.sequence) << "width " << width;
        ASSERT_EQ(got.entity, want.entity);
        ASSERT_EQ(got.detail, want.detail);
      }
      ASSERT_EQ(calendar.size(), reference.size());
      ASSERT_EQ(calendar.empty(), reference.empty());
    }
    while (!reference.empty()) {
      ASSERT_EQ(calendar.pop().sequence, reference.top().sequence);
      reference.pop();
    }
    EXPECT_TRUE(calendar.empty());
  }
  EXPECT_THROW(EventCalendar(0.0), std::invalid_argument);
}

// The sorted run is walked by pointers into its buffer: a calendar must not be copied (a copy
// would walk the original's buffer), and reserve() during a run must move the pointers along.
static_assert(!std::is_copy_constructible_v<EventCalendar> && !std::is_copy_assignable_v<EventCalendar>);

TEST(EventCalendar, ReserveDuringARunKeepsTheOrder) {
  EventCalendar calendar;
  for (std::uint32_t i = 0; i < 20; ++i) calendar.schedule(5.0 + 0.04 * (19 - i), 0, i);
  for (std::uint32_t i = 0; i < 5; ++i) EXPECT_EQ(calendar.pop().entity, 19 - i);  // the day's run is under way
  calendar.reserve(100000);  // reallocates the run's buffer
  for (std::uint32_t i = 5; i < 20; ++i) EXPECT_EQ(calendar.pop().entity, 19 - i);
  EXPECT_TRUE(calendar.empty());
}

TEST(EventCalendar, TiesPopFirstInFirstOut) {
  EventCalendar calendar;
  for (std::uint32_t i = 0; i < 50; ++i) {
    calendar.schedule(3.0, 0, i);
    calendar.schedule(1.0 + 0.01 * i, 1, i);  // interleave other times to disturb the heap
  }
  for (std::uint32_t i = 0; i < 50; ++i) EXPECT_EQ(calendar.pop().type, 1u);
  for (std::uint32_t i = 0; i < 50; ++i) {
    const Event e = calendar.pop();
    EXPECT_EQ(e.time, 3.0);
    EXPECT_EQ(e.entity, i) << "equal times must pop in insertion order";
  }
}

TEST(EventCalendar, PayloadIsPreserved) {
  EventCalendar calendar;
  calendar.schedule(2.5, 7, 11, 13, 17);
  const Event e = calendar.pop();
  EXPECT_EQ(e.time, 2.5);
  EXPECT_EQ(e.type, 7u);
  EXPECT_EQ(e.entity, 11u);
  EXPECT_EQ(e.generation, 13u);
  EXPECT_EQ(e.detail, 17u);
}

// The domain's lazy cancellation: bumping an entity's generation cancels its pending events,
// which are skipped when they surface.
struct GenerationHandler {
  std::vector<std::uint32_t> generation;
  std::vector<std::uint32_t> handled_entities;
  std::vector<Time> handled_times;
  std::uint64_t stale = 0;
  EventCalendar* calendar = nullptr;
  void handle(const Event& e) {
    if (e.generation != generation[e.entity]) {
      ++stale;
      return;
    }
    handled_entities.push_back(e.entity);
    handled_times.push_back(calendar->now());
  }
};

TEST(EventCalendar, LazyCancellationSkipsStaleGenerations) {
  EventCalendar calendar;
  GenerationHandler handler;
  handler.generation = {0, 0};
  handler.calendar = &calendar;
  calendar.schedule(5.0, 0, 0, handler.generation[0]);
  calendar.schedule(6.0, 0, 1, handler.generation[1]);
  ++handler.generation[0];  // cancel entity 0's event at t = 5 and reschedule it at t = 7
  calendar.schedule(7.0, 0, 0, handler.generation[0]);
  const std::uint64_t calls = run_until(calendar, 100.0, handler);
  EXPECT_EQ(calls, 3u);  // the stale event is popped and passed on, the handler skips it
  EXPECT_EQ(handler.stale, 1u);
  EXPECT_EQ(handler.handled_entities, (std::vector<std::uint32_t>{1, 0}));
  EXPECT_EQ(handler.handled_times, (std::vector<Time>{6.0, 7.0}));
}

struct CountingHandler {
  std::vector<Time> times;
  void handle(const Event& e) { times.push_back(e.time); }
};

TEST(EventCalendar, RunUntilStopsAtTheHorizonInclusive) {
  EventCalendar calendar;
  for (Time t : {8.0, 1.0, 5.0, 2.0, 5.000001, 5.0}) calendar.schedule(t, 0, 0);
  CountingHandler handler;
  EXPECT_EQ(run_until(calendar, 5.0, handler), 4u);
  EXPECT_EQ(handler.times, (std::vector<Time>{1.0, 2.0, 5.0, 5.0}));
  EXPECT_EQ(calendar.now(), 5.0);
  ASSERT_EQ(calendar.size(), 2u);
  EXPECT_EQ(calendar.top().time, 5.000001);
  EXPECT_EQ(run_until(calendar, 100.0, handler), 2u);
  EXPECT_TRUE(calendar.empty());
  EXPECT_EQ(run_until(calendar, 200.0, handler), 0u);  // empty calendar: nothing to do
}

// A handler that schedules follow-ups (the hold pattern of a real model) until the horizon.
struct RescheduleHandler {
  EventCalendar* calendar;
  std::uint64_t handled = 0;
  void handle(const Event& e) {
    ++handled;
    calendar->schedule(e.time + 1.0, e.type, e.entity);
  }
};

TEST(EventCalendar, RunUntilWithHandlerThatSchedules) {
  EventCalendar calendar;
  calendar.schedule(0.5, 0, 0);
  calendar.schedule(0.25, 0, 1);
  RescheduleHandler handler{&calendar};
  // Entity 1 fires at 0.25, 1.25, ..., 9.25 (10 times); entity 0 at 0.5, ..., 9.5 (10 times).
  EXPECT_EQ(run_until(calendar, 10.0, handler), 20u);
  EXPECT_EQ(calendar.size(), 2u);
  EXPECT_EQ(calendar.top().time, 10.25);
}

TEST(EventCalendar, ClearResetsClockSequenceAndContents) {
  EventCalendar calendar;
  calendar.schedule(4.0, 0, 0);
  calendar.schedule(9.0, 0, 1);
  calendar.pop();
  ASSERT_EQ(calendar.now(), 4.0);
  calendar.clear();
  EXPECT_TRUE(calendar.empty());
  EXPECT_EQ(calendar.size(), 0u);
  EXPECT_EQ(calendar.now(), 0.0);
  calendar.schedule(1.0, 0, 5);  // before the old clock: allowed after clear
  EXPECT_EQ(calendar.pop().sequence, 0u);
}

// A calendar is reused between replications: cleared with events pending in its heap, its ring
// and its overflow, it must pop a new workload exactly as a fresh calendar does.
TEST(EventCalendar, AClearedCalendarBehavesAsAFreshOne) {
  auto workload = [](EventCalendar& calendar, std::uint64_t seed) {
    PhiloxEngine engine(StreamKey{seed, 0, 0, 0, 0});
    std::vector<std::uint64_t> popped;
    for (int step = 0; step < 5000; ++step) {
      const double v = engine.uniform01();
      if (calendar.empty() || v < 0.55) {
        const double w = engine.uniform01();
        const Time ahead = w < 0.3 ? 0.5 * engine.uniform01() : (w < 0.9 ? 400.0 * engine.uniform01() : 5000.0 * engine.uniform01());
        calendar.schedule(calendar.now() + ahead, 0, static_cast<std::uint32_t>(step));
      } else {
        const Event e = calendar.pop();
        popped.push_back(e.sequence);
        popped.push_back(e.entity);
      }
    }
    return popped;
  };
  EventCalendar reused;
  (void)workload(reused, 11);  // leaves events in the heap, the ring and the overflow
  ASSERT_GT(reused.size(), 0u);
  reused.clear();
  EventCalendar fresh;
  EXPECT_EQ(workload(reused, 12), workload(fresh, 12));
}

#ifndef NDEBUG
TEST(EventCalendarDeathTest, SchedulingInThePastAssertsInDebugBuilds) {
  EventCalendar calendar;
  calendar.schedule(5.0, 0, 0);
  calendar.pop();
  EXPECT_DEATH(calendar.schedule(4.0, 0, 0), "before now");
}
#endif

}  // namespace
}  // namespace jeugdsim::engine
