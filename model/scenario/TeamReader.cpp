// [teams.NAME]: the teams, their capacity, intake, support, hand-offs and handover at 18.
#include "scenario/CareScenarioReader.hpp"

#include <fmt/format.h>

#include "scenario/CareScenario.hpp"
#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario::detail {

using namespace jeugdsim::care;

std::uint16_t CareScenarioReader::read_coverage(TableReader& t, std::string_view key) {
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

void CareScenarioReader::read_teams() {
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

}  // namespace jeugdsim::scenario::detail
