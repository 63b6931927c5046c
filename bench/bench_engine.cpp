// Engine kernel micro-benchmarks: the calendar's hold operation against a bare
// std::priority_queue doing the same work, and the cost of single draws.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "engine/EventCalendar.hpp"
#include "engine/RandomStreams.hpp"
#include "engine/distributions/AliasTable.hpp"
#include "engine/distributions/Bernoulli.hpp"
#include "engine/distributions/DurationDistribution.hpp"
#include "engine/distributions/EmpiricalBinned.hpp"
#include "engine/distributions/Exponential.hpp"
#include "engine/distributions/Gamma.hpp"
#include "engine/distributions/LogNormal.hpp"
#include "engine/distributions/NonStationaryPoisson.hpp"
#include "engine/distributions/Poisson.hpp"
#include "engine/distributions/Triangular.hpp"
#include "engine/distributions/Weibull.hpp"

namespace {

using namespace jeugdsim::engine;

// Exponential(mean 1) increments, precomputed so that neither loop measures the RNG. The
// length is a power of two (cheap wrap-around) and large enough not to induce a pattern.
const std::vector<double>& increments() {
  static const std::vector<double> values = [] {
    std::vector<double> v(1u << 16);
    PhiloxEngine engine(StreamKey{1, 0, 0, 0, 0});
    for (double& x : v) x = -std::log(engine.uniform01());
    return v;
  }();
  return values;
}
constexpr std::size_t increment_mask = (1u << 16) - 1;

// The classic hold model: pop the earliest event, push one at now + increment; the number of
// pending events stays constant.
void BM_CalendarHold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  const std::vector<double>& inc = increments();
  EventCalendar calendar;
  calendar.reserve(pending + 1);
  for (std::size_t i = 0; i < pending; ++i) calendar.schedule(inc[i & increment_mask], 0, static_cast<std::uint32_t>(i));
  std::size_t k = pending;
  for (auto _ : state) {
    const Event e = calendar.pop();
    calendar.schedule(e.time + inc[k++ & increment_mask], e.type, e.entity);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalendarHold)->Arg(100)->Arg(1000)->Arg(10000)->Arg(100000)->Arg(1000000);

struct FiresLater {
  bool operator()(const Event& a, const Event& b) const noexcept { return fires_before(b, a); }
};

void BM_PriorityQueueHold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  const std::vector<double>& inc = increments();
  std::vector<Event> storage;
  storage.reserve(pending + 1);
  std::priority_queue<Event, std::vector<Event>, FiresLater> queue(FiresLater{}, std::move(storage));
  std::uint64_t sequence = 0;
  for (std::size_t i = 0; i < pending; ++i) {
    queue.push(Event{inc[i & increment_mask], sequence++, 0, static_cast<std::uint32_t>(i), 0, 0});
  }
  std::size_t k = pending;
  for (auto _ : state) {
    const Event e = queue.top();
    queue.pop();
    queue.push(Event{e.time + inc[k++ & increment_mask], sequence++, e.type, e.entity, 0, 0});
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PriorityQueueHold)->Arg(100)->Arg(1000)->Arg(10000)->Arg(100000);

// A new engine per decision is the intended usage: construction plus the first block.
void BM_PhiloxConstructAndFirstDraw(benchmark::State& state) {
  std::uint64_t entity = 0;
  for (auto _ : state) {
    PhiloxEngine engine(StreamKey{20261122, 0, 1, entity++, 7});
    benchmark::DoNotOptimize(engine());
  }
}
BENCHMARK(BM_PhiloxConstructAndFirstDraw);

void BM_Uniform01(benchmark::State& state) {
  PhiloxEngine engine(StreamKey{1, 0, 0, 0, 0});
  for (auto _ : state) benchmark::DoNotOptimize(engine.uniform01());
}
BENCHMARK(BM_Uniform01);

template <class Distribution>
void draw_loop(benchmark::State& state, const Distribution& dist) {
  PhiloxEngine engine(StreamKey{1, 0, 2, 0, 0});
  for (auto _ : state) benchmark::DoNotOptimize(dist.sample(engine));
}

void BM_Exponential(benchmark::State& s) { draw_loop(s, Exponential::from_mean(30.0)); }
void BM_LogNormal(benchmark::State& s) { draw_loop(s, LogNormal::from_mean_cv(14.0, 0.5)); }
void BM_GammaShape2(benchmark::State& s) { draw_loop(s, Gamma(2.0, 10.0)); }
void BM_GammaShape0_4(benchmark::State& s) { draw_loop(s, Gamma(0.4, 10.0)); }
void BM_Weibull(benchmark::State& s) { draw_loop(s, Weibull(1.5, 100.0)); }
void BM_Triangular(benchmark::State& s) { draw_loop(s, Triangular(1.0, 3.0, 10.0)); }
void BM_Bernoulli(benchmark::State& s) { draw_loop(s, Bernoulli(0.3)); }
void BM_PoissonMean3(benchmark::State& s) { draw_loop(s, Poisson(3.5)); }
void BM_PoissonMean40(benchmark::State& s) { draw_loop(s, Poisson(40.0)); }
void BM_EmpiricalBinned(benchmark::State& s) {
  draw_loop(s, EmpiricalBinned({0, 91, 182, 365, 730, 1095, 1460, 2190}, {0.161, 0.172, 0.296, 0.233, 0.067, 0.031, 0.039}));
}
void BM_AliasTable(benchmark::State& s) { draw_loop(s, AliasTable({5.0, 1.0, 3.0, 0.5, 10.0, 2.0, 7.0, 1.5})); }
void BM_DurationLogNormal(benchmark::State& s) { draw_loop(s, DurationDistribution::lognormal(14.0, 0.5)); }
void BM_DurationGamma(benchmark::State& s) { draw_loop(s, DurationDistribution::gamma(60.0, 0.8)); }
void BM_DurationEmpirical(benchmark::State& s) {
  draw_loop(s, DurationDistribution::empirical({0, 91, 182, 365, 730, 1095, 1460, 2190},
                                               {0.161, 0.172, 0.296, 0.233, 0.067, 0.031, 0.039}));
}
BENCHMARK(BM_Exponential);
BENCHMARK(BM_LogNormal);
BENCHMARK(BM_GammaShape2);
BENCHMARK(BM_GammaShape0_4);
BENCHMARK(BM_Weibull);
BENCHMARK(BM_Triangular);
BENCHMARK(BM_Bernoulli);
BENCHMARK(BM_PoissonMean3);
BENCHMARK(BM_PoissonMean40);
BENCHMARK(BM_EmpiricalBinned);
BENCHMARK(BM_AliasTable);
BENCHMARK(BM_DurationLogNormal);
BENCHMARK(BM_DurationGamma);
BENCHMARK(BM_DurationEmpirical);

// One arrival of a seasonal, growing process (about 3 arrivals per day): thinning included.
void BM_NonStationaryPoissonNext(benchmark::State& state) {
  const NonStationaryPoisson process(1000.0, {1.2, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4, 0.7, 1.0, 1.1, 1.3, 1.4}, 0.05);
  PhiloxEngine engine(StreamKey{1, 0, 3, 0, 0});
  Time t = 0.0;
  for (auto _ : state) {
    t = process.next(t, engine);
    if (t > 3650.0) t = 0.0;  // stay within ten years
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_NonStationaryPoissonNext);

}  // namespace

BENCHMARK_MAIN();
