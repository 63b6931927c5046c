#include "experiment/Calibration.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "experiment/Summary.hpp"
#include "experiment/SweepDefinition.hpp"
#include "experiment/Trim.hpp"
#include "io/ResultReader.hpp"

namespace jeugdsim::experiment {

namespace {

std::optional<double> parse_finite(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string> split_groups(const std::string& group) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto plus = group.find('+', start);
    parts.push_back(trim(group.substr(start, plus == std::string::npos ? std::string::npos : plus - start)));
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return parts;
}

bool valid_year(const std::string& y) {
  auto four = [](std::string_view s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  const auto dash = y.find('-');
  if (dash == std::string::npos) return four(y);
  return four(std::string_view(y).substr(0, dash)) && four(std::string_view(y).substr(dash + 1));
}

}  // namespace

std::vector<CalibrationTarget> read_calibration_targets(const std::filesystem::path& path, scenario::Diagnostics& diags) {
  std::vector<CalibrationTarget> out;
  const std::string file = path.string();
  std::ifstream in(path);
  if (!in) {
    diags.error(file, 0, "file", "cannot read the targets file");
    return out;
  }
  static const std::vector<std::string> required = {"kpi", "group", "value", "low", "high",
                                                    "year", "population_base", "source"};
  std::map<std::string, std::size_t> column;
  std::size_t columns = 0;
  std::string line;
  std::size_t number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto fields = io::split_csv_line(line);
    for (auto& f : fields) f = trim(f);
    if (!header) {
      header = true;
      columns = fields.size();
      for (std::size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
      bool ok = true;
      for (const auto& r : required)
        if (!column.count(r)) {
          diags.error(file, number, "column " + r, "missing from the header",
                      "kpi,group,value,low,high,year,population_base,source");
          ok = false;
        }
      if (!ok) return out;
      continue;
    }
    if (fields.size() != columns) {
      diags.error(file, number, "row", fmt::format("has {} fields, the header has {}", fields.size(), columns),
                  "quote fields that contain commas");
      continue;
    }
    auto get = [&](const std::string& name) -> const std::string& { return fields[column[name]]; };
    const std::size_t errors_before = diags.count();
    auto bad = [&](const std::string& name, const std::string& message, const std::string& allowed = {}) {
      diags.error(file, number, "column " + name, message, allowed);
    };
    CalibrationTarget target;
    target.file = file;
    target.line = number;
    target.id = fmt::format("{}:{}", path.filename().string(), number);
    target.kpi = get("kpi");
    if (target.kpi.empty())
      bad("kpi", "missing");
    else if (!std::all_of(target.kpi.begin(), target.kpi.end(),
                          [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
      bad("kpi", "\"" + target.kpi + "\" is not a KPI name", "letters, digits and _ as in kpis.csv");
    target.group = get("group").empty() ? "all" : get("group");
    if (const auto v = parse_finite(get("value")); !v)
      bad("value", "\"" + get("value") + "\" is not a number");
    else if (*v < 0)
      bad("value", fmt::format("{} is negative; KPIs are counts, durations, rates and shares", get("value")));
    else
      target.value = *v;
    const std::string& lo = get("low");
    const std::string& hi = get("high");
    if (lo.empty() != hi.empty()) {
      bad(lo.empty() ? "low" : "high", "give both low and high, or neither (then --tolerance applies)");
    } else if (!lo.empty()) {
      const auto l = parse_finite(lo), h = parse_finite(hi);
      if (!l) bad("low", "\"" + lo + "\" is not a number");
      if (!h) bad("high", "\"" + hi + "\" is not a number");
      if (l && h) {
        if (*l < 0) bad("low", lo + " is negative");
        if (*l > *h)
          bad("low", fmt::format("low {} is above high {}", lo, hi));
        else if (diags.count() == errors_before && (target.value < *l || target.value > *h))
          bad("value", fmt::format("{} lies outside low..high ({}..{})", get("value"), lo, hi));
        target.has_band = true;
        target.low = *l;
        target.high = *h;
      }
    }
    target.year = get("year");
    if (!valid_year(target.year)) bad("year", "\"" + target.year + "\" is not a year", "YYYY or YYYY-YYYY");
    target.population_base = get("population_base");
    if (target.population_base == "absolute")
      target.base = PopulationBase::absolute;
    else if (target.population_base == "share")
      target.base = PopulationBase::share;
    else if (target.population_base == "per_1000_youth")
      target.base = PopulationBase::per_1000_youth;
    else if (target.population_base == "per_1000_inhabitants")
      target.base = PopulationBase::per_1000_inhabitants;
    else
      bad("population_base", "\"" + target.population_base + "\" is not a population base",
          "absolute, share, per_1000_youth, per_1000_inhabitants");
    if (target.base == PopulationBase::share && target.value > 1)
      bad("value", get("value") + " is not a share between 0 and 1");
    target.source = get("source");
    if (target.source.empty()) bad("source", "missing: name the document and its table or page");
    auto yes_no = [&](const std::string& name, bool fallback) {
      if (!column.count(name) || get(name).empty()) return fallback;
      if (get(name) == "yes") return true;
      if (get(name) == "no") return false;
      bad(name, "\"" + get(name) + "\" is not yes or no");
      return fallback;
    };
    target.input = yes_no("input", false);
    target.fit = yes_no("fit", true);
    if (diags.count() == errors_before) out.push_back(std::move(target));
  }
  if (!header) diags.error(file, 0, "header", "the file has no header line",
                           "kpi,group,value,low,high,year,population_base,source");
  return out;
}

void check_target_names(const std::vector<CalibrationTarget>& targets,
                        const std::vector<care::ReplicationResult>& sample, scenario::Diagnostics& diags) {
  std::map<std::string, std::set<std::string>> groups;
  for (const auto& r : sample)
    for (const auto& k : r.kpis) groups[k.kpi].insert(k.group);
  for (const auto& t : targets) {
    const auto it = groups.find(t.kpi);
    if (it == groups.end()) {
      std::string known;
      for (const auto& [k, g] : groups) known += (known.empty() ? "" : ", ") + k;
      diags.error(t.file, t.line, "column kpi", "unknown KPI \"" + t.kpi + "\"", known);
      continue;
    }
    for (const auto& g : split_groups(t.group))
      if (!it->second.count(g)) {
        std::string known;
        for (const auto& x : it->second) known += (known.empty() ? "" : ", ") + x;
        diags.error(t.file, t.line, "column group", "KPI " + t.kpi + " has no group \"" + g + "\" in this scenario", known);
      }
  }
}

std::vector<double> simulated_values(const std::vector<care::ReplicationResult>& results, const CalibrationTarget& target,
                                     const care::PopulationSettings& population) {
  std::vector<double> sum(results.size(), 0.0);
  for (const auto& g : split_groups(target.group)) {
    const auto v = kpi_values(results, target.kpi, g);
    for (std::size_t i = 0; i < v.size(); ++i) sum[i] += v[i];
  }
  double scale = 1;
  if (target.base == PopulationBase::per_1000_youth) scale = 1000.0 / population.youth();
  if (target.base == PopulationBase::per_1000_inhabitants) scale = 1000.0 / population.inhabitants;
  for (auto& x : sum) x *= scale;
  return sum;
}

std::pair<double, double> tolerance_band(const CalibrationTarget& target, double tolerance) {
  if (target.has_band) return {target.low, target.high};
  return {target.value * (1 - tolerance), target.value * (1 + tolerance)};
}

double objective_term(const CalibrationTarget& target, double simulated_mean, double tolerance) {
  if (!std::isfinite(simulated_mean)) return 1e6;
  const auto [lo, hi] = tolerance_band(target, tolerance);
  double half = (hi - lo) / 2;
  if (!(half > 0)) half = std::max(1e-9, tolerance * std::max(std::abs(target.value), 1e-9));
  const double r = (simulated_mean - target.value) / half;
  return r * r;
}

std::optional<FreeParameter> parse_free_parameter(std::string_view text, const scenario::ScenarioDocument& doc,
                                                  scenario::Diagnostics& diags) {
  FreeParameter p;
  const auto eq = text.find('=');
  p.key = trim(text.substr(0, eq));
  const std::string where = "--free";
  if (p.key.empty()) {
    diags.error(where, 0, std::string(text), "expected NAME or NAME=LOW:HIGH",
                "e.g. channels.gp.rate_per_1000_youth_per_year=10:30");
    return std::nullopt;
  }
  const toml::node* node = doc.root().at_path(p.key).node();
  if (node == nullptr || !(node->is_integer() || node->is_floating_point())) {
    diags.error(where, 0, p.key, node == nullptr ? "no such key in the scenario" : "does not hold a number",
                "a dotted key of a numeric scenario value");
    return std::nullopt;
  }
  p.integer = node->is_integer();
  const double current = node->is_integer() ? static_cast<double>(node->as_integer()->get()) : node->as_floating_point()->get();
  if (eq == std::string_view::npos) {
    p.low = current >= 0 ? 0.5 * current : 2 * current;
    p.high = current >= 0 ? 2 * current : 0.5 * current;
    if (current == 0) {
      diags.error(where, 0, p.key, "is 0 in the scenario: give bounds as NAME=LOW:HIGH");
      return std::nullopt;
    }
  } else {
    const std::string range = trim(text.substr(eq + 1));
    const auto colon = range.find(':');
    const auto l = colon == std::string::npos ? std::nullopt : parse_finite(trim(range.substr(0, colon)));
    const auto h = colon == std::string::npos ? std::nullopt : parse_finite(trim(range.substr(colon + 1)));
    if (!l || !h || !(*l < *h)) {
      diags.error(where, 0, p.key, "bounds \"" + range + "\" are not LOW:HIGH with LOW < HIGH", "e.g. =10:30");
      return std::nullopt;
    }
    p.low = *l;
    p.high = *h;
  }
  // Start at the scenario's value, moved a little inside the bounds (the transform's ends are
  // at infinity).
  const double margin = 0.02 * (p.high - p.low);
  p.start = std::clamp(current, p.low + margin, p.high - margin);
  return p;
}

double bounded_value(double z, const FreeParameter& p) { return p.low + (p.high - p.low) / (1.0 + std::exp(-z)); }

double unbounded_value(double x, const FreeParameter& p) {
  const double u = std::clamp((x - p.low) / (p.high - p.low), 1e-9, 1 - 1e-9);
  return std::log(u / (1 - u));
}

std::string parameter_text(double x, const FreeParameter& p) {
  if (p.integer) return std::to_string(std::llround(x));
  return toml_number(x);
}

}  // namespace jeugdsim::experiment
