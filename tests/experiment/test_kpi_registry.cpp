// The KPI registry: every KPI the model produces has metadata, the kinds agree with the values
// the model produces, and the report's copy (report/kpis.json) is the registry's own output.
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "experiment/ExperimentTestSupport.hpp"
#include "experiment/KpiRegistry.hpp"
#include "experiment/ReplicationRunner.hpp"

namespace jeugdsim::experiment {
namespace {

std::vector<care::ReplicationResult> sample(const std::string& scenario) {
  RunnerOptions options;
  options.range = {0, 2};
  options.threads = 1;
  options.warmup_days = 30;
  return run_replications(test_support::load_test_scenario(scenario), options).results;
}

// Fails when the model gains a KPI without metadata: add it to model/experiment/KpiRegistry.cpp
// (and regenerate report/kpis.json with `jeugdsim kpis --json`).
TEST(KpiRegistry, EveryKpiTheModelProducesHasAnEntry) {
  std::set<std::string> produced;
  for (const std::string scenario : {"tiny.toml", "network.toml", "mmc.toml"})
    for (const auto& r : sample(scenario))
      for (const auto& k : r.kpis) produced.insert(k.kpi);
  ASSERT_GT(produced.size(), 40u);
  for (const auto& name : produced) {
    const KpiInfo* info = find_kpi(name);
    ASSERT_NE(info, nullptr) << "KPI " << name << " has no entry in the KPI registry";
    EXPECT_FALSE(info->name_nl.empty()) << name;
    EXPECT_FALSE(info->name_en.empty()) << name;
  }
  // And the registry lists nothing the model does not produce (no stale entries).
  for (const auto& k : kpi_registry()) EXPECT_TRUE(produced.count(k.name)) << k.name << " is not produced";
}

TEST(KpiRegistry, NamesAreUniqueAndUnknownNamesAreNotFound) {
  std::set<std::string> names, nl, en;
  for (const auto& k : kpi_registry()) {
    EXPECT_TRUE(names.insert(k.name).second) << "duplicate " << k.name;
    EXPECT_TRUE(nl.insert(k.name_nl).second) << "duplicate Dutch name " << k.name_nl;
    EXPECT_TRUE(en.insert(k.name_en).second) << "duplicate English name " << k.name_en;
  }
  EXPECT_EQ(find_kpi("no_such_kpi"), nullptr);
  EXPECT_EQ(find_kpi("intake_wait_days_p90")->kind, KpiKind::days);
  EXPECT_EQ(find_kpi("intake_wait_within_norm_share")->direction, KpiDirection::higher_is_better);
}

// The kinds say what the values are: shares lie in [0, 1], and days, counts and costs are never
// negative, in every replication of the test scenarios.
TEST(KpiRegistry, KindsAgreeWithTheValues) {
  for (const std::string scenario : {"tiny.toml", "network.toml"})
    for (const auto& r : sample(scenario))
      for (const auto& k : r.kpis) {
        if (!std::isfinite(k.value)) continue;
        const KpiInfo* info = find_kpi(k.kpi);
        ASSERT_NE(info, nullptr) << k.kpi;
        if (info->kind == KpiKind::share) {
          EXPECT_GE(k.value, 0.0) << k.kpi << " " << k.group;
          EXPECT_LE(k.value, 1.0) << k.kpi << " " << k.group;
        } else if (info->kind != KpiKind::other) {
          EXPECT_GE(k.value, 0.0) << k.kpi << " " << k.group;
        }
      }
}

TEST(KpiRegistry, HeadlineKpisAreRegistered) {
  ASSERT_FALSE(headline_kpis().empty());
  for (const auto& h : headline_kpis()) {
    EXPECT_NE(find_kpi(h.kpi), nullptr) << h.kpi;
    EXPECT_FALSE(h.label.empty());
  }
}

TEST(KpiRegistry, JsonListsEveryEntry) {
  const auto j = nlohmann::json::parse(kpi_registry_json());
  ASSERT_EQ(j["kpis"].size(), kpi_registry().size());
  for (std::size_t i = 0; i < kpi_registry().size(); ++i) {
    const auto& k = kpi_registry()[i];
    EXPECT_EQ(j["kpis"][i]["name"], k.name);
    EXPECT_EQ(j["kpis"][i]["kind"], std::string(kind_name(k.kind)));
    EXPECT_EQ(j["kpis"][i]["direction"], std::string(direction_name(k.direction)));
    EXPECT_EQ(j["kpis"][i]["name_nl"], k.name_nl);
    EXPECT_EQ(j["kpis"][i]["name_en"], k.name_en);
  }
  EXPECT_EQ(j["headline"].size(), headline_kpis().size());
}

// The report reads display names from report/kpis.json: it must be the registry's output
// (regenerate with `jeugdsim kpis --json > report/kpis.json`).
TEST(KpiRegistry, ReportCopyIsUpToDate) {
  std::ifstream in(std::string(JEUGDSIM_SOURCE_DIR) + "/report/kpis.json", std::ios::binary);
  ASSERT_TRUE(in.good()) << "report/kpis.json is missing";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), kpi_registry_json()) << "report/kpis.json is stale: run jeugdsim kpis --json > report/kpis.json";
}

}  // namespace
}  // namespace jeugdsim::experiment
