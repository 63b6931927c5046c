#pragma once
#include <nlohmann/json.hpp>

#include "jeugdsim/Version.hpp"

namespace jeugdsim::io {

// The first keys of every provenance.json (and checkpoint key) the program writes: which
// program, which version, which commit. Callers append their own keys after these.
inline nlohmann::ordered_json provenance_header() {
  nlohmann::ordered_json j;
  j["program"] = "jeugdsim";
  j["version"] = kVersion;
  j["git_commit"] = kGitCommit;
  return j;
}

}  // namespace jeugdsim::io
