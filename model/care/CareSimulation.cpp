#include "care/CareSimulation.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "care/GroupNames.hpp"
#include "engine/distributions/AliasTable.hpp"

namespace jeugdsim::care {

namespace {

using engine::Event;
using Phase = TeamCase::Phase;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kYear = 365.0;
// How often deferred 18th birthdays move into the calendar. Results do not depend on it (each
// birthday fires on its day either way); it trades sweeps over the family slots against
// birthdays pending in the calendar.
constexpr double kBirthdaySweepDays = 30.0;

// FNV-1a: a stable key for a name, so streams keyed by a channel do not depend on the order in
// which a scenario file lists its channels.
std::uint32_t stable_key(const std::string& name) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : name) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

constexpr std::uint32_t as_u32(EventType t) { return static_cast<std::uint32_t>(t); }

double exponential_time(engine::PhiloxEngine& e, double rate_per_day) {
  if (rate_per_day <= 0) return kInfinity;
  return -std::log(e.uniform01()) / rate_per_day;
}

// A slot for a new entity: a freed one if there is any (memory follows the entities present,
// not those that ever existed), else a new one at the end. The caller resets its contents.
template <class T>
std::uint32_t take_slot(std::vector<T>& items, std::vector<std::uint32_t>& free_slots) {
  if (!free_slots.empty()) {
    const std::uint32_t slot = free_slots.back();
    free_slots.pop_back();
    return slot;
  }
  items.emplace_back();
  return static_cast<std::uint32_t>(items.size() - 1);
}

}  // namespace

CareSimulation::CareSimulation(const CareParameters& parameters, const RunOptions& options)
    : p_(parameters), options_(options), streams_(parameters.simulation.seed, options.replication) {
  warmup_ = options.warmup_days;
  end_ = warmup_ + p_.simulation.horizon_days;
  const double youth = p_.population.youth();
  for (const Channel& c : p_.channels) {
    arrival_processes_.emplace_back(c.rate_per_1000_youth_per_year * youth / 1000.0, c.seasonality,
                                    c.trend_per_year);
    channel_keys_.push_back(stable_key(c.name));
  }
  arrivals_per_channel_.assign(p_.channels.size(), 0);
  children_per_family_ = engine::AliasTable(p_.population.children_per_family_weights);
  index_child_age_ = engine::AliasTable(p_.population.index_child_age_weights);
  teams_.resize(p_.teams.size());
  providers_.resize(p_.providers.size());
  for (const Team& t : p_.teams)
    discovery_at_intake_.push_back(1.0 - std::pow(1.0 - t.discovery_per_contact, t.intake_contacts));
  const auto years = static_cast<std::size_t>(std::ceil(p_.simulation.horizon_days / kYear));
  for (auto& t : teams_) t.staff_cost_per_year.assign(std::max<std::size_t>(years, 1), 0.0);
  for (auto& pr : providers_) pr.cost_per_year.assign(std::max<std::size_t>(years, 1), 0.0);
  calendar_.reserve(4096);
  // The sampled series, in the order sample_timeseries() records them.
  for (const Team& t : p_.teams) {
    timeseries_keys_.push_back({"waiting_list_length", team_group(t.name)});
    timeseries_keys_.push_back({"caseload_per_worker", team_group(t.name)});
  }
  for (const Provider& pr : p_.providers) {
    timeseries_keys_.push_back({"waiting_list_length", provider_group(pr.name)});
    timeseries_keys_.push_back({"in_care", provider_group(pr.name)});
  }
  timeseries_keys_.push_back({"families_in_system", "all"});
  // Room for every sample (one at the warm-up's end and one per interval up to the horizon)
  // and for the yearly cost rows that collect_results() puts in front: the vector never grows
  // by doubling, and a long run's memory holds exactly its output.
  const auto samples = static_cast<std::size_t>(p_.simulation.horizon_days / p_.simulation.timeseries_interval_days) + 2;
  const std::size_t cost_rows = (p_.teams.size() + p_.providers.size() + 1) * std::max<std::size_t>(years, 1);
  timeseries_.reserve(samples * timeseries_keys_.size() + cost_rows);
}

ReplicationResult CareSimulation::run() {
  start_workers();
  for (std::uint32_t c = 0; c < p_.channels.size(); ++c) schedule_next_arrival(c);
  if (warmup_ > 0)
    calendar_.schedule(warmup_, as_u32(EventType::warmup_end), 0);
  else
    end_warmup();
  calendar_.schedule(warmup_, as_u32(EventType::sample), 0);
  sweep_birthdays();  // no family yet: sets the first window
  const std::uint64_t events = engine::run_until(calendar_, end_, *this);
  ReplicationResult result = collect_results();
  result.events = events;
  return result;
}

void CareSimulation::handle(const Event& e) {
  switch (static_cast<EventType>(e.type)) {
    case EventType::arrival: {
      const std::uint32_t c = e.entity;
      const std::uint64_t k = arrivals_per_channel_[c]++;
      schedule_next_arrival(c);
      const std::uint32_t fam = allocate_family();
      Family& f = families_[fam];
      f.id = keys::family_id(channel_keys_[c], k);
      f.episode = 0;
      f.channel = static_cast<int>(c);
      f.first_signal = f.episode_start = calendar_.now();
      f.measured = measuring();
      // Family members: children, parents, the index child's age, network strength.
      auto members = rng(keys::family_members(f.id));
      f.children = static_cast<std::uint8_t>(1 + children_per_family_.sample(members));
      f.parents = members.uniform01() < p_.population.two_parent_share ? 2 : 1;
      const double age_years = static_cast<double>(index_child_age_.sample(members)) + members.uniform01();
      f.index_child_birth = calendar_.now() - age_years * kYear;
      // Network strength: a triangular spread around the profile's mean on [0, 1].
      {
        const double m = p_.population.network_strength_mean;
        const double u = members.uniform01();
        f.network_strength = u < m ? std::sqrt(u * m) : 1.0 - std::sqrt((1.0 - u) * (1.0 - m));
      }
      const Channel& ch = p_.channels[c];
      draw_needs(f, p_.need_mixes[static_cast<std::size_t>(ch.need_mix)], ch, false);
      if (f.measured) {
        ++counters_.families_entered;
        ++counters_.episodes_entered;
        bump(counters_.arrivals_by_channel, c);
      }
      log(f, Activity::signal, Lifecycle::complete);
      record_arrival(f);
      f.adult = f.index_child_birth + 18.0 * kYear <= calendar_.now();
      if (!f.adult) schedule_turn_18(fam);
      apply_route(fam, ch.routes, keys::route_at_door(f.id, f.episode));
      break;
    }
    case EventType::triage_done: {
      Family& f = families_[e.entity];
      if (f.generation != e.generation) break;
      const Triage& tr = p_.triages[e.detail];
      log(f, Activity::triage, Lifecycle::complete);
      if (tr.assesses_safety) note_safety_assessment(f);
      const double u = uniform(keys::triage_advice_only(f.id, f.episode, e.detail));
      if (u < tr.advice_only_share) {
        close_item(e.entity, ExitReason::no_care);
      } else {
        --f.open_items;  // the triage item hands over to whatever the route opens
        apply_route(e.entity, tr.routes, keys::route_after_triage(f.id, f.episode, e.detail));
        if (f.open_items == 0 && f.active) close_episode(e.entity, ExitReason::no_care);
      }
      break;
    }
    case EventType::renege:
      if (cases_[e.entity].generation == e.generation) renege(e.entity);
      break;
    case EventType::deteriorate:
      if (cases_[e.entity].generation == e.generation) deteriorate(e.entity);
      break;
    case EventType::intake_done:
      if (cases_[e.entity].generation == e.generation) finish_intake(e.entity);
      break;
    case EventType::support_end: {
      TeamCase& cs = cases_[e.entity];
      if (cs.generation != e.generation || !cs.light_active) break;
      Family& f = families_[cs.family];
      f.addressed |= cs.light;
      cs.light = 0;
      cs.light_active = false;
      log(f, Activity::light_help, Lifecycle::complete, cs.team);
      update_case_hours(e.entity);
      maybe_close_case(e.entity);
      break;
    }
    case EventType::review:
      if (cases_[e.entity].review_generation == e.generation && cases_[e.entity].phase == Phase::support)
        review(e.entity);
      break;
    case EventType::hand_off_send: {
      Family& f = families_[e.entity];
      if (f.generation != e.generation) break;
      --f.open_items;
      send_hand_off(e.entity, static_cast<int>(e.detail), false);
      if (f.open_items == 0 && f.active) close_episode(e.entity, ExitReason::lost_hand_off);
      break;
    }
    case EventType::trajectory_end:
      if (trajectories_[e.entity].generation == e.generation) end_trajectory(e.entity);
      break;
    case EventType::turn_18:
      if (families_[e.entity].generation == e.generation) turn_18(e.entity);
      break;
    case EventType::reentry:
      if (families_[e.entity].generation == e.generation) reenter(e.entity);
      break;
    case EventType::sickness_start:
      if (workers_[e.entity].generation == e.generation && workers_[e.entity].employed) {
        const int w = static_cast<int>(e.entity);
        set_worker_present(w, false);
        auto r = rng(keys::sickness_duration(workers_[e.entity].global_id, workers_[e.entity].sickness_counter));
        const double days = p_.workforce.sickness_days.sample(r);
        calendar_.schedule(calendar_.now() + days, as_u32(EventType::sickness_end), e.entity,
                           e.generation);
      }
      break;
    case EventType::sickness_end:
      if (workers_[e.entity].generation == e.generation && workers_[e.entity].employed) {
        const int w = static_cast<int>(e.entity);
        set_worker_present(w, true);
        ++workers_[e.entity].sickness_counter;
        schedule_worker_events(w);
        try_assign(workers_[e.entity].team);
      }
      break;
    case EventType::worker_leaves:
      if (workers_[e.entity].generation == e.generation && workers_[e.entity].employed)
        worker_leaves(static_cast<int>(e.entity));
      break;
    case EventType::worker_hired:
      hire_worker(static_cast<int>(e.entity));
      break;
    case EventType::sample:
      sample_timeseries();
      if (calendar_.now() + p_.simulation.timeseries_interval_days <= end_)
        calendar_.schedule(calendar_.now() + p_.simulation.timeseries_interval_days,
                           as_u32(EventType::sample), 0);
      break;
    case EventType::warmup_end:
      end_warmup();
      break;
    case EventType::birthday_sweep:
      sweep_birthdays();
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Arrivals, needs and routing

void CareSimulation::schedule_next_arrival(std::uint32_t channel) {
  const std::uint64_t k = arrivals_per_channel_[channel];
  // The k-th arrival time depends only on the channel and k: the same family arrives at the
  // same moment in every scenario that shares the channel's rate.
  auto e = rng(keys::arrival_time(channel_keys_[channel], k));
  const double after = k == 0 ? 0.0 : calendar_.now();
  const double t = arrival_processes_[channel].next(after, e);
  if (t <= end_) calendar_.schedule(t, as_u32(EventType::arrival), channel);
}

std::uint32_t CareSimulation::allocate_family() {
  const std::uint32_t slot = take_slot(families_, free_families_);
  if (deferred_birthday_.size() < families_.size()) deferred_birthday_.resize(families_.size(), kInfinity);
  Family& f = families_[slot];
  const std::uint32_t generation = f.generation;
  // Keep the vectors' capacity with the slot: no allocation per arriving family.
  std::vector<std::uint32_t> seen = std::move(f.workers_seen), cases = std::move(f.open_cases),
                             trajectories = std::move(f.open_trajectories);
  seen.clear();
  cases.clear();
  trajectories.clear();
  f = Family{};
  f.generation = generation;
  f.workers_seen = std::move(seen);
  f.open_cases = std::move(cases);
  f.open_trajectories = std::move(trajectories);
  f.active = true;
  ++active_families_;
  return slot;
}

void CareSimulation::draw_needs(Family& f, const NeedMix& mix, const Channel& channel, bool carry_over) {
  auto e = rng(keys::needs(f.id, f.episode));
  const std::uint16_t kept = carry_over ? static_cast<std::uint16_t>(f.present & ~f.addressed) : 0;
  const auto kept_severity = f.severity;
  f.present = f.presented = f.known = f.addressed = 0;
  f.severity = {};
  // Draw every domain in a fixed order with a fixed number of uniforms, so the same family gets
  // the same needs whatever the mix values of other domains are: three per need domain, then
  // two for safety.
  std::array<double, 3 * kNeedDomainCount + 2> uniforms;
  e.uniforms01(uniforms.data(), uniforms.size());
  for (std::size_t i = 0; i < kNeedDomainCount; ++i) {
    const DomainMix& d = mix.domains[i];
    const double u_has = uniforms[3 * i], u_sev = uniforms[3 * i + 1], u_pres = uniforms[3 * i + 2];
    if (u_has < d.probability) {
      f.present |= static_cast<std::uint16_t>(1u << i);
      const double total = d.severity_weights[0] + d.severity_weights[1] + d.severity_weights[2];
      const double x = u_sev * total;
      f.severity[i] = x < d.severity_weights[0] ? 0 : (x < d.severity_weights[0] + d.severity_weights[1] ? 1 : 2);
      if (u_pres < d.presented) f.presented |= static_cast<std::uint16_t>(1u << i);
    }
  }
  {
    const double elevated = channel.overrides_safety ? channel.safety_elevated : mix.safety_elevated;
    const double acute = channel.overrides_safety ? channel.safety_acute : mix.safety_acute;
    const double u = uniforms[3 * kNeedDomainCount], u_pres = uniforms[3 * kNeedDomainCount + 1];
    const std::size_t s = index_of(Domain::safety);
    if (u < acute + elevated) {
      f.present |= kSafetyMask;
      f.severity[s] = u < acute ? kSafetyAcute : kSafetyElevated;
      if (u_pres < mix.safety_presented) f.presented |= kSafetyMask;
    }
  }
  // A family coming back keeps the needs that were never addressed.
  for (std::size_t i = 0; i < kDomainCount; ++i) {
    if ((kept >> i) & 1u) {
      if (!((f.present >> i) & 1u) || kept_severity[i] > f.severity[i]) f.severity[i] = kept_severity[i];
      f.present |= static_cast<std::uint16_t>(1u << i);
    }
  }
  if (f.present == 0) {
    // Every signal concerns at least one need: fall back to parenting support, light.
    f.present = f.presented = bit_of(Domain::child_parenting);
    f.severity[0] = 0;
  }
  f.known = f.presented;
}

bool CareSimulation::condition_holds(const Family& f, const RouteCondition& c) const {
  const std::uint16_t visible = f.known;
  switch (c.kind) {
    case RouteCondition::Kind::always: return true;
    case RouteCondition::Kind::presented_only: return visible != 0 && (visible & ~c.mask) == 0;
    case RouteCondition::Kind::presented_any: return (visible & c.mask) != 0;
    case RouteCondition::Kind::presented_none: return (visible & c.mask) == 0;
    case RouteCondition::Kind::safety_at_least:
      return (visible & kSafetyMask) && f.severity[index_of(Domain::safety)] >= c.level;
  }
  return false;
}

void CareSimulation::apply_route(std::uint32_t fam, const std::vector<Route>& routes, const DecisionKey& choice) {
  Family& f = families_[fam];
  double total = 0;
  for (const Route& r : routes)
    if (condition_holds(f, r.when)) total += r.share;
  const double u = uniform(choice) * total;
  const Route* chosen = nullptr;
  double acc = 0;
  for (const Route& r : routes) {
    if (!condition_holds(f, r.when)) continue;
    acc += r.share;
    chosen = &r;
    if (u < acc) break;
  }
  if (chosen == nullptr || chosen->target == Route::Target::none) {
    open_item(f);
    close_item(fam, ExitReason::no_care);
    return;
  }
  switch (chosen->target) {
    case Route::Target::team: {
      const std::uint32_t cs = open_team_case(fam, chosen->index, false);
      enqueue_team_case(cs);
      break;
    }
    case Route::Target::provider: {
      // A direct referral (GP, GI): the presented need that this provider treats, else the most
      // severe presented need.
      Domain d = Domain::child_parenting;
      int best = -1;
      for (std::size_t i = 0; i < kDomainCount; ++i) {
        if (!((f.known >> i) & 1u)) continue;
        const int score = (p_.referrals[i].provider == chosen->index ? 10 : 0) + f.severity[i];
        if (score > best) {
          best = score;
          d = domain_at(i);
        }
      }
      refer(fam, chosen->index, d, kNone);
      break;
    }
    case Route::Target::triage: {
      open_item(f);
      log(f, Activity::triage, Lifecycle::start);
      const Triage& tr = p_.triages[static_cast<std::size_t>(chosen->index)];
      auto e = rng(keys::triage_delay(f.id, f.episode, static_cast<std::uint64_t>(chosen->index)));
      calendar_.schedule(calendar_.now() + tr.delay_days.sample(e), as_u32(EventType::triage_done), fam,
                         f.generation, static_cast<std::uint32_t>(chosen->index));
      break;
    }
    case Route::Target::none: break;
  }
}

// ---------------------------------------------------------------------------------------------
// Family book-keeping

void CareSimulation::close_item(std::uint32_t fam, ExitReason reason) {
  Family& f = families_[fam];
  if (f.open_items == 0) throw std::logic_error("close_item on a family with no open items");
  --f.open_items;
  if (f.open_items == 0) close_episode(fam, reason);
}

void CareSimulation::note_professional(Family& f, std::uint32_t worker_global_id) {
  if (std::find(f.workers_seen.begin(), f.workers_seen.end(), worker_global_id) == f.workers_seen.end())
    f.workers_seen.push_back(worker_global_id);
  if (!f.had_team) {
    f.had_team = true;
    f.first_regisseur = worker_global_id;
  } else if (worker_global_id != f.first_regisseur) {
    f.regisseur_changed = true;
  }
}

void CareSimulation::note_safety_assessment(Family& f) {
  if (f.safety_assessed_at < 0) {
    f.safety_assessed_at = calendar_.now();
    log(f, Activity::safety_assessment, Lifecycle::complete);
  }
  if (f.present & kSafetyMask) f.known |= kSafetyMask;
}

void CareSimulation::record_closed_family(const Family& f, ExitReason reason) {
  if (!f.measured) return;
  ++counters_.episodes_ended[static_cast<std::size_t>(reason)];
  if (reason == ExitReason::no_care && f.had_team == false && f.trajectories == 0) {
    // Sent away at the door: no continuity figures to speak of, but they still count below.
  }
  counters_.professionals.add(static_cast<double>(f.workers_seen.size() + f.trajectories));
  counters_.hand_offs.add(f.hand_offs);
  counters_.intakes.add(f.intakes);
  counters_.plans.add(f.plans);
  counters_.referrals.add(f.referrals);
  if (f.had_team) {
    ++counters_.families_with_regisseur;
    if (!f.regisseur_changed) ++counters_.single_regisseur;
  }
  if (f.present & kSafetyMask) {
    ++counters_.safety_risk_families;
    if (f.safety_assessed_at < 0)
      ++counters_.safety_never_assessed;
    else
      counters_.safety_assessment_days.add(f.safety_assessed_at - f.episode_start);
  }
}

void CareSimulation::close_episode(std::uint32_t fam, ExitReason reason) {
  Family& f = families_[fam];
  deferred_birthday_[fam] = kInfinity;  // out of an episode: a birthday no longer matters
  record_closed_family(f, reason);
  log(f, reason == ExitReason::reneged ? Activity::reneged : Activity::closure, Lifecycle::complete);
  if (f.active) --active_families_;
  f.active = false;
  if (reason == ExitReason::closed && !f.adult) {
    // Re-entry (into youth care, so not after 18): more likely when needs were left unaddressed (for example a parent's problem
    // no one treated), less likely with a strong social network.
    const std::uint16_t unaddressed = f.present & ~f.addressed;
    double prob = p_.reentry.base_probability;
    if (unaddressed & kParentMask) prob *= p_.reentry.unaddressed_parent_factor;
    if (unaddressed & kChildMask) prob *= p_.reentry.unaddressed_child_factor;
    prob *= 1.0 - p_.reentry.network_protection * f.network_strength;
    auto e = rng(keys::reentry(f.id, f.episode));
    const double u = e.uniform01();
    if (u < std::min(prob, 1.0)) {
      const double delay = p_.reentry.delay_days.sample(e);
      if (f.measured && delay <= kYear) ++counters_.reentries_scheduled_12m;
      if (calendar_.now() + delay <= end_) {
        calendar_.schedule(calendar_.now() + delay, as_u32(EventType::reentry), fam, f.generation);
        return;  // the slot stays, dormant, until the family comes back
      }
    }
  }
  free_family(fam);
}

void CareSimulation::free_family(std::uint32_t fam) {
  Family& f = families_[fam];
  ++f.generation;
  if (f.active) --active_families_;
  f.active = false;
  free_families_.push_back(fam);
}

void CareSimulation::reenter(std::uint32_t fam) {
  Family& f = families_[fam];
  ++f.episode;
  if (!f.active) ++active_families_;
  f.active = true;
  f.measured = measuring();
  f.episode_start = calendar_.now();
  f.open_items = 0;
  f.open_team_cases = 0;
  f.cases_counter = f.referral_counter = f.queue_counter = 0;
  f.intakes = f.plans = f.hand_offs = f.referrals = f.trajectories = 0;
  // The child may have turned 18 while the family was away; else the birthday is due again.
  f.adult = f.adult || f.index_child_birth + 18.0 * kYear <= calendar_.now();
  if (!f.adult) schedule_turn_18(fam);
  f.workers_seen.clear();
  f.safety_assessed_at = -1;
  f.first_regisseur = 0;
  f.regisseur_changed = false;
  f.had_team = false;
  const int c = p_.reentry.channel;
  f.channel = c;
  const Channel& ch = p_.channels[static_cast<std::size_t>(c)];
  draw_needs(f, p_.need_mixes[static_cast<std::size_t>(ch.need_mix)], ch, true);
  if (f.measured) ++counters_.episodes_entered;
  log(f, Activity::reentry, Lifecycle::complete);
  record_arrival(f);
  apply_route(fam, ch.routes, keys::route_at_door(f.id, f.episode));
}

// ---------------------------------------------------------------------------------------------
// Teams, queues and workers

std::uint32_t CareSimulation::open_team_case(std::uint32_t fam, int team, bool young_adult) {
  const std::uint32_t cs = take_slot(cases_, free_cases_);
  TeamCase& c = cases_[cs];
  const std::uint32_t gen = c.generation + 1;
  const std::uint32_t rgen = c.review_generation + 1;
  c = TeamCase{};
  c.generation = gen;
  c.review_generation = rgen;
  c.family = fam;
  c.team = team;
  c.young_adult = young_adult;
  Family& f = families_[fam];
  open_item(f);
  ++f.open_team_cases;
  f.open_cases.push_back(cs);
  return cs;
}

void CareSimulation::enqueue_team_case(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  Family& f = families_[c.family];
  c.phase = Phase::queued;
  c.queued_at = calendar_.now();
  ts.intake_queue.push(f.priority(), {cs, c.generation});
  ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
  if (measuring()) ++ts.queue_joins;
  log(f, Activity::intake_queue, Lifecycle::start, c.team);
  const std::uint64_t q = f.queue_counter++;
  auto r = rng(keys::renege(f.id, f.episode, q));
  const double t_renege = exponential_time(r, p_.waiting.reneging_per_year / kYear);
  if (t_renege < kInfinity)
    calendar_.schedule(calendar_.now() + t_renege, as_u32(EventType::renege), cs, c.generation);
  auto d = rng(keys::first_deterioration(f.id, f.episode, q));
  const double t_det = exponential_time(d, p_.waiting.deterioration_per_year / kYear);
  if (t_det < kInfinity)
    calendar_.schedule(calendar_.now() + t_det, as_u32(EventType::deteriorate), cs, c.generation);
  try_assign(c.team);
}

bool CareSimulation::worker_accepts(const Worker& w, const Team& t) const {
  if (!w.employed || !w.present) return false;
  const bool cap_ok = static_cast<double>(w.cases.size()) + 1.0 <= t.caseload_cap_per_fte * w.fte + 1e-9;
  const bool hours_ok = w.load_hours + t.phase_hours.active <= w.available_hours + 1e-9;
  switch (t.accept_rule) {
    case AcceptRule::cap_and_hours: return cap_ok && hours_ok;
    case AcceptRule::cap: return cap_ok;
    case AcceptRule::hours: return hours_ok;
    case AcceptRule::none: return true;
  }
  return false;
}

int CareSimulation::choose_worker(int team) {
  // The accepting worker with the most spare hours; ties go to the lower slot (deterministic):
  // the team's picker holds spare hours for accepting workers and -inf for the others.
  const Team& t = p_.teams[static_cast<std::size_t>(team)];
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  for (std::uint32_t k = 0; k < ts.stale_count; ++k) {
    Worker& wk = workers_[static_cast<std::size_t>(ts.picker_stale[k])];
    wk.picker_stale = false;
    ts.picker.set(wk.team_position,
                  worker_accepts(wk, t) ? wk.available_hours - wk.load_hours : engine::ArgMaxTree::kNever);
  }
  ts.stale_count = 0;
  const std::ptrdiff_t best = ts.picker.argmax();
  return best < 0 ? -1 : ts.workers[static_cast<std::size_t>(best)];
}

void CareSimulation::try_assign(int team) {
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  for (;;) {
    std::uint32_t cs = kNone;
    bool reassignment = false;
    int cls = -1;
    // Cases left by a departed worker first, then new intakes by priority class.
    while (!ts.reassign_queue.empty()) {
      const auto& entry = ts.reassign_queue.front();
      // Keyed by the slot's identity (review_generation moves only when the slot is opened or
      // freed), not by `generation`, which also moves when a waiting case's intake ends or its
      // light help starts: that must not make the case lose its place.
      if (cases_[entry.item].review_generation == entry.generation && cases_[entry.item].awaiting_reassignment) {
        cs = entry.item;
        reassignment = true;
        break;
      }
      ts.reassign_queue.pop_front();
    }
    if (cs == kNone) {
      for (;;) {
        cls = ts.intake_queue.first_class();
        if (cls < 0) break;
        const auto& entry = ts.intake_queue.front(cls);
        if (cases_[entry.item].generation == entry.generation && cases_[entry.item].phase == Phase::queued) {
          cs = entry.item;
          break;
        }
        ts.intake_queue.pop_front(cls);
      }
    }
    if (cs == kNone) return;
    const int w = choose_worker(team);
    if (w < 0) return;
    if (reassignment) {
      ts.reassign_queue.pop_front();
      --ts.reassign_live;
      cases_[cs].awaiting_reassignment = false;
      assign_worker(cs, w);
      log(families_[cases_[cs].family], Activity::reassignment, Lifecycle::complete, team, -1,
          workers_[static_cast<std::size_t>(w)].global_id);
      update_case_hours(cs);
    } else {
      ts.intake_queue.pop_front(cls);
      ts.intake_queue.on_leave();
      ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
      assign_worker(cs, w);
      start_intake(cs);
    }
  }
}

void CareSimulation::assign_worker(std::uint32_t cs, int worker) {
  TeamCase& c = cases_[cs];
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  c.worker = worker;
  c.worker_position = static_cast<std::uint32_t>(w.cases.size());
  w.cases.push_back(cs);
  touch_worker(worker);
  note_professional(families_[c.family], w.global_id);
}

void CareSimulation::release_worker(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (c.worker < 0) return;
  Worker& w = workers_[static_cast<std::size_t>(c.worker)];
  // Remove from the worker's case list by swapping with the last.
  const std::uint32_t last = w.cases.back();
  w.cases[c.worker_position] = last;
  cases_[last].worker_position = c.worker_position;
  w.cases.pop_back();
  // Setting the load touches the worker, which records the smaller caseload as well.
  set_worker_load(c.worker, w.load_hours - (c.hours[0] + c.hours[1] + c.hours[2] + c.hours[3] + c.hours[4]));
  c.worker = -1;
}

void CareSimulation::start_intake(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  ++c.generation;  // cancels the pending reneging and deterioration events
  c.phase = Phase::intake;
  const double wait = calendar_.now() - c.queued_at;
  if (options_.record_intake_waits) {
    intake_wait_series_.push_back(wait);
    intake_wait_days_.push_back(calendar_.now());
  }
  if (measuring()) {
    ts.intake_wait.add(wait);
    ts.queue_time.add(wait);
    ts.intake_wait_hist.add(wait);
    if (wait <= p_.simulation.intake_norm_days) ++ts.intake_norm_met;
    ++ts.intakes;
    if (f.intakes == 0 && f.measured) {
      counters_.first_contact_wait.add(wait);
      counters_.first_contact_hist.add(wait);
    }
  }
  if (c.handover_started >= 0 && f.measured) counters_.transition_gap_days.add(calendar_.now() - c.handover_started);
  ++f.intakes;
  log(f, Activity::intake_queue, Lifecycle::complete, c.team);
  log(f, Activity::intake, Lifecycle::start, c.team, -1, workers_[static_cast<std::size_t>(c.worker)].global_id);
  auto e = rng(keys::intake_duration(f.id, f.episode, f.cases_counter++));
  const double elapsed = std::max(t.intake_elapsed_days.sample(e), 1e-6);
  // The intake's worker hours are spread over its elapsed days (at most all of them in one week).
  c.intake_hours_per_week = t.intake_worker_hours / std::max(elapsed / 7.0, 1.0);
  refresh_family_cases(c.family);
  calendar_.schedule(calendar_.now() + elapsed, as_u32(EventType::intake_done), cs, c.generation);
}

void CareSimulation::finish_intake(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  const std::uint16_t coverage = c.young_adult ? static_cast<std::uint16_t>(t.coverage_mask | kChildMask)
                                               : t.coverage_mask;
  log(f, Activity::intake, Lifecycle::complete, c.team, -1,
      c.worker >= 0 ? workers_[static_cast<std::size_t>(c.worker)].global_id : 0);
  // What the team knows: what the family presents, plus (with a shared file) what other teams
  // already know; then hidden needs within its coverage, discovered per contact.
  c.known |= p_.coordination.shared_file ? f.known : f.presented;
  // Each hidden need has its own keyed draw, and finding one leaves the others hidden, so the
  // set of hidden needs is fixed before the loop.
  const double p_find = discovery_at_intake_[static_cast<std::size_t>(c.team)];
  for (unsigned hidden = f.present & ~c.known & coverage & kNeedMask; hidden != 0; hidden &= hidden - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(hidden));
    const double u = uniform(keys::intake_discovery(f.id, f.episode, static_cast<std::uint64_t>(c.team), i));
    if (u < p_find) c.known |= static_cast<std::uint16_t>(1u << i);
  }
  // Safety assessment by policy.
  bool assess = false;
  switch (t.safety_assessment) {
    case SafetyAssessmentPolicy::always: assess = true; break;
    case SafetyAssessmentPolicy::child_teams: assess = (coverage & kChildMask) != 0; break;
    case SafetyAssessmentPolicy::when_presented: assess = (f.presented & kSafetyMask) != 0; break;
    case SafetyAssessmentPolicy::never: assess = false; break;
  }
  if (assess) {
    note_safety_assessment(f);
    if (f.present & kSafetyMask) c.known |= kSafetyMask;
  }
  f.known |= c.known;
  ++f.plans;
  log(f, Activity::plan, Lifecycle::complete, c.team);
  c.phase = Phase::support;
  c.intake_hours_per_week = 0;
  // Taking a need on or handing it off changes neither what the team knows nor what is
  // addressed, so the set of needs to act on is fixed before the loop.
  for (unsigned open = c.known & ~f.addressed & kAllDomainsMask; open != 0; open &= open - 1) {
    const Domain d = domain_at(static_cast<std::size_t>(std::countr_zero(open)));
    if (coverage & bit_of(d))
      take_on_domain(cs, d, false);
    else
      hand_off(cs, d);
  }
  if (c.light != 0) start_light_help(cs);
  update_case_hours(cs);
  calendar_.schedule(calendar_.now() + t.review_interval_days, as_u32(EventType::review), cs,
                     c.review_generation);
  maybe_close_case(cs);
}

void CareSimulation::take_on_domain(std::uint32_t cs, Domain d, bool from_review) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const std::size_t i = index_of(d);
  // A need already referred (e.g. care that continues after a cold handover at 18) is not
  // referred or helped a second time.
  for (std::uint32_t tr : f.open_trajectories)
    if (trajectories_[tr].domain == d) return;
  const Referral& ref = p_.referrals[i];
  const double u = uniform(keys::referral(f.id, f.episode, c.reviews, i));
  const double p_refer = std::min(1.0, ref.probability[f.severity[i]] * p_.teams[static_cast<std::size_t>(c.team)].referral_factor);
  if (ref.provider >= 0 && u < p_refer) {
    refer(c.family, ref.provider, d, cs);
  } else {
    c.light |= bit_of(d);
    if (from_review && !c.light_active) start_light_help(cs);
  }
}

void CareSimulation::start_light_help(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  std::uint8_t sev = 0;
  for (std::size_t i = 0; i < kDomainCount; ++i)
    if ((c.light >> i) & 1u) sev = std::max(sev, f.severity[i]);
  auto e = rng(keys::support_duration(f.id, f.episode, f.cases_counter++));
  const double days = t.support_days.sample(e) * t.support_severity_factor[std::min<std::uint8_t>(sev, 2)];
  c.light_active = true;
  ++c.generation;
  log(f, Activity::light_help, Lifecycle::start, c.team);
  calendar_.schedule(calendar_.now() + days, as_u32(EventType::support_end), cs, c.generation);
}

void CareSimulation::review(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  ++c.reviews;
  log(f, Activity::review, Lifecycle::complete, c.team);
  const std::uint16_t coverage = c.young_adult ? static_cast<std::uint16_t>(t.coverage_mask | kChildMask)
                                               : t.coverage_mask;
  auto e = rng(keys::review(f.id, f.episode, static_cast<std::uint64_t>(c.team), c.reviews));
  // Each review is another contact: a hidden need within the coverage may come to light.
  // Value i of the stream belongs to need domain i, in a fixed order; those no decision needs
  // are skipped, not drawn (a skipped value costs nothing and leaves the values after it where
  // they were). Taking a need on changes neither what is present nor what else is known, so
  // the set of hidden needs is fixed before the loop.
  std::size_t position = 0;
  for (unsigned hidden = f.present & ~c.known & coverage & kNeedMask; hidden != 0; hidden &= hidden - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(hidden));
    e.discard(i - position);
    position = i + 1;
    if (e.uniform01() < t.discovery_per_contact) {
      const auto bit = static_cast<std::uint16_t>(1u << i);
      c.known |= bit;
      f.known |= bit;
      take_on_domain(cs, domain_at(i), true);
    }
  }
  e.discard(kNeedDomainCount - position);
  // Step up: a need under light help that needs heavier care after all (value
  // kNeedDomainCount + i for domain i). A step up only clears its own domain's bit.
  position = 0;
  for (unsigned light = c.light_active ? c.light & kAllDomainsMask : 0u; light != 0; light &= light - 1) {
    const auto i = static_cast<std::size_t>(std::countr_zero(light));
    e.discard(i - position);
    position = i + 1;
    const double u = e.uniform01();
    const Referral& ref = p_.referrals[i];
    if (ref.provider >= 0 && u < t.step_up_per_review) {
      c.light &= static_cast<std::uint16_t>(~(1u << i));
      if (f.measured) ++counters_.escalations;
      refer(c.family, ref.provider, domain_at(i), cs);
    }
  }
  if (c.light_active && c.light == 0) {
    // Every need under light help went on to specialist care: the light help itself ends.
    c.light_active = false;
    ++c.generation;  // cancels the pending end of light help
    log(f, Activity::light_help, Lifecycle::complete, c.team);
  }
  update_case_hours(cs);
  if (c.phase == Phase::support)
    calendar_.schedule(calendar_.now() + t.review_interval_days, as_u32(EventType::review), cs,
                       c.review_generation);
  maybe_close_case(cs);
}

void CareSimulation::hand_off(std::uint32_t cs, Domain d) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  const DomainGroup g = group_of(d);
  const int target = g == DomainGroup::child ? t.hand_off_child
                                             : (g == DomainGroup::parent ? t.hand_off_parent : t.hand_off_safety);
  if (target < 0 || target == c.team) return;  // nobody to hand to: the need stays unaddressed
  // One referral per target team: skip if the family already has or awaits a case there.
  for (std::uint32_t other : f.open_cases)
    if (cases_[other].team == target) return;
  if (f.pending_hand_off_mask & (1u << target)) return;
  f.pending_hand_off_mask |= static_cast<std::uint32_t>(1u << target);
  ++f.hand_offs;
  log(f, Activity::hand_off, Lifecycle::start, c.team);
  open_item(f);
  // Without a shared file the referral waits for the parents' consent to share information.
  const double delay = p_.coordination.shared_file ? 0.0 : p_.coordination.consent_delay_days;
  calendar_.schedule(calendar_.now() + delay, as_u32(EventType::hand_off_send), c.family, f.generation,
                     static_cast<std::uint32_t>(target));
}

void CareSimulation::send_hand_off(std::uint32_t fam, int team, bool cold_handover) {
  Family& f = families_[fam];
  f.pending_hand_off_mask &= ~static_cast<std::uint32_t>(1u << team);
  // Keyed by the target team and the family's hand-off count, so each hand-off has its own draw.
  const double u = uniform(keys::hand_off_lost(f.id, f.episode, static_cast<std::uint64_t>(team), f.hand_offs));
  if (u < p_.coordination.hand_off_loss_share) {
    log(f, Activity::hand_off, Lifecycle::complete, team);
    return;  // the referral never arrives; the need stays unaddressed
  }
  const std::uint32_t cs = open_team_case(fam, team, cold_handover);
  // With consent given, the referral tells the receiving team the known needs it is for.
  const std::uint16_t coverage = p_.teams[static_cast<std::size_t>(team)].coverage_mask;
  cases_[cs].known = static_cast<std::uint16_t>(f.known & (cold_handover ? coverage | kChildMask : coverage));
  if (cold_handover) cases_[cs].handover_started = calendar_.now();
  log(f, Activity::hand_off, Lifecycle::complete, team);
  enqueue_team_case(cs);
}

void CareSimulation::refresh_family_cases(std::uint32_t fam) {
  // A family is shared while two or more teams hold it (past their intake queue); each of
  // their workers then spends coordination hours on it, so every case's hours change together.
  const Family& f = families_[fam];
  for (std::uint32_t cs : f.open_cases) update_case_hours(cs);
}

void CareSimulation::forget_case(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  Family& f = families_[c.family];
  auto it = std::find(f.open_cases.begin(), f.open_cases.end(), cs);
  if (it != f.open_cases.end()) {
    *it = f.open_cases.back();
    f.open_cases.pop_back();
  }
  --f.open_team_cases;
  ++c.generation;
  ++c.review_generation;
  c.phase = Phase::free;
  c.family = kNone;
  free_cases_.push_back(cs);
}

void CareSimulation::update_case_hours(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  // The activities that take hours now. Hours only count while a worker holds the case.
  unsigned activities = 0;
  if (c.worker >= 0) {
    if (c.phase == Phase::intake) {
      activities = activity_bit(WorkActivity::intake);
    } else if (c.phase == Phase::support) {
      if (c.light_active)
        activities = activity_bit(WorkActivity::direct);
      else if (c.active_trajectories > 0)
        activities = activity_bit(WorkActivity::monitoring);
      if (c.waiting_trajectories > 0) activities |= activity_bit(WorkActivity::bridging);
    }
    // Coordination hours need a second open case; most families have one, and then their list
    // (another cache line, often cold) need not be read.
    if ((c.phase == Phase::intake || c.phase == Phase::support) && families_[c.family].open_cases.size() > 1) {
      for (std::uint32_t other : families_[c.family].open_cases)
        if (other != cs && (cases_[other].phase == Phase::intake || cases_[other].phase == Phase::support)) {
          activities |= activity_bit(WorkActivity::coordination);
          break;
        }
    }
  }
  // Most calls change nothing (a review that takes nothing on, the other case of a family). The
  // hours of an activity that stays on are a team constant, except the intake's own hours, so
  // only activities switched on or off, and changed intake hours, change the team's rates and
  // the worker's load (in activity order, as a loop over all five would add them).
  constexpr unsigned kIntake = activity_bit(WorkActivity::intake);
  unsigned changed = activities ^ c.activities;
  if ((activities & c.activities & kIntake) && c.hours[0] != c.intake_hours_per_week) changed |= kIntake;
  if (changed == 0) return;
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  const std::array<double, kWorkActivityCount> hours_of = {c.intake_hours_per_week, t.phase_hours.active,
                                                          t.phase_hours.monitoring, t.phase_hours.bridging,
                                                          t.phase_hours.coordination};
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  double delta_total = 0;
  for (; changed != 0; changed &= changed - 1) {
    const auto a = static_cast<std::size_t>(std::countr_zero(changed));
    const double h = (activities >> a) & 1u ? hours_of[a] : 0.0;
    const double delta = h - c.hours[a];
    if (delta != 0) {
      ts.hours_rate[a].add(calendar_.now(), delta);
      delta_total += delta;
    }
    c.hours[a] = h;
  }
  c.activities = static_cast<std::uint8_t>(activities);
  if (c.worker >= 0 && delta_total != 0)
    set_worker_load(c.worker, workers_[static_cast<std::size_t>(c.worker)].load_hours + delta_total);
}

void CareSimulation::maybe_close_case(std::uint32_t cs) {
  const TeamCase& c = cases_[cs];
  if (c.phase == Phase::support && !c.light_active && c.waiting_trajectories == 0 && c.active_trajectories == 0)
    close_case(cs, ExitReason::closed);
}

void CareSimulation::close_case(std::uint32_t cs, ExitReason reason) {
  TeamCase& c = cases_[cs];
  const std::uint32_t fam = c.family;
  const int team = c.team;
  // Hours to zero first so the team's activity rates stay exact, then release the worker.
  c.phase = Phase::free;
  update_case_hours(cs);
  release_worker(cs);
  if (c.awaiting_reassignment) {
    // The case closes before a colleague took it over: the reassignment spell ends here.
    log(families_[fam], Activity::reassignment, Lifecycle::complete, team);
    c.awaiting_reassignment = false;
    --teams_[static_cast<std::size_t>(team)].reassign_live;
  }
  forget_case(cs);
  refresh_family_cases(fam);  // the other team's worker no longer coordinates
  close_item(fam, reason);
  try_assign(team);
}

void CareSimulation::touch_worker_at(int worker, double now) {
  // Closes the worker's current interval (caseload, load and presence as they were since the
  // last change) into the measured integrals, and opens a new one at the current state. Call
  // after every change of the worker's cases, load or presence.
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  // A worker is often touched several times in one event: after the first touch the interval
  // to close has length zero and adds nothing.
  if (now != w.last_change) {
    if (now > warmup_) {
      const double from = std::max(w.last_change, warmup_);
      if (w.interval_present && now > from) {
        w.present_time += now - from;
        w.caseload_area += static_cast<double>(w.interval_caseload) * (now - from);
        if (w.interval_load > w.available_hours + 1e-9) w.over_capacity_time += now - from;
      }
    }
    w.last_change = now;
  }
  if (!w.picker_stale) {
    w.picker_stale = true;
    TeamState& ts = teams_[static_cast<std::size_t>(w.team)];
    assert(ts.stale_count < ts.picker_stale.size() && "a worker is queued at most once");
    ts.picker_stale[ts.stale_count++] = worker;
  }
  w.interval_caseload = static_cast<std::uint32_t>(w.cases.size());
  w.interval_load = w.load_hours;
  w.interval_present = w.present && w.employed;
  if (now >= warmup_ && w.interval_present)
    w.max_caseload = std::max<std::uint32_t>(w.max_caseload, w.interval_caseload);
}

void CareSimulation::set_worker_load(int worker, double new_load) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  w.load_hours = std::max(0.0, new_load);
  touch_worker(worker);
}

void CareSimulation::set_worker_present(int worker, bool present) {
  workers_[static_cast<std::size_t>(worker)].present = present;
  touch_worker(worker);
}

void CareSimulation::start_workers() {
  for (std::size_t t = 0; t < p_.teams.size(); ++t) {
    const Team& team = p_.teams[t];
    TeamState& ts = teams_[t];
    for (int k = 0; k < team.workers; ++k) {
      const int slot = static_cast<int>(workers_.size());
      workers_.emplace_back();
      Worker& w = workers_.back();
      w.team = static_cast<int>(t);
      w.fte = team.fte_per_worker;
      w.available_hours = team.available_hours_per_week(w.fte);
      w.global_id = next_worker_global_id_++;
      w.employed = true;
      w.present = true;
      w.team_position = static_cast<std::uint32_t>(ts.workers.size());
      ts.workers.push_back(slot);
      ts.employed_fte.add(0.0, w.fte);
      schedule_worker_events(slot);
    }
    ts.picker.resize(ts.workers.size());
    ts.picker_stale = ts.workers;
    ts.stale_count = static_cast<std::uint32_t>(ts.workers.size());
    for (int w : ts.workers) workers_[static_cast<std::size_t>(w)].picker_stale = true;
  }
}

void CareSimulation::schedule_worker_events(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  // Sickness: the next spell after a present spell (exponential gaps per FTE).
  auto s = rng(keys::sickness_gap(w.global_id, w.sickness_counter));
  const double t_sick = exponential_time(s, p_.workforce.sickness_spells_per_fte_per_year * w.fte / kYear);
  if (calendar_.now() + t_sick <= end_)
    calendar_.schedule(calendar_.now() + t_sick, as_u32(EventType::sickness_start), static_cast<std::uint32_t>(worker),
                       w.generation);
  if (w.sickness_counter == 0) {
    // Departure: drawn once per worker at hire.
    auto l = rng(keys::departure(w.global_id));
    const double t_leave = exponential_time(l, p_.workforce.turnover_per_year / kYear);
    if (calendar_.now() + t_leave <= end_)
      calendar_.schedule(calendar_.now() + t_leave, as_u32(EventType::worker_leaves),
                         static_cast<std::uint32_t>(worker), w.generation);
  }
}

void CareSimulation::worker_leaves(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  const int team = w.team;
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  accrue_staff_cost(team);
  ts.employed_fte.add(calendar_.now(), -w.fte);
  // The post is vacant from now: the worker takes nothing more and is no longer counted.
  w.employed = false;
  ++w.generation;
  // Every case goes to a colleague: a hand-off, a new professional, the story told again.
  std::vector<std::uint32_t> orphaned;
  orphaned.swap(w.cases);
  for (std::uint32_t cs : orphaned) {
    TeamCase& c = cases_[cs];
    for (std::size_t a = 0; a < kWorkActivityCount; ++a)
      if (c.hours[a] != 0) ts.hours_rate[a].add(calendar_.now(), -c.hours[a]);
    c.hours = {};
    c.activities = 0;
    c.worker = -1;
  }
  w.load_hours = 0;
  touch_worker(worker);
  // Queue them all before assigning any, so that none of them loses its turn to a family in the
  // intake queue while its colleagues are being placed.
  for (std::uint32_t cs : orphaned) {
    TeamCase& c = cases_[cs];
    Family& f = families_[c.family];
    ++f.hand_offs;
    log(f, Activity::reassignment, Lifecycle::start, team);
    c.awaiting_reassignment = true;
    ts.reassign_queue.push_back({cs, c.review_generation});
    ++ts.reassign_live;
  }
  try_assign(team);
  orphaned.clear();
  w.cases.swap(orphaned);  // keep the vector's capacity for the next hire
  auto v = rng(keys::vacancy(w.global_id));
  const double vacancy = p_.workforce.vacancy_days.sample(v);
  if (calendar_.now() + vacancy <= end_)
    calendar_.schedule(calendar_.now() + vacancy, as_u32(EventType::worker_hired), static_cast<std::uint32_t>(worker));
}

void CareSimulation::hire_worker(int worker) {
  Worker& w = workers_[static_cast<std::size_t>(worker)];
  accrue_staff_cost(w.team);
  w.global_id = next_worker_global_id_++;
  w.employed = true;
  w.present = true;
  w.sickness_counter = 0;
  w.load_hours = 0;
  ++w.generation;
  touch_worker(worker);
  teams_[static_cast<std::size_t>(w.team)].employed_fte.add(calendar_.now(), w.fte);
  schedule_worker_events(worker);
  try_assign(w.team);
}

// ---------------------------------------------------------------------------------------------
// Specialist providers

void CareSimulation::refer(std::uint32_t fam, int provider, Domain d, std::uint32_t cs) {
  const std::uint32_t tr = take_slot(trajectories_, free_trajectories_);
  Trajectory& t = trajectories_[tr];
  const std::uint32_t gen = t.generation + 1;
  t = Trajectory{};
  t.generation = gen;
  t.family = fam;
  t.team_case = cs;
  t.provider = provider;
  t.domain = d;
  t.referred_at = calendar_.now();
  Family& f = families_[fam];
  ++f.referrals;
  t.sequence = f.referrals;
  f.open_trajectories.push_back(tr);
  if (cs == kNone)
    open_item(f);
  else {
    ++cases_[cs].waiting_trajectories;
    update_case_hours(cs);
  }
  ProviderState& ps = providers_[static_cast<std::size_t>(provider)];
  const std::uint8_t prio = p_.providers[static_cast<std::size_t>(provider)].safety_first ? f.priority() : 2;
  ps.queue.push(prio, {tr, t.generation});
  ps.queue_length.set(calendar_.now(), ps.queue.live());
  if (measuring()) {
    ++ps.queue_joins;
    if (cs == kNone)
      bump(counters_.direct_referrals_by_channel, static_cast<std::size_t>(f.channel));
    else
      bump(counters_.referrals_by_team, static_cast<std::size_t>(cases_[cs].team));
  }
  log(f, Activity::referral, Lifecycle::complete, cs == kNone ? -1 : cases_[cs].team, provider);
  log(f, Activity::specialist_queue, Lifecycle::start, -1, provider);
  try_start(provider);
}

void CareSimulation::try_start(int provider) {
  const Provider& p = p_.providers[static_cast<std::size_t>(provider)];
  ProviderState& ps = providers_[static_cast<std::size_t>(provider)];
  while (p.unlimited || ps.occupied < p.places) {
    const int cls = ps.queue.first_class();
    if (cls < 0) return;
    const auto entry = ps.queue.front(cls);
    ps.queue.pop_front(cls);
    if (trajectories_[entry.item].generation != entry.generation || trajectories_[entry.item].started) continue;
    ps.queue.on_leave();
    ps.queue_length.set(calendar_.now(), ps.queue.live());
    start_trajectory(entry.item);
  }
}

void CareSimulation::start_trajectory(std::uint32_t tr) {
  Trajectory& t = trajectories_[tr];
  Family& f = families_[t.family];
  const Provider& p = p_.providers[static_cast<std::size_t>(t.provider)];
  ProviderState& ps = providers_[static_cast<std::size_t>(t.provider)];
  t.started = true;
  t.started_at = calendar_.now();
  ++ps.occupied;
  ps.occupancy.set(calendar_.now(), ps.occupied);
  const double wait = t.started_at - t.referred_at;
  if (measuring()) {
    ps.wait.add(wait);
    ps.wait_hist.add(wait);
    ++ps.starts;
    const double from_signal = t.started_at - f.episode_start;
    if (f.measured) {
      counters_.specialist_from_signal.add(from_signal);
      if (from_signal <= p_.simulation.specialist_norm_days) ++counters_.specialist_within_norm;
    }
    if (wait <= p_.simulation.specialist_norm_days) ++ps.within_norm;
  }
  ++f.trajectories;
  if (p.counts_as_intake) ++f.intakes;
  ++f.plans;
  if (t.team_case != kNone) {
    TeamCase& c = cases_[t.team_case];
    --c.waiting_trajectories;
    ++c.active_trajectories;
    update_case_hours(t.team_case);
  }
  log(f, Activity::specialist_queue, Lifecycle::complete, -1, t.provider);
  log(f, Activity::specialist_care, Lifecycle::start, -1, t.provider);
  auto e = rng(keys::trajectory_duration(f.id, f.episode, f.referral_counter++));
  const double days = p.duration_days.sample(e);
  calendar_.schedule(calendar_.now() + days, as_u32(EventType::trajectory_end), tr, t.generation);
}

void CareSimulation::end_trajectory(std::uint32_t tr) {
  Trajectory& t = trajectories_[tr];
  const std::uint32_t fam = t.family;
  const int provider = t.provider;
  const std::uint32_t cs = t.team_case;
  const Domain d = t.domain;
  Family& f = families_[fam];
  const Provider& p = p_.providers[static_cast<std::size_t>(provider)];
  ProviderState& ps = providers_[static_cast<std::size_t>(provider)];
  --ps.occupied;
  ps.occupancy.set(calendar_.now(), ps.occupied);
  accrue_provider_cost(provider, t.started_at, calendar_.now());
  if (calendar_.now() >= warmup_) {
    const auto year = static_cast<std::size_t>((calendar_.now() - warmup_) / kYear);
    ps.cost_per_year[std::min(year, ps.cost_per_year.size() - 1)] += p.cost_per_trajectory_eur;
  }
  log(f, Activity::specialist_care, Lifecycle::complete, -1, provider);
  f.addressed |= bit_of(d);
  // Escalation to heavier care, more likely when a parent's problem was left untreated.
  // Keyed by the trajectory's number within the family's episode, never by its slot: slots are
  // shared by all families, so a slot-keyed draw would differ between scenarios.
  auto e = rng(keys::escalation(f.id, f.episode, t.sequence));
  const double u = e.uniform01();
  double up = p.step_up_probability;
  if ((f.present & ~f.addressed) & kParentMask) up *= p_.reentry.unaddressed_parent_factor;
  up = std::min(up, 1.0);
  {
    auto it = std::find(f.open_trajectories.begin(), f.open_trajectories.end(), tr);
    *it = f.open_trajectories.back();
    f.open_trajectories.pop_back();
  }
  ++t.generation;
  t.family = kNone;
  free_trajectories_.push_back(tr);
  if (p.step_up_to >= 0 && u < up) {
    if (f.measured) ++counters_.escalations;
    f.addressed &= static_cast<std::uint16_t>(~bit_of(d));
    refer(fam, p.step_up_to, d, cs);
  } else if (p.step_down_to >= 0 && u < up + p.step_down_probability) {
    refer(fam, p.step_down_to, d, cs);
  }
  if (cs != kNone) {
    --cases_[cs].active_trajectories;
    update_case_hours(cs);
    maybe_close_case(cs);
  } else {
    close_item(fam, ExitReason::closed);
  }
  try_start(provider);
}

// ---------------------------------------------------------------------------------------------
// Waiting hazards, ageing

void CareSimulation::renege(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (c.phase != Phase::queued) return;
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  ts.intake_queue.on_leave();
  ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
  if (measuring()) ts.queue_time.add(calendar_.now() - c.queued_at);
  Family& f = families_[c.family];
  log(f, Activity::intake_queue, Lifecycle::complete, c.team);
  const std::uint32_t fam = c.family;
  const int team = c.team;
  forget_case(cs);
  refresh_family_cases(fam);
  close_item(fam, ExitReason::reneged);
  try_assign(team);
}

void CareSimulation::deteriorate(std::uint32_t cs) {
  TeamCase& c = cases_[cs];
  if (c.phase != Phase::queued) return;
  Family& f = families_[c.family];
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  const std::uint64_t q = f.queue_counter++;
  auto e = rng(keys::deterioration(f.id, f.episode, q));
  // The most severe need worsens one step; an elevated safety risk becomes acute: a crisis.
  const std::size_t s = index_of(Domain::safety);
  if ((f.present & kSafetyMask) && f.severity[s] == kSafetyElevated) {
    f.severity[s] = kSafetyAcute;
    f.known |= kSafetyMask;
    if (f.measured) ++counters_.crises;
    log(f, Activity::crisis, Lifecycle::complete, c.team);
    // A crisis bypasses the queue: it is re-queued in the acute class. The generation stays, so
    // the family can still drop out; the entry in its old class is skipped once it is served.
    c.known |= kSafetyMask;
    ts.intake_queue.on_leave();
    ts.intake_queue.push(0, {cs, c.generation});
    if (p_.waiting.crisis_provider >= 0) refer(c.family, p_.waiting.crisis_provider, Domain::safety, kNone);
    try_assign(c.team);
  } else {
    // The most severe need that can still worsen gets one step worse (ties: domain order).
    int worst = -1;
    for (std::size_t i = 0; i < kNeedDomainCount; ++i)
      if (((f.present >> i) & 1u) && f.severity[i] < 2 && (worst < 0 || f.severity[i] > f.severity[static_cast<std::size_t>(worst)]))
        worst = static_cast<int>(i);
    if (worst >= 0) ++f.severity[static_cast<std::size_t>(worst)];
  }
  if (cases_[cs].phase == Phase::queued) {
    const double t = exponential_time(e, p_.waiting.deterioration_per_year / kYear);
    if (t < kInfinity)
      calendar_.schedule(calendar_.now() + t, as_u32(EventType::deteriorate), cs, cases_[cs].generation);
  }
}

void CareSimulation::schedule_turn_18(std::uint32_t fam) {
  const Family& f = families_[fam];
  const double birthday = f.index_child_birth + 18.0 * kYear;
  if (birthday > end_) return;
  if (birthday <= birthdays_scheduled_until_)
    calendar_.schedule(birthday, as_u32(EventType::turn_18), fam, f.generation);
  else
    deferred_birthday_[fam] = birthday;
}

void CareSimulation::sweep_birthdays() {
  // Moves the deferred birthdays of the next window into the calendar. A family that left
  // and came back within a window may get its birthday twice: turn_18 ignores the second.
  birthdays_scheduled_until_ = calendar_.now() + kBirthdaySweepDays;
  for (std::size_t fam = 0; fam < deferred_birthday_.size(); ++fam) {
    if (deferred_birthday_[fam] > birthdays_scheduled_until_) continue;
    calendar_.schedule(deferred_birthday_[fam], as_u32(EventType::turn_18), static_cast<std::uint32_t>(fam),
                       families_[fam].generation);
    deferred_birthday_[fam] = kInfinity;
  }
  if (birthdays_scheduled_until_ < end_)
    calendar_.schedule(birthdays_scheduled_until_, as_u32(EventType::birthday_sweep), 0);
}

void CareSimulation::turn_18(std::uint32_t fam) {
  Family& f = families_[fam];
  if (f.adult) return;  // already turned 18 (a second event for the same birthday)
  f.adult = true;
  if (!f.active) return;
  log(f, Activity::turned_18, Lifecycle::complete);
  // Youth care ends under the Jeugdwet; for each team that covers the child the team's policy
  // decides what happens. Specialist trajectories already running continue (extended youth
  // care) but no longer belong to the closed case.
  std::uint32_t youth_case = kNone;
  for (std::uint32_t cs : f.open_cases) {
    const TeamCase& c = cases_[cs];
    if (!c.young_adult && (p_.teams[static_cast<std::size_t>(c.team)].coverage_mask & kChildMask)) {
      youth_case = cs;
      break;
    }
  }
  if (youth_case == kNone) return;
  TeamCase& c = cases_[youth_case];
  const Team& t = p_.teams[static_cast<std::size_t>(c.team)];
  if (f.measured) ++counters_.transitions_18;
  if (t.handover_at_18 == HandoverAt18::warm) {
    if (f.measured) counters_.transition_gap_days.add(0.0);
    return;  // the same worker continues with the young adult
  }
  open_item(f);  // holds the family open while the youth case is wound up
  // Wind up the youth case: leave the queue, stop light help, detach trajectories.
  TeamState& ts = teams_[static_cast<std::size_t>(c.team)];
  // Every activity of the case that is under way ends here (the event log pairs each start
  // with a complete).
  if (c.phase == Phase::queued) {
    ts.intake_queue.on_leave();
    ts.queue_length.set(calendar_.now(), ts.intake_queue.live());
    if (measuring()) ts.queue_time.add(calendar_.now() - c.queued_at);
    log(f, Activity::intake_queue, Lifecycle::complete, c.team);
  } else if (c.phase == Phase::intake) {
    log(f, Activity::intake, Lifecycle::complete, c.team, -1,
        c.worker >= 0 ? workers_[static_cast<std::size_t>(c.worker)].global_id : 0);
  }
  if (c.light_active) log(f, Activity::light_help, Lifecycle::complete, c.team);
  for (std::uint32_t tr : f.open_trajectories)
    if (trajectories_[tr].team_case == youth_case) {
      trajectories_[tr].team_case = kNone;
      open_item(f);
    }
  c.waiting_trajectories = c.active_trajectories = 0;
  c.light_active = false;
  c.light = 0;
  ++c.generation;
  const int youth_team = c.team;
  close_case(youth_case, ExitReason::closed);
  const int adult_team = t.adult_team;
  if (t.handover_at_18 == HandoverAt18::cold && adult_team >= 0) {
    bool already_there = false;
    for (std::uint32_t cs : f.open_cases)
      if (cases_[cs].team == adult_team) {
        cases_[cs].young_adult = true;  // the adult team's worker now also covers the young adult
        already_there = true;
      }
    if (already_there) {
      // No new professional and no new intake: not a hand-off.
      if (f.measured) counters_.transition_gap_days.add(0.0);
    } else {
      // A cold handover: a new intake at the adult team, with its own wait.
      ++f.hand_offs;
      log(f, Activity::hand_off, Lifecycle::start, youth_team);
      send_hand_off(fam, adult_team, true);
    }
    close_item(fam, ExitReason::lost_hand_off);
  } else {
    if (f.measured) ++counters_.transitions_18_lost;
    close_item(fam, ExitReason::aged_out);
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement

void CareSimulation::end_warmup() {
  const double now = calendar_.now();
  for (auto& ts : teams_) {
    ts.queue_length.reset(now);
    for (auto& h : ts.hours_rate) h.reset(now);
    ts.employed_fte.reset(now);
  }
  for (auto& ps : providers_) {
    ps.queue_length.reset(now);
    ps.occupancy.reset(now);
  }
  for (std::size_t w = 0; w < workers_.size(); ++w) {
    touch_worker(static_cast<int>(w));
    workers_[w].max_caseload = static_cast<std::uint32_t>(workers_[w].cases.size());
  }
  // Trajectories running at the end of the warm-up are costed from here on.
}

void CareSimulation::accrue_cost(std::vector<double>& per_year, double from, double to, double per_day) {
  from = std::max(from, warmup_);
  to = std::min(to, end_);
  while (from < to) {
    const auto year = static_cast<std::size_t>((from - warmup_) / kYear);
    const double year_end = warmup_ + static_cast<double>(year + 1) * kYear;
    const double until = std::min(to, year_end);
    per_year[std::min(year, per_year.size() - 1)] += (until - from) * per_day;
    from = until;
  }
}

void CareSimulation::accrue_provider_cost(int provider, double from, double to) {
  accrue_cost(providers_[static_cast<std::size_t>(provider)].cost_per_year, from, to,
              p_.providers[static_cast<std::size_t>(provider)].cost_per_day_eur);
}

void CareSimulation::accrue_staff_cost_at(int team, double now) {
  // Staff cost accrues at the FTE employed (vacant posts cost nothing) between changes.
  TeamState& ts = teams_[static_cast<std::size_t>(team)];
  const double per_day = ts.employed_fte.value() * p_.teams[static_cast<std::size_t>(team)].cost_per_fte_per_year_eur / kYear;
  accrue_cost(ts.staff_cost_per_year, ts.staff_cost_since, now, per_day);
  ts.staff_cost_since = now;
}

void CareSimulation::sample_timeseries() {
  const double day = calendar_.now() - warmup_;
  std::uint32_t series = 0;  // the keys' order: see the constructor
  for (std::size_t t = 0; t < p_.teams.size(); ++t) {
    timeseries_.push_back({day, series++, static_cast<double>(teams_[t].intake_queue.live())});
    double cases = 0, present = 0;
    for (int w : teams_[t].workers) {
      const Worker& wk = workers_[static_cast<std::size_t>(w)];
      if (wk.employed && wk.present) {
        cases += static_cast<double>(wk.cases.size());
        present += 1;
      }
    }
    timeseries_.push_back({day, series++, present > 0 ? cases / present : 0.0});
  }
  for (std::size_t p = 0; p < p_.providers.size(); ++p) {
    timeseries_.push_back({day, series++, static_cast<double>(providers_[p].queue.live())});
    timeseries_.push_back({day, series++, static_cast<double>(providers_[p].occupied)});
  }
  timeseries_.push_back({day, series++, static_cast<double>(active_families_)});
}

void CareSimulation::log(const Family& f, Activity activity, Lifecycle lifecycle, int team, int provider,
                         std::uint32_t worker) {
  if (options_.event_log == nullptr) return;
  options_.event_log->push_back({calendar_.now(), f.id, f.episode, activity, lifecycle,
                                 static_cast<std::int16_t>(team), static_cast<std::int16_t>(provider), worker});
}

void CareSimulation::record_arrival(const Family& f) {
  if (options_.arrivals == nullptr) return;
  options_.arrivals->push_back({calendar_.now(), f.id, f.episode, f.channel, f.present, f.presented, f.severity,
                                f.index_child_birth});
}

}  // namespace jeugdsim::care
