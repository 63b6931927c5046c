// `route = [...]` lists with their `when` conditions, and the [triage.NAME] steps made of them.
#include "scenario/CareScenarioReader.hpp"

#include <fmt/format.h>

#include "scenario/CareScenario.hpp"
#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

RouteCondition CareScenarioReader::parse_condition(TableReader& r, std::string_view key, const std::string& text) {
  RouteCondition c;
  c.text = text;
  const std::string allowed =
      "always, presented_only:LIST, presented_any:LIST, presented_none:LIST, safety_at_least:elevated|acute "
      "(LIST: comma-separated domains or groups)";
  if (text == "always") return c;
  const auto colon = text.find(':');
  if (colon == std::string::npos) {
    r.error(key, fmt::format("cannot read condition \"{}\"", text), allowed);
    return c;
  }
  const std::string kind = text.substr(0, colon), arg = text.substr(colon + 1);
  if (kind == "safety_at_least") {
    c.kind = RouteCondition::Kind::safety_at_least;
    if (arg == "elevated")
      c.level = kSafetyElevated;
    else if (arg == "acute")
      c.level = kSafetyAcute;
    else
      r.error(key, fmt::format("unknown safety level \"{}\"", arg), "elevated, acute");
    return c;
  }
  if (kind == "presented_only")
    c.kind = RouteCondition::Kind::presented_only;
  else if (kind == "presented_any")
    c.kind = RouteCondition::Kind::presented_any;
  else if (kind == "presented_none")
    c.kind = RouteCondition::Kind::presented_none;
  else {
    r.error(key,
            fmt::format("unknown condition \"{}\"", kind) +
                did_you_mean(kind, {"presented_only", "presented_any", "presented_none", "safety_at_least"}),
            allowed);
    return c;
  }
  std::size_t start = 0;
  while (start <= arg.size()) {
    const auto comma = arg.find(',', start);
    std::string item = arg.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (auto g = group_from_name(item))
      c.mask |= mask_of(*g);
    else if (auto d = domain_from_name(item))
      c.mask |= bit_of(*d);
    else
      r.error(key, fmt::format("unknown domain or group \"{}\" in condition", item) +
                       did_you_mean(item, domain_and_group_names()),
              "child, parent, safety, or a domain such as child.mental_health");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return c;
}

std::vector<Route> CareScenarioReader::read_routes(TableReader& parent, std::string_view key) {
  std::vector<Route> routes;
  const toml::node* node = parent.raw(key);
  if (node == nullptr) {
    parent.error(key, "missing required key", "an array of { to = \"team:NAME\", share = 1.0 }");
    return routes;
  }
  const toml::array* arr = node->as_array();
  if (arr == nullptr || arr->empty()) {
    parent.error(key, "expected a non-empty array of routes", "[ { to = \"team:NAME\", share = 1.0 }, ... ]");
    return routes;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string path = parent.full_key(key) + "[" + std::to_string(i) + "]";
    const toml::table* tbl = arr->get(i)->as_table();
    if (tbl == nullptr) {
      parent.error(key, fmt::format("route {} is not a table", i), "{ to = \"team:NAME\", share = 1.0, when = \"...\" }");
      continue;
    }
    TableReader r(doc_, *tbl, path, diags_);
    Route route;
    route.target_text = r.string("to");
    route.share = r.number("share", 0, kInf, 1.0);
    route.when = parse_condition(r, "when", r.string("when", "always"));
    const auto colon = route.target_text.find(':');
    const std::string kind = route.target_text.substr(0, colon);
    const std::string target = colon == std::string::npos ? "" : route.target_text.substr(colon + 1);
    if (!r.has("to")) {
      // Missing: already reported by r.string("to").
    } else if (route.target_text == "none") {
      route.target = Route::Target::none;
    } else if (kind == "team") {
      route.target = Route::Target::team;
      route.index = resolve(r, "to", target, teams_, "team");
    } else if (kind == "provider") {
      route.target = Route::Target::provider;
      route.index = resolve(r, "to", target, providers_, "provider");
    } else if (kind == "triage") {
      route.target = Route::Target::triage;
      route.index = resolve(r, "to", target, triages_, "triage step");
    } else {
      // A misspelt kind ("teams:jeugd") gets the target it probably meant.
      std::string hint;
      if (colon != std::string::npos)
        if (const auto meant = closest_match(kind, {"team", "provider", "triage"}))
          hint = "; did you mean `" + *meant + ":" + target + "`?";
      r.error("to", fmt::format("cannot read route target \"{}\"", route.target_text) + hint,
              "team:NAME, provider:NAME, triage:NAME, none");
    }
    r.finish();
    routes.push_back(route);
  }
  double total = 0;
  bool unconditional = false;
  for (const Route& r : routes) {
    total += r.share;
    unconditional |= r.when.kind == RouteCondition::Kind::always && r.share > 0;
  }
  if (!routes.empty() && total <= 0) parent.error(key, "route shares must not all be zero", "shares > 0");
  if (!routes.empty() && !unconditional)
    parent.error(key, "every family must have somewhere to go: add a route without a condition",
                 "at least one route with when = \"always\" and share > 0");
  return routes;
}

void CareScenarioReader::read_triages() {
  auto triage = root_.optional_child("triage");
  if (!triage) return;
  for (const auto& name : triages_.names) {
    auto t = triage->child(name);
    Triage tr;
    tr.name = name;
    tr.delay_days = read_duration(t, "delay_days");
    tr.assesses_safety = t.boolean("assesses_safety", false);
    tr.advice_only_share = t.number("advice_only_share", 0, 1, 0);
    tr.routes = read_routes(t, "route");
    t.finish();
    p_.triages.push_back(tr);
  }
  // Triage steps may hand on to other triage steps (Veilig Thuis to the front door), but a
  // cycle would route a family for ever.
  for (std::size_t start = 0; start < p_.triages.size(); ++start) {
    std::vector<int> stack{static_cast<int>(start)};
    std::vector<bool> seen(p_.triages.size(), false);
    bool cycle = false;
    while (!stack.empty() && !cycle) {
      const int at = stack.back();
      stack.pop_back();
      for (const Route& r : p_.triages[static_cast<std::size_t>(at)].routes) {
        if (r.target != Route::Target::triage || r.index < 0) continue;
        if (r.index == static_cast<int>(start)) cycle = true;
        if (!seen[static_cast<std::size_t>(r.index)]) {
          seen[static_cast<std::size_t>(r.index)] = true;
          stack.push_back(r.index);
        }
      }
    }
    if (cycle) {
      auto t = triage->child(p_.triages[start].name);
      t.error("route", "triage steps route to each other in a cycle", "routes that end at a team, provider or none");
    }
  }
  triage->finish();
}

}  // namespace jeugdsim::scenario::detail
