// Episodes (docs/model.md 2.3.12): a family's open items, the closure of an episode, re-entry,
// and the continuity tallies recorded at its end.
#include "care/CareSimulation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

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

}  // namespace jeugdsim::care
