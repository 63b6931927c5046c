#include "experiment/Plausibility.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "care/GroupNames.hpp"
#include "experiment/Summary.hpp"

namespace jeugdsim::experiment {

namespace {

constexpr double kDaysPerYear = 365.0;  // as the care layer turns counts into *_per_year KPIs

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// What is missing when a KPI of group "all" has no observations: the events it averages over
// (see model/care/CareResults.cpp).
std::string missing_events(const std::string& kpi) {
  if (starts_with(kpi, "intake_wait")) return "no family had an intake";
  if (starts_with(kpi, "first_contact_wait")) return "no family had a first contact";
  if (kpi == "specialist_from_signal_days_mean" || kpi == "specialist_within_norm_share")
    return "no family started specialist care";
  if (kpi == "reentry_12m_share") return "no episode was closed";
  if (kpi == "single_regisseur_share") return "no episode of a family helped by a team ended";
  if (kpi == "professionals_per_family" || kpi == "handoffs_per_family" || kpi == "intakes_per_family" ||
      kpi == "plans_per_family" || kpi == "referrals_per_family")
    return "no family's episode ended";
  if (kpi == "safety_assessment_days_mean") return "no safety assessment was completed";
  if (kpi == "never_assessed_share") return "no family with a safety risk was seen";
  if (kpi == "cost_eur_per_episode") return "no episode entered";
  return "nothing happened that it measures";
}

// The mean over replications of KPI (kpi, group), NaN where undefined; NaN if absent.
double mean_of(const std::vector<SummaryRow>& summary, const std::string& kpi, const std::string& group) {
  for (const SummaryRow& row : summary)
    if (row.kpi == kpi && row.group == group) return row.ci.n > 0 ? row.ci.mean : std::nan("");
  return std::nan("");
}

double sum_over_groups(const std::vector<SummaryRow>& summary, const std::string& kpi, std::string_view prefix) {
  double sum = 0;
  for (const SummaryRow& row : summary)
    if (row.kpi == kpi && starts_with(row.group, prefix) && row.ci.n > 0) sum += row.ci.mean;
  return sum;
}

// An upper bound on the mean (per replication) denominator of a share KPI, from the count KPIs
// written beside it, with what it counts; NaN when no count bounds it.
struct Denominator {
  double at_most = std::nan("");
  std::string what;
};

Denominator share_denominator(const std::vector<SummaryRow>& s, const SummaryRow& share, double years) {
  const std::string& k = share.kpi;
  const std::string& g = share.group;
  // Every measured episode counts once at most among the safety-risk families.
  if (k == "never_assessed_share") return {mean_of(s, "episodes_entered", "all"), "episodes entered"};
  if (k == "reentry_12m_share") return {mean_of(s, "families_closed", "all"), "closed episodes"};
  if (k == "single_regisseur_share")
    return {mean_of(s, "families_closed", "all") + sum_over_groups(s, "families_left", "reason:"), "ended episodes"};
  if (k == "intake_wait_within_norm_share")
    return {g == "all" ? sum_over_groups(s, "intakes_per_year", care::kTeamGroupPrefix) * years : mean_of(s, "intakes_per_year", g) * years,
            "intakes"};
  if (k == "specialist_wait_within_norm_share") return {mean_of(s, "starts_per_year", g) * years, "starts of specialist care"};
  if (k == "specialist_within_norm_share" || k == "starts_share")
    return {sum_over_groups(s, "starts_per_year", care::kProviderGroupPrefix) * years, "starts of specialist care"};
  if (k == "referrals_share") return {mean_of(s, "referrals_per_year", "all") * years, "referrals"};
  return {};
}

}  // namespace

std::vector<std::string> result_plausibility(const std::vector<care::ReplicationResult>& results, double horizon_days,
                                             std::string_view crisis_provider_group,
                                             const ResultPlausibilityCriteria& criteria) {
  std::vector<std::string> warnings;
  if (results.empty()) return warnings;
  const std::vector<SummaryRow> summary = summarize(results);
  const std::size_t replications = results.size();
  const double years = horizon_days / kDaysPerYear;
  const std::string period = fmt::format("the measured period may be too short: simulation.horizon_days = {}", horizon_days);

  const double episodes = mean_of(summary, "episodes_entered", "all");
  if (std::isfinite(episodes) && episodes < criteria.min_episodes_per_replication)
    warnings.push_back(fmt::format("only {:.1f} episodes per replication entered the measured period, so every KPI rests "
                                   "on very few families; {}",
                                   episodes, period));

  // KPIs without observations, one warning per cause (and per number of replications that had
  // some), in the order the KPIs first appear: one empty tally empties several KPIs at once.
  struct Missing {
    std::string cause;
    std::size_t with_values = 0;  // replications that had a value (0: none had)
    std::string kpis;
  };
  std::vector<Missing> missing;
  std::vector<std::string> silent_groups;  // teams and providers with no observations at all
  for (const SummaryRow& row : summary) {
    const bool overall = row.group == "all" || row.group == "total";
    if (!overall) {
      const bool no_crisis_happened = !crisis_provider_group.empty() && row.group == crisis_provider_group &&
                                      mean_of(summary, "crises_per_year", "all") == 0;
      if (row.ci.n == 0 && !no_crisis_happened &&
          ((row.kpi == "intake_wait_days_mean" && care::is_team_group(row.group)) ||
           (row.kpi == "specialist_wait_days_mean" && care::is_provider_group(row.group))))
        silent_groups.push_back(row.group);
      continue;
    }
    // Only a cold handover at 18 has a gap to measure: in a design without one, n = 0 is normal.
    if (row.ci.n < replications && row.kpi != "aged_out_gap_days_mean") {
      const std::string cause = missing_events(row.kpi);
      const std::string name = row.group == "all" ? row.kpi : row.kpi + " (" + row.group + ")";
      auto it = std::find_if(missing.begin(), missing.end(),
                             [&](const Missing& m) { return m.cause == cause && m.with_values == row.ci.n; });
      if (it == missing.end()) {
        missing.push_back({cause, row.ci.n, name});
      } else {
        it->kpis += ", " + name;
      }
    }
    if (row.ci.n == 0 || row.kpi.size() <= 6 || row.kpi.compare(row.kpi.size() - 6, 6, "_share") != 0) continue;
    // A share stuck at exactly 0 or 1 over a handful of families.
    bool extreme = true;
    for (const double v : kpi_values(results, row.kpi, row.group))
      if (std::isfinite(v) && v != 0.0 && v != 1.0) extreme = false;
    if (!extreme || !(row.ci.mean == 0.0 || row.ci.mean == 1.0)) continue;
    const Denominator d = share_denominator(summary, row, years);
    if (std::isfinite(d.at_most) && d.at_most < criteria.min_share_denominator)
      warnings.push_back(fmt::format("{} is exactly {} in every replication, a share of at most {:.1f} {} per "
                                     "replication: too few to measure it; {}",
                                     row.kpi, row.ci.mean, d.at_most, d.what, period));
  }
  for (const Missing& m : missing) {
    if (m.with_values == 0)
      warnings.push_back(fmt::format("no observations in the measured period of any replication (n = 0: {}) for {}; {}",
                                     m.cause, m.kpis, period));
    else
      warnings.push_back(fmt::format("no observations in {} of {} replications ({}) for {}; their means and intervals "
                                     "are over the other {}; {}",
                                     replications - m.with_values, replications, m.cause, m.kpis, m.with_values,
                                     period));
  }
  if (!silent_groups.empty()) {
    std::string list;
    for (const std::string& g : silent_groups) list += (list.empty() ? "" : ", ") + g;
    warnings.push_back(fmt::format("no intakes (teams) or starts (providers) in the measured period of any "
                                   "replication for {}: their wait KPIs are empty (n = 0); check that families are "
                                   "routed there (and workers > 0), or {}",
                                   list, period));
  }
  return warnings;
}

std::string crisis_provider_group(const care::CareParameters& parameters) {
  const int crisis = parameters.waiting.crisis_provider;
  if (crisis < 0 || static_cast<std::size_t>(crisis) >= parameters.providers.size()) return {};
  return care::provider_group(parameters.providers[static_cast<std::size_t>(crisis)].name);
}

std::string format_warnings(const std::string& scenario_id, const std::vector<std::string>& warnings) {
  std::string out;
  for (const std::string& w : warnings) out += "warning: " + scenario_id + ": " + w + "\n";
  return out;
}

}  // namespace jeugdsim::experiment
