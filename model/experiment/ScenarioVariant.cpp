#include "experiment/ScenarioVariant.hpp"

namespace jeugdsim::experiment {

std::string override_text(std::string_view key, std::string_view toml_value) {
  return std::string(key) + "=" + std::string(toml_value);
}

std::optional<scenario::LoadedScenario> scenario_with_overrides(const scenario::ScenarioDocument& base,
                                                                const std::vector<std::string>& overrides,
                                                                scenario::Diagnostics& diags) {
  scenario::ScenarioDocument doc = base;
  for (const auto& o : overrides) {
    const auto eq = o.find('=');
    if (eq == std::string::npos || eq == 0) {
      diags.error("command line", 0, o, "expected KEY=VALUE", "e.g. --set teams.wijkteam.workers=14");
      continue;
    }
    doc.apply_override(o.substr(0, eq), o.substr(eq + 1), diags);
  }
  std::optional<care::CareParameters> params;
  if (diags.ok()) params = scenario::read_care_parameters(doc, diags);
  if (!params) return std::nullopt;
  return scenario::LoadedScenario{std::move(doc), std::move(*params)};
}

}  // namespace jeugdsim::experiment
