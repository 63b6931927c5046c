#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "care/ReplicationResult.hpp"

namespace jeugdsim::io {

// Reads the per-replication results of a run folder back from kpis.csv and timeseries.csv
// (numbers are written as shortest round-trip text, so the values are exactly those of the
// run). Replications come back in ascending order. Throws std::runtime_error naming the file
// and line on a malformed file. Used to merge replication slices and to resume runs.
struct ReadResults {
  std::string scenario_id;
  std::vector<care::ReplicationResult> results;
};
ReadResults read_run_results(const std::filesystem::path& folder);

// Parses one CSV line (RFC 4180 quoting) into fields.
std::vector<std::string> split_csv_line(const std::string& line);

// Parses a number written by format_number ("NaN", "Inf", "-Inf" included); throws
// std::invalid_argument when the text is not a number.
double parse_number(const std::string& text);

}  // namespace jeugdsim::io
