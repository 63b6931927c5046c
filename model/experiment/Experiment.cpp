#include "experiment/Experiment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/stats/StudentT.hpp"
#include "experiment/Summary.hpp"

namespace jeugdsim::experiment {

double resolve_warmup(const care::CareParameters& parameters, const ExperimentSettings& settings,
                      WarmupEstimate* estimate) {
  if (!parameters.simulation.warmup_auto) return parameters.simulation.warmup_days;
  RunnerOptions pilot;
  pilot.range = {0, std::max(1u, settings.pilot_replications)};
  pilot.threads = settings.threads;
  pilot.warmup_days = 0;
  pilot.record_intake_waits = true;  // the series MSER-5 truncates
  const auto out = run_replications(parameters, pilot);
  const WarmupEstimate e = estimate_warmup(out.results, parameters.simulation.horizon_days);
  if (estimate != nullptr) *estimate = e;
  return e.days;
}

double worst_relative_half_width(const std::vector<care::ReplicationResult>& results,
                                 const std::vector<PrecisionTarget>& targets) {
  double worst = 0;
  for (const auto& t : targets) {
    std::vector<double> values;
    for (double v : kpi_values(results, t.kpi, t.group))
      if (std::isfinite(v)) values.push_back(v);
    if (values.size() < 2) return std::numeric_limits<double>::infinity();
    const auto ci = engine::t_confidence_interval(values);
    const double rel = ci.mean != 0 ? ci.half_width / std::abs(ci.mean)
                                    : (ci.half_width == 0 ? 0 : std::numeric_limits<double>::infinity());
    worst = std::max(worst, rel);
  }
  return worst;
}

ExperimentResult run_experiment(const care::CareParameters& parameters, const ExperimentSettings& settings,
                                double warmup_days) {
  ExperimentResult result;
  result.warmup_days = warmup_days;
  result.warmup_method = parameters.simulation.warmup_auto ? "MSER-5" : "fixed";
  RunnerOptions options;
  options.threads = settings.threads;
  options.warmup_days = warmup_days;
  options.event_log_replications = settings.event_log_replications;
  options.completed = settings.completed;
  options.on_result = settings.on_result;
  if (!settings.auto_replications) {
    options.range = settings.range;
    options.on_progress = settings.on_progress;
    result.output = run_replications(parameters, options);
    result.range = settings.range;
    result.replication_method = "fixed";
  } else {
    std::vector<PrecisionTarget> targets = settings.precision_kpis;
    if (targets.empty()) targets.push_back({"intake_wait_days_mean", "all"});
    const std::uint32_t chunk =
        std::max<std::uint32_t>(4, settings.threads == 0 ? default_thread_count() : settings.threads);
    std::uint32_t done = 0;
    std::uint32_t stop = 0;
    while (stop == 0 && done < settings.max_replications) {
      const std::uint32_t n = std::min(chunk, settings.max_replications - done);
      options.range = {done, n};
      RunnerOutput part = run_replications(parameters, options);
      for (auto& r : part.results) result.output.results.push_back(std::move(r));
      for (std::size_t i = 0; i < part.event_logs.size(); ++i) {
        if (result.output.event_logs.size() < part.event_logs.size()) result.output.event_logs.resize(part.event_logs.size());
        auto& log = result.output.event_logs[i];
        log.insert(log.end(), part.event_logs[i].begin(), part.event_logs[i].end());
      }
      // Decide in replication order: the first n at which every target is met.
      for (std::uint32_t k = std::max(done + 1, settings.min_replications); k <= done + n && stop == 0; ++k) {
        std::vector<care::ReplicationResult> head(result.output.results.begin(), result.output.results.begin() + k);
        if (worst_relative_half_width(head, targets) <= settings.target_relative_half_width) stop = k;
      }
      done += n;
      if (settings.on_progress) settings.on_progress(done, std::max(done, settings.max_replications));
    }
    if (stop == 0) stop = done;
    result.output.results.resize(stop);
    result.range = {0, stop};
    result.replication_method = "sequential";
    result.achieved_relative_half_width = worst_relative_half_width(result.output.results, targets);
  }
  for (const auto& r : result.output.results) result.events += r.events;
  return result;
}

}  // namespace jeugdsim::experiment
