#pragma once
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/ResultReader.hpp"

namespace jeugdsim::io {

// Result folders of replication slices of one run (`jeugdsim run -r A-B`), read and checked for
// `jeugdsim merge`.

// Bad input: the folders cannot be merged (exit code 2, the message says why).
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Slice {
  std::filesystem::path folder;
  std::string resolved_toml;
  nlohmann::ordered_json provenance;
  nlohmann::ordered_json run_info;
  std::uint32_t first = 0, count = 0;
  ReadResults results;
  std::string event_log;  // without its header; empty if the slice has none
  std::string event_log_header;
};

// Reads a slice's folder and checks that its files hold exactly the replications its
// provenance.json names; MergeError otherwise.
Slice read_slice(const std::filesystem::path& folder);

// Everything in provenance.json except the replication range must agree between slices.
void check_same_run(const Slice& a, const Slice& b);

// The replications the slices (sorted by first replication) cover together.
struct SliceCoverage {
  std::uint64_t first = 0, end = 0;  // [first, end)
  std::uint64_t covered = 0;         // replications present
  std::vector<std::string> gaps;     // missing ranges, as range_text
};
// No replication may be in two slices; a gap is an error unless `allow_gaps` (MergeError).
SliceCoverage check_slice_ranges(const std::vector<Slice>& slices, bool allow_gaps);

// "7" for one replication, "7-9" for [7, 10).
std::string range_text(std::uint64_t first, std::uint64_t end);

}  // namespace jeugdsim::io
