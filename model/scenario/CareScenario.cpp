// read_care_parameters: the order in which the sections are read, and what they share. Each
// section has its own reader file (see CareScenarioReader.hpp).
#include "scenario/CareScenario.hpp"

#include <string>

#include <fmt/format.h>

#include "scenario/CareScenarioReader.hpp"
#include "scenario/ClosestMatch.hpp"
#include "scenario/Plausibility.hpp"

namespace jeugdsim::scenario {

namespace detail {

using namespace jeugdsim::care;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

const std::vector<std::string>& domain_and_group_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out{"child", "parent", "safety"};
    for (const std::string_view d : kDomainNames) out.emplace_back(d);
    return out;
  }();
  return names;
}

std::optional<CareParameters> CareScenarioReader::read() {
  collect_names();
  read_meta();
  read_simulation();
  read_population();
  read_need_mixes();
  read_providers();
  read_teams();
  read_triages();
  read_channels();
  read_referrals();
  read_waiting();
  read_workforce();
  read_coordination();
  read_reentry();
  read_assumptions();
  if (root_.has("sweep")) root_.mark_read("sweep");  // read by the experiment layer
  root_.finish();
  check_volume();
  if (!diags_.ok()) return std::nullopt;
  return std::move(p_);
}

// Table names first, so sections can refer to each other in any order.
void CareScenarioReader::collect_names() {
  auto names_of = [&](const char* key, NameIndex& out) {
    if (auto t = root_.optional_child(key)) out.names = t->keys();
  };
  names_of("teams", teams_);
  names_of("providers", providers_);
  names_of("triage", triages_);
  names_of("channels", channels_);
  names_of("need_mixes", mixes_);
}

int CareScenarioReader::resolve(TableReader& r, std::string_view key, const std::string& name,
                                const NameIndex& index, const char* kind) {
  if (!r.has(key)) return -1;  // a missing required name is already reported by its getter
  const int i = index.find(name);
  if (i < 0)
    r.error(key, fmt::format("unknown {} \"{}\"", kind, name) + did_you_mean(name, index.names),
            index.names.empty() ? std::string("none defined") : join(index.names));
  return i;
}

}  // namespace detail

std::optional<care::CareParameters> read_care_parameters(const ScenarioDocument& doc, Diagnostics& diags) {
  if (doc.root().empty()) {
    // Only comments, or nothing: reading it as a scenario would list every required key.
    diags.error(doc.file(), 0, "",
                "the file is empty; start from `include = [\"profiles/municipality-40k.toml\"]` (a profile, "
                "relative to this file) or a copy of a file in scenarios/; see docs/scenario-format.md");
    return std::nullopt;
  }
  detail::CareScenarioReader reader(doc, diags);
  auto parameters = reader.read();
  if (parameters) check_plausibility(doc, *parameters, diags);
  return parameters;
}

std::optional<LoadedScenario> load_care_scenario(const std::filesystem::path& file, Diagnostics& diags) {
  auto doc = ScenarioDocument::load(file, diags);
  if (!doc) return std::nullopt;
  auto params = read_care_parameters(*doc, diags);
  if (!params) return std::nullopt;
  return LoadedScenario{std::move(*doc), std::move(*params)};
}

}  // namespace jeugdsim::scenario
