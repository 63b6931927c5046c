#pragma once
#include <string>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"
#include "experiment/Calibration.hpp"

namespace jeugdsim::experiment {

// A model checked against public figures (`jeugdsim check-targets`, and the fit table of
// `jeugdsim calibrate`): per target, the model's mean with its 95% interval over replications and
// whether the mean lies inside the target's band.

struct TargetCheckRow {
  CalibrationTarget target;
  engine::ConfidenceInterval model;  // NaN when no replication had a value
  double band_low = 0, band_high = 0;
  bool inside = false;
};

// `tolerance` gives the band of a target without low/high (value x (1 -/+ tolerance)).
std::vector<TargetCheckRow> check_targets(const std::vector<care::ReplicationResult>& results,
                                          const std::vector<CalibrationTarget>& targets,
                                          const care::PopulationSettings& population, double tolerance);

// Targets that count as evidence (not a model input read back) and lie outside their band.
std::size_t evidence_outside_band(const std::vector<TargetCheckRow>& rows);

// targets-check.csv: one row per target with its source.
std::string target_check_csv(const std::vector<TargetCheckRow>& rows);

// The console table: target, public value and band, model mean (95% interval), inside, input.
std::string target_check_table(const std::vector<TargetCheckRow>& rows);

}  // namespace jeugdsim::experiment
