#include "experiment/ReplicationRunner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "care/CareSimulation.hpp"

namespace jeugdsim::experiment {

unsigned default_thread_count() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

RunnerOutput run_replications(const care::CareParameters& parameters, const RunnerOptions& options) {
  const std::uint32_t total = options.range.count;
  RunnerOutput out;
  out.results.resize(total);
  out.event_logs.resize(options.event_log_replications.size());
  std::atomic<std::uint32_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::uint32_t finished = 0;
  std::mutex mutex;

  auto worker = [&]() {
    for (;;) {
      const std::uint32_t i = next.fetch_add(1);
      if (i >= total || failed.load()) return;
      const std::uint32_t replication = options.range.first + i;
      try {
        care::RunOptions run;
        run.replication = replication;
        run.warmup_days = options.warmup_days;
        run.record_intake_waits = options.record_intake_waits;
        const auto it = std::find(options.event_log_replications.begin(), options.event_log_replications.end(),
                                  replication);
        if (it != options.event_log_replications.end())
          run.event_log = &out.event_logs[static_cast<std::size_t>(it - options.event_log_replications.begin())];
        std::optional<care::ReplicationResult> saved;
        if (options.completed && run.event_log == nullptr) saved = options.completed(replication);
        if (saved) {
          out.results[i] = std::move(*saved);
        } else {
          care::CareSimulation sim(parameters, run);
          out.results[i] = sim.run();
          if (options.on_result) options.on_result(out.results[i]);
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failed.exchange(true)) error = std::current_exception();
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      ++finished;
      if (options.on_progress) options.on_progress(finished, total);
    }
  };

  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads == 0 ? default_thread_count() : options.threads,
                                                           std::max<std::uint32_t>(total, 1)));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& th : pool) th.join();
  }
  if (error) std::rethrow_exception(error);
  return out;
}

}  // namespace jeugdsim::experiment
