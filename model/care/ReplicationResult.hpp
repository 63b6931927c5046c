#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace jeugdsim::care {

// One KPI value of one replication, in the long format of kpis.csv.
struct KpiValue {
  std::string kpi;
  std::string group;  // "all", "team:NAME", "provider:NAME", "reason:NAME", ...
  double value = 0;
};

// One point of a time series (timeseries.csv): day counted from the end of the warm-up.
struct TimeseriesPoint {
  double day = 0;
  std::string metric;
  std::string group;
  double value = 0;
};

struct ReplicationResult {
  std::uint32_t replication = 0;
  std::vector<KpiValue> kpis;
  std::vector<TimeseriesPoint> timeseries;
  // Intake waits in order of intake start over the whole run (warm-up included), and the day
  // each was observed: the series MSER-5 truncates to choose the warm-up. Empty unless
  // RunOptions::record_intake_waits (it grows with the horizon and the population).
  std::vector<double> intake_wait_series;
  std::vector<double> intake_wait_days;
  std::uint64_t events = 0;
  double warmup_days = 0;
};

}  // namespace jeugdsim::care
