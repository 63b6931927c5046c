#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "care/Parameters.hpp"
#include "care/ReplicationResult.hpp"

namespace jeugdsim::experiment {

// The thresholds of result_plausibility(): diagnostics, not model numbers, so they live here.
struct ResultPlausibilityCriteria {
  // Fewer episodes than this entering the measured period per replication (on average): every
  // KPI then rests on a handful of families.
  double min_episodes_per_replication = 30;
  // A share that is exactly 0 or 1 in every replication, over fewer families (or events) than
  // this per replication, says more about the measured period than about the organisation.
  double min_share_denominator = 10;
};

// Warnings about a run's results that point at its set-up rather than at the organisation
// (the plausibility checks after a run; those on the scenario itself are in
// scenario/Plausibility.hpp). Each names the KPIs and the likely cause, and the checks look at
// the overall KPIs (group "all" or "total", those of the headline table) so a large scenario
// with one quiet provider stays quiet:
// - very few episodes entered the measured period;
// - KPIs with no observations in any replication (n = 0 in summary.csv), or in only some; one
//   warning per cause (e.g. "no family's episode ended" empties every per-family KPI). Not
//   aged_out_gap_days_mean: only a cold handover at 18 has a gap, so n = 0 is normal without one;
// - teams with no intakes and providers with no starts in any replication, in one warning;
// - a share that is exactly 0 or 1 in every replication while its denominator was tiny.
// The care layer writes NaN for a share whose denominator is 0 (CareResults.cpp, share()), so
// n tells the zero-denominator case exactly. A small denominator is not in the results; it is
// bounded from the count KPIs written beside the share (families_closed, episodes_entered,
// intakes_per_year, starts_per_year, ...), and shares without such a count (youth_in_care_share,
// the time shares) are not checked.
// `horizon_days` is the measured period (turns the *_per_year counts back into counts).
// `crisis_provider_group` ("provider:NAME" of [waiting] crisis_provider, or empty): only crises
// reach it, and crises arise only while a family waits, so with short waits it has no starts at
// all; that is no routing mistake and is not warned about when no crisis happened. The
// strings have no "warning:" prefix and no newline; format_warnings() adds them.
std::vector<std::string> result_plausibility(const std::vector<care::ReplicationResult>& results,
                                             double horizon_days, std::string_view crisis_provider_group = {},
                                             const ResultPlausibilityCriteria& criteria = {});

// The group of the scenario's crisis provider ("provider:NAME"), or empty when it has none.
std::string crisis_provider_group(const care::CareParameters& parameters);

// "warning: SCENARIO: WARNING\n" for each warning, for stderr; empty if none.
std::string format_warnings(const std::string& scenario_id, const std::vector<std::string>& warnings);

}  // namespace jeugdsim::experiment
