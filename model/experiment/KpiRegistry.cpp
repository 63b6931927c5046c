#include "experiment/KpiRegistry.hpp"

#include <nlohmann/json.hpp>

#include "care/EntityState.hpp"

namespace jeugdsim::experiment {

namespace {

using K = KpiKind;
constexpr auto lower = KpiDirection::lower_is_better;
constexpr auto higher = KpiDirection::higher_is_better;
constexpr auto neutral = KpiDirection::neutral;

std::vector<KpiInfo> build_registry() {
  std::vector<KpiInfo> r = {
      // Volumes and the state at the horizon.
      {"families_entered", K::count, neutral, "gezinnen ingestroomd", "families entered"},
      {"episodes_entered", K::count, neutral, "hulpvragen ingestroomd", "episodes entered"},
      {"families_closed", K::count, neutral, "gezinnen afgesloten", "families closed"},
      {"families_left", K::count, lower, "gezinnen vertrokken zonder afsluiting", "families left without closing"},
      {"families_waiting", K::count, lower, "gezinnen wachtend aan het eind", "families waiting at the end"},
      {"families_in_care", K::count, neutral, "gezinnen in zorg aan het eind", "families in care at the end"},
      // Waits to intake and the teams' work.
      {"intake_wait_days_mean", K::days, lower, "wachttijd tot intake, dagen (gemiddeld)", "wait to intake, days (mean)"},
      {"intake_wait_days_p50", K::days, lower, "wachttijd tot intake, dagen (mediaan)", "wait to intake, days (median)"},
      {"intake_wait_days_p90", K::days, lower, "wachttijd tot intake, dagen (9 van de 10 gezinnen wachten korter)",
       "wait to intake, days (9 in 10 families wait less)"},
      {"intake_wait_within_norm_share", K::share, higher, "intakes binnen de norm", "intakes within the norm"},
      {"intakes_per_year", K::count, neutral, "intakes per jaar", "intakes per year"},
      {"queue_joins_per_year", K::count, neutral, "aanmeldingen op de wachtlijst per jaar", "waiting list joins per year"},
      {"waiting_list_length_mean", K::count, lower, "wachtlijst, gezinnen (gemiddeld)", "waiting list, families (mean)"},
      {"waiting_list_length_max", K::count, lower, "wachtlijst, gezinnen (hoogste)", "waiting list, families (maximum)"},
      {"queue_time_days_mean", K::days, lower, "tijd op de wachtlijst, dagen (gemiddeld)", "time on the waiting list, days (mean)"},
      {"caseload_per_worker_mean", K::other, neutral, "gezinnen per medewerker (caseload)", "families per worker (caseload)"},
      {"caseload_per_worker_sd", K::other, lower, "spreiding van de caseload tussen medewerkers", "spread of caseload between workers"},
      {"caseload_per_worker_max", K::other, lower, "hoogste caseload van een medewerker", "highest caseload of a worker"},
      {"caseload_per_fte_mean", K::other, neutral, "caseload per fte", "caseload per FTE"},
      {"over_capacity_share", K::share, lower, "tijd boven de caseloadnorm", "time over the caseload cap"},
      {"fte_employed_mean", K::other, higher, "bezette fte (gemiddeld)", "FTE employed (mean)"},
  };
  // One hours KPI per kind of work, named as the model names the work (care/EntityState.hpp).
  const char* hours_nl[] = {"intake", "directe hulp", "monitoring", "overbrugging", "coördinatie"};
  for (std::size_t a = 0; a < care::kWorkActivityNames.size(); ++a)
    r.push_back({std::string("hours_per_week_") + care::kWorkActivityNames[a], K::other, neutral,
                 std::string("uren per week: ") + hours_nl[a],
                 std::string("hours per week: ") + care::kWorkActivityNames[a]});
  const std::vector<KpiInfo> rest = {
      {"coordination_share_of_hours", K::share, lower, "coördinatie als aandeel van de uren", "coordination share of hours"},
      {"cost_eur_per_year", K::cost, lower, "kosten per jaar, miljoen euro", "cost per year, EUR million"},
      {"first_contact_wait_days_mean", K::days, lower, "wachttijd tot eerste contact, dagen (gemiddeld)",
       "wait to first contact, days (mean)"},
      {"first_contact_wait_days_p90", K::days, lower, "wachttijd tot eerste contact, dagen (90e percentiel)",
       "wait to first contact, days (90th percentile)"},
      // Specialist care.
      {"specialist_wait_days_mean", K::days, lower, "wachttijd specialistische zorg, dagen (gemiddeld)",
       "wait for specialist care, days (mean)"},
      {"specialist_wait_days_p50", K::days, lower, "wachttijd specialistische zorg, dagen (mediaan)",
       "wait for specialist care, days (median)"},
      {"specialist_wait_days_p90", K::days, lower, "wachttijd specialistische zorg, dagen (90e percentiel)",
       "wait for specialist care, days (90th percentile)"},
      {"specialist_wait_within_norm_share", K::share, higher, "specialistische zorg binnen de norm gestart (aandeel)",
       "specialist care started within norm (share)"},
      {"starts_per_year", K::count, neutral, "starts specialistische zorg per jaar", "specialist care starts per year"},
      {"in_care_mean", K::count, neutral, "gezinnen in specialistische zorg (gemiddeld)", "families in specialist care (mean)"},
      {"specialist_from_signal_days_mean", K::days, lower, "dagen van signaal tot specialistische zorg",
       "signal to specialist care, days"},
      {"specialist_within_norm_share", K::share, higher, "van signaal tot specialistische zorg binnen de norm (aandeel)",
       "signal to specialist care within norm (share)"},
      // Continuity.
      {"professionals_per_family", K::count, lower, "professionals per gezin", "professionals per family"},
      {"handoffs_per_family", K::count, lower, "overdrachten per gezin", "hand-offs per family"},
      {"intakes_per_family", K::count, lower, "intakes per gezin", "intakes per family"},
      {"plans_per_family", K::count, lower, "plannen per gezin", "plans per family"},
      {"referrals_per_family", K::count, neutral, "verwijzingen per gezin", "referrals per family"},
      {"single_regisseur_share", K::share, higher, "dezelfde regisseur van begin tot eind",
       "one regisseur throughout"},
      // Safety and outcomes.
      {"safety_assessment_days_mean", K::days, lower, "tijd tot veiligheidstaxatie, dagen", "time to safety assessment, days"},
      {"never_assessed_share", K::share, lower, "veiligheidsrisico nooit beoordeeld",
       "safety risk never assessed"},
      {"crises_per_year", K::count, lower, "crises per jaar", "crises per year"},
      {"escalations_per_year", K::count, lower, "escalaties per jaar", "escalations per year"},
      {"reentry_12m_share", K::share, lower, "binnen 12 maanden opnieuw in zorg", "back in care within 12 months"},
      {"transitions_18_per_year", K::count, neutral, "overgangen bij 18 jaar per jaar", "transitions at 18 per year"},
      {"aged_out_lost_per_year", K::count, lower, "uit beeld bij 18 jaar per jaar", "lost at 18 per year"},
      {"aged_out_gap_days_mean", K::days, lower, "gat in de zorg bij 18 jaar, dagen", "gap in care at 18, days"},
      {"cost_eur_per_episode", K::cost, lower, "kosten per hulpvraag, euro", "cost per episode, EUR"},
      // Calibration KPIs (calibration/README.md).
      {"arrivals_per_year", K::count, neutral, "eerste signalen per jaar", "first signals per year"},
      {"referrals_per_year", K::count, neutral, "verwijzingen naar specialistische zorg per jaar",
       "referrals to specialist care per year"},
      {"referrals_share", K::share, neutral, "aandeel van de verwijzingen", "share of referrals"},
      {"starts_share", K::share, neutral, "aandeel van de starts specialistische zorg", "share of specialist care starts"},
      {"youth_in_care_share", K::share, neutral, "jeugdigen in zorg (aandeel)", "youth in care (share)"},
      // Jeugdhulp as CBS Beleidsinformatie Jeugd counts it (calibration/targets/national-cbs.md).
      {"jeugdhulp_starts_per_year", K::count, neutral, "gestarte jeugdhulptrajecten per jaar", "jeugdhulp trajectories started per year"},
      {"jeugdhulp_starts_share", K::share, neutral, "aandeel van de gestarte jeugdhulptrajecten", "share of jeugdhulp trajectories started"},
      {"own_help_starts_share", K::share, neutral, "aandeel jeugdhulp door het team zelf gegeven",
       "share of jeugdhulp the team gives itself"},
      {"jeugdhulp_in_care", K::count, neutral, "jeugdhulptrajecten lopend aan het eind", "jeugdhulp trajectories open at the end"},
      {"jeugdhulp_in_care_share", K::share, neutral, "aandeel van de lopende jeugdhulptrajecten",
       "share of open jeugdhulp trajectories"},
      {"jeugdhulp_years_in_care", K::other, neutral, "gemiddelde duur in jeugdhulp, jaren", "mean time in jeugdhulp, years"},
      {"child_protection_cases", K::count, neutral, "lopende jeugdbeschermingsmaatregelen aan het eind",
       "child-protection measures open at the end"},
  };
  r.insert(r.end(), rest.begin(), rest.end());
  return r;
}

}  // namespace

const std::vector<KpiInfo>& kpi_registry() {
  static const std::vector<KpiInfo> registry = build_registry();
  return registry;
}

const KpiInfo* find_kpi(std::string_view name) {
  for (const KpiInfo& k : kpi_registry())
    if (k.name == name) return &k;
  return nullptr;
}

std::string_view kind_name(KpiKind kind) {
  switch (kind) {
    case KpiKind::share: return "share";
    case KpiKind::days: return "days";
    case KpiKind::count: return "count";
    case KpiKind::cost: return "cost";
    case KpiKind::other: return "other";
  }
  return "other";
}

std::string_view direction_name(KpiDirection direction) {
  switch (direction) {
    case KpiDirection::lower_is_better: return "lower_is_better";
    case KpiDirection::higher_is_better: return "higher_is_better";
    case KpiDirection::neutral: return "neutral";
  }
  return "neutral";
}

const std::vector<HeadlineKpi>& headline_kpis() {
  static const std::vector<HeadlineKpi> kpis = {
      {"intake_wait_days_mean", "all", "wait to intake, days (mean)", 1, 1},
      {"intake_wait_days_p90", "all", "wait to intake, days (90th pct)", 1, 1},
      {"intake_wait_within_norm_share", "all", "intakes within norm (share)", 3, 1},
      {"specialist_from_signal_days_mean", "all", "signal to specialist care, days", 1, 1},
      {"professionals_per_family", "all", "professionals per family", 2, 1},
      {"intakes_per_family", "all", "intakes per family", 2, 1},
      {"plans_per_family", "all", "plans per family", 2, 1},
      {"handoffs_per_family", "all", "hand-offs per family", 2, 1},
      {"single_regisseur_share", "all", "one regisseur throughout (share)", 3, 1},
      {"never_assessed_share", "all", "safety risk never assessed (share)", 3, 1},
      {"reentry_12m_share", "all", "re-entry within 12 months (share)", 3, 1},
      {"cost_eur_per_year", "total", "cost per year, EUR million", 2, 1e-6},
  };
  return kpis;
}

std::string kpi_registry_json() {
  nlohmann::ordered_json j;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const KpiInfo& k : kpi_registry()) {
    nlohmann::ordered_json e;
    e["name"] = k.name;
    e["kind"] = kind_name(k.kind);
    e["direction"] = direction_name(k.direction);
    e["name_nl"] = k.name_nl;
    e["name_en"] = k.name_en;
    list.push_back(e);
  }
  j["kpis"] = list;
  nlohmann::ordered_json headline = nlohmann::ordered_json::array();
  for (const HeadlineKpi& h : headline_kpis()) {
    nlohmann::ordered_json e;
    e["kpi"] = h.kpi;
    e["group"] = h.group;
    e["decimals"] = h.decimals;
    e["scale"] = h.scale;
    headline.push_back(e);
  }
  j["headline"] = headline;
  return j.dump(2) + "\n";
}

}  // namespace jeugdsim::experiment
