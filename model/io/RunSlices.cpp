#include "io/RunSlices.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace jeugdsim::io {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw MergeError(file.string() + ": cannot open file (is this a jeugdsim result folder?)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Json read_json(const fs::path& file) {
  try {
    return Json::parse(read_text(file));
  } catch (const Json::exception& e) {
    throw MergeError(file.string() + ": not valid JSON: " + e.what());
  }
}

}  // namespace

std::string range_text(std::uint64_t first, std::uint64_t end) {
  return end - first == 1 ? std::to_string(first) : fmt::format("{}-{}", first, end - 1);
}

Slice read_slice(const fs::path& folder) {
  if (!fs::is_directory(folder)) throw MergeError(folder.string() + ": not a folder");
  Slice s;
  s.folder = folder;
  s.resolved_toml = read_text(folder / "scenario.resolved.toml");
  s.provenance = read_json(folder / "provenance.json");
  s.run_info = read_json(folder / "run-info.json");
  for (const char* key : {"scenario_id", "seed", "first_replication", "replications", "replication_method"})
    if (!s.provenance.contains(key))
      throw MergeError((folder / "provenance.json").string() + ": no \"" + key + "\"");
  if (s.provenance["replication_method"] != "fixed")
    throw MergeError(folder.string() + ": replications were chosen sequentially (-r auto); only fixed ranges "
                                       "(-r N or -r FIRST-LAST) can be merged");
  s.first = s.provenance["first_replication"].get<std::uint32_t>();
  s.count = s.provenance["replications"].get<std::uint32_t>();
  try {
    s.results = read_run_results(folder);
  } catch (const std::runtime_error& e) {
    throw MergeError(e.what());
  }
  // The files must hold exactly the replications the provenance names.
  std::vector<std::uint32_t> want(s.count);
  for (std::uint32_t i = 0; i < s.count; ++i) want[i] = s.first + i;
  std::vector<std::uint32_t> got;
  for (const auto& r : s.results.results) got.push_back(r.replication);
  if (got != want)
    throw MergeError(fmt::format("{}: kpis.csv/timeseries.csv do not hold exactly replications {} named in "
                                 "provenance.json",
                                 folder.string(), range_text(s.first, std::uint64_t{s.first} + s.count)));
  if (!s.results.results.empty() && s.results.scenario_id != s.provenance["scenario_id"].get<std::string>())
    throw MergeError(folder.string() + ": kpis.csv is for scenario '" + s.results.scenario_id +
                     "' but provenance.json names '" + s.provenance["scenario_id"].get<std::string>() + "'");
  if (fs::exists(folder / "event-log.csv")) {
    const std::string log = read_text(folder / "event-log.csv");
    const auto eol = log.find('\n');
    s.event_log_header = log.substr(0, eol == std::string::npos ? log.size() : eol + 1);
    s.event_log = eol == std::string::npos ? std::string() : log.substr(eol + 1);
  }
  return s;
}

// Everything in provenance.json except the replication range must agree between slices.
void check_same_run(const Slice& a, const Slice& b) {
  if (a.resolved_toml != b.resolved_toml)
    throw MergeError(fmt::format("{} and {} ran different scenarios (scenario.resolved.toml differs)",
                                 a.folder.string(), b.folder.string()));
  Json pa = a.provenance, pb = b.provenance;
  for (Json* p : {&pa, &pb}) {
    p->erase("first_replication");
    p->erase("replications");
  }
  if (pa == pb) return;
  std::string keys;
  for (auto it = pa.begin(); it != pa.end(); ++it)
    if (!pb.contains(it.key()) || pb[it.key()] != it.value()) keys += (keys.empty() ? "" : ", ") + it.key();
  for (auto it = pb.begin(); it != pb.end(); ++it)
    if (!pa.contains(it.key())) keys += (keys.empty() ? "" : ", ") + it.key();
  throw MergeError(fmt::format("{} and {} are not slices of the same run: provenance.json differs in {}",
                               a.folder.string(), b.folder.string(), keys));
}

SliceCoverage check_slice_ranges(const std::vector<Slice>& slices, bool allow_gaps) {
  SliceCoverage c;
  auto& gaps = c.gaps;
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const std::uint64_t first = slices[i].first, end = first + slices[i].count;
    if (i > 0) {
      const std::uint64_t prev_end = std::uint64_t{slices[i - 1].first} + slices[i - 1].count;
      if (first < prev_end) {
        const std::uint64_t overlap_end = std::min(prev_end, end);
        throw MergeError(fmt::format("replication{} {} {} in both {} and {}", overlap_end - first == 1 ? "" : "s",
                                     range_text(first, overlap_end), overlap_end - first == 1 ? "is" : "are",
                                     slices[i - 1].folder.string(), slices[i].folder.string()));
      }
      if (first > prev_end) gaps.push_back(range_text(prev_end, first));
    }
    c.covered += slices[i].count;
  }
  c.first = slices.front().first;
  c.end = std::uint64_t{slices.back().first} + slices.back().count;
  if (!gaps.empty() && !allow_gaps) {
    std::string list;
    for (const auto& g : gaps) list += (list.empty() ? "" : ", ") + g;
    const bool one = gaps.size() == 1 && list.find('-') == std::string::npos;
    throw MergeError(fmt::format("replication{} {} {} missing (merge the missing slices too, or pass --allow-gaps)",
                                 one ? "" : "s", list, one ? "is" : "are"));
  }
  return c;
}

}  // namespace jeugdsim::io
