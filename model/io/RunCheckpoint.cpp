#include "io/RunCheckpoint.hpp"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <unistd.h>

#include "io/AtomicDirectory.hpp"
#include "io/ProvenanceHeader.hpp"
#include "io/ResultReader.hpp"
#include "io/RunWriter.hpp"

namespace jeugdsim::io {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCheckpointFile = "checkpoint.json";
constexpr const char* kScenarioFile = "scenario.resolved.toml";
constexpr const char* kReplicationsDir = "replications";

nlohmann::ordered_json key_json(const CheckpointKey& key) {
  nlohmann::ordered_json j = provenance_header();
  j["scenario_id"] = key.scenario_id;
  j["seed"] = key.seed;
  j["replications"] = key.replications;
  return j;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ResumeError(fmt::format("{}: cannot read the interrupted run's file", file.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replication_dir_name(std::uint32_t replication) { return fmt::format("rep-{:06}", replication); }

}  // namespace

RunCheckpoint::RunCheckpoint(fs::path folder, std::string scenario_id)
    : folder_(std::move(folder)), scenario_id_(std::move(scenario_id)) {}

std::unique_ptr<RunCheckpoint> RunCheckpoint::start(const fs::path& folder, const CheckpointKey& key) {
  std::unique_ptr<RunCheckpoint> c(new RunCheckpoint(folder, key.scenario_id));
  write_file_atomically(folder / kScenarioFile, key.resolved_toml);
  write_file_atomically(folder / kCheckpointFile, key_json(key).dump(2) + "\n");
  std::error_code ec;
  fs::create_directory(folder / kReplicationsDir, ec);
  if (ec) throw std::runtime_error("cannot create " + (folder / kReplicationsDir).string() + ": " + ec.message());
  return c;
}

std::unique_ptr<RunCheckpoint> RunCheckpoint::open(const fs::path& folder, const CheckpointKey& key) {
  const std::string where = folder.string();
  // Killed before it had saved what it runs: nothing was completed, start afresh in this folder.
  if (!fs::exists(folder / kCheckpointFile) || !fs::exists(folder / kScenarioFile)) return start(folder, key);
  nlohmann::ordered_json saved;
  try {
    saved = nlohmann::ordered_json::parse(read_text(folder / kCheckpointFile));
  } catch (const nlohmann::json::exception& e) {
    throw ResumeError(fmt::format("{}/{}: unreadable: {}", where, kCheckpointFile, e.what()));
  }
  const nlohmann::ordered_json want = key_json(key);
  for (const auto& [name, value] : want.items()) {
    if (!saved.contains(name) || saved[name] != value)
      throw ResumeError(fmt::format("{}/{}: the interrupted run has {} = {}, this command {}; resume with the same "
                                    "{}",
                                    where, kCheckpointFile, name, saved.contains(name) ? saved[name].dump() : "nothing",
                                    value.dump(), name == "replications" ? "-r" : name == "seed" ? "--seed" : name));
  }
  if (read_text(folder / kScenarioFile) != key.resolved_toml)
    throw ResumeError(fmt::format("{}/{}: the interrupted run resolved a different scenario (files, includes "
                                  "or --set overrides differ); resume with the same scenario and options",
                                  where, kScenarioFile));
  std::unique_ptr<RunCheckpoint> c(new RunCheckpoint(folder, key.scenario_id));
  const fs::path dir = folder / kReplicationsDir;
  std::error_code ec;
  // Anything else was being written when the run was killed (its final files, or temporary
  // files of an atomic write): the finished run writes it again.
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name != kCheckpointFile && name != kScenarioFile && name != kReplicationsDir) fs::remove_all(entry.path(), ec);
  }
  fs::create_directory(dir, ec);
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    // Only whole replications: rep-NNNNNN (a hidden ".rep-NNNNNN.incomplete-PID" was cut short).
    if (name.size() != 10 || name.rfind("rep-", 0) != 0 || name.find_first_not_of("0123456789", 4) != std::string::npos) {
      fs::remove_all(entry.path(), ec);
      continue;
    }
    const auto replication = static_cast<std::uint32_t>(std::stoul(name.substr(4)));
    ReadResults read;
    try {
      read = read_run_results(entry.path());
    } catch (const std::exception& e) {
      throw ResumeError(fmt::format("{}: damaged checkpoint: {}", entry.path().string(), e.what()));
    }
    if (read.results.size() != 1 || read.results[0].replication != replication || read.scenario_id != key.scenario_id)
      throw ResumeError(fmt::format("{}: damaged checkpoint: expected replication {} of scenario {}",
                                    entry.path().string(), replication, key.scenario_id));
    c->saved_.emplace(replication, std::move(read.results[0]));
  }
  return c;
}

void RunCheckpoint::save(const care::ReplicationResult& result) {
  const std::vector<care::ReplicationResult> one{result};
  const std::string name = replication_dir_name(result.replication);
  const fs::path dir = folder_ / kReplicationsDir;
  const fs::path temp = dir / fmt::format(".{}.incomplete-{}", name, ::getpid());
  std::error_code ec;
  fs::remove_all(temp, ec);
  fs::create_directory(temp, ec);
  if (ec) throw std::runtime_error("cannot create " + temp.string() + ": " + ec.message());
  write_file_atomically(temp / "kpis.csv", kpis_csv(scenario_id_, one));
  write_file_atomically(temp / "timeseries.csv", timeseries_csv(scenario_id_, one));
  fs::rename(temp, dir / name, ec);
  if (ec) throw std::runtime_error("cannot write " + (dir / name).string() + ": " + ec.message());
}

std::optional<care::ReplicationResult> RunCheckpoint::completed(std::uint32_t replication) const {
  const auto it = saved_.find(replication);
  if (it == saved_.end()) return std::nullopt;
  return it->second;
}

std::size_t RunCheckpoint::completed_count() const { return saved_.size(); }

void RunCheckpoint::finish() {
  std::error_code ec;
  fs::remove_all(folder_ / kReplicationsDir, ec);
  if (ec) throw std::runtime_error("cannot remove " + (folder_ / kReplicationsDir).string() + ": " + ec.message());
  fs::remove(folder_ / kCheckpointFile, ec);
  if (ec) throw std::runtime_error("cannot remove " + (folder_ / kCheckpointFile).string() + ": " + ec.message());
}

fs::path find_incomplete_folder(const fs::path& target_in) {
  fs::path target = target_in;
  if (target.filename().empty()) target = target.parent_path();
  if (fs::exists(target))
    throw ResumeError(fmt::format("{} already exists: that run finished; nothing to resume", target.string()));
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Built with append: GCC 12 warns falsely (-Wrestrict) on a chain of operator+ here.
  std::string prefix(".");
  prefix.append(target.filename().string()).append(".incomplete-");
  std::vector<fs::path> found;
  std::error_code ec;
  if (fs::is_directory(parent, ec))
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) != 0 || !entry.is_directory()) continue;
      const std::string pid_text = name.substr(prefix.size());
      if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos)
        continue;
      found.push_back(entry.path());
    }
  if (found.empty())
    throw ResumeError(fmt::format("no interrupted run of {} to resume (looked for {}/{}PID)", target.string(),
                                  parent.string(), prefix));
  if (found.size() > 1) {
    std::string list;
    for (const auto& f : found) list.append(" ").append(f.string());
    throw ResumeError(fmt::format("several interrupted runs of {}:{}; remove all but one", target.string(), list));
  }
  const std::string name = found[0].filename().string();
  const long pid = std::stol(name.substr(prefix.size()));
  if (pid > 0 && pid != static_cast<long>(::getpid()) &&
      (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM))
    throw ResumeError(fmt::format("{}: process {} is still running this run; wait for it or stop it first",
                                  found[0].string(), pid));
  return found[0];
}

}  // namespace jeugdsim::io
