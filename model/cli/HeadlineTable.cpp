#include "cli/HeadlineTable.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

namespace jeugdsim::cli {

namespace {

using experiment::HeadlineKpi;
using experiment::headline_kpis;

// "mean (low to high)", or the mean alone when there is no interval.
std::string format_interval(const engine::ConfidenceInterval& ci, const HeadlineKpi& h, bool signed_values) {
  if (ci.n == 0 || !std::isfinite(ci.mean)) return "-";
  const double scale = h.scale;
  const std::string mean = signed_values ? fmt::format("{:+.{}f}", ci.mean * scale, h.decimals)
                                          : fmt::format("{:.{}f}", ci.mean * scale, h.decimals);
  if (ci.n > 1 && std::isfinite(ci.half_width))
    return fmt::format("{} ({:.{}f} to {:.{}f})", mean, ci.low * scale, h.decimals, ci.high * scale, h.decimals);
  return mean;
}

// Renders a table of headline KPIs (rows) by columns, with `cell(column, kpi)` giving the text.
std::string render(const std::vector<std::string>& columns,
                   const std::function<std::string(std::size_t, const HeadlineKpi&)>& cell) {
  std::size_t label_width = 0;
  for (const auto& k : headline_kpis()) label_width = std::max(label_width, k.label.size());
  std::vector<std::vector<std::string>> cells(headline_kpis().size());
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::size_t width = columns[c].size();
    for (std::size_t k = 0; k < headline_kpis().size(); ++k) {
      cells[k].push_back(cell(c, headline_kpis()[k]));
      width = std::max(width, cells[k].back().size());
    }
    widths.push_back(width);
  }
  std::string out = fmt::format("{:<{}}", "", label_width);
  for (std::size_t c = 0; c < columns.size(); ++c) out += fmt::format("  {:>{}}", columns[c], widths[c]);
  out += "\n";
  for (std::size_t k = 0; k < headline_kpis().size(); ++k) {
    out += fmt::format("{:<{}}", headline_kpis()[k].label, label_width);
    for (std::size_t c = 0; c < columns.size(); ++c) out += fmt::format("  {:>{}}", cells[k][c], widths[c]);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string headline_table(const std::vector<std::string>& ids,
                           const std::vector<std::vector<experiment::SummaryRow>>& summaries) {
  return render(ids, [&](std::size_t s, const HeadlineKpi& h) {
    for (const auto& row : summaries[s])
      if (row.kpi == h.kpi && row.group == h.group) return format_interval(row.ci, h, false);
    return std::string("-");
  });
}

std::string difference_table(const std::vector<std::string>& ids, const std::vector<experiment::ComparisonRow>& rows) {
  const std::vector<std::string> others(ids.begin() + 1, ids.end());
  return render(others, [&](std::size_t s, const HeadlineKpi& h) {
    for (const auto& row : rows)
      if (row.kpi == h.kpi && row.group == h.group && row.scenario == others[s])
        return format_interval(row.difference, h, true);
    return std::string("-");
  });
}

}  // namespace jeugdsim::cli
