#pragma once
#include <string>
#include <vector>

#include "care/ReplicationResult.hpp"
#include "engine/stats/StudentT.hpp"

namespace jeugdsim::experiment {

// One row of summary.csv: a KPI over replications, with its 95% Student-t interval. NaN
// values (a KPI undefined in a replication, e.g. a wait with no observations) are left out
// and `n` says how many replications had a value.
struct SummaryRow {
  std::string kpi;
  std::string group;
  engine::ConfidenceInterval ci;
};

// Summarises in the order the KPIs appear in the first replication.
std::vector<SummaryRow> summarize(const std::vector<care::ReplicationResult>& results, double level = 0.95);

// The values of one KPI across replications (NaN where undefined), in replication order.
std::vector<double> kpi_values(const std::vector<care::ReplicationResult>& results, const std::string& kpi,
                               const std::string& group);

}  // namespace jeugdsim::experiment
