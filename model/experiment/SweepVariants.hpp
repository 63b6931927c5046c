#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "care/Parameters.hpp"
#include "experiment/SweepDefinition.hpp"
#include "experiment/SweepTables.hpp"
#include "scenario/CareScenario.hpp"
#include "scenario/Diagnostics.hpp"

namespace jeugdsim::experiment {

// The points of `jeugdsim sweep`: each a variant of the base scenario with some keys overridden.
struct SweepVariant {
  std::string name;                                            // "base", "NAME-low", a grid point
  std::vector<std::pair<std::string, std::string>> overrides;  // key, TOML value text
};

// One-way: the base, then each assumption at its low and at its high value.
std::vector<SweepVariant> one_way_variants(const std::vector<care::Assumption>& assumptions);

// Grid: every point of the [sweep] axes.
std::vector<SweepVariant> grid_variants(const std::vector<SweepAxis>& axes, const std::vector<SweepPoint>& points);

// A sweep of several scenarios applies the first one's assumptions to all of them; one message
// per assumption key that `other` (file `other_file`) does not have.
std::vector<std::string> missing_assumption_keys(const std::vector<care::Assumption>& assumptions,
                                                 const scenario::LoadedScenario& other, const std::string& other_file,
                                                 const std::string& first_file);

// Every variant built and validated; nullopt with the errors in `diags` and the failing
// variant's name in `failed` when one is not a valid scenario.
std::optional<std::vector<scenario::LoadedScenario>> build_sweep_variants(const scenario::LoadedScenario& base,
                                                                          const std::vector<SweepVariant>& variants,
                                                                          scenario::Diagnostics& diags,
                                                                          std::string& failed);

// provenance.json's "points": name and overrides of each variant.
nlohmann::ordered_json sweep_points_json(const std::vector<SweepVariant>& variants);

// Everything a finished sweep writes besides its per-point run folders, as (path relative to the
// results folder, text): sensitivity.csv or sweep.csv and provenance.json for one scenario; for
// several, per scenario ID/sensitivity.csv and ID/provenance.json, plus sweep-differences.csv
// and provenance.json at the top.
struct SweepRecord {
  bool one_way = true;
  std::vector<std::string> files, ids;
  std::uint64_t seed = 0;
  std::uint32_t first_replication = 0, replications = 0;
  double warmup_days = 0;
  std::vector<care::Assumption> assumptions;
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> points;
  std::vector<SweepVariant> variants;
};
std::vector<std::pair<std::filesystem::path, std::string>> sweep_output_files(
    const SweepRecord& record, const std::vector<std::vector<VariantRun>>& runs);

}  // namespace jeugdsim::experiment
