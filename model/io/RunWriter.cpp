#include "io/RunWriter.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "experiment/QueueTrend.hpp"
#include "experiment/Summary.hpp"
#include "io/AtomicDirectory.hpp"
#include "io/CsvFormat.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::io {

namespace fs = std::filesystem;

std::string kpis_csv(const std::string& scenario_id, const std::vector<care::ReplicationResult>& results) {
  std::string out = "scenario,replication,kpi,group,value\n";
  const std::string sid = csv_field(scenario_id);
  for (const auto& r : results)
    for (const auto& k : r.kpis)
      out += fmt::format("{},{},{},{},{}\n", sid, r.replication, csv_field(k.kpi), csv_field(k.group),
                         format_number(k.value));
  return out;
}

std::string timeseries_csv(const std::string& scenario_id, const std::vector<care::ReplicationResult>& results) {
  std::string out = "scenario,replication,day,metric,group,value\n";
  const std::string sid = csv_field(scenario_id);
  for (const auto& r : results)
    for (const auto& p : r.timeseries) {
      const care::TimeseriesKey& key = r.key_of(p);
      out += fmt::format("{},{},{},{},{},{}\n", sid, r.replication, format_number(p.day), csv_field(key.metric),
                         csv_field(key.group), format_number(p.value));
    }
  return out;
}

std::string summary_csv(const std::vector<care::ReplicationResult>& results) {
  std::string out = "kpi,group,mean,ci_low,ci_high,n\n";
  for (const auto& row : experiment::summarize(results))
    out += fmt::format("{},{},{},{},{},{}\n", csv_field(row.kpi), csv_field(row.group), format_number(row.ci.mean),
                       format_number(row.ci.low), format_number(row.ci.high), row.ci.n);
  return out;
}

std::string queue_trends_csv(const std::vector<care::ReplicationResult>& results) {
  std::string out = "group,first_half_mean,second_half_mean,growth_mean,growth_ci_low,growth_ci_high,n,growing\n";
  for (const auto& t : experiment::queue_trends(results))
    out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(t.group), format_number(t.first_half_mean),
                       format_number(t.second_half_mean), format_number(t.growth.mean), format_number(t.growth.low),
                       format_number(t.growth.high), t.growth.n, t.growing ? "yes" : "no");
  return out;
}

std::string event_log_csv(const care::CareParameters& p, const std::vector<std::uint32_t>& replications,
                          const std::vector<std::vector<care::EventLogRecord>>& logs) {
  // One row per event, in the column names process-mining tools (pm4py, bupaR) expect.
  std::string out = "replication,case_id,episode,activity,timestamp_day,lifecycle,team,provider,worker\n";
  for (std::size_t i = 0; i < logs.size(); ++i)
    for (const auto& e : logs[i]) {
      const std::string team = e.team >= 0 ? p.teams[static_cast<std::size_t>(e.team)].name : "";
      const std::string provider = e.provider >= 0 ? p.providers[static_cast<std::size_t>(e.provider)].name : "";
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", replications[i], e.family, e.episode,
                         care::kActivityNames[static_cast<std::size_t>(e.activity)], format_number(e.time),
                         e.lifecycle == care::Lifecycle::start ? "start" : "complete", csv_field(team),
                         csv_field(provider), e.worker == 0 ? std::string() : std::to_string(e.worker));
    }
  return out;
}

void write_run_folder(const fs::path& folder, const std::string& resolved_toml, const care::CareParameters& parameters,
                      const std::vector<care::ReplicationResult>& results, const Provenance& provenance,
                      const RunInfo& info, const std::vector<std::uint32_t>& event_log_replications,
                      const std::vector<std::vector<care::EventLogRecord>>& event_logs) {
  write_text_file(folder / "scenario.resolved.toml", resolved_toml);
  nlohmann::ordered_json prov = provenance_header();
  prov["scenario_id"] = provenance.scenario_id;
  prov["scenario_name"] = provenance.scenario_name;
  prov["scenario_files"] = provenance.scenario_files;
  prov["overrides"] = provenance.overrides;
  prov["seed"] = provenance.seed;
  prov["first_replication"] = provenance.first_replication;
  prov["replications"] = provenance.replications;
  prov["replication_method"] = provenance.replication_method;
  if (provenance.replication_method == "sequential") {
    prov["target_relative_half_width"] = provenance.target_relative_half_width;
    prov["achieved_relative_half_width"] = provenance.achieved_relative_half_width;
  }
  prov["warmup_days"] = provenance.warmup_days;
  prov["warmup_method"] = provenance.warmup_method;
  prov["horizon_days"] = provenance.horizon_days;
  write_text_file(folder / "provenance.json", prov.dump(2) + "\n");
  nlohmann::ordered_json run;
  run["wall_seconds"] = info.wall_seconds;
  run["threads"] = info.threads;
  run["events"] = info.events;
  run["events_per_second"] = info.wall_seconds > 0 ? static_cast<double>(info.events) / info.wall_seconds : 0.0;
  run["started_utc"] = info.started_utc;
  run["command_line"] = info.command_line;
  write_text_file(folder / "run-info.json", run.dump(2) + "\n");
  write_text_file(folder / "kpis.csv", kpis_csv(provenance.scenario_id, results));
  write_text_file(folder / "timeseries.csv", timeseries_csv(provenance.scenario_id, results));
  write_text_file(folder / "summary.csv", summary_csv(results));
  write_text_file(folder / "queue-trends.csv", queue_trends_csv(results));
  if (!event_log_replications.empty())
    write_text_file(folder / "event-log.csv", event_log_csv(parameters, event_log_replications, event_logs));
}

}  // namespace jeugdsim::io
