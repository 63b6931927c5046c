// "Did you mean ...?" (model/scenario/ClosestMatch.cpp): which misspellings get a suggestion,
// and which are left alone because a guess would mislead.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario {
namespace {

TEST(ClosestMatchTest, EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("workers", "workers"), 0u);
  EXPECT_EQ(edit_distance("wokers", "workers"), 1u);        // deletion
  EXPECT_EQ(edit_distance("workerss", "workers"), 1u);      // insertion
  EXPECT_EQ(edit_distance("wurkers", "workers"), 1u);       // substitution
  EXPECT_EQ(edit_distance("wrokers", "workers"), 1u);       // neighbours swapped
  EXPECT_EQ(edit_distance("Workers", "workers"), 0u);       // case does not count
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("colour", "workers"), 5u);
}

TEST(ClosestMatchTest, SuggestsTheOneCloseCandidate) {
  const std::vector<std::string> team_keys = {"accept_rule", "caseload_cap_per_fte", "covers", "fte_per_worker",
                                              "workers"};
  EXPECT_EQ(closest_match("wokers", team_keys), "workers");
  EXPECT_EQ(closest_match("caseload_cap_per_ft", team_keys), "caseload_cap_per_fte");
  EXPECT_EQ(closest_match("team", {"meta", "simulation", "teams", "providers"}), "teams");
  EXPECT_EQ(closest_match("wijkteem", {"wijkteam", "jeugd"}), "wijkteam");
  EXPECT_EQ(did_you_mean("wokers", team_keys), "; did you mean `workers`?");
}

TEST(ClosestMatchTest, StaysQuietWhenNothingIsCloseOrTheChoiceIsAmbiguous) {
  EXPECT_EQ(closest_match("colour", {"capacity", "speed", "workers"}), std::nullopt);
  EXPECT_EQ(closest_match("nope", {"jeugd", "ouder"}), std::nullopt);
  EXPECT_EQ(closest_match("x", {"y", "z"}), std::nullopt);       // one letter: anything is one edit away
  EXPECT_EQ(closest_match("cap", {"cat", "cup"}), std::nullopt);  // two equally close
  EXPECT_EQ(closest_match("workers", {"workers", "wokers"}), std::nullopt);  // it is a candidate
  EXPECT_EQ(closest_match("anything", {}), std::nullopt);
  EXPECT_EQ(did_you_mean("colour", {"workers"}), "");
}

}  // namespace
}  // namespace jeugdsim::scenario
