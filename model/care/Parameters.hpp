#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "care/Domain.hpp"
#include "engine/distributions/DurationDistribution.hpp"

namespace jeugdsim::care {

using engine::DurationDistribution;

// The resolved, validated parameter set of one scenario: everything the care model reads.
// Built from a scenario file by scenario::load_care_scenario; every default number lives in
// the scenario files, none in code. Names of teams, providers, channels and triage steps are
// resolved to indices here so the hot path never touches a string.

struct SimulationSettings {
  double horizon_days = 0;        // measured period after the warm-up
  double warmup_days = 0;
  bool warmup_auto = false;       // MSER-5 on the intake-wait series (experiment layer)
  int replications = 1;
  std::uint64_t seed = 0;
  double intake_norm_days = 28;
  double specialist_norm_days = 70;   // from first signal to the start of specialist care
  double timeseries_interval_days = 30;
};

struct PopulationSettings {
  double inhabitants = 0;
  double youth_share = 0;
  std::vector<double> children_per_family_weights;  // for 1, 2, 3, 4 children
  double two_parent_share = 0;
  std::vector<double> index_child_age_weights;      // ages 0..17
  double network_strength_mean = 0.5;               // social network strength in [0, 1]
  double youth() const { return inhabitants * youth_share; }
};

struct DomainMix {
  double probability = 0;
  std::array<double, 3> severity_weights{1, 0, 0};  // light, moderate, severe
  double presented = 1;                              // chance the family names it at the door
};

struct NeedMix {
  std::string name;
  std::array<DomainMix, kNeedDomainCount> domains{};
  double safety_elevated = 0;
  double safety_acute = 0;
  double safety_presented = 1;
};

// A condition on what the family presents at the door (only presented domains are visible).
struct RouteCondition {
  enum class Kind : std::uint8_t {
    always,
    presented_only,    // some domain presented, and every presented domain is in `mask`
    presented_any,     // at least one presented domain in `mask`
    presented_none,    // no presented domain in `mask`
    safety_at_least,   // presented safety level >= level
  };
  Kind kind = Kind::always;
  std::uint16_t mask = 0;
  std::uint8_t level = 0;
  std::string text;  // as written in the scenario, for messages
};

struct Route {
  enum class Target : std::uint8_t { team, provider, triage, none };
  Target target = Target::none;
  int index = -1;  // team, provider or triage index
  double share = 1;
  RouteCondition when;
  std::string target_text;
};

struct Channel {
  std::string name;
  double rate_per_1000_youth_per_year = 0;
  std::array<double, 12> seasonality{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double trend_per_year = 0;
  int need_mix = 0;
  bool overrides_safety = false;  // channel-specific safety levels (e.g. Veilig Thuis)
  double safety_elevated = 0;
  double safety_acute = 0;
  std::vector<Route> routes;
};

// A routing step after the door: Veilig Thuis triage, or phone triage that assigns a team
// from the presented domains only (the JOT + gezinsregisseurs design).
struct Triage {
  std::string name;
  DurationDistribution delay_days = DurationDistribution::constant(0);
  bool assesses_safety = false;     // the step itself assesses safety (Veilig Thuis)
  double advice_only_share = 0;     // families sent away with advice only (closed)
  std::vector<Route> routes;
};

enum class AcceptRule : std::uint8_t { cap_and_hours, cap, hours, none };
enum class SafetyAssessmentPolicy : std::uint8_t { always, child_teams, when_presented, never };
enum class HandoverAt18 : std::uint8_t { warm, cold, lost };

struct PhaseHours {
  double active = 0;       // light help by the worker, per week
  double monitoring = 0;   // while the family is in specialist care
  double bridging = 0;     // while the family waits for specialist care
  double coordination = 0; // per family shared with another team, per worker
};

struct Team {
  std::string name;
  std::uint16_t coverage_mask = 0;  // domains the team may work on
  int workers = 0;
  double fte_per_worker = 1;
  double hours_per_fte_per_week = 36;
  double direct_share = 0.6;
  double caseload_cap_per_fte = 0;  // open cases per FTE; used by the cap rule
  AcceptRule accept_rule = AcceptRule::cap_and_hours;
  SafetyAssessmentPolicy safety_assessment = SafetyAssessmentPolicy::always;
  double intake_worker_hours = 6;
  DurationDistribution intake_elapsed_days = DurationDistribution::constant(14);
  int intake_contacts = 3;
  double discovery_per_contact = 0.3;
  PhaseHours phase_hours;
  DurationDistribution support_days = DurationDistribution::constant(180);
  std::array<double, 3> support_severity_factor{1, 1, 1};  // light, moderate, severe
  double review_interval_days = 91;
  double step_up_per_review = 0;  // chance a light-help domain is referred on at a review
  // Multiplies the referral probabilities of [referrals] for this team's cases (capped at 1):
  // above 1 for a team that mostly refers (a GI under a measure), below 1 for a team that brings
  // specialists in.
  double referral_factor = 1;
  // The team's own cases are child-protection or probation measures (a GI): CBS counts them as
  // jeugdbescherming, not as jeugdhulp trajectories (calibration/targets/national-cbs.md).
  bool child_protection = false;
  double cost_per_fte_per_year_eur = 0;
  // Where this team sends a known need outside its coverage (-1: nowhere, left unaddressed).
  int hand_off_child = -1;
  int hand_off_parent = -1;
  int hand_off_safety = -1;
  HandoverAt18 handover_at_18 = HandoverAt18::warm;
  int adult_team = -1;  // for a cold handover
  bool covers(Domain d) const { return (coverage_mask & bit_of(d)) != 0; }
  double available_hours_per_week(double fte) const {
    return fte * hours_per_fte_per_week * direct_share;
  }
};

struct Provider {
  std::string name;
  bool unlimited = false;
  int places = 0;
  DurationDistribution duration_days = DurationDistribution::constant(180);
  double cost_per_day_eur = 0;
  double cost_per_trajectory_eur = 0;
  bool safety_first = true;      // priority queue by safety level, FIFO within a level
  int step_up_to = -1;           // heavier care after this trajectory (escalation)
  double step_up_probability = 0;
  int step_down_to = -1;         // lighter care after this trajectory
  double step_down_probability = 0;
  bool counts_as_intake = true;  // a specialist intake: the family tells its story again
};

struct Referral {
  int provider = -1;
  std::array<double, 3> probability{0, 0, 0};  // by severity (for safety: index 1 elevated, 2 acute)
};

struct WaitingSettings {
  double reneging_per_year = 0;       // hazard of dropping out of an intake queue
  double deterioration_per_year = 0;  // hazard that a waiting family's needs worsen
  int crisis_provider = -1;           // crisis care on an acute safety level while waiting
};

struct WorkforceSettings {
  double sickness_spells_per_fte_per_year = 0;
  DurationDistribution sickness_days = DurationDistribution::constant(10);
  double turnover_per_year = 0;
  DurationDistribution vacancy_days = DurationDistribution::constant(90);
};

struct CoordinationSettings {
  bool shared_file = true;
  double consent_delay_days = 0;  // before a referral to another team can be sent
  double hand_off_loss_share = 0; // referrals between teams that never arrive
};

struct ReentrySettings {
  double base_probability = 0;
  DurationDistribution delay_days = DurationDistribution::constant(200);
  double unaddressed_parent_factor = 1;  // multiplies relapse and escalation risks
  double unaddressed_child_factor = 1;
  double network_protection = 0;          // relapse risk x (1 - protection * strength)
  int channel = 0;                        // through which channel a re-entry comes back
};

// A declared uncertain assumption: the value at `key` with its range for sensitivity analysis.
struct Assumption {
  std::string name;
  std::string key;
  double base = 0, low = 0, high = 0;
  std::string note;
};

struct CareParameters {
  std::string name;
  SimulationSettings simulation;
  PopulationSettings population;
  std::vector<NeedMix> need_mixes;
  std::vector<Channel> channels;
  std::vector<Triage> triages;
  std::vector<Team> teams;
  std::vector<Provider> providers;
  std::array<Referral, kDomainCount> referrals{};
  WaitingSettings waiting;
  WorkforceSettings workforce;
  CoordinationSettings coordination;
  ReentrySettings reentry;
  std::vector<Assumption> assumptions;
};

}  // namespace jeugdsim::care
