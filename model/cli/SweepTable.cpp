#include "cli/SweepTable.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include <fmt/format.h>

#include "experiment/KpiRegistry.hpp"

namespace jeugdsim::cli {

namespace {

using experiment::HeadlineKpi;
using experiment::headline_kpis;
using experiment::VariantRun;

struct Column {
  std::string head;
  std::vector<std::string> cells;  // one per headline KPI
};
// Columns that stay together in one panel (an assumption's low and high).
using Block = std::vector<Column>;

std::string format_value(double value, const HeadlineKpi& h, bool signed_value) {
  if (!std::isfinite(value)) return "-";
  return signed_value ? fmt::format("{:+.{}f}", value * h.scale, h.decimals)
                      : fmt::format("{:.{}f}", value * h.scale, h.decimals);
}

double mean_of(const VariantRun& run, const HeadlineKpi& h) {
  for (const auto& row : run.summary)
    if (row.kpi == h.kpi && row.group == h.group) return row.ci.n > 0 ? row.ci.mean : std::nan("");
  return std::nan("");
}

// The column of one variant: `value(kpi)` per headline KPI.
Column column(std::string head, const std::function<double(const HeadlineKpi&)>& value, bool signed_values) {
  Column c{std::move(head), {}};
  for (const auto& h : headline_kpis()) c.cells.push_back(format_value(value(h), h, signed_values));
  return c;
}

std::size_t width_of(const Column& c) {
  std::size_t w = c.head.size();
  for (const auto& cell : c.cells) w = std::max(w, cell.size());
  return w;
}

// The table in panels: each panel repeats `fixed` (the base) and takes as many blocks as fit.
std::string render_panels(const Block& fixed, const std::vector<Block>& blocks) {
  std::size_t label_width = 0;
  for (const auto& h : headline_kpis()) label_width = std::max(label_width, h.label.size());
  auto block_width = [](const Block& b) {
    return std::accumulate(b.begin(), b.end(), std::size_t{0},
                           [](std::size_t sum, const Column& c) { return sum + 2 + width_of(c); });
  };
  std::vector<std::vector<const Column*>> panels;
  std::size_t next = 0;
  do {
    std::vector<const Column*> panel;
    for (const auto& c : fixed) panel.push_back(&c);
    std::size_t width = label_width + block_width(fixed);
    bool first = true;
    while (next < blocks.size() && (first || width + block_width(blocks[next]) <= kConsoleWidth)) {
      width += block_width(blocks[next]);
      for (const auto& c : blocks[next]) panel.push_back(&c);
      ++next;
      first = false;
    }
    panels.push_back(std::move(panel));
  } while (next < blocks.size());

  std::string out;
  for (std::size_t p = 0; p < panels.size(); ++p) {
    if (p > 0) out += "\n";
    out += fmt::format("{:<{}}", "", label_width);
    for (const Column* c : panels[p]) out += fmt::format("  {:>{}}", c->head, width_of(*c));
    out += "\n";
    for (std::size_t k = 0; k < headline_kpis().size(); ++k) {
      out += fmt::format("{:<{}}", headline_kpis()[k].label, label_width);
      for (const Column* c : panels[p]) out += fmt::format("  {:>{}}", c->cells[k], width_of(*c));
      out += "\n";
    }
  }
  return out;
}

std::string letter(std::size_t i) { return i < 26 ? std::string(1, static_cast<char>('A' + i)) : fmt::format("A{}", i); }

// The tornado: value(v, kpi) for variant v (0 base, 1 + 2a low and 2 + 2a high of assumption a),
// assumptions sorted by the swing |high - low| of the first headline KPI.
std::string tornado(const std::vector<care::Assumption>& assumptions,
                    const std::function<double(std::size_t, const HeadlineKpi&)>& value, bool signed_values) {
  const HeadlineKpi& lead = headline_kpis().front();
  std::vector<double> swing;
  for (std::size_t a = 0; a < assumptions.size(); ++a) {
    const double s = std::fabs(value(2 + 2 * a, lead) - value(1 + 2 * a, lead));
    swing.push_back(std::isfinite(s) ? s : -1.0);  // an undefined swing sorts last
  }
  std::vector<std::size_t> order(assumptions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return swing[x] > swing[y]; });

  std::size_t name_width = 0;
  for (const auto& a : assumptions) name_width = std::max(name_width, a.name.size());
  std::string out = fmt::format("assumptions (low / base / high), by swing |high - low| of {}:\n", lead.label);
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t a = order[i];
    const auto& as = assumptions[a];
    out += fmt::format("  {:<2} {:<{}}  {:g} / {:g} / {:g}; swing {}\n", letter(i), as.name, name_width, as.low,
                       as.base, as.high, swing[a] < 0 ? "-" : format_value(swing[a], lead, false));
    blocks.push_back({column(letter(i) + " low", [&](const HeadlineKpi& h) { return value(1 + 2 * a, h); }, signed_values),
                      column(letter(i) + " high", [&](const HeadlineKpi& h) { return value(2 + 2 * a, h); }, signed_values)});
  }
  const Block base{column("base", [&](const HeadlineKpi& h) { return value(0, h); }, signed_values)};
  return out + render_panels(base, blocks);
}

}  // namespace

std::string tornado_table(const std::vector<care::Assumption>& assumptions, const std::vector<VariantRun>& runs) {
  return tornado(assumptions, [&](std::size_t v, const HeadlineKpi& h) { return mean_of(runs[v], h); }, false);
}

std::string tornado_difference_table(const std::vector<care::Assumption>& assumptions,
                                     const std::vector<std::vector<VariantRun>>& runs, std::size_t s) {
  return tornado(
      assumptions,
      [&](std::size_t v, const HeadlineKpi& h) {
        const auto d = experiment::variant_difference(runs, s, v, h.kpi, h.group);
        return d.n > 0 ? d.mean : std::nan("");
      },
      true);
}

std::string grid_table(const std::vector<experiment::SweepAxis>& axes, const std::vector<experiment::SweepPoint>& points,
                       const std::vector<VariantRun>& runs) {
  std::string out = "grid points:\n";
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string name = fmt::format("P{}", i + 1);
    std::string coordinates;
    for (std::size_t a = 0; a < axes.size(); ++a)
      coordinates += fmt::format("{}{} = {}", a == 0 ? "" : ", ", axes[a].key, points[i].values[a]);
    out += fmt::format("  {:<4} {}\n", name, coordinates);
    blocks.push_back({column(name, [&](const HeadlineKpi& h) { return mean_of(runs[i], h); }, false)});
  }
  return out + render_panels({}, blocks);
}

}  // namespace jeugdsim::cli
