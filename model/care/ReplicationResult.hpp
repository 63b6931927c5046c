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

// What one time series of timeseries.csv measures: a metric of a group.
struct TimeseriesKey {
  std::string metric;
  std::string group;
  bool operator==(const TimeseriesKey&) const = default;
};

// One point of a time series: day counted from the end of the warm-up. The series is an index
// into ReplicationResult::series, so a sample costs no strings (a run records thousands).
struct TimeseriesPoint {
  double day = 0;
  std::uint32_t series = 0;
  double value = 0;
};

struct ReplicationResult {
  std::uint32_t replication = 0;
  std::vector<KpiValue> kpis;
  std::vector<TimeseriesKey> series;       // the time series of this replication
  std::vector<TimeseriesPoint> timeseries;  // their points, in the row order of timeseries.csv
  const TimeseriesKey& key_of(const TimeseriesPoint& point) const { return series[point.series]; }
  // The index of the series (metric, group), added if new.
  std::uint32_t series_index(const std::string& metric, const std::string& group);
  // Intake waits in order of intake start over the whole run (warm-up included), and the day
  // each was observed: the series MSER-5 truncates to choose the warm-up. Empty unless
  // RunOptions::record_intake_waits (it grows with the horizon and the population).
  std::vector<double> intake_wait_series;
  std::vector<double> intake_wait_days;
  std::uint64_t events = 0;
  double warmup_days = 0;
};

}  // namespace jeugdsim::care
