#include "experiment/TargetCheck.hpp"

#include <cmath>

#include <fmt/format.h>

#include "io/CsvFormat.hpp"

namespace jeugdsim::experiment {

std::vector<TargetCheckRow> check_targets(const std::vector<care::ReplicationResult>& results,
                                          const std::vector<CalibrationTarget>& targets,
                                          const care::PopulationSettings& population, double tolerance) {
  std::vector<TargetCheckRow> rows;
  for (const CalibrationTarget& t : targets) {
    TargetCheckRow row;
    row.target = t;
    std::vector<double> finite;
    for (const double x : simulated_values(results, t, population))
      if (std::isfinite(x)) finite.push_back(x);
    if (finite.size() >= 2) {
      row.model = engine::t_confidence_interval(finite);
    } else {
      row.model.mean = row.model.low = row.model.high = finite.empty() ? std::nan("") : finite[0];
      row.model.half_width = std::nan("");
      row.model.n = finite.size();
    }
    std::tie(row.band_low, row.band_high) = tolerance_band(t, tolerance);
    row.inside = std::isfinite(row.model.mean) && row.model.mean >= row.band_low && row.model.mean <= row.band_high;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::size_t evidence_outside_band(const std::vector<TargetCheckRow>& rows) {
  std::size_t n = 0;
  for (const TargetCheckRow& r : rows) n += (!r.inside && !r.target.input) ? 1 : 0;
  return n;
}

std::string target_check_csv(const std::vector<TargetCheckRow>& rows) {
  std::string out =
      "target,kpi,group,public_value,band_low,band_high,model_mean,model_ci_low,model_ci_high,replications,inside_band,"
      "input,population_base,year,source\n";
  for (const TargetCheckRow& r : rows) {
    const CalibrationTarget& t = r.target;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(t.id), io::csv_field(t.kpi),
                       io::csv_field(t.group), io::format_number(t.value), io::format_number(r.band_low),
                       io::format_number(r.band_high), io::format_number(r.model.mean), io::format_number(r.model.low),
                       io::format_number(r.model.high), r.model.n, r.inside ? "yes" : "no", t.input ? "yes" : "no",
                       io::csv_field(t.population_base), io::csv_field(t.year), io::csv_field(t.source));
  }
  return out;
}

std::string target_check_table(const std::vector<TargetCheckRow>& rows) {
  std::string out = fmt::format("  {:<44} {:>9} {:>21}  {:>30}  {}\n", "target", "public", "band", "model (95% interval)",
                                "inside");
  for (const TargetCheckRow& r : rows) {
    const CalibrationTarget& t = r.target;
    std::string name = t.kpi + "[" + t.group + "]";
    if (name.size() > 44) name = name.substr(0, 41) + "...";
    out += fmt::format("  {:<44} {:>9.4g} {:>21}  {:>30}  {}{}\n", name, t.value,
                       fmt::format("{:.4g} to {:.4g}", r.band_low, r.band_high),
                       fmt::format("{:.4g} ({:.4g} to {:.4g})", r.model.mean, r.model.low, r.model.high),
                       r.inside ? "yes" : "NO", t.input ? "  (model input read back: no evidence)" : "");
  }
  return out;
}

}  // namespace jeugdsim::experiment
