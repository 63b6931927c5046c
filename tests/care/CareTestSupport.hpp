#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "care/CareSimulation.hpp"
#include "care/Parameters.hpp"

namespace jeugdsim::care::testing {

// A minimal valid parameter set: one channel, one need mix, one team covering everything, no
// providers, no hazards, constant durations. Each test changes only what its mechanism needs,
// so a failure points at that mechanism and not at the demand or capacity around it.
//
// Defaults: 2,000 youth, 50 signals per 1,000 youth a year (about 100 families a year), every
// family has a light, presented parenting need; index children are under 1 (nobody turns 18);
// a team of 4 full-time workers that accepts every case (no waits); intake 7 days, light help
// 60 days (shorter than the review interval, so there are no reviews).
inline CareParameters minimal_parameters() {
  CareParameters p;
  p.name = "test";
  p.simulation.horizon_days = 730;
  p.simulation.warmup_days = 0;
  p.simulation.seed = 20240601;
  p.population.inhabitants = 10000;
  p.population.youth_share = 0.2;
  p.population.children_per_family_weights = {1, 0, 0, 0};
  p.population.two_parent_share = 1;
  p.population.index_child_age_weights.assign(18, 0.0);
  p.population.index_child_age_weights[0] = 1;
  p.population.network_strength_mean = 0.5;

  NeedMix mix;
  mix.name = "general";
  mix.domains[index_of(Domain::child_parenting)] = DomainMix{1.0, {1, 0, 0}, 1.0};
  p.need_mixes.push_back(mix);

  Team team;
  team.name = "team";
  team.coverage_mask = kChildMask | kParentMask | kSafetyMask;
  team.workers = 4;
  team.fte_per_worker = 1;
  team.hours_per_fte_per_week = 36;
  team.direct_share = 0.6;
  team.caseload_cap_per_fte = 1000;
  team.accept_rule = AcceptRule::none;
  team.safety_assessment = SafetyAssessmentPolicy::always;
  team.intake_worker_hours = 2;
  team.intake_elapsed_days = DurationDistribution::constant(7);
  team.intake_contacts = 1;
  team.discovery_per_contact = 0;
  team.phase_hours = PhaseHours{0.5, 0.25, 0.25, 0.5};
  team.support_days = DurationDistribution::constant(60);
  team.review_interval_days = 91;
  team.cost_per_fte_per_year_eur = 80000;
  p.teams.push_back(team);

  Channel ch;
  ch.name = "door";
  ch.rate_per_1000_youth_per_year = 50;
  ch.need_mix = 0;
  Route r;
  r.target = Route::Target::team;
  r.index = 0;
  ch.routes.push_back(r);
  p.channels.push_back(ch);

  p.workforce.sickness_days = DurationDistribution::constant(10);
  p.workforce.vacancy_days = DurationDistribution::constant(30);
  p.coordination.shared_file = true;
  p.reentry.delay_days = DurationDistribution::constant(30);
  p.reentry.unaddressed_parent_factor = 1;
  p.reentry.unaddressed_child_factor = 1;
  p.reentry.channel = 0;
  return p;
}

// A team like the default one with another name and coverage.
inline Team team_like(const CareParameters& p, std::string name, std::uint16_t coverage) {
  Team t = p.teams.front();
  t.name = std::move(name);
  t.coverage_mask = coverage;
  return t;
}

inline Provider provider(std::string name, int places, double duration_days) {
  Provider pr;
  pr.name = std::move(name);
  pr.places = places;
  pr.unlimited = places < 0;
  pr.duration_days = DurationDistribution::constant(duration_days);
  pr.cost_per_day_eur = 100;
  return pr;
}

inline Route route_to(Route::Target target, int index, double share = 1.0,
                      RouteCondition::Kind kind = RouteCondition::Kind::always, std::uint16_t mask = 0) {
  Route r;
  r.target = target;
  r.index = index;
  r.share = share;
  r.when.kind = kind;
  r.when.mask = mask;
  return r;
}

// A need on `d` for every family of mix 0, with the given severity and presented chance.
inline void give_need(CareParameters& p, Domain d, std::uint8_t severity = 0, double presented = 1.0) {
  DomainMix m;
  m.probability = 1.0;
  m.severity_weights = {0, 0, 0};
  m.severity_weights[severity] = 1;
  m.presented = presented;
  p.need_mixes[0].domains[index_of(d)] = m;
}

// Pins the index child's age to `years` (0..17); the age within that year stays uniform.
inline void pin_age(CareParameters& p, int years) {
  p.population.index_child_age_weights.assign(18, 0.0);
  p.population.index_child_age_weights[static_cast<std::size_t>(years)] = 1;
}

struct RunOutput {
  ReplicationResult result;
  std::vector<EventLogRecord> log;
  std::vector<FamilyArrivalRecord> arrivals;

  double kpi(std::string_view name, std::string_view group = "all") const {
    for (const KpiValue& k : result.kpis)
      if (k.kpi == name && k.group == group) return k.value;
    ADD_FAILURE() << "no KPI " << name << " for " << group;
    return std::nan("");
  }
  std::vector<EventLogRecord> rows(Activity a) const {
    std::vector<EventLogRecord> out;
    for (const EventLogRecord& r : log)
      if (r.activity == a) out.push_back(r);
    return out;
  }
  std::vector<EventLogRecord> rows(Activity a, Lifecycle l) const {
    std::vector<EventLogRecord> out;
    for (const EventLogRecord& r : log)
      if (r.activity == a && r.lifecycle == l) out.push_back(r);
    return out;
  }
  std::vector<EventLogRecord> rows_of(std::uint64_t family) const {
    std::vector<EventLogRecord> out;
    for (const EventLogRecord& r : log)
      if (r.family == family) out.push_back(r);
    return out;
  }
  std::size_t count(Activity a, Lifecycle l) const { return rows(a, l).size(); }
  // The first-signal record of every family, by id.
  std::map<std::uint64_t, FamilyArrivalRecord> first_signals() const {
    std::map<std::uint64_t, FamilyArrivalRecord> out;
    for (const FamilyArrivalRecord& a : arrivals)
      if (a.episode == 0) out[a.family] = a;
    return out;
  }
};

// Runs one replication with the warm-up of the parameters, recording the event log and the
// drawn needs. Conservation is checked inside (CareResults throws on a violation).
inline RunOutput run(const CareParameters& p, std::uint32_t replication = 0) {
  RunOutput out;
  RunOptions options;
  options.replication = replication;
  options.warmup_days = p.simulation.warmup_days;
  options.event_log = &out.log;
  options.arrivals = &out.arrivals;
  CareSimulation sim(p, options);
  out.result = sim.run();
  return out;
}

inline bool has(std::uint16_t mask, Domain d) { return (mask & bit_of(d)) != 0; }

}  // namespace jeugdsim::care::testing
