// Hand-offs between teams (docs/model.md 2.3.11).
#include "care/CareSimulation.hpp"

#include <cstdint>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

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

// A hand-off leaves the sending team once the consent delay is over.
void CareSimulation::deliver_hand_off(std::uint32_t fam, int team) {
  Family& f = families_[fam];
  --f.open_items;
  send_hand_off(fam, team, false);
  if (f.open_items == 0 && f.active) close_episode(fam, ExitReason::lost_hand_off);
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

}  // namespace jeugdsim::care
