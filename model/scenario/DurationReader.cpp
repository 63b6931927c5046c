// read_duration: a duration distribution written as an inline table.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "scenario/CareScenario.hpp"
#include "scenario/TableReader.hpp"

namespace jeugdsim::scenario {

namespace {
constexpr double kDaysPerMonth = 365.0 / 12.0;
}  // namespace

engine::DurationDistribution read_duration(TableReader& parent, std::string_view key) {
  using engine::DurationDistribution;
  auto d = parent.child(key);
  const std::vector<std::string> families = {"constant",   "exponential", "lognormal", "gamma",
                                             "weibull",    "triangular",  "empirical"};
  const toml::node* dist = d.table().get("dist");
  const bool known = dist != nullptr && dist->is_string() &&
                     std::find(families.begin(), families.end(), dist->value<std::string>().value_or("")) !=
                         families.end();
  const std::string family = d.choice("dist", families);
  if (!known) {
    // The family is missing or unknown (already reported, or the table is missing): checking
    // the other keys against a guessed family would only add follow-up errors.
    for (const auto& k : d.keys()) d.mark_read(k);
    return DurationDistribution::constant(0);
  }
  try {
    if (family == "constant") {
      const double v = d.number("value", 0, 1e6);
      d.finish();
      return DurationDistribution::constant(v);
    }
    if (family == "exponential") {
      const double mean = d.number("mean", 1e-9, 1e6);
      d.finish();
      return DurationDistribution::exponential(mean);
    }
    if (family == "lognormal" || family == "gamma") {
      const double mean = d.number("mean", 1e-9, 1e6);
      const double cv = d.number("cv", 1e-6, 100);
      d.finish();
      return family == "lognormal" ? DurationDistribution::lognormal(mean, cv) : DurationDistribution::gamma(mean, cv);
    }
    if (family == "weibull") {
      const double shape = d.number("shape", 1e-3, 1e3);
      const double scale = d.number("scale", 1e-9, 1e6);
      d.finish();
      return DurationDistribution::weibull(shape, scale);
    }
    if (family == "triangular") {
      const double lo = d.number("min", 0, 1e6), mode = d.number("mode", 0, 1e6), hi = d.number("max", 0, 1e6);
      if (!(lo <= mode && mode <= hi && lo < hi)) {
        d.error("mode", "need min <= mode <= max and min < max", "min <= mode <= max, min < max");
        d.finish();
        return DurationDistribution::constant(mode);
      }
      d.finish();
      return DurationDistribution::triangular(lo, mode, hi);
    }
    // Empirical: bin edges in days or months, and the share of each bin.
    std::vector<double> edges;
    const char* edge_key = d.has("bins_months") ? "bins_months" : "bins_days";
    const bool complete = d.has(edge_key) && d.has("shares");
    edges = d.numbers(edge_key, 0, 1e6, 2, 1000);
    if (std::string(edge_key) == "bins_months")
      for (double& e : edges) e *= kDaysPerMonth;
    auto shares = d.numbers("shares", 0, 1, 1, 999);
    d.finish();
    if (!complete) return DurationDistribution::constant(0);  // the missing key is already reported
    bool ok = shares.size() + 1 == edges.size();
    if (!ok)
      d.error("shares", fmt::format("{} shares for {} bin edges", shares.size(), edges.size()),
              "one share per bin: len(shares) = len(edges) - 1");
    for (std::size_t i = 1; ok && i < edges.size(); ++i)
      if (!(edges[i] > edges[i - 1])) {
        d.error(edge_key, "bin edges must increase", "strictly increasing edges");
        ok = false;
      }
    const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
    if (ok && std::abs(total - 1.0) > 0.005) {
      d.error("shares", fmt::format("shares sum to {:.4f}", total), "shares summing to 1 (within 0.005)");
      ok = false;
    }
    if (!ok) return DurationDistribution::constant(edges.empty() ? 0 : edges.front());
    return DurationDistribution::empirical(edges, shares);
  } catch (const std::invalid_argument& e) {
    d.error("dist", e.what());
    return DurationDistribution::constant(0);
  }
}

}  // namespace jeugdsim::scenario
