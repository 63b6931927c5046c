#pragma once
#include <cstddef>
#include <string>

namespace jeugdsim::scenario {

// Where a scenario value was set: the file (as the user or an include named it) and the 1-based
// line. Line 0 means "no particular line" (whole file, or a command-line override).
struct Location {
  std::string file;
  std::size_t line = 0;

  friend bool operator==(const Location&, const Location&) = default;
};

}  // namespace jeugdsim::scenario
