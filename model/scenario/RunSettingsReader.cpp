// [meta] and [simulation]: the scenario's name and how long, how often and from which seed to run.
#include "scenario/CareScenarioReader.hpp"

#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

void CareScenarioReader::read_meta() {
  auto meta = root_.child("meta");
  p_.name = meta.string("name");
  meta.string("description", "");
  meta.finish();
}

void CareScenarioReader::read_simulation() {
  auto s = root_.child("simulation");
  auto& sim = p_.simulation;
  sim.horizon_days = s.number("horizon_days", 1, 36500);
  const toml::node* warm = s.has("warmup_days") ? s.raw("warmup_days") : nullptr;
  if (warm != nullptr && warm->is_string()) {
    if (warm->value<std::string>().value_or("") != "auto")
      s.error("warmup_days",
              "expected a number of days or \"auto\"" + did_you_mean(warm->value<std::string>().value_or(""), {"auto"}),
              "0 to 36500, or \"auto\"");
    sim.warmup_auto = true;
    sim.warmup_days = 0;
  } else {
    sim.warmup_days = s.number("warmup_days", 0, 36500, 0);
  }
  sim.replications = static_cast<int>(s.integer("replications", 1, 100000, 10));
  sim.seed = static_cast<std::uint64_t>(s.integer("seed", 0, std::numeric_limits<std::int64_t>::max()));
  sim.intake_norm_days = s.number("intake_norm_days", 0, 3650, 28);
  sim.specialist_norm_days = s.number("specialist_norm_days", 0, 3650, 70);
  sim.timeseries_interval_days = s.number("timeseries_interval_days", 1, 3650, 30);
  // Optional calendar date of day 0 after the warm-up: the model does not use it, the report
  // reads it from scenario.resolved.toml to show results per calendar year.
  if (const toml::node* start = s.raw("start_date"); start != nullptr && !start->is_date())
    s.error("start_date", "expected a date without quotes", "a TOML date such as 2027-01-01");
  s.finish();
}

}  // namespace jeugdsim::scenario::detail
