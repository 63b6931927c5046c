#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jeugdsim::scenario {

// The candidate a misspelt name most likely meant, for "did you mean ...?" hints: the one at
// the smallest edit distance (insertions, deletions, substitutions and swaps of neighbouring
// characters; case-insensitive), if that distance is small for the name's length (1 for up to
// 5 characters, 2 for up to 11, 3 beyond; always less than the name's length). Nothing when no candidate is that close, when the
// name is itself a candidate, or when two candidates are equally close (a guess between them
// would mislead).
std::optional<std::string> closest_match(std::string_view name, const std::vector<std::string>& candidates);

// "; did you mean `CANDIDATE`?" for closest_match, or "" when there is none: ready to append to
// a message such as "unknown key".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

// The optimal string alignment distance between `a` and `b`, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace jeugdsim::scenario
