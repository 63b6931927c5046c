// [channels.NAME]: where families arrive, at what rate and by which routes; and the guard against
// a volume of arrivals that would never finish.
#include "scenario/CareScenarioReader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

void CareScenarioReader::read_channels() {
  auto channels = root_.child("channels");
  for (const auto& name : channels_.names) {
    auto t = channels.child(name);
    Channel ch;
    ch.name = name;
    ch.rate_per_1000_youth_per_year = t.number("rate_per_1000_youth_per_year", 0, 10000);
    auto season = t.numbers("seasonality", 0, 100, 12, 12, std::vector<double>(12, 1.0));
    for (std::size_t m = 0; m < 12 && m < season.size(); ++m) ch.seasonality[m] = season[m];
    ch.trend_per_year = t.number("trend_per_year", -0.5, 1.0, 0.0);
    ch.need_mix = std::max(0, resolve(t, "needs", t.string("needs"), mixes_, "need mix"));
    if (auto s = t.optional_child("safety")) {
      ch.overrides_safety = true;
      ch.safety_elevated = s->number("elevated", 0, 1);
      ch.safety_acute = s->number("acute", 0, 1);
      if (ch.safety_elevated + ch.safety_acute > 1)
        s->error("acute", "elevated + acute must not exceed 1", "elevated + acute <= 1");
      s->finish();
    }
    ch.routes = read_routes(t, "route");
    t.finish();
    p_.channels.push_back(ch);
  }
  channels.finish();
  if (channels_.names.empty()) root_.error("channels", "at least one channel is required", "[channels.NAME]");
}

// A guard against runs that would never finish: the expected number of arrivals.
void CareScenarioReader::check_volume() {
  if (!diags_.ok()) return;
  double per_year = 0, largest = -1;
  std::size_t largest_channel = 0;
  for (std::size_t i = 0; i < p_.channels.size(); ++i) {
    const Channel& c = p_.channels[i];
    double max_season = 0;
    for (double s : c.seasonality) max_season = std::max(max_season, s);
    const double channel_per_year = c.rate_per_1000_youth_per_year * p_.population.youth() / 1000.0 * max_season;
    per_year += channel_per_year;
    if (channel_per_year > largest) {
      largest = channel_per_year;
      largest_channel = i;
    }
  }
  const double years = (p_.simulation.horizon_days + p_.simulation.warmup_days) / 365.0;
  const double growth = std::pow(1.0 + std::max(0.0, p_.channels.empty() ? 0.0 : p_.channels[0].trend_per_year), years);
  const double expected = per_year * years * growth;
  constexpr double kMaxArrivals = 1e8;  // ~1.5e9 events: minutes, not hours
  if (expected > kMaxArrivals) {
    // Reported at the rate of the busiest channel: a key the user wrote, in the file that set
    // it (the [channels] table itself may have been declared in an included profile).
    auto ch = root_.child("channels").child(p_.channels[largest_channel].name);
    ch.error("rate_per_1000_youth_per_year",
             fmt::format("these rates would generate about {:.3g} families in one replication", expected),
             fmt::format("at most {:.0e}: lower the rates, the population or the horizon", kMaxArrivals));
  }
}

}  // namespace jeugdsim::scenario::detail
