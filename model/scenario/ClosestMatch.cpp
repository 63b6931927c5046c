#include "scenario/ClosestMatch.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace jeugdsim::scenario {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// How far a name may be from what it meant: one slip in a short name, more in a long one; a
// larger allowance would "correct" unrelated names (colour -> workers).
std::size_t allowed_distance(std::size_t length) {
  if (length <= 5) return 1;
  if (length <= 11) return 2;
  return 3;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme suffice: a swap looks back two rows.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view name, const std::vector<std::string>& candidates) {
  std::size_t best = std::numeric_limits<std::size_t>::max();
  const std::string* found = nullptr;
  bool tie = false;
  for (const std::string& candidate : candidates) {
    if (candidate == name) return std::nullopt;
    const std::size_t d = edit_distance(name, candidate);
    if (d < best) {
      best = d;
      found = &candidate;
      tie = false;
    } else if (d == best && found != nullptr && *found != candidate) {
      tie = true;
    }
  }
  if (found == nullptr || tie || best > allowed_distance(name.size()) || best >= name.size()) return std::nullopt;
  return *found;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  const auto match = closest_match(name, candidates);
  return match ? "; did you mean `" + *match + "`?" : std::string{};
}

}  // namespace jeugdsim::scenario
