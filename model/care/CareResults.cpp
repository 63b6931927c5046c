// The end of a replication: closes every time integral at the horizon, checks conservation of
// families, and turns the tallies into the KPIs of MODEL.md section 4.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "care/CareSimulation.hpp"
#include "care/GroupNames.hpp"

namespace jeugdsim::care {

namespace {

constexpr double kYear = 365.0;

double nan_if_empty(const engine::RunningStats& s) {
  return s.count() == 0 ? std::nan("") : s.mean();
}

double share(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? std::nan("") : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

bool CareSimulation::in_care_now(const Family& f) const {
  // In care: some team has started its intake or help, or some specialist care has started;
  // otherwise an open family is waiting (in a queue, a triage step or a hand-off).
  for (std::uint32_t cs : f.open_cases)
    if (cases_[cs].phase == TeamCase::Phase::intake || cases_[cs].phase == TeamCase::Phase::support) return true;
  for (std::uint32_t tr : f.open_trajectories)
    if (trajectories_[tr].started) return true;
  return false;
}

ReplicationResult CareSimulation::collect_results() {
  const double t_end = end_;
  const double measured_days = p_.simulation.horizon_days;
  const double years = measured_days / kYear;
  ReplicationResult r;
  r.replication = options_.replication;
  r.warmup_days = warmup_;
  auto kpi = [&r](std::string name, std::string group, double value) {
    r.kpis.push_back({std::move(name), std::move(group), value});
  };
  // Time series: the sampled ones' keys first (their points already refer to them), then the
  // yearly costs, whose rows come first in timeseries.csv.
  r.series = timeseries_keys_;
  std::vector<TimeseriesPoint> cost_points;
  // One cost row per year of a group's costs (the last year may be partial); returns their sum.
  auto yearly_costs = [&](const std::string& group, const std::vector<double>& per_year) {
    const std::uint32_t series = r.series_index("cost_eur", group);
    double sum = 0;
    for (std::size_t y = 0; y < per_year.size(); ++y) {
      sum += per_year[y];
      cost_points.push_back({std::min((static_cast<double>(y) + 1) * kYear, measured_days), series, per_year[y]});
    }
    return sum;
  };

  // Close all time integrals at the horizon.
  for (std::size_t w = 0; w < workers_.size(); ++w) touch_worker_at(static_cast<int>(w), t_end);
  for (std::size_t t = 0; t < teams_.size(); ++t) accrue_staff_cost_at(static_cast<int>(t), t_end);
  for (const Trajectory& tr : trajectories_)
    if (tr.family != kNone && tr.started) accrue_provider_cost(tr.provider, tr.started_at, t_end);

  // Conservation: every episode that started in the measured period is closed, has left, or is
  // still in the system (waiting or in care) at the horizon.
  std::uint64_t waiting = 0, in_care = 0;
  for (const Family& f : families_) {
    if (!f.active || !f.measured) continue;
    ++(in_care_now(f) ? in_care : waiting);
    if (f.present & kSafetyMask) {
      ++counters_.safety_risk_families;
      if (f.safety_assessed_at < 0) ++counters_.safety_never_assessed;
    }
  }
  std::uint64_t ended = 0;
  for (auto n : counters_.episodes_ended) ended += n;
  if (counters_.episodes_entered != ended + waiting + in_care)
    throw std::runtime_error(fmt::format(
        "conservation violated in replication {}: {} episodes entered, {} ended + {} waiting + {} in care",
        options_.replication, counters_.episodes_entered, ended, waiting, in_care));

  kpi("families_entered", "all", static_cast<double>(counters_.families_entered));
  kpi("episodes_entered", "all", static_cast<double>(counters_.episodes_entered));
  kpi("families_closed", "all", static_cast<double>(counters_.episodes_ended[0]));
  for (std::size_t i = 1; i < kExitReasonCount; ++i)
    kpi("families_left", "reason:" + std::string(kExitReasonNames[i]), static_cast<double>(counters_.episodes_ended[i]));
  kpi("families_waiting", "all", static_cast<double>(waiting));
  kpi("families_in_care", "all", static_cast<double>(in_care));

  // Waits to intake, per team and over all teams.
  engine::RunningStats all_wait;
  engine::Histogram all_hist(1.0, 730);
  std::uint64_t all_norm = 0;
  double total_cost = 0;
  std::vector<double> cost_by_year(teams_.empty() ? 1 : teams_[0].staff_cost_per_year.size(), 0.0);
  if (!providers_.empty()) cost_by_year.resize(std::max(cost_by_year.size(), providers_[0].cost_per_year.size()), 0.0);
  for (std::size_t t = 0; t < teams_.size(); ++t) {
    const Team& team = p_.teams[t];
    TeamState& ts = teams_[t];
    const std::string g = team_group(team.name);
    all_wait.merge(ts.intake_wait);
    all_hist.merge(ts.intake_wait_hist);
    all_norm += ts.intake_norm_met;
    kpi("intake_wait_days_mean", g, nan_if_empty(ts.intake_wait));
    kpi("intake_wait_days_p50", g, ts.intake_wait_hist.quantile(0.5));
    kpi("intake_wait_days_p90", g, ts.intake_wait_hist.quantile(0.9));
    kpi("intake_wait_within_norm_share", g, share(ts.intake_norm_met, ts.intake_wait.count()));
    kpi("intakes_per_year", g, static_cast<double>(ts.intakes) / years);
    kpi("queue_joins_per_year", g, static_cast<double>(ts.queue_joins) / years);
    kpi("waiting_list_length_mean", g, ts.queue_length.mean(t_end));
    kpi("waiting_list_length_max", g, ts.queue_length.max());
    // Mean time in the intake queue of every family that left it in the measured period, served
    // or not (reneged, wound up at 18): with queue_joins_per_year and waiting_list_length_mean
    // this makes Little's law checkable where families leave a queue without an intake.
    kpi("queue_time_days_mean", g, nan_if_empty(ts.queue_time));
    // Caseload: time-averaged over the time each worker was present; spread across posts.
    double area = 0, present = 0, fte_area = 0, over = 0;
    std::uint32_t max_caseload = 0;
    engine::RunningStats per_worker;
    for (int w : ts.workers) {
      const Worker& wk = workers_[static_cast<std::size_t>(w)];
      area += wk.caseload_area;
      present += wk.present_time;
      fte_area += wk.caseload_area / wk.fte;
      over += wk.over_capacity_time;
      max_caseload = std::max(max_caseload, wk.max_caseload);
      if (wk.present_time > 0) per_worker.add(wk.caseload_area / wk.present_time);
    }
    kpi("caseload_per_worker_mean", g, present > 0 ? area / present : std::nan(""));
    kpi("caseload_per_worker_sd", g, per_worker.count() > 1 ? per_worker.stddev() : std::nan(""));
    kpi("caseload_per_worker_max", g, static_cast<double>(max_caseload));
    kpi("caseload_per_fte_mean", g, present > 0 ? fte_area / present : std::nan(""));
    kpi("over_capacity_share", g, present > 0 ? over / present : std::nan(""));
    kpi("fte_employed_mean", g, ts.employed_fte.mean(t_end));
    double total_hours = 0;
    for (std::size_t a = 0; a < kWorkActivityCount; ++a) {
      const double h = ts.hours_rate[a].mean(t_end);
      total_hours += h;
      kpi(std::string("hours_per_week_") + kWorkActivityNames[a], g, h);
    }
    const double coordination = ts.hours_rate[index_of(WorkActivity::coordination)].mean(t_end);
    kpi("coordination_share_of_hours", g, total_hours > 0 ? coordination / total_hours : std::nan(""));
    const double team_cost = yearly_costs(g, ts.staff_cost_per_year);
    for (std::size_t y = 0; y < ts.staff_cost_per_year.size(); ++y) cost_by_year[y] += ts.staff_cost_per_year[y];
    total_cost += team_cost;
    kpi("cost_eur_per_year", g, team_cost / years);
  }
  kpi("intake_wait_days_mean", "all", nan_if_empty(all_wait));
  kpi("intake_wait_days_p50", "all", all_hist.quantile(0.5));
  kpi("intake_wait_days_p90", "all", all_hist.quantile(0.9));
  kpi("intake_wait_within_norm_share", "all", share(all_norm, all_wait.count()));
  kpi("first_contact_wait_days_mean", "all", nan_if_empty(counters_.first_contact_wait));
  kpi("first_contact_wait_days_p90", "all", counters_.first_contact_hist.quantile(0.9));

  // Specialist care.
  for (std::size_t p = 0; p < providers_.size(); ++p) {
    const Provider& prov = p_.providers[p];
    ProviderState& ps = providers_[p];
    const std::string g = provider_group(prov.name);
    kpi("specialist_wait_days_mean", g, nan_if_empty(ps.wait));
    kpi("specialist_wait_days_p50", g, ps.wait_hist.quantile(0.5));
    kpi("specialist_wait_days_p90", g, ps.wait_hist.quantile(0.9));
    kpi("specialist_wait_within_norm_share", g, share(ps.within_norm, ps.wait.count()));
    kpi("starts_per_year", g, static_cast<double>(ps.starts) / years);
    kpi("queue_joins_per_year", g, static_cast<double>(ps.queue_joins) / years);
    kpi("waiting_list_length_mean", g, ps.queue_length.mean(t_end));
    kpi("in_care_mean", g, ps.occupancy.mean(t_end));
    const double prov_cost = yearly_costs(g, ps.cost_per_year);
    for (std::size_t y = 0; y < ps.cost_per_year.size(); ++y) cost_by_year[y] += ps.cost_per_year[y];
    total_cost += prov_cost;
    kpi("cost_eur_per_year", g, prov_cost / years);
  }
  yearly_costs("total", cost_by_year);
  kpi("specialist_from_signal_days_mean", "all", nan_if_empty(counters_.specialist_from_signal));
  kpi("specialist_within_norm_share", "all",
      share(counters_.specialist_within_norm, counters_.specialist_from_signal.count()));

  // Continuity, over the episodes that ended in the measured period.
  kpi("professionals_per_family", "all", nan_if_empty(counters_.professionals));
  kpi("handoffs_per_family", "all", nan_if_empty(counters_.hand_offs));
  kpi("intakes_per_family", "all", nan_if_empty(counters_.intakes));
  kpi("plans_per_family", "all", nan_if_empty(counters_.plans));
  kpi("referrals_per_family", "all", nan_if_empty(counters_.referrals));
  kpi("single_regisseur_share", "all", share(counters_.single_regisseur, counters_.families_with_regisseur));

  // Safety and outcomes.
  kpi("safety_assessment_days_mean", "all", nan_if_empty(counters_.safety_assessment_days));
  kpi("never_assessed_share", "all", share(counters_.safety_never_assessed, counters_.safety_risk_families));
  kpi("crises_per_year", "all", static_cast<double>(counters_.crises) / years);
  kpi("escalations_per_year", "all", static_cast<double>(counters_.escalations) / years);
  kpi("reentry_12m_share", "all", share(counters_.reentries_scheduled_12m, counters_.episodes_ended[0]));
  kpi("transitions_18_per_year", "all", static_cast<double>(counters_.transitions_18) / years);
  kpi("aged_out_lost_per_year", "all", static_cast<double>(counters_.transitions_18_lost) / years);
  kpi("aged_out_gap_days_mean", "all", nan_if_empty(counters_.transition_gap_days));

  // Costs.
  kpi("cost_eur_per_year", "total", total_cost / years);
  kpi("cost_eur_per_episode", "total",
      counters_.episodes_entered > 0 ? total_cost / static_cast<double>(counters_.episodes_entered) : std::nan(""));

  // Calibration KPIs (calibration/targets/): volumes by access channel and referrer, the care
  // mix, and the share of youth in care.
  auto count_at = [](const std::vector<std::uint64_t>& v, std::size_t i) {
    return i < v.size() ? static_cast<double>(v[i]) : 0.0;
  };
  double referrals_total = 0;
  for (std::size_t c = 0; c < p_.channels.size(); ++c) {
    const std::string g = channel_group(p_.channels[c].name);
    kpi("arrivals_per_year", g, count_at(counters_.arrivals_by_channel, c) / years);
    kpi("referrals_per_year", g, count_at(counters_.direct_referrals_by_channel, c) / years);
    referrals_total += count_at(counters_.direct_referrals_by_channel, c);
  }
  for (std::size_t t = 0; t < p_.teams.size(); ++t) {
    kpi("referrals_per_year", team_group(p_.teams[t].name), count_at(counters_.referrals_by_team, t) / years);
    referrals_total += count_at(counters_.referrals_by_team, t);
  }
  kpi("referrals_per_year", "all", referrals_total / years);
  // The referrer mix: each referrer's share of all referrals to specialist care.
  for (std::size_t c = 0; c < p_.channels.size(); ++c)
    kpi("referrals_share", channel_group(p_.channels[c].name),
        referrals_total > 0 ? count_at(counters_.direct_referrals_by_channel, c) / referrals_total : std::nan(""));
  for (std::size_t t = 0; t < p_.teams.size(); ++t)
    kpi("referrals_share", team_group(p_.teams[t].name),
        referrals_total > 0 ? count_at(counters_.referrals_by_team, t) / referrals_total : std::nan(""));
  std::uint64_t starts_total = 0;
  for (const ProviderState& ps : providers_) starts_total += ps.starts;
  for (std::size_t p = 0; p < providers_.size(); ++p)
    kpi("starts_share", provider_group(p_.providers[p].name), share(providers_[p].starts, starts_total));
  // Youth in care in a year, approximated as (families in care at the horizon + episodes that
  // reached care per year) / youth: one youth (the index child) per family, near steady state.
  {
    std::uint64_t stock = 0;
    for (const Family& f : families_) {
      if (!f.active) continue;
      if (in_care_now(f)) ++stock;
    }
    const double no_care = static_cast<double>(counters_.episodes_ended[static_cast<std::size_t>(ExitReason::no_care)] +
                                                 counters_.episodes_ended[static_cast<std::size_t>(ExitReason::reneged)] + waiting);
    const double reached = std::max(0.0, static_cast<double>(counters_.episodes_entered) - no_care);
    const double youth = p_.population.youth();
    kpi("youth_in_care_share", "all", youth > 0 ? (static_cast<double>(stock) + reached / years) / youth : std::nan(""));
  }
  // Jeugdhulp as CBS Beleidsinformatie Jeugd counts it (calibration/targets/national-cbs.md): a
  // trajectory is specialist care started for a child or safety need, or a light-help period
  // with such a need that a team gives itself, unless the team's cases are child-protection
  // measures (a GI). Its referrer is the team holding the case (gemeentelijke toegang, GI) or a
  // direct referral's channel (GP, ...).
  {
    std::vector<double> by_team(p_.teams.size()), own_by_team(p_.teams.size()), by_channel(p_.channels.size());
    double total = 0;
    for (std::size_t t = 0; t < p_.teams.size(); ++t) {
      own_by_team[t] = p_.teams[t].child_protection ? 0.0 : count_at(counters_.light_help_starts_by_team, t);
      by_team[t] = count_at(counters_.jeugdhulp_starts_by_team, t) + own_by_team[t];
      total += by_team[t];
    }
    for (std::size_t c = 0; c < p_.channels.size(); ++c)
      total += by_channel[c] = count_at(counters_.jeugdhulp_starts_by_channel, c);
    auto of_total = [total](double part) { return total > 0 ? part / total : std::nan(""); };
    kpi("jeugdhulp_starts_per_year", "all", total / years);
    for (std::size_t t = 0; t < p_.teams.size(); ++t) {
      const std::string g = team_group(p_.teams[t].name);
      kpi("jeugdhulp_starts_per_year", g, by_team[t] / years);
      kpi("jeugdhulp_starts_share", g, of_total(by_team[t]));
      kpi("own_help_starts_share", g, of_total(own_by_team[t]));
    }
    for (std::size_t c = 0; c < p_.channels.size(); ++c) {
      kpi("jeugdhulp_starts_per_year", channel_group(p_.channels[c].name), by_channel[c] / years);
      kpi("jeugdhulp_starts_share", channel_group(p_.channels[c].name), of_total(by_channel[c]));
    }
    // The stock at the horizon: jeugdhulp trajectories in care by provider, the teams' own
    // jeugdhulp, and the open cases (intake or support) of child-protection teams.
    std::vector<double> in_provider(providers_.size()), own_in_care(p_.teams.size()), measures(p_.teams.size());
    double stock = 0;
    for (const Trajectory& tr : trajectories_)
      if (tr.family != kNone && tr.started && (bit_of(tr.domain) & kJeugdhulpMask)) {
        ++in_provider[static_cast<std::size_t>(tr.provider)];
        ++stock;
      }
    for (const TeamCase& c : cases_) {
      if (c.family == kNone || (c.phase != TeamCase::Phase::intake && c.phase != TeamCase::Phase::support)) continue;
      const auto t = static_cast<std::size_t>(c.team);
      if (p_.teams[t].child_protection)
        ++measures[t];
      else if (c.light_active && (c.light & kJeugdhulpMask)) {
        ++own_in_care[t];
        ++stock;
      }
    }
    kpi("jeugdhulp_in_care", "all", stock);
    // Stock / flow (Little's law): the mean time in care CBS derives from stock / outflow.
    kpi("jeugdhulp_years_in_care", "all", total > 0 ? stock / (total / years) : std::nan(""));
    auto of_stock = [stock](double part) { return stock > 0 ? part / stock : std::nan(""); };
    for (std::size_t p = 0; p < providers_.size(); ++p)
      kpi("jeugdhulp_in_care_share", provider_group(p_.providers[p].name), of_stock(in_provider[p]));
    for (std::size_t t = 0; t < p_.teams.size(); ++t) {
      const std::string g = team_group(p_.teams[t].name);
      kpi("jeugdhulp_in_care_share", g, of_stock(own_in_care[t]));
      kpi("child_protection_cases", g, measures[t]);
    }
  }

  // The samples become the result in place (their vector has room reserved for the cost rows
  // in front), so the largest output of a long run is never held twice.
  r.timeseries = std::move(timeseries_);
  r.timeseries.insert(r.timeseries.begin(), cost_points.begin(), cost_points.end());
  r.intake_wait_series = std::move(intake_wait_series_);
  r.intake_wait_days = std::move(intake_wait_days_);
  return r;
}

}  // namespace jeugdsim::care
