#include "experiment/SweepTables.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "experiment/Comparison.hpp"
#include "experiment/KpiRegistry.hpp"
#include "io/CsvFormat.hpp"

namespace jeugdsim::experiment {

namespace {

std::string ci_columns(const engine::ConfidenceInterval& ci) {
  return fmt::format("{},{},{}", io::format_number(ci.mean), io::format_number(ci.low), io::format_number(ci.high));
}

// The KPI's interval in a variant's summary (NaN when the variant has no such row).
engine::ConfidenceInterval ci_of(const VariantRun& v, const SummaryRow& row) {
  for (const auto& r : v.summary)
    if (r.kpi == row.kpi && r.group == row.group) return r.ci;
  engine::ConfidenceInterval none;
  none.mean = none.low = none.high = std::nan("");
  return none;
}

}  // namespace

std::string sensitivity_csv(const std::vector<care::Assumption>& assumptions, const std::vector<VariantRun>& runs) {
  std::string csv =
      "kpi,group,assumption,key,param_low,param_base,param_high,base_mean,base_ci_low,base_ci_high,"
      "low_mean,low_ci_low,low_ci_high,high_mean,high_ci_low,high_ci_high,"
      "low_diff_mean,low_diff_ci_low,low_diff_ci_high,high_diff_mean,high_diff_ci_low,high_diff_ci_high,n\n";
  for (const auto& row : runs[0].summary) {
    const auto base_values = kpi_values(runs[0].results, row.kpi, row.group);
    for (std::size_t a = 0; a < assumptions.size(); ++a) {
      const auto& low = runs[1 + 2 * a];
      const auto& high = runs[2 + 2 * a];
      const auto low_diff = paired_difference(base_values, kpi_values(low.results, row.kpi, row.group));
      const auto high_diff = paired_difference(base_values, kpi_values(high.results, row.kpi, row.group));
      const auto& as = assumptions[a];
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(row.kpi), io::csv_field(row.group),
                         io::csv_field(as.name), io::csv_field(as.key), io::format_number(as.low),
                         io::format_number(as.base), io::format_number(as.high), ci_columns(row.ci),
                         ci_columns(ci_of(low, row)), ci_columns(ci_of(high, row)), ci_columns(low_diff),
                         ci_columns(high_diff), row.ci.n);
    }
  }
  return csv;
}

engine::ConfidenceInterval variant_difference(const std::vector<std::vector<VariantRun>>& runs, std::size_t s,
                                              std::size_t v, const std::string& kpi, const std::string& group) {
  return paired_difference(kpi_values(runs[0][v].results, kpi, group), kpi_values(runs[s][v].results, kpi, group));
}

std::string sweep_differences_csv(const std::vector<std::string>& scenario_ids,
                                  const std::vector<care::Assumption>& assumptions,
                                  const std::vector<std::vector<VariantRun>>& runs) {
  std::string csv =
      "kpi,group,scenario,reference,assumption,key,param_low,param_base,param_high,"
      "base_diff_mean,base_diff_ci_low,base_diff_ci_high,low_diff_mean,low_diff_ci_low,low_diff_ci_high,"
      "high_diff_mean,high_diff_ci_low,high_diff_ci_high,n\n";
  for (const auto& h : headline_kpis())
    for (std::size_t s = 1; s < scenario_ids.size(); ++s) {
      const auto base = variant_difference(runs, s, 0, h.kpi, h.group);
      for (std::size_t a = 0; a < assumptions.size(); ++a) {
        const auto& as = assumptions[a];
        csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(h.kpi), io::csv_field(h.group),
                           io::csv_field(scenario_ids[s]), io::csv_field(scenario_ids[0]), io::csv_field(as.name),
                           io::csv_field(as.key), io::format_number(as.low), io::format_number(as.base),
                           io::format_number(as.high), ci_columns(base),
                           ci_columns(variant_difference(runs, s, 1 + 2 * a, h.kpi, h.group)),
                           ci_columns(variant_difference(runs, s, 2 + 2 * a, h.kpi, h.group)), base.n);
      }
    }
  return csv;
}

std::string grid_csv(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points,
                     const std::vector<VariantRun>& runs) {
  std::string csv = "point";
  for (const auto& a : axes) csv.append(",").append(io::csv_field(a.key));
  csv += ",kpi,group,mean,ci_low,ci_high,n\n";
  for (std::size_t i = 0; i < points.size(); ++i)
    for (const auto& row : runs[i].summary) {
      csv += io::csv_field(points[i].name);
      for (const auto& v : points[i].values) {
        std::string plain = v;
        plain.erase(std::remove(plain.begin(), plain.end(), '"'), plain.end());
        csv.append(",").append(io::csv_field(plain));
      }
      csv += fmt::format(",{},{},{},{}\n", io::csv_field(row.kpi), io::csv_field(row.group), ci_columns(row.ci), row.ci.n);
    }
  return csv;
}

}  // namespace jeugdsim::experiment
