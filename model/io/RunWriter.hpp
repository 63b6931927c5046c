#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "care/EventLogRecord.hpp"
#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"

namespace jeugdsim::io {

// What provenance.json records: everything needed to reproduce the numbers (and nothing
// that varies between identical runs, so result folders of the same run compare equal).
struct Provenance {
  std::string scenario_id;    // short name used in the CSV files (the scenario file's stem)
  std::string scenario_name;  // [meta] name
  std::vector<std::string> scenario_files;
  std::vector<std::string> overrides;  // --set KEY=VALUE as given
  std::uint64_t seed = 0;
  std::uint32_t first_replication = 0;
  std::uint32_t replications = 0;
  std::string replication_method = "fixed";  // or "sequential" (-r auto)
  double target_relative_half_width = 0;     // sequential only
  double achieved_relative_half_width = 0;   // sequential only
  double warmup_days = 0;
  std::string warmup_method;  // "fixed" or "MSER-5"
  double horizon_days = 0;
};

// What run-info.json records: how this particular execution went (differs run to run).
struct RunInfo {
  double wall_seconds = 0;
  unsigned threads = 1;
  std::uint64_t events = 0;
  std::string started_utc;
  std::string command_line;
};

// Writes the outputs contract into `folder` (normally the temporary path of an
// AtomicDirectory): scenario.resolved.toml, provenance.json, run-info.json, kpis.csv,
// timeseries.csv, summary.csv, queue-trends.csv and, when requested, event-log.csv.
void write_run_folder(const std::filesystem::path& folder, const std::string& resolved_toml,
                      const care::CareParameters& parameters, const std::vector<care::ReplicationResult>& results,
                      const Provenance& provenance, const RunInfo& info,
                      const std::vector<std::uint32_t>& event_log_replications,
                      const std::vector<std::vector<care::EventLogRecord>>& event_logs);

std::string kpis_csv(const std::string& scenario_id, const std::vector<care::ReplicationResult>& results);
std::string timeseries_csv(const std::string& scenario_id, const std::vector<care::ReplicationResult>& results);
std::string summary_csv(const std::vector<care::ReplicationResult>& results);
// queue-trends.csv: per waiting list, the mean length over the first and the second half of
// the measured period, their paired difference with its 95% interval, and whether it counts as
// still growing (experiment/QueueTrend.hpp).
std::string queue_trends_csv(const std::vector<care::ReplicationResult>& results);
std::string event_log_csv(const care::CareParameters& parameters, const std::vector<std::uint32_t>& replications,
                          const std::vector<std::vector<care::EventLogRecord>>& logs);

}  // namespace jeugdsim::io
