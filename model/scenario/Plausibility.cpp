#include "scenario/Plausibility.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace jeugdsim::scenario {

namespace {

using namespace jeugdsim::care;

constexpr double kDaysPerYear = 365.25;

// Warns at `key` (a full dotted key), located where the scenario set it.
struct Warner {
  const ScenarioDocument& doc;
  Diagnostics& diags;
  void operator()(const std::string& key, std::string message) const {
    Location where = doc.location_of(key);
    diags.warning(std::move(where.file), where.line, key, std::move(message));
  }
};

std::string number(double v) { return fmt::format("{}", v); }

// A whole number of at most `max`: the kind of value typed in the wrong unit ("5" years).
bool small_whole(double v, double max) { return v >= 1 && v <= max && std::trunc(v) == v; }

void check_simulation(const SimulationSettings& s, const Warner& warn) {
  const double h = s.horizon_days;
  if (small_whole(h, 100)) {
    warn("simulation.horizon_days",
         fmt::format("horizon_days = {0}: that is {0} day{2}; did you mean {0} year{2} = {1:.0f} days?", h,
                     std::floor(h * kDaysPerYear), h == 1 ? "" : "s"));
  } else if (h < 365) {
    warn("simulation.horizon_days",
         fmt::format("horizon_days = {}: the measured period is shorter than a year, so the per-year KPIs are "
                     "extrapolated from it and seasonality does not average out",
                     number(h)));
  }
  // (After the years hint above this would only repeat it.)
  if (!s.warmup_auto && s.warmup_days > h && !small_whole(h, 100))
    warn("simulation.horizon_days",
         fmt::format("horizon_days = {} is shorter than warmup_days = {}: the measured period is shorter than the "
                     "warm-up before it (were they swapped?)",
                     number(h), number(s.warmup_days)));
  if (!s.warmup_auto && small_whole(s.warmup_days, 10))
    warn("simulation.warmup_days",
         fmt::format("warmup_days = {0}: that is {0} day{2}; did you mean {0} year{2} = {1:.0f} days?", s.warmup_days,
                     std::floor(s.warmup_days * kDaysPerYear), s.warmup_days == 1 ? "" : "s"));
}

void check_population(const PopulationSettings& pop, const Warner& warn) {
  if (pop.inhabitants < 1000)
    warn("population.inhabitants",
         fmt::format("inhabitants = {0}: a municipality of {0} people; inhabitants is a head count, did you mean "
                     "{0} thousand = {1}?",
                     number(pop.inhabitants), number(pop.inhabitants * 1000)));
  // CBS: 0-17 year olds are about a fifth of the inhabitants of every Dutch municipality.
  if (pop.youth_share > 0.5)
    warn("population.youth_share",
         fmt::format("youth_share = {}: more than half of the inhabitants under 18 (Dutch municipalities: about "
                     "0.2); it is the share of inhabitants aged 0-17",
                     number(pop.youth_share)));
}

void check_channels(const CareParameters& p, const Warner& warn) {
  for (const Channel& c : p.channels) {
    const std::string key = "channels." + c.name + ".rate_per_1000_youth_per_year";
    const double r = c.rate_per_1000_youth_per_year;
    if (r > 0 && r < 0.1)
      warn(key, fmt::format("rate_per_1000_youth_per_year = {}: one family a year per {:.0f} youth; is it a rate per "
                            "youth? Per 1000 youth that would be {}",
                            number(r), 1000 / r, number(r * 1000)));
    else if (r > 1000)
      warn(key, fmt::format("rate_per_1000_youth_per_year = {}: more families a year than there are youth; the rate "
                            "is per 1000 youth (Dutch channels: about 1 to 30)",
                            number(r)));
  }
}

// A rate per year above 1 that may be a percentage: "15" for 15% a year.
void check_yearly_rate(const Warner& warn, const std::string& key, double rate, const char* what) {
  if (rate <= 1) return;
  std::string message = fmt::format("{} = {}: {} {} times a year (on average every {:.0f} days)", key.substr(key.rfind('.') + 1),
                                    number(rate), what, number(rate), 365.0 / rate);
  if (rate >= 2 && rate <= 100) message += fmt::format("; if you meant {}% a year, write {}", number(rate), number(rate / 100));
  warn(key, std::move(message));
}

void check_workforce_and_waiting(const CareParameters& p, const Warner& warn) {
  check_yearly_rate(warn, "workforce.turnover_per_year", p.workforce.turnover_per_year, "every post changes hands");
  // A family drops out of (or worsens on) a waiting list at this hazard; above 12 a year the
  // mean time to it is under a month.
  if (p.waiting.reneging_per_year > 12)
    check_yearly_rate(warn, "waiting.reneging_per_year", p.waiting.reneging_per_year, "a waiting family drops out");
  if (p.waiting.deterioration_per_year > 12)
    check_yearly_rate(warn, "waiting.deterioration_per_year", p.waiting.deterioration_per_year,
                      "a waiting family's needs worsen");
}

void check_teams(const CareParameters& p, const Warner& warn) {
  // Where families are sent to each team: routes with a share, hand-offs, adult teams.
  std::vector<std::string> sent_by(p.teams.size());
  auto note = [&](int team, const std::string& from) {
    if (team >= 0 && static_cast<std::size_t>(team) < sent_by.size() && sent_by[static_cast<std::size_t>(team)].empty())
      sent_by[static_cast<std::size_t>(team)] = from;
  };
  auto routes = [&](const std::vector<Route>& rs, const std::string& prefix) {
    for (std::size_t i = 0; i < rs.size(); ++i)
      if (rs[i].target == Route::Target::team && rs[i].share > 0) note(rs[i].index, fmt::format("{}.route[{}]", prefix, i));
  };
  for (const Channel& c : p.channels) routes(c.routes, "channels." + c.name);
  for (const Triage& t : p.triages) routes(t.routes, "triage." + t.name);
  for (const Team& t : p.teams) {
    note(t.hand_off_child, "teams." + t.name + ".hand_off.child");
    note(t.hand_off_parent, "teams." + t.name + ".hand_off.parent");
    note(t.hand_off_safety, "teams." + t.name + ".hand_off.safety");
    if (t.handover_at_18 == HandoverAt18::cold) note(t.adult_team, "teams." + t.name + ".adult_team");
  }
  for (std::size_t i = 0; i < p.teams.size(); ++i) {
    const Team& t = p.teams[i];
    const std::string prefix = "teams." + t.name + ".";
    if (t.workers == 0 && !sent_by[i].empty())
      warn(prefix + "workers", fmt::format("workers = 0, but {} sends families to this team: nobody will ever take "
                                           "them in (they wait until they drop out)",
                                           sent_by[i]));
    if (t.cost_per_fte_per_year_eur > 0 && t.cost_per_fte_per_year_eur < 1000)
      warn(prefix + "cost_per_fte_per_year_eur",
           fmt::format("cost_per_fte_per_year_eur = {0}: {0} euro a year per FTE; did you mean {0} thousand = {1}?",
                       number(t.cost_per_fte_per_year_eur), number(t.cost_per_fte_per_year_eur * 1000)));
  }
}

// The merge position of the file that set `key`: files in merge order (includes before their
// includer), command-line overrides after every file.
std::size_t merge_rank(const ScenarioDocument& doc, const std::string& key) {
  const std::string file = doc.location_of(key).file;
  const std::vector<std::string> files = doc.files();
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files[i] == file) return i;
  return files.size();
}

// A population set after (in an including file or on the command line) the file that fixed an
// absolute capacity: the capacity was sized for another population and does not scale by itself
// (issue 14: 52,000 inhabitants on the 40k profile kept the GI's workers and the places, and the
// mean wait came out at 51 days instead of 12).
void check_population_against_capacities(const ScenarioDocument& doc, const CareParameters& p, const Warner& warn) {
  const std::string population_key = "population.inhabitants";
  const std::size_t population_rank = merge_rank(doc, population_key);
  std::vector<std::string> absolute;
  for (const Team& t : p.teams) {
    const std::string key = "teams." + t.name + ".workers";
    if (merge_rank(doc, key) < population_rank) absolute.push_back(fmt::format("{} = {}", key, t.workers));
  }
  for (const Provider& pr : p.providers) {
    const std::string key = "providers." + pr.name + ".places";
    if (!pr.unlimited && merge_rank(doc, key) < population_rank)
      absolute.push_back(fmt::format("{} = {}", key, pr.places));
  }
  if (absolute.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < absolute.size(); ++i) list += (i ? ", " : "") + absolute[i];
  const Location capacity_origin = doc.location_of(absolute.front().substr(0, absolute.front().find(' ')));
  warn(population_key,
       fmt::format("inhabitants = {} is set after the capacities, which were set for another population (in {} "
                   "and the files it includes or that include it) and do not scale with it: {}. Set them for {} "
                   "inhabitants too (for example in proportion), else waits and caseloads belong to neither "
                   "population",
                   p.population.inhabitants, capacity_origin.file, list, p.population.inhabitants));
}

}  // namespace

void check_plausibility(const ScenarioDocument& doc, const CareParameters& p, Diagnostics& diags) {
  const Warner warn{doc, diags};
  check_simulation(p.simulation, warn);
  check_population(p.population, warn);
  check_channels(p, warn);
  check_workforce_and_waiting(p, warn);
  check_teams(p, warn);
  check_population_against_capacities(doc, p, warn);
}

}  // namespace jeugdsim::scenario
