#include "experiment/SweepVariants.hpp"

#include <fmt/format.h>

#include "experiment/ScenarioVariant.hpp"
#include "experiment/SweepTables.hpp"
#include "io/ProvenanceHeader.hpp"

namespace jeugdsim::experiment {

std::vector<SweepVariant> one_way_variants(const std::vector<care::Assumption>& assumptions) {
  std::vector<SweepVariant> variants{{"base", {}}};
  for (const auto& a : assumptions) {
    variants.push_back({a.name + "-low", {{a.key, toml_number(a.low)}}});
    variants.push_back({a.name + "-high", {{a.key, toml_number(a.high)}}});
  }
  return variants;
}

std::vector<SweepVariant> grid_variants(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points) {
  std::vector<SweepVariant> variants;
  for (const auto& p : points) {
    SweepVariant v{p.name, {}};
    for (std::size_t a = 0; a < axes.size(); ++a) v.overrides.emplace_back(axes[a].key, p.values[a]);
    variants.push_back(std::move(v));
  }
  return variants;
}

std::vector<std::string> missing_assumption_keys(const std::vector<care::Assumption>& assumptions,
                                                 const scenario::LoadedScenario& other, const std::string& other_file,
                                                 const std::string& first_file) {
  std::vector<std::string> messages;
  for (const auto& a : assumptions)
    if (other.document.root().at_path(a.key).node() == nullptr)
      messages.push_back(fmt::format(
          "{}: has no key {}, which [assumptions.{}] of {} varies; a sweep of several scenarios applies the first "
          "scenario's assumptions to all of them: put first a scenario whose assumptions every other scenario has",
          other_file, a.key, a.name, first_file));
  return messages;
}

std::optional<std::vector<scenario::LoadedScenario>> build_sweep_variants(const scenario::LoadedScenario& base,
                                                                          const std::vector<SweepVariant>& variants,
                                                                          scenario::Diagnostics& diags,
                                                                          std::string& failed) {
  std::vector<scenario::LoadedScenario> scenarios;
  for (const auto& v : variants) {
    std::vector<std::string> overrides;
    for (const auto& [key, value] : v.overrides) overrides.push_back(override_text(key, value));
    auto variant = scenario_with_overrides(base.document, overrides, diags);
    if (!variant) {
      failed = v.name;
      return std::nullopt;
    }
    scenarios.push_back(std::move(*variant));
  }
  return scenarios;
}

nlohmann::ordered_json sweep_points_json(const std::vector<SweepVariant>& variants) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& v : variants) {
    nlohmann::ordered_json entry;
    entry["name"] = v.name;
    for (const auto& [key, value] : v.overrides) entry["overrides"][key] = value;
    list.push_back(entry);
  }
  return list;
}

std::vector<std::pair<std::filesystem::path, std::string>> sweep_output_files(
    const SweepRecord& r, const std::vector<std::vector<VariantRun>>& runs) {
  auto provenance = [&](const std::string& file) {
    nlohmann::ordered_json prov = io::provenance_header();
    prov["scenario_file"] = file;
    prov["kind"] = r.one_way ? "one-way" : "grid";
    prov["seed"] = r.seed;
    prov["first_replication"] = r.first_replication;
    prov["replications"] = r.replications;
    prov["warmup_days"] = r.warmup_days;
    return prov;
  };
  std::vector<std::pair<std::filesystem::path, std::string>> out;
  if (r.ids.size() == 1) {
    if (r.one_way)
      out.emplace_back("sensitivity.csv", sensitivity_csv(r.assumptions, runs[0]));
    else
      out.emplace_back("sweep.csv", grid_csv(r.axes, r.points, runs[0]));
    auto prov = provenance(r.files[0]);
    prov["points"] = sweep_points_json(r.variants);
    out.emplace_back("provenance.json", prov.dump(2) + "\n");
    return out;
  }
  // Per scenario a folder like a single-scenario sweep's; at the top the paired differences.
  for (std::size_t s = 0; s < r.ids.size(); ++s) {
    out.emplace_back(std::filesystem::path(r.ids[s]) / "sensitivity.csv", sensitivity_csv(r.assumptions, runs[s]));
    auto prov = provenance(r.files[s]);
    prov["assumptions_from"] = r.files[0];
    prov["points"] = sweep_points_json(r.variants);
    out.emplace_back(std::filesystem::path(r.ids[s]) / "provenance.json", prov.dump(2) + "\n");
  }
  out.emplace_back("sweep-differences.csv", sweep_differences_csv(r.ids, r.assumptions, runs));
  auto prov = provenance(r.files[0]);
  prov["scenarios"] = r.ids;
  prov["scenario_files"] = r.files;
  prov["reference_scenario"] = r.ids[0];
  prov["common_random_numbers"] = true;
  prov["points"] = sweep_points_json(r.variants);
  out.emplace_back("provenance.json", prov.dump(2) + "\n");
  return out;
}

}  // namespace jeugdsim::experiment
