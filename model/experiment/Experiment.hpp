#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "care/Parameters.hpp"
#include "experiment/ReplicationRunner.hpp"
#include "experiment/WarmupDetection.hpp"

namespace jeugdsim::experiment {

// A KPI whose confidence interval the sequential replication rule watches.
struct PrecisionTarget {
  std::string kpi;
  std::string group = "all";
};

struct ExperimentSettings {
  ReplicationRange range;              // used when auto_replications is false
  bool auto_replications = false;
  double target_relative_half_width = 0.05;
  std::vector<PrecisionTarget> precision_kpis;  // default: intake_wait_days_mean / all
  std::uint32_t min_replications = 5;
  std::uint32_t max_replications = 200;
  unsigned pilot_replications = 5;     // for warmup_days = "auto"
  unsigned threads = 0;
  std::vector<std::uint32_t> event_log_replications;
  std::function<void(std::uint32_t, std::uint32_t)> on_progress;
  // Passed on to the runner: results saved by an interrupted run, and checkpointing of each
  // result (see RunnerOptions).
  std::function<std::optional<care::ReplicationResult>(std::uint32_t)> completed;
  std::function<void(const care::ReplicationResult&)> on_result;
};

struct ExperimentResult {
  RunnerOutput output;
  ReplicationRange range;            // the replications whose results are in `output`
  double warmup_days = 0;
  std::string warmup_method;         // "fixed" or "MSER-5"
  WarmupEstimate warmup_estimate;    // when MSER-5
  std::string replication_method;    // "fixed" or "sequential"
  double achieved_relative_half_width = 0;  // worst over the precision KPIs (sequential)
  std::uint64_t events = 0;
};

// The warm-up to use: the scenario's fixed value, or MSER-5 on pilot replications when it
// says "auto".
double resolve_warmup(const care::CareParameters& parameters, const ExperimentSettings& settings,
                      WarmupEstimate* estimate);

// Runs one scenario: resolves the warm-up, then the replications (a fixed range, or
// sequentially until every precision KPI's 95% CI half-width is within the target relative to
// its mean, between min and max replications). The stopping point is decided in replication
// order, so the result does not depend on the thread count.
ExperimentResult run_experiment(const care::CareParameters& parameters, const ExperimentSettings& settings,
                                 double warmup_days);

// The worst relative half-width of the targets over the first n results (inf if undefined).
double worst_relative_half_width(const std::vector<care::ReplicationResult>& results,
                                 const std::vector<PrecisionTarget>& targets);

// Several scenarios run on the same replications (common random numbers), as `compare` does.
struct PairedExperimentResult {
  std::vector<ExperimentResult> scenarios;  // one per scenario, all over `range`
  ReplicationRange range;
  bool converged = false;                   // the rule was met (false: stopped at the maximum)
  double achieved_relative_half_width = 0;  // the worst term of the rule at the stopping point
  std::vector<double> wall_seconds;         // per scenario
};

// The sequential rule for a comparison (`compare -r auto`): scenarios[0] is the reference. For
// every target KPI and every other scenario s, the 95% CI half-width of the paired difference
// (s minus reference, replication by replication) relative to the absolute mean of the KPI in the
// reference; and for every scenario, the run rule (its own half-width relative to its own mean).
// The worst of these terms, over all the results given (inf where a term is undefined: fewer
// than two values, or a zero reference mean with a non-zero half-width). The rule is met when
// it is within the target. Measuring the difference against the reference's mean, not the
// difference's own, keeps the rule defined when the scenarios hardly differ.
double worst_paired_relative_half_width(const std::vector<std::vector<care::ReplicationResult>>& results,
                                        const std::vector<PrecisionTarget>& targets);

// Runs every scenario on replications 0, 1, 2, ... with the same warm-up until
// worst_paired_relative_half_width over the first n is within settings.target_relative_half_width
// (n between settings.min_replications and settings.max_replications). Replications are run in
// chunks on settings.threads, but the stopping point is the first n in replication order at
// which the rule holds, so the result does not depend on the thread count. settings.on_progress
// gets (replications done, maximum).
PairedExperimentResult run_paired_sequential(const std::vector<const care::CareParameters*>& scenarios,
                                             const ExperimentSettings& settings, double warmup_days);

}  // namespace jeugdsim::experiment
