#include "scenario/CareScenario.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "scenario/ClosestMatch.hpp"
#include "scenario/Plausibility.hpp"
#include "scenario/TableReader.hpp"

namespace jeugdsim::scenario {

namespace {

using namespace jeugdsim::care;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kDaysPerMonth = 365.0 / 12.0;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Every name a `covers` list or a route condition accepts: the groups and the domains.
const std::vector<std::string>& domain_and_group_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out{"child", "parent", "safety"};
    for (const std::string_view d : kDomainNames) out.emplace_back(d);
    return out;
  }();
  return names;
}

// Names of user-defined tables, resolved to indices.
struct NameIndex {
  std::vector<std::string> names;
  int find(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    return -1;
  }
};

class CareScenarioReader {
 public:
  CareScenarioReader(const ScenarioDocument& doc, Diagnostics& diags)
      : doc_(doc), diags_(diags), root_(doc, doc.root(), "", diags) {}

  std::optional<CareParameters> read() {
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

 private:
  // Table names first, so sections can refer to each other in any order.
  void collect_names() {
    auto names_of = [&](const char* key, NameIndex& out) {
      if (auto t = root_.optional_child(key)) out.names = t->keys();
    };
    names_of("teams", teams_);
    names_of("providers", providers_);
    names_of("triage", triages_);
    names_of("channels", channels_);
    names_of("need_mixes", mixes_);
  }

  void read_meta() {
    auto meta = root_.child("meta");
    p_.name = meta.string("name");
    meta.string("description", "");
    meta.finish();
  }

  void read_simulation() {
    auto s = root_.child("simulation");
    auto& sim = p_.simulation;
    sim.horizon_days = s.number("horizon_days", 1, 36500);
    const toml::node* warm = s.has("warmup_days") ? s.raw("warmup_days") : nullptr;
    if (warm != nullptr && warm->is_string()) {
      if (warm->value<std::string>().value_or("") != "auto")
        s.error("warmup_days",
                "expected a number of days or \"auto\"" + did_you_mean(warm->value<std::string>().value_or(""), {"auto"}),
                "0 to 36500, or \"auto\"");
      sim.warmup_auto = true;
      sim.warmup_days = 0;
    } else {
      sim.warmup_days = s.number("warmup_days", 0, 36500, 0);
    }
    sim.replications = static_cast<int>(s.integer("replications", 1, 100000, 10));
    sim.seed = static_cast<std::uint64_t>(s.integer("seed", 0, std::numeric_limits<std::int64_t>::max()));
    sim.intake_norm_days = s.number("intake_norm_days", 0, 3650, 28);
    sim.specialist_norm_days = s.number("specialist_norm_days", 0, 3650, 70);
    sim.timeseries_interval_days = s.number("timeseries_interval_days", 1, 3650, 30);
    // Optional calendar date of day 0 after the warm-up: the model does not use it, the report
    // reads it from scenario.resolved.toml to show results per calendar year.
    if (const toml::node* start = s.raw("start_date"); start != nullptr && !start->is_date())
      s.error("start_date", "expected a date without quotes", "a TOML date such as 2027-01-01");
    s.finish();
  }

  void read_population() {
    auto s = root_.child("population");
    auto& pop = p_.population;
    pop.inhabitants = s.number("inhabitants", 1, 50e6);
    pop.youth_share = s.number("youth_share", 0, 1);
    pop.children_per_family_weights = s.numbers("children_per_family_weights", 0, kInf, 4, 4);
    check_weights(s, "children_per_family_weights", pop.children_per_family_weights);
    pop.two_parent_share = s.number("two_parent_share", 0, 1);
    pop.index_child_age_weights = s.numbers("index_child_age_weights", 0, kInf, 18, 18);
    check_weights(s, "index_child_age_weights", pop.index_child_age_weights);
    pop.network_strength_mean = s.number("network_strength_mean", 0, 1, 0.5);
    s.finish();
  }

  void check_weights(TableReader& s, std::string_view key, const std::vector<double>& w) {
    if (!w.empty() && std::accumulate(w.begin(), w.end(), 0.0) <= 0)
      s.error(key, "at least one weight must be positive", "non-negative weights, not all zero");
  }

  void read_need_mixes() {
    auto mixes = root_.child("need_mixes");
    for (const auto& name : mixes_.names) {
      auto m = mixes.child(name);
      NeedMix mix;
      mix.name = name;
      for (const char* group : {"child", "parent"}) {
        auto g = m.optional_child(group);
        if (!g) continue;
        for (std::size_t i = 0; i < kNeedDomainCount; ++i) {
          const std::string full(kDomainNames[i]);
          if (full.rfind(std::string(group) + ".", 0) != 0) continue;
          const std::string domain = full.substr(std::string(group).size() + 1);
          auto d = g->optional_child(domain);
          if (!d) continue;
          DomainMix dm;
          dm.probability = d->number("p", 0, 1);
          auto sev = d->numbers("severity", 0, kInf, 3, 3);
          check_weights(*d, "severity", sev);
          for (std::size_t k = 0; k < 3 && k < sev.size(); ++k) dm.severity_weights[k] = sev[k];
          dm.presented = d->number("presented", 0, 1);
          d->finish();
          mix.domains[i] = dm;
        }
        g->finish();
      }
      if (auto s = m.optional_child("safety")) {
        mix.safety_elevated = s->number("elevated", 0, 1);
        mix.safety_acute = s->number("acute", 0, 1);
        mix.safety_presented = s->number("presented", 0, 1);
        if (mix.safety_elevated + mix.safety_acute > 1)
          s->error("acute", "elevated + acute must not exceed 1", "elevated + acute <= 1");
        s->finish();
      }
      m.finish();
      p_.need_mixes.push_back(mix);
    }
    mixes.finish();
    if (mixes_.names.empty()) root_.error("need_mixes", "at least one need mix is required", "[need_mixes.NAME]");
  }

  int resolve(TableReader& r, std::string_view key, const std::string& name, const NameIndex& index,
              const char* kind) {
    if (!r.has(key)) return -1;  // a missing required name is already reported by its getter
    const int i = index.find(name);
    if (i < 0)
      r.error(key, fmt::format("unknown {} \"{}\"", kind, name) + did_you_mean(name, index.names),
              index.names.empty() ? std::string("none defined") : join(index.names));
    return i;
  }

  std::uint16_t read_coverage(TableReader& t, std::string_view key) {
    std::uint16_t mask = 0;
    for (const auto& item : t.strings(key)) {
      if (auto g = group_from_name(item))
        mask |= mask_of(*g);
      else if (auto d = domain_from_name(item))
        mask |= bit_of(*d);
      else
        t.error(key, fmt::format("unknown domain or group \"{}\"", item) + did_you_mean(item, domain_and_group_names()),
                "child, parent, safety, or a domain such as child.mental_health");
    }
    return mask;
  }

  void read_teams() {
    auto teams = root_.child("teams");
    if (teams_.names.size() > 30) teams.error("", "too many teams", "at most 30");
    for (const auto& name : teams_.names) {
      auto t = teams.child(name);
      Team team;
      team.name = name;
      team.coverage_mask = read_coverage(t, "covers");
      team.workers = static_cast<int>(t.integer("workers", 0, 100000));
      team.fte_per_worker = t.number("fte_per_worker", 0.05, 1.5);
      team.hours_per_fte_per_week = t.number("hours_per_fte_per_week", 1, 60);
      team.direct_share = t.number("direct_share", 0.01, 1);
      team.caseload_cap_per_fte = t.number("caseload_cap_per_fte", 0, 10000);
      const std::string rule = t.choice("accept_rule", {"cap_and_hours", "cap", "hours", "none"});
      team.accept_rule = rule == "cap" ? AcceptRule::cap
                         : rule == "hours" ? AcceptRule::hours
                         : rule == "none" ? AcceptRule::none
                                          : AcceptRule::cap_and_hours;
      const std::string sa = t.choice("safety_assessment", {"always", "child_teams", "when_presented", "never"});
      team.safety_assessment = sa == "child_teams" ? SafetyAssessmentPolicy::child_teams
                               : sa == "when_presented" ? SafetyAssessmentPolicy::when_presented
                               : sa == "never" ? SafetyAssessmentPolicy::never
                                               : SafetyAssessmentPolicy::always;
      {
        auto in = t.child("intake");
        team.intake_worker_hours = in.number("worker_hours", 0, 1000);
        team.intake_elapsed_days = read_duration(in, "elapsed_days");
        team.intake_contacts = static_cast<int>(in.integer("contacts", 1, 100));
        in.finish();
      }
      team.discovery_per_contact = t.number("discovery_per_contact", 0, 1);
      {
        auto ph = t.child("phase_hours_per_week");
        team.phase_hours.active = ph.number("active", 0, 100);
        team.phase_hours.monitoring = ph.number("monitoring", 0, 100);
        team.phase_hours.bridging = ph.number("bridging", 0, 100);
        team.phase_hours.coordination = ph.number("coordination", 0, 100);
        ph.finish();
      }
      team.support_days = read_duration(t, "support_days");
      auto factors = t.numbers("support_severity_factor", 0, 100, 3, 3, {1.0, 1.0, 1.0});
      for (std::size_t k = 0; k < 3 && k < factors.size(); ++k) team.support_severity_factor[k] = factors[k];
      team.review_interval_days = t.number("review_interval_days", 1, 3650);
      team.step_up_per_review = t.number("step_up_per_review", 0, 1, 0);
      team.referral_factor = t.number("referral_factor", 0, 100, 1.0);
      team.child_protection = t.boolean("child_protection", false);
      team.cost_per_fte_per_year_eur = t.number("cost_per_fte_per_year_eur", 0, 1e7);
      if (auto h = t.optional_child("hand_off")) {
        auto target = [&](const char* group) {
          if (!h->has(group)) return -1;
          return resolve(*h, group, h->string(group), teams_, "team");
        };
        team.hand_off_child = target("child");
        team.hand_off_parent = target("parent");
        team.hand_off_safety = target("safety");
        h->finish();
      }
      const std::string handover = t.choice("handover_at_18", {"warm", "cold", "lost"}, "warm");
      team.handover_at_18 = handover == "cold" ? HandoverAt18::cold
                            : handover == "lost" ? HandoverAt18::lost
                                                 : HandoverAt18::warm;
      if (t.has("adult_team")) team.adult_team = resolve(t, "adult_team", t.string("adult_team"), teams_, "team");
      if (team.handover_at_18 == HandoverAt18::cold && team.adult_team < 0 && !t.has("adult_team"))
        t.error("handover_at_18", "a cold handover needs an adult_team to hand over to",
                "set adult_team = \"NAME\", or use \"warm\" or \"lost\"");
      if ((team.accept_rule == AcceptRule::cap || team.accept_rule == AcceptRule::cap_and_hours) &&
          team.caseload_cap_per_fte * team.fte_per_worker < 1.0 && team.workers > 0)
        t.error("caseload_cap_per_fte",
                fmt::format("a cap of {} per FTE at {} FTE per worker lets no worker take a single case",
                            team.caseload_cap_per_fte, team.fte_per_worker),
                "caseload_cap_per_fte * fte_per_worker >= 1, or accept_rule = \"hours\" or \"none\"");
      t.finish();
      p_.teams.push_back(team);
    }
    teams.finish();
  }

  void read_providers() {
    auto providers = root_.optional_child("providers");
    if (!providers) return;
    // Two passes: step_up_to / step_down_to may name providers defined later.
    for (const auto& name : providers_.names) {
      auto t = providers->child(name);
      Provider pr;
      pr.name = name;
      const toml::node* places = t.has("places") ? t.raw("places") : nullptr;
      if (places == nullptr) {
        t.error("places", "missing required key", "a number of places, or \"unlimited\"");
      } else if (places->is_string()) {
        if (places->value<std::string>().value_or("") == "unlimited")
          pr.unlimited = true;
        else
          t.error("places",
                  "expected a number of places or \"unlimited\"" +
                      did_you_mean(places->value<std::string>().value_or(""), {"unlimited"}),
                  "0 to 1000000, or \"unlimited\"");
      } else {
        pr.places = static_cast<int>(t.integer("places", 0, 1000000));
      }
      pr.duration_days = read_duration(t, "duration_days");
      pr.cost_per_day_eur = t.number("cost_per_day_eur", 0, 1e6);
      pr.cost_per_trajectory_eur = t.number("cost_per_trajectory_eur", 0, 1e8, 0);
      pr.safety_first = t.choice("priority", {"safety_first", "fifo"}, "safety_first") == "safety_first";
      if (t.has("step_up_to")) {
        pr.step_up_to = resolve(t, "step_up_to", t.string("step_up_to"), providers_, "provider");
        pr.step_up_probability = t.number("step_up_probability", 0, 1);
      }
      if (t.has("step_down_to")) {
        pr.step_down_to = resolve(t, "step_down_to", t.string("step_down_to"), providers_, "provider");
        pr.step_down_probability = t.number("step_down_probability", 0, 1);
      }
      if (pr.step_up_probability + pr.step_down_probability > 1)
        t.error("step_down_probability", "step_up_probability + step_down_probability must not exceed 1", "sum <= 1");
      pr.counts_as_intake = t.boolean("counts_as_intake", true);
      t.finish();
      p_.providers.push_back(pr);
    }
    providers->finish();
  }

  RouteCondition parse_condition(TableReader& r, std::string_view key, const std::string& text) {
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

  std::vector<Route> read_routes(TableReader& parent, std::string_view key) {
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

  void read_triages() {
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

  void read_channels() {
    auto channels = root_.child("channels");
    for (const auto& name : channels_.names) {
      auto t = channels.child(name);
      Channel ch;
      ch.name = name;
      ch.rate_per_1000_youth_per_year = t.number("rate_per_1000_youth_per_year", 0, 10000);
      auto season = t.numbers("seasonality", 0, 100, 12, 12, std::vector<double>(12, 1.0));
      for (std::size_t m = 0; m < 12 && m < season.size(); ++m) ch.seasonality[m] = season[m];
      ch.trend_per_year = t.number("trend_per_year", -0.5, 1.0, 0.0);
      ch.need_mix = std::max(0, resolve(t, "needs", t.string("needs"), mixes_, "need mix"));
      if (auto s = t.optional_child("safety")) {
        ch.overrides_safety = true;
        ch.safety_elevated = s->number("elevated", 0, 1);
        ch.safety_acute = s->number("acute", 0, 1);
        if (ch.safety_elevated + ch.safety_acute > 1)
          s->error("acute", "elevated + acute must not exceed 1", "elevated + acute <= 1");
        s->finish();
      }
      ch.routes = read_routes(t, "route");
      t.finish();
      p_.channels.push_back(ch);
    }
    channels.finish();
    if (channels_.names.empty()) root_.error("channels", "at least one channel is required", "[channels.NAME]");
  }

  void read_referrals() {
    auto refs = root_.optional_child("referrals");
    if (!refs) return;
    auto read_one = [&](TableReader& parent, std::string_view key, Domain d) {
      auto r = parent.optional_child(key);
      if (!r) return;
      Referral ref;
      ref.provider = resolve(*r, "provider", r->string("provider"), providers_, "provider");
      auto p = r->numbers("p_by_severity", 0, 1, 3, 3);
      for (std::size_t k = 0; k < 3 && k < p.size(); ++k) ref.probability[k] = p[k];
      r->finish();
      p_.referrals[index_of(d)] = ref;
    };
    for (const char* group : {"child", "parent"}) {
      auto g = refs->optional_child(group);
      if (!g) continue;
      for (std::size_t i = 0; i < kNeedDomainCount; ++i) {
        const std::string full(kDomainNames[i]);
        if (full.rfind(std::string(group) + ".", 0) != 0) continue;
        read_one(*g, full.substr(std::string(group).size() + 1), domain_at(i));
      }
      g->finish();
    }
    read_one(*refs, "safety", Domain::safety);
    refs->finish();
  }

  void read_waiting() {
    auto w = root_.child("waiting");
    p_.waiting.reneging_per_year = w.number("reneging_per_year", 0, 365);
    p_.waiting.deterioration_per_year = w.number("deterioration_per_year", 0, 365);
    if (w.has("crisis_provider"))
      p_.waiting.crisis_provider = resolve(w, "crisis_provider", w.string("crisis_provider"), providers_, "provider");
    w.finish();
  }

  void read_workforce() {
    auto w = root_.child("workforce");
    auto& wf = p_.workforce;
    {
      auto s = w.child("sickness");
      wf.sickness_spells_per_fte_per_year = s.number("spells_per_fte_per_year", 0, 52);
      wf.sickness_days = read_duration(s, "days");
      s.finish();
    }
    wf.turnover_per_year = w.number("turnover_per_year", 0, 12);
    wf.vacancy_days = read_duration(w, "vacancy_days");
    w.finish();
  }

  void read_coordination() {
    auto c = root_.child("coordination");
    p_.coordination.shared_file = c.boolean("shared_file");
    p_.coordination.consent_delay_days = c.number("consent_delay_days", 0, 3650);
    p_.coordination.hand_off_loss_share = c.number("hand_off_loss_share", 0, 1);
    c.finish();
  }

  void read_reentry() {
    auto r = root_.child("reentry");
    auto& re = p_.reentry;
    re.base_probability = r.number("base_probability", 0, 1);
    re.delay_days = read_duration(r, "delay_days");
    re.unaddressed_parent_factor = r.number("unaddressed_parent_factor", 0, 100);
    re.unaddressed_child_factor = r.number("unaddressed_child_factor", 0, 100);
    re.network_protection = r.number("network_protection", 0, 1);
    re.channel = std::max(0, resolve(r, "channel", r.string("channel"), channels_, "channel"));
    r.finish();
  }

  void read_assumptions() {
    auto a = root_.optional_child("assumptions");
    if (!a) return;
    for (const auto& name : a->keys()) {
      auto t = a->child(name);
      Assumption as;
      as.name = name;
      as.key = t.string("key");
      as.low = t.number("low", -kInf, kInf);
      as.high = t.number("high", -kInf, kInf);
      as.note = t.string("note");
      // The base is the value the scenario actually uses at `key`.
      const toml::node* node = doc_.root().at_path(as.key).node();
      if (node == nullptr || !(node->is_number())) {
        t.error("key", fmt::format("\"{}\" does not name a numeric parameter of this scenario", as.key),
                "the dotted key of a number, e.g. teams.wijkteam.discovery_per_contact");
      } else {
        as.base = node->is_integer() ? static_cast<double>(node->value<std::int64_t>().value_or(0))
                                     : node->value<double>().value_or(0.0);
        if (!(as.low <= as.base && as.base <= as.high))
          t.error("low", fmt::format("the range {} to {} does not contain the value in use ({})", as.low, as.high, as.base),
                  "low <= value at key <= high");
      }
      if (t.has("base")) {
        const double declared = t.number("base", -kInf, kInf);
        if (node != nullptr && node->is_number() && declared != as.base)
          t.error("base", fmt::format("declares {} but {} is {}", declared, as.key, as.base),
                  "leave base out, or make it equal to the value at key");
      }
      t.finish();
      p_.assumptions.push_back(as);
    }
    a->finish();
  }

  // A guard against runs that would never finish: the expected number of arrivals.
  void check_volume() {
    if (!diags_.ok()) return;
    double per_year = 0, largest = -1;
    std::size_t largest_channel = 0;
    for (std::size_t i = 0; i < p_.channels.size(); ++i) {
      const Channel& c = p_.channels[i];
      double max_season = 0;
      for (double s : c.seasonality) max_season = std::max(max_season, s);
      const double channel_per_year = c.rate_per_1000_youth_per_year * p_.population.youth() / 1000.0 * max_season;
      per_year += channel_per_year;
      if (channel_per_year > largest) {
        largest = channel_per_year;
        largest_channel = i;
      }
    }
    const double years = (p_.simulation.horizon_days + p_.simulation.warmup_days) / 365.0;
    const double growth = std::pow(1.0 + std::max(0.0, p_.channels.empty() ? 0.0 : p_.channels[0].trend_per_year), years);
    const double expected = per_year * years * growth;
    constexpr double kMaxArrivals = 1e8;  // ~1.5e9 events: minutes, not hours
    if (expected > kMaxArrivals) {
      // Reported at the rate of the busiest channel: a key the user wrote, in the file that set
      // it (the [channels] table itself may have been declared in an included profile).
      auto ch = root_.child("channels").child(p_.channels[largest_channel].name);
      ch.error("rate_per_1000_youth_per_year",
               fmt::format("these rates would generate about {:.3g} families in one replication", expected),
               fmt::format("at most {:.0e}: lower the rates, the population or the horizon", kMaxArrivals));
    }
  }

  const ScenarioDocument& doc_;
  Diagnostics& diags_;
  TableReader root_;
  CareParameters p_;
  NameIndex teams_, providers_, triages_, channels_, mixes_;
};

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

std::optional<care::CareParameters> read_care_parameters(const ScenarioDocument& doc, Diagnostics& diags) {
  if (doc.root().empty()) {
    // Only comments, or nothing: reading it as a scenario would list every required key.
    diags.error(doc.file(), 0, "",
                "the file is empty; start from `include = [\"profiles/municipality-40k.toml\"]` (a profile, "
                "relative to this file) or a copy of a file in scenarios/; see docs/scenario-format.md");
    return std::nullopt;
  }
  CareScenarioReader reader(doc, diags);
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
