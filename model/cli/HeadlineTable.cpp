#include "cli/HeadlineTable.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace jeugdsim::cli {

const std::vector<HeadlineKpi>& headline_kpis() {
  static const std::vector<HeadlineKpi> kpis = {
      {"intake_wait_days_mean", "all", "wait to intake, days (mean)", 1},
      {"intake_wait_days_p90", "all", "wait to intake, days (90th pct)", 1},
      {"intake_wait_within_norm_share", "all", "intakes within norm (share)", 3},
      {"specialist_from_signal_days_mean", "all", "signal to specialist care, days", 1},
      {"professionals_per_family", "all", "professionals per family", 2},
      {"intakes_per_family", "all", "intakes per family", 2},
      {"plans_per_family", "all", "plans per family", 2},
      {"handoffs_per_family", "all", "hand-offs per family", 2},
      {"single_regisseur_share", "all", "one regisseur throughout (share)", 3},
      {"never_assessed_share", "all", "safety risk never assessed (share)", 3},
      {"reentry_12m_share", "all", "re-entry within 12 months (share)", 3},
      {"cost_eur_per_year", "total", "cost per year, EUR million", 2},
  };
  return kpis;
}

std::string headline_table(const std::vector<std::string>& ids,
                           const std::vector<std::vector<experiment::SummaryRow>>& summaries) {
  std::size_t label_width = 0;
  for (const auto& k : headline_kpis()) label_width = std::max(label_width, std::string(k.label).size());
  std::vector<std::vector<std::string>> cells(headline_kpis().size());
  std::vector<std::size_t> widths;
  for (std::size_t s = 0; s < ids.size(); ++s) {
    std::size_t width = ids[s].size();
    for (std::size_t k = 0; k < headline_kpis().size(); ++k) {
      const auto& h = headline_kpis()[k];
      std::string cell = "-";
      for (const auto& row : summaries[s])
        if (row.kpi == h.kpi && row.group == h.group && row.ci.n > 0) {
          const double scale = std::string(h.kpi) == "cost_eur_per_year" ? 1e-6 : 1.0;
          if (row.ci.n > 1 && std::isfinite(row.ci.half_width))
            cell = fmt::format("{:.{}f} ({:.{}f} to {:.{}f})", row.ci.mean * scale, h.decimals, row.ci.low * scale,
                               h.decimals, row.ci.high * scale, h.decimals);
          else
            cell = fmt::format("{:.{}f}", row.ci.mean * scale, h.decimals);
        }
      width = std::max(width, cell.size());
      cells[k].push_back(cell);
    }
    widths.push_back(width);
  }
  std::string out = fmt::format("{:<{}}", "", label_width);
  for (std::size_t s = 0; s < ids.size(); ++s) out += fmt::format("  {:>{}}", ids[s], widths[s]);
  out += "\n";
  for (std::size_t k = 0; k < headline_kpis().size(); ++k) {
    out += fmt::format("{:<{}}", headline_kpis()[k].label, label_width);
    for (std::size_t s = 0; s < ids.size(); ++s) out += fmt::format("  {:>{}}", cells[k][s], widths[s]);
    out += "\n";
  }
  return out;
}

}  // namespace jeugdsim::cli
