// jeugdsim merge: combines result folders of replication slices of one scenario (for example
// the tasks of a Slurm job array) into the folder one run of the whole range would have written.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/ResultReader.hpp"
#include "io/RunWriter.hpp"
#include "io/WorkbookWriter.hpp"

namespace jeugdsim::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// Bad input: the folders cannot be merged (exit code 2, the message says why).
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MergeArgs {
  std::vector<std::string> folders;
  std::string out;
  bool allow_gaps = false;
};

struct Slice {
  fs::path folder;
  std::string resolved_toml;
  Json provenance;
  Json run_info;
  std::uint32_t first = 0, count = 0;
  io::ReadResults results;
  std::string event_log;  // without its header; empty if the slice has none
  std::string event_log_header;
};

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
    s.results = io::read_run_results(folder);
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

int merge(const MergeArgs& args, const std::string& command_line) {
  std::vector<Slice> slices;
  for (const auto& f : args.folders) slices.push_back(read_slice(f));
  std::stable_sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < slices.size(); ++i) check_same_run(slices.front(), slices[i]);

  // Ranges: no replication twice; no hole unless --allow-gaps.
  std::vector<std::string> gaps;
  std::uint64_t covered = 0;
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
    covered += slices[i].count;
  }
  const std::uint64_t first = slices.front().first;
  const std::uint64_t end = std::uint64_t{slices.back().first} + slices.back().count;
  if (!gaps.empty() && !args.allow_gaps) {
    std::string list;
    for (const auto& g : gaps) list += (list.empty() ? "" : ", ") + g;
    const bool one = gaps.size() == 1 && list.find('-') == std::string::npos;
    throw MergeError(fmt::format("replication{} {} {} missing (merge the missing slices too, or pass --allow-gaps)",
                                 one ? "" : "s", list, one ? "is" : "are"));
  }

  std::vector<care::ReplicationResult> results;
  results.reserve(covered);
  for (auto& s : slices)
    for (auto& r : s.results.results) results.push_back(std::move(r));
  std::sort(results.begin(), results.end(),
            [](const care::ReplicationResult& a, const care::ReplicationResult& b) { return a.replication < b.replication; });

  io::AtomicDirectory folder(args.out);
  const std::string scenario_id = slices.front().provenance["scenario_id"].get<std::string>();
  io::write_text_file(folder.path() / "scenario.resolved.toml", slices.front().resolved_toml);
  Json prov = slices.front().provenance;
  prov["first_replication"] = static_cast<std::uint32_t>(first);
  prov["replications"] = static_cast<std::uint32_t>(gaps.empty() ? end - first : covered);
  if (!gaps.empty()) {
    Json missing = Json::array();
    for (const auto& g : gaps) missing.push_back(g);
    prov["missing_replications"] = missing;  // only with --allow-gaps: the range is not contiguous
  }
  io::write_text_file(folder.path() / "provenance.json", prov.dump(2) + "\n");

  // run-info.json: the merged execution as a whole (wall time and events summed over slices).
  double wall = 0;
  std::uint64_t events = 0;
  unsigned threads = 0;
  Json merged_from = Json::array();
  for (const auto& s : slices) {
    wall += s.run_info.value("wall_seconds", 0.0);
    events += s.run_info.value("events", std::uint64_t{0});
    threads = std::max(threads, s.run_info.value("threads", 0u));
    merged_from.push_back(s.folder.string());
  }
  Json info;
  info["wall_seconds"] = wall;
  info["threads"] = threads;
  info["events"] = events;
  info["events_per_second"] = wall > 0 ? static_cast<double>(events) / wall : 0.0;
  info["started_utc"] = slices.front().run_info.value("started_utc", std::string());
  info["command_line"] = command_line;
  info["merged_from"] = merged_from;
  io::write_text_file(folder.path() / "run-info.json", info.dump(2) + "\n");

  io::write_text_file(folder.path() / "kpis.csv", io::kpis_csv(scenario_id, results));
  io::write_text_file(folder.path() / "timeseries.csv", io::timeseries_csv(scenario_id, results));
  io::write_text_file(folder.path() / "summary.csv", io::summary_csv(results));
  io::write_text_file(folder.path() / "queue-trends.csv", io::queue_trends_csv(results));
  // Event logs of the slices that kept one, in replication order of the slices.
  std::string log_header, log;
  for (const auto& s : slices)
    if (!s.event_log_header.empty()) {
      log_header = s.event_log_header;
      log += s.event_log;
    }
  if (!log_header.empty()) io::write_text_file(folder.path() / "event-log.csv", log_header + log);
  io::write_run_workbook(folder.path(), "nl");
  folder.commit();
  std::printf("merged %zu slice%s of %s: replications %s%s -> %s\n", slices.size(), slices.size() == 1 ? "" : "s",
              scenario_id.c_str(), range_text(first, end).c_str(),
              gaps.empty() ? "" : fmt::format(" ({} missing)", end - first - covered).c_str(),
              folder.target().string().c_str());
  return kExitOk;
}

}  // namespace

void add_merge_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "merge", "Merge result folders of replication slices (jeugdsim run -r A-B) into the result of the whole range");
  auto args = std::make_shared<MergeArgs>();
  cmd->add_option("folders", args->folders, "Result folders of slices of the same scenario, seed and options")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--out,-o", args->out, "Merged results folder to create")->required();
  cmd->add_flag("--allow-gaps", args->allow_gaps,
                "Merge even if some replications of the range are missing (provenance.json lists them)");
  cmd->callback([args, &exit_code]() {
    std::string command_line = "jeugdsim merge";
    for (const auto& f : args->folders) command_line += " " + f;
    command_line += " --out " + args->out;
    if (args->allow_gaps) command_line += " --allow-gaps";
    try {
      exit_code = merge(*args, command_line);
    } catch (const MergeError& e) {
      std::fprintf(stderr, "jeugdsim merge: error: %s\n", e.what());
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace jeugdsim::cli
