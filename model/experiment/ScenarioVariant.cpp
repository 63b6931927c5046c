#include "experiment/ScenarioVariant.hpp"

namespace jeugdsim::experiment {

std::string override_text(std::string_view key, std::string_view toml_value) {
  return std::string(key) + "=" + std::string(toml_value);
}

std::optional<OverrideArgument> parse_override_argument(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  const std::string_view head = text.substr(0, eq);
  OverrideArgument a;
  a.value = std::string(text.substr(eq + 1));
  const auto colon = head.rfind(':');
  if (colon == std::string_view::npos) {
    a.key = std::string(head);
    return a;
  }
  if (colon == 0 || colon + 1 == head.size()) return std::nullopt;
  a.scenario = std::string(head.substr(0, colon));
  a.key = std::string(head.substr(colon + 1));
  return a;
}

std::vector<std::string> overrides_for_scenario(const std::vector<std::string>& arguments, std::string_view id) {
  std::vector<std::string> out;
  for (const auto& text : arguments) {
    const auto a = parse_override_argument(text);
    if (!a) {
      out.push_back(text);
    } else if (a->scenario.empty() || a->scenario == id) {
      out.push_back(a->text());
    }
  }
  return out;
}

std::vector<std::string> unknown_override_ids(const std::vector<std::string>& arguments,
                                              const std::vector<std::string>& ids) {
  std::string listed;
  for (const auto& id : ids) listed += (listed.empty() ? "" : ", ") + id;
  std::vector<std::string> messages;
  for (const auto& text : arguments) {
    const auto a = parse_override_argument(text);
    if (!a || a->scenario.empty()) continue;
    bool known = false;
    for (const auto& id : ids) known = known || id == a->scenario;
    if (known) continue;
    messages.push_back(ids.size() == 1
                           ? "--set " + text + ": '" + a->scenario + "' is not this scenario's id ('" + listed +
                                 "'); leave the ID: out, or use the id of the scenario file"
                           : "--set " + text + ": no scenario has the id '" + a->scenario + "' (the ids: " + listed +
                                 ")");
  }
  return messages;
}

std::optional<scenario::LoadedScenario> scenario_with_overrides(const scenario::ScenarioDocument& base,
                                                                const std::vector<std::string>& overrides,
                                                                scenario::Diagnostics& diags) {
  scenario::ScenarioDocument doc = base;
  for (const auto& o : overrides) {
    const auto a = parse_override_argument(o);
    if (!a || !a->scenario.empty()) {
      diags.error("command line", 0, o, "expected KEY=VALUE", "e.g. --set teams.wijkteam.workers=14");
      continue;
    }
    doc.apply_override(a->key, a->value, diags);
  }
  std::optional<care::CareParameters> params;
  if (diags.ok()) params = scenario::read_care_parameters(doc, diags);
  if (!params) return std::nullopt;
  return scenario::LoadedScenario{std::move(doc), std::move(*params)};
}

}  // namespace jeugdsim::experiment
