#pragma once
#include <cstdint>

namespace jeugdsim::care {

// The random-number contract of the care model (common random numbers), on one screen.
//
// Every draw is keyed by (stream, entity, decision): the stream says what kind of thing is
// drawn, the entity whose draw it is (a family, a worker, a channel) and the decision which of
// that entity's draws. The same family therefore gets the same arrival, needs and durations in
// every scenario, and changing one policy never reshuffles the randomness of another. A key is
// part of the results: changing any value below changes every output (tests/fingerprints.csv)
// and is pinned by tests/care/test_decision_keys.cpp.

// What is drawn. The numbers are part of every key: never renumber, never reuse a retired one
// (16 was `age`, never drawn).
enum class Stream : std::uint32_t {
  arrivals = 1,
  needs = 2,
  routing = 3,
  triage = 4,
  intake_duration = 5,
  discovery = 6,
  referral = 7,
  support_duration = 8,
  review = 9,
  trajectory_duration = 10,
  escalation = 11,
  reentry = 12,
  renege = 13,
  deterioration = 14,
  hand_off = 15,
  worker_sickness = 17,
  worker_turnover = 18,
  vacancy = 19,
  family_members = 20,
};

struct DecisionKey {
  Stream stream;
  std::uint64_t entity;
  std::uint64_t decision;
};

namespace keys {

using Id = std::uint64_t;       // a family's or worker's id
using Episode = std::uint32_t;  // the family's episode (0 = first signal, re-entries count up)
using Count = std::uint64_t;    // a counter or index within the entity

// A family's id: its channel's stable name key in the high half, its arrival number in that
// channel below, so it depends neither on the order of the channels nor on other channels.
constexpr Id family_id(std::uint32_t channel_key, Count arrival) { return (Id{channel_key} << 32) | arrival; }
// A family's decision within an episode: the episode in the high bits, the decision below.
constexpr std::uint64_t in_episode(Episode ep, Count decision) { return (std::uint64_t{ep} << 40) | decision; }

// --- arrivals and needs
// The time of a channel's k-th arrival.
constexpr DecisionKey arrival_time(std::uint32_t channel_key, Count k) { return {Stream::arrivals, channel_key, k}; }
// A new family's members: children, parents, index child's age, network strength.
constexpr DecisionKey family_members(Id family) { return {Stream::family_members, family, 0}; }
// An episode's needs (every domain, a fixed number of values).
constexpr DecisionKey needs(Id family, Episode ep) { return {Stream::needs, family, in_episode(ep, 0)}; }

// --- routing and triage
// The route at the door (arrival or re-entry).
constexpr DecisionKey route_at_door(Id family, Episode ep) { return {Stream::routing, family, in_episode(ep, 0)}; }
// The route after triage step t.
constexpr DecisionKey route_after_triage(Id family, Episode ep, Count t) {
  return {Stream::routing, family, in_episode(ep, 1 + t)};
}
// How long triage step t takes.
constexpr DecisionKey triage_delay(Id family, Episode ep, Count t) {
  return {Stream::triage, family, in_episode(ep, 1000 + t)};
}
// Whether triage step t ends with advice only.
constexpr DecisionKey triage_advice_only(Id family, Episode ep, Count t) {
  return {Stream::triage, family, in_episode(ep, t)};
}

// --- waiting hazards (q: the family's queue counter in the episode; it moves at every join of
// an intake queue and at every deterioration)
// When a family that joined an intake queue at counter q drops out.
constexpr DecisionKey renege(Id family, Episode ep, Count q) { return {Stream::renege, family, in_episode(ep, q)}; }
// When that family first deteriorates in that queue.
constexpr DecisionKey first_deterioration(Id family, Episode ep, Count q) {
  return {Stream::deterioration, family, in_episode(ep, q << 8)};
}
// What its deterioration at counter q does, and when the next one comes.
constexpr DecisionKey deterioration(Id family, Episode ep, Count q) {
  return {Stream::deterioration, family, in_episode(ep, (q << 8) | 1)};
}

// --- team care (n: the family's case counter in the episode, one per draw)
// How long the intake takes.
constexpr DecisionKey intake_duration(Id family, Episode ep, Count n) {
  return {Stream::intake_duration, family, in_episode(ep, n)};
}
// Whether team `team` finds hidden need domain d at its intake.
constexpr DecisionKey intake_discovery(Id family, Episode ep, Count team, Count d) {
  return {Stream::discovery, family, in_episode(ep, (team << 16) | d)};
}
// Whether need domain d goes to specialist care, taken on at intake (r = 0) or at review r.
constexpr DecisionKey referral(Id family, Episode ep, Count r, Count d) {
  return {Stream::referral, family, in_episode(ep, (r << 8) | d)};
}
// How long light help lasts.
constexpr DecisionKey support_duration(Id family, Episode ep, Count n) {
  return {Stream::support_duration, family, in_episode(ep, n)};
}
// Review number r at team `team`: value i finds need i, value kNeedDomainCount + i steps i up.
constexpr DecisionKey review(Id family, Episode ep, Count team, Count r) {
  return {Stream::review, family, in_episode(ep, (team << 24) | r)};
}

// --- hand-offs
// Whether the family's hand-off number h, to team `team`, gets lost.
constexpr DecisionKey hand_off_lost(Id family, Episode ep, Count team, Count h) {
  return {Stream::hand_off, family, in_episode(ep, (team << 16) | h)};
}

// --- specialist providers
// How long the episode's n-th started trajectory lasts.
constexpr DecisionKey trajectory_duration(Id family, Episode ep, Count n) {
  return {Stream::trajectory_duration, family, in_episode(ep, n)};
}
// Step up or down after the episode's referral number `sequence` (never its slot).
constexpr DecisionKey escalation(Id family, Episode ep, Count sequence) {
  return {Stream::escalation, family, in_episode(ep, sequence)};
}

// --- episodes
// Whether, and after how long, a closed episode comes back.
constexpr DecisionKey reentry(Id family, Episode ep) { return {Stream::reentry, family, in_episode(ep, 0)}; }

// --- workforce (by the worker's global id: a new hire is a new professional)
// The present spell before the worker's sickness spell s.
constexpr DecisionKey sickness_gap(Id worker, Count s) { return {Stream::worker_sickness, worker, 2 * s}; }
// How long sickness spell s lasts.
constexpr DecisionKey sickness_duration(Id worker, Count s) { return {Stream::worker_sickness, worker, 2 * s + 1}; }
// When the worker leaves (drawn once, at hire).
constexpr DecisionKey departure(Id worker) { return {Stream::worker_turnover, worker, 0}; }
// How long the departed worker's post stays vacant.
constexpr DecisionKey vacancy(Id worker) { return {Stream::vacancy, worker, 0}; }

}  // namespace keys
}  // namespace jeugdsim::care
