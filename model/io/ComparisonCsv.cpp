#include "io/ComparisonCsv.hpp"

#include <fmt/format.h>

#include "io/CsvFormat.hpp"

namespace jeugdsim::io {

std::string comparison_csv(const std::vector<experiment::ComparisonRow>& rows) {
  std::string out = "kpi,group,scenario,mean,ci_low,ci_high,n,diff_mean,diff_ci_low,diff_ci_high,diff_n\n";
  for (const auto& r : rows)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(r.kpi), csv_field(r.group), csv_field(r.scenario),
                       format_number(r.value.mean), format_number(r.value.low), format_number(r.value.high), r.value.n,
                       format_number(r.difference.mean), format_number(r.difference.low),
                       format_number(r.difference.high), r.difference.n);
  return out;
}

}  // namespace jeugdsim::io
