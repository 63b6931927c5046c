#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "care/EventLogRecord.hpp"
#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"

namespace jeugdsim::experiment {

struct ReplicationRange {
  std::uint32_t first = 0;
  std::uint32_t count = 1;
};

struct RunnerOptions {
  ReplicationRange range;
  unsigned threads = 0;   // 0 = every core
  double warmup_days = 0; // resolved warm-up applied to every replication
  // Replications whose event log is kept (empty: none).
  std::vector<std::uint32_t> event_log_replications;
  // Keep each replication's intake-wait series (for MSER-5 warm-up detection; off by default).
  bool record_intake_waits = false;
  // Called after each finished replication with (finished, total); from worker threads,
  // serialised by the runner. Used only for progress display.
  std::function<void(std::uint32_t, std::uint32_t)> on_progress;
  // Resuming (jeugdsim run --resume): the saved result of a replication completed by an earlier,
  // interrupted run, or nullopt to run it. Replications whose event log is requested always run.
  // Called from worker threads; must be thread-safe.
  std::function<std::optional<care::ReplicationResult>(std::uint32_t)> completed;
  // Checkpointing: called with each replication's result as soon as it is run (not for results
  // taken from `completed`), from worker threads, concurrently; must be thread-safe.
  std::function<void(const care::ReplicationResult&)> on_result;
};

struct RunnerOutput {
  std::vector<care::ReplicationResult> results;             // in replication order
  std::vector<std::vector<care::EventLogRecord>> event_logs; // parallel to event_log_replications
};

// Runs replications range.first .. range.first + count - 1 on a pool of threads. Each
// replication is independent (its own random streams keyed by its index), and results are
// stored by index, so the output is identical for any thread count.
RunnerOutput run_replications(const care::CareParameters& parameters, const RunnerOptions& options);

unsigned default_thread_count();

}  // namespace jeugdsim::experiment
