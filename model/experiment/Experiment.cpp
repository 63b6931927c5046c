#include "experiment/Experiment.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "engine/stats/StudentT.hpp"
#include "experiment/Comparison.hpp"
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

namespace {

constexpr double kUndefined = std::numeric_limits<double>::infinity();

std::vector<PrecisionTarget> targets_or_default(const std::vector<PrecisionTarget>& targets) {
  if (!targets.empty()) return targets;
  return {{"intake_wait_days_mean", "all"}};
}

// The replications run per round of the sequential rules: every thread busy, and at least a few
// so that a round is not dominated by its start-up.
std::uint32_t sequential_chunk(const ExperimentSettings& settings) {
  return std::max<std::uint32_t>(4, settings.threads == 0 ? default_thread_count() : settings.threads);
}

// half_width / |scale|, with a zero scale defined only for a zero half-width, and every NaN
// (fewer than two values) as undefined.
double relative(double half_width, double scale) {
  if (!std::isfinite(half_width)) return kUndefined;
  if (scale != 0) return half_width / std::abs(scale);
  return half_width == 0 ? 0 : kUndefined;
}

// values[s][t]: the values of target t in scenario s, in replication order (NaN where undefined).
// The worst term of the paired rule over the first n replications.
double worst_paired_term(const std::vector<std::vector<std::vector<double>>>& values, std::size_t n) {
  double worst = 0;
  if (values.empty()) return worst;
  for (std::size_t t = 0; t < values[0].size(); ++t) {
    const std::vector<double> reference(values[0][t].begin(), values[0][t].begin() + static_cast<std::ptrdiff_t>(n));
    double reference_mean = 0;
    for (std::size_t s = 0; s < values.size(); ++s) {
      const std::vector<double> own(values[s][t].begin(), values[s][t].begin() + static_cast<std::ptrdiff_t>(n));
      std::vector<double> finite;
      for (double v : own)
        if (std::isfinite(v)) finite.push_back(v);
      if (finite.size() < 2) return kUndefined;
      const auto ci = engine::t_confidence_interval(finite);
      if (s == 0) reference_mean = ci.mean;
      worst = std::max(worst, relative(ci.half_width, ci.mean));
      if (s > 0) {
        const auto d = paired_difference(reference, own);
        worst = std::max(worst, d.n < 2 ? kUndefined : relative(d.half_width, reference_mean));
      }
    }
  }
  return worst;
}

std::vector<std::vector<std::vector<double>>> target_values(
    const std::vector<std::vector<care::ReplicationResult>>& results, const std::vector<PrecisionTarget>& targets) {
  std::vector<std::vector<std::vector<double>>> values(results.size());
  for (std::size_t s = 0; s < results.size(); ++s)
    for (const auto& t : targets) values[s].push_back(kpi_values(results[s], t.kpi, t.group));
  return values;
}

}  // namespace

double worst_paired_relative_half_width(const std::vector<std::vector<care::ReplicationResult>>& results,
                                        const std::vector<PrecisionTarget>& targets) {
  if (results.empty()) return kUndefined;
  std::size_t n = results[0].size();
  for (const auto& r : results) n = std::min(n, r.size());
  return worst_paired_term(target_values(results, targets_or_default(targets)), n);
}

PairedExperimentResult run_paired_sequential(const std::vector<const care::CareParameters*>& scenarios,
                                             const ExperimentSettings& settings, double warmup_days) {
  const std::vector<PrecisionTarget> targets = targets_or_default(settings.precision_kpis);
  const std::size_t count = scenarios.size();
  PairedExperimentResult out;
  out.wall_seconds.assign(count, 0.0);
  std::vector<std::vector<care::ReplicationResult>> results(count);
  std::vector<std::vector<std::vector<double>>> values(count, std::vector<std::vector<double>>(targets.size()));
  RunnerOptions options;
  options.threads = settings.threads;
  options.warmup_days = warmup_days;
  const std::uint32_t chunk = sequential_chunk(settings);
  std::uint32_t done = 0, stop = 0;
  while (stop == 0 && done < settings.max_replications) {
    const std::uint32_t n = std::min(chunk, settings.max_replications - done);
    options.range = {done, n};
    for (std::size_t s = 0; s < count; ++s) {
      const auto t0 = std::chrono::steady_clock::now();
      RunnerOutput part = run_replications(*scenarios[s], options);
      out.wall_seconds[s] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      for (std::size_t t = 0; t < targets.size(); ++t) {
        const auto v = kpi_values(part.results, targets[t].kpi, targets[t].group);
        values[s][t].insert(values[s][t].end(), v.begin(), v.end());
      }
      for (auto& r : part.results) results[s].push_back(std::move(r));
    }
    // Decide in replication order: the first n at which the rule holds.
    for (std::uint32_t k = std::max(done + 1, settings.min_replications); k <= done + n && stop == 0; ++k)
      if (worst_paired_term(values, k) <= settings.target_relative_half_width) stop = k;
    done += n;
    if (settings.on_progress) settings.on_progress(done, std::max(done, settings.max_replications));
  }
  out.converged = stop != 0;
  if (stop == 0) stop = done;
  out.range = {0, stop};
  out.achieved_relative_half_width = worst_paired_term(values, stop);
  for (std::size_t s = 0; s < count; ++s) {
    ExperimentResult r;
    results[s].resize(stop);
    r.output.results = std::move(results[s]);
    r.range = out.range;
    r.warmup_days = warmup_days;
    r.warmup_method = scenarios[s]->simulation.warmup_auto ? "MSER-5" : "fixed";
    r.replication_method = "sequential";
    r.achieved_relative_half_width = worst_relative_half_width(r.output.results, targets);
    for (const auto& x : r.output.results) r.events += x.events;
    out.scenarios.push_back(std::move(r));
  }
  return out;
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
    const std::vector<PrecisionTarget> targets = targets_or_default(settings.precision_kpis);
    const std::uint32_t chunk = sequential_chunk(settings);
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
