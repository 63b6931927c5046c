#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "care/ReplicationResult.hpp"

namespace jeugdsim::io {

// Thrown when a run cannot be resumed: no interrupted run, or one of a different scenario,
// seed or replication range. Bad input (exit code 2), not a failure while running.
class ResumeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What an interrupted run must share with the command that resumes it.
struct CheckpointKey {
  std::string scenario_id;
  std::string resolved_toml;  // the scenario after includes and overrides (seed included)
  std::uint64_t seed = 0;
  std::string replications;   // e.g. "fixed 0-19", or "auto target=0.05 min=5 max=200 kpis=..."
};

// Checkpoints of a run in progress, inside the temporary folder of its AtomicDirectory:
//
//   scenario.resolved.toml          written first
//   checkpoint.json                 seed, replications, program version and git commit
//   replications/rep-000123/        kpis.csv and timeseries.csv of replication 123, in the
//                                   format of the run folder; each appears whole (written in a
//                                   hidden sibling folder, then renamed)
//
// A run killed at any moment leaves this behind under the hidden name only; `jeugdsim run
// --resume DIR` finds it (find_incomplete_folder), checks it against the command's own
// scenario and settings (open), reuses the completed replications and runs the others. Results
// are read back exactly (shortest round-trip numbers), so the finished files are
// byte-identical to those of an uninterrupted run.
class RunCheckpoint {
 public:
  // Starts checkpointing a new run in `folder`.
  static std::unique_ptr<RunCheckpoint> start(const std::filesystem::path& folder, const CheckpointKey& key);
  // Opens the checkpoints an interrupted run left in `folder`; throws ResumeError naming what
  // differs when they belong to another scenario, seed, replication range or program version.
  static std::unique_ptr<RunCheckpoint> open(const std::filesystem::path& folder, const CheckpointKey& key);

  // Saves one replication's result (thread-safe: each replication has its own files).
  void save(const care::ReplicationResult& result);
  // The saved result of a replication, if the interrupted run completed it (thread-safe).
  std::optional<care::ReplicationResult> completed(std::uint32_t replication) const;
  std::size_t completed_count() const;
  // The folder was renamed (an AtomicDirectory took it over): save there from now on.
  void moved_to(const std::filesystem::path& folder) { folder_ = folder; }
  // Removes the checkpoint files (not scenario.resolved.toml) so that the folder holds only the
  // run's outputs; call before writing them.
  void finish();

 private:
  RunCheckpoint(std::filesystem::path folder, std::string scenario_id);
  std::filesystem::path folder_;
  std::string scenario_id_;
  std::map<std::uint32_t, care::ReplicationResult> saved_;  // read by open(); fixed afterwards
};

// The hidden temporary folder (".NAME.incomplete-PID") that an interrupted run of `target` left
// behind. Throws ResumeError when `target` already exists, when there is none, when its run is
// still going (the process PID is alive), or when there are several.
std::filesystem::path find_incomplete_folder(const std::filesystem::path& target);

}  // namespace jeugdsim::io
