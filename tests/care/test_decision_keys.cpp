// The random-number contract (model/care/DecisionKeys.hpp) pinned to the keys the model drew
// with before the keys had names. Every expected value below was worked out by hand from the
// expression the call site used then (tag(episode, x) = episode << 40 | x), not from the
// functions under test: a key that moves changes every result of every scenario.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <tuple>

#include "care/DecisionKeys.hpp"

namespace jeugdsim::care::testing {
namespace {

// Channel key 0x12345678, arrival number 9: (key << 32) | arrival.
constexpr std::uint64_t kFamily = 0x1234567800000009ull;
constexpr std::uint64_t kWorker = 42;

void expect_key(const DecisionKey& k, std::uint32_t stream, std::uint64_t entity, std::uint64_t decision) {
  EXPECT_EQ(static_cast<std::uint32_t>(k.stream), stream);
  EXPECT_EQ(k.entity, entity);
  EXPECT_EQ(k.decision, decision);
}

TEST(DecisionKeys, StreamNumbersNeverMove) {
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::arrivals), 1u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::needs), 2u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::routing), 3u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::triage), 4u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::intake_duration), 5u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::discovery), 6u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::referral), 7u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::support_duration), 8u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::review), 9u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::trajectory_duration), 10u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::escalation), 11u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::reentry), 12u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::renege), 13u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::deterioration), 14u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::hand_off), 15u);
  // 16 was the retired `age` stream.
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::worker_sickness), 17u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::worker_turnover), 18u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::vacancy), 19u);
  EXPECT_EQ(static_cast<std::uint32_t>(Stream::family_members), 20u);
}

TEST(DecisionKeys, FamilyIdAndArrival) {
  EXPECT_EQ(keys::family_id(0x12345678u, 9), kFamily);
  EXPECT_EQ(keys::family_id(0xFFFFFFFFu, 0), 0xFFFFFFFF00000000ull);
  expect_key(keys::arrival_time(0x12345678u, 9), 1, 0x12345678u, 9);
  expect_key(keys::family_members(kFamily), 20, kFamily, 0);
  expect_key(keys::needs(kFamily, 3), 2, kFamily, 0x30000000000ull);  // 3 << 40
}

TEST(DecisionKeys, RoutingAndTriage) {
  expect_key(keys::route_at_door(kFamily, 0), 3, kFamily, 0);
  expect_key(keys::route_at_door(kFamily, 1), 3, kFamily, 0x10000000000ull);
  expect_key(keys::route_after_triage(kFamily, 2, 1), 3, kFamily, 0x20000000002ull);  // 2 << 40 | (1 + 1)
  expect_key(keys::triage_delay(kFamily, 2, 1), 4, kFamily, 0x200000003E9ull);        // 2 << 40 | (1000 + 1)
  expect_key(keys::triage_advice_only(kFamily, 2, 1), 4, kFamily, 0x20000000001ull);  // 2 << 40 | 1
}

TEST(DecisionKeys, WaitingHazards) {
  expect_key(keys::renege(kFamily, 1, 4), 13, kFamily, 0x10000000004ull);               // 1 << 40 | 4
  expect_key(keys::first_deterioration(kFamily, 1, 4), 14, kFamily, 0x10000000400ull);  // 1 << 40 | 4 << 8
  expect_key(keys::deterioration(kFamily, 1, 5), 14, kFamily, 0x10000000501ull);        // 1 << 40 | (5 << 8) | 1
}

TEST(DecisionKeys, TeamCare) {
  expect_key(keys::intake_duration(kFamily, 0, 7), 5, kFamily, 7);
  expect_key(keys::intake_discovery(kFamily, 1, 3, 6), 6, kFamily, 0x10000030006ull);  // 1 << 40 | 3 << 16 | 6
  expect_key(keys::referral(kFamily, 1, 2, 6), 7, kFamily, 0x10000000206ull);          // 1 << 40 | 2 << 8 | 6
  expect_key(keys::support_duration(kFamily, 2, 8), 8, kFamily, 0x20000000008ull);
  expect_key(keys::review(kFamily, 1, 3, 2), 9, kFamily, 0x10003000002ull);            // 1 << 40 | 3 << 24 | 2
}

TEST(DecisionKeys, HandOffsSpecialistsAndEpisodes) {
  expect_key(keys::hand_off_lost(kFamily, 1, 2, 3), 15, kFamily, 0x10000020003ull);  // 1 << 40 | 2 << 16 | 3
  expect_key(keys::trajectory_duration(kFamily, 0, 4), 10, kFamily, 4);
  expect_key(keys::escalation(kFamily, 2, 3), 11, kFamily, 0x20000000003ull);
  expect_key(keys::reentry(kFamily, 4), 12, kFamily, 0x40000000000ull);
}

TEST(DecisionKeys, Workforce) {
  expect_key(keys::sickness_gap(kWorker, 3), 17, kWorker, 6);       // 2 * counter
  expect_key(keys::sickness_duration(kWorker, 3), 17, kWorker, 7);  // 2 * counter + 1
  expect_key(keys::departure(kWorker), 18, kWorker, 0);
  expect_key(keys::vacancy(kWorker), 19, kWorker, 0);
}

// Two decisions of one family in one episode must never share a key, or they would draw the
// same numbers. A sample of the families' decisions that could meet.
TEST(DecisionKeys, DecisionsOfOneEpisodeDoNotCollide) {
  std::set<std::tuple<std::uint32_t, std::uint64_t>> seen;
  auto add = [&seen](const DecisionKey& k) {
    EXPECT_TRUE(seen.emplace(static_cast<std::uint32_t>(k.stream), k.decision).second)
        << "stream " << static_cast<std::uint32_t>(k.stream) << " decision " << k.decision;
  };
  for (std::uint64_t q = 0; q < 8; ++q) {
    add(keys::first_deterioration(kFamily, 1, q));
    add(keys::deterioration(kFamily, 1, q));
    add(keys::renege(kFamily, 1, q));
  }
  for (std::uint64_t t = 0; t < 8; ++t) {
    add(keys::triage_delay(kFamily, 1, t));
    add(keys::triage_advice_only(kFamily, 1, t));
    add(keys::route_after_triage(kFamily, 1, t));
  }
  add(keys::route_at_door(kFamily, 1));
  for (std::uint64_t team = 0; team < 4; ++team)
    for (std::uint64_t n = 0; n < 16; ++n) {
      add(keys::intake_discovery(kFamily, 1, team, n));
      add(keys::review(kFamily, 1, team, n));
      add(keys::hand_off_lost(kFamily, 1, team, n));
      if (team == 0) add(keys::referral(kFamily, 1, n / 4, n % 4 + 7));
    }
  for (std::uint64_t s = 0; s < 8; ++s) {
    EXPECT_NE(keys::sickness_gap(kWorker, s).decision, keys::sickness_duration(kWorker, s).decision);
    EXPECT_NE(keys::sickness_duration(kWorker, s).decision, keys::sickness_gap(kWorker, s + 1).decision);
  }
}

}  // namespace
}  // namespace jeugdsim::care::testing
