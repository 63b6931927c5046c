// jeugdsim merge: combines result folders of replication slices of one scenario (for example
// the tasks of a Slurm job array) into the folder one run of the whole range would have written.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/RunSlices.hpp"
#include "io/RunWriter.hpp"
#include "io/WorkbookWriter.hpp"

namespace jeugdsim::cli {

namespace {

using Json = nlohmann::ordered_json;

struct MergeArgs {
  std::vector<std::string> folders;
  std::string out;
  bool allow_gaps = false;
};

int merge(const MergeArgs& args, const std::string& command_line) {
  std::vector<io::Slice> slices;
  for (const auto& f : args.folders) slices.push_back(io::read_slice(f));
  std::stable_sort(slices.begin(), slices.end(), [](const io::Slice& a, const io::Slice& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < slices.size(); ++i) io::check_same_run(slices.front(), slices[i]);

  const io::SliceCoverage coverage = io::check_slice_ranges(slices, args.allow_gaps);
  const auto& gaps = coverage.gaps;
  const std::uint64_t first = coverage.first, end = coverage.end, covered = coverage.covered;

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
              scenario_id.c_str(), io::range_text(first, end).c_str(),
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
    } catch (const io::MergeError& e) {
      std::fprintf(stderr, "jeugdsim merge: error: %s\n", e.what());
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace jeugdsim::cli
