#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace jeugdsim::experiment {

// What every layer needs to know about a KPI besides its values: what kind of number it is,
// which way is better, and how to call it for readers. The one place for this: `plan` (which
// targets can hold), the console headline table, `jeugdsim kpis --json` and through it the
// council report (report/kpis.json) read it. Every KPI the model produces
// (model/care/CareResults.cpp) has an entry; tests/experiment/test_kpi_registry.cpp checks that.

enum class KpiKind { share, days, count, cost, other };
// share: between 0 and 1; days: a duration; count: a number of families, cases, events (or
// such a number per year or per family); cost: euros; other: FTE, hours, caseloads.
enum class KpiDirection { lower_is_better, higher_is_better, neutral };

struct KpiInfo {
  std::string name;  // as in kpis.csv
  KpiKind kind = KpiKind::other;
  KpiDirection direction = KpiDirection::neutral;
  std::string name_nl;  // for council-facing output (plain Dutch)
  std::string name_en;
};

// Every KPI, in the order the model writes them.
const std::vector<KpiInfo>& kpi_registry();
// The entry for `name`, or nullptr when the model has no such KPI.
const KpiInfo* find_kpi(std::string_view name);

std::string_view kind_name(KpiKind kind);            // "share", "days", "count", "cost", "other"
std::string_view direction_name(KpiDirection direction);  // "lower_is_better", "higher_is_better", "neutral"

// The KPIs shown on the console after a run or comparison (all are in the CSV files), in order.
struct HeadlineKpi {
  std::string kpi;
  std::string group;
  std::string label;   // console label (English; may be shorter than the KPI's name_en)
  int decimals = 2;
  double scale = 1;    // shown value = value x scale (cost in EUR million)
};
const std::vector<HeadlineKpi>& headline_kpis();

// The registry as JSON (`jeugdsim kpis --json`, report/kpis.json): an array of
// {name, kind, direction, name_nl, name_en}, then the headline list.
std::string kpi_registry_json();

}  // namespace jeugdsim::experiment
