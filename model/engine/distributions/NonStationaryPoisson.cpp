#include "engine/distributions/NonStationaryPoisson.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/distributions/Validation.hpp"

namespace jeugdsim::engine {

namespace {

constexpr double days_per_year = 365.0;
constexpr double days_per_month = days_per_year / 12.0;

// The month segment containing t: index k covers [k * L, (k + 1) * L) with L = 365 / 12, so
// k mod 12 is the calendar month. The check guards against rounding putting t at or past the
// computed end, which would make the thinning loop spin on an empty segment.
struct Segment {
  double start, end;
  int month;
};

Segment segment_of(Time t) {
  double k = std::floor(t / days_per_month);
  if ((k + 1.0) * days_per_month <= t) k += 1.0;
  const double month = std::fmod(k, 12.0);
  return Segment{k * days_per_month, (k + 1.0) * days_per_month,
                 static_cast<int>(month < 0.0 ? month + 12.0 : month)};
}

}  // namespace

NonStationaryPoisson::NonStationaryPoisson(double rate_per_year, std::array<double, 12> seasonality,
                                           double trend_per_year)
    : base_per_day_(rate_per_year / days_per_year),
      seasonality_(seasonality),
      trend_per_year_(trend_per_year),
      max_seasonality_(0.0),
      log_growth_(0.0) {
  if (!(rate_per_year >= 0.0) || !std::isfinite(rate_per_year)) {
    detail::throw_invalid("non-stationary poisson", "rate_per_year", ">= 0 and finite", rate_per_year);
  }
  for (double s : seasonality) {
    if (!(s >= 0.0) || !std::isfinite(s)) detail::throw_invalid("non-stationary poisson", "seasonality", ">= 0 and finite", s);
    max_seasonality_ = std::max(max_seasonality_, s);
  }
  if (!(trend_per_year > -1.0) || !std::isfinite(trend_per_year)) {
    detail::throw_invalid("non-stationary poisson", "trend_per_year", "> -1 and finite", trend_per_year);
  }
  log_growth_ = std::log1p(trend_per_year);
}

double NonStationaryPoisson::rate_per_day(Time t) const {
  double within = std::fmod(t, days_per_year);
  if (within < 0.0) within += days_per_year;
  const int month = std::min(11, static_cast<int>(within / days_per_month));
  return base_per_day_ * seasonality_[static_cast<std::size_t>(month)] * std::exp(log_growth_ * t / days_per_year);
}

// Lewis-Shedler thinning against a majorant that is constant on each month: the month's
// seasonality times the growth factor at the month's end (trend > 0) or start (trend < 0).
// Tighter than one bound per year, so fewer rejected candidates. A candidate that overshoots
// its month is dropped and the search restarts at the month's end, which is exact by the
// memorylessness of the exponential gap; months with zero rate are skipped without drawing.
Time NonStationaryPoisson::next(Time after, PhiloxEngine& engine) const {
  if (base_per_day_ == 0.0 || max_seasonality_ == 0.0) return std::numeric_limits<Time>::infinity();
  Time t = after;
  for (;;) {
    const Segment seg = segment_of(t);
    const double level = base_per_day_ * seasonality_[static_cast<std::size_t>(seg.month)];
    if (level == 0.0) {
      t = seg.end;
      continue;
    }
    const double bound_at = trend_per_year_ > 0.0 ? seg.end : seg.start;
    const double majorant = trend_per_year_ == 0.0 ? level : level * std::exp(log_growth_ * bound_at / days_per_year);
    const Time candidate = t - std::log(engine.uniform01()) / majorant;
    if (candidate >= seg.end) {
      t = seg.end;
      continue;
    }
    t = candidate;
    const double rate = trend_per_year_ == 0.0 ? level : level * std::exp(log_growth_ * t / days_per_year);
    // t > after excludes a gap lost to rounding at large t ("strictly after").
    if (engine.uniform01() * majorant <= rate && t > after) return t;
  }
}

double NonStationaryPoisson::expected_arrivals(Time from, Time to) const {
  if (to < from) return -expected_arrivals(to, from);
  double total = 0.0;
  Time t = from;
  while (t < to) {
    const Segment seg = segment_of(t);
    const Time end = std::min(seg.end, to);
    const double level = base_per_day_ * seasonality_[static_cast<std::size_t>(seg.month)];
    if (level > 0.0) {
      if (log_growth_ == 0.0) {
        total += level * (end - t);
      } else {
        // Integral of exp(g x / 365) over [t, end], written with expm1 for short intervals.
        const double g = log_growth_ / days_per_year;
        total += level * std::exp(g * t) * std::expm1(g * (end - t)) / g;
      }
    }
    t = end;
  }
  return total;
}

}  // namespace jeugdsim::engine
