// Arrivals and needs (docs/model.md 2.3.1): the channels' arrival processes, a new family's
// members, and the needs drawn for every episode.
#include "care/CareSimulation.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "care/mechanisms/MechanismHelpers.hpp"

namespace jeugdsim::care {

namespace {
using namespace mechanisms;
}  // namespace

void CareSimulation::schedule_next_arrival(std::uint32_t channel) {
  const std::uint64_t k = arrivals_per_channel_[channel];
  // The k-th arrival time depends only on the channel and k: the same family arrives at the
  // same moment in every scenario that shares the channel's rate.
  auto e = rng(keys::arrival_time(channel_keys_[channel], k));
  const double after = k == 0 ? 0.0 : calendar_.now();
  const double t = arrival_processes_[channel].next(after, e);
  if (t <= end_) calendar_.schedule(t, as_u32(EventType::arrival), channel);
}

// The next signal of a channel: a new family, with its members and needs, routed at the door.
void CareSimulation::arrive(std::uint32_t c) {
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

}  // namespace jeugdsim::care
