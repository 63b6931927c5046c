// Routing and triage (docs/model.md 2.3.2): routes at the door and after a triage step.
#include "care/CareSimulation.hpp"

#include <cstdint>
#include <vector>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

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

// The end of a triage step: advice only (the family leaves), or a route onwards.
void CareSimulation::finish_triage(std::uint32_t fam, std::uint32_t triage) {
  Family& f = families_[fam];
  const Triage& tr = p_.triages[triage];
  log(f, Activity::triage, Lifecycle::complete);
  if (tr.assesses_safety) note_safety_assessment(f);
  const double u = uniform(keys::triage_advice_only(f.id, f.episode, triage));
  if (u < tr.advice_only_share) {
    close_item(fam, ExitReason::no_care);
  } else {
    --f.open_items;  // the triage item hands over to whatever the route opens
    apply_route(fam, tr.routes, keys::route_after_triage(f.id, f.episode, triage));
    if (f.open_items == 0 && f.active) close_episode(fam, ExitReason::no_care);
  }
}

}  // namespace jeugdsim::care
