// Integration: the shipped scenarios load and run, and scenarios are compared under common
// random numbers (the same family arrives at the same moment with the same needs).
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "CareTestSupport.hpp"
#include "scenario/CareScenario.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::care::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(JEUGDSIM_SOURCE_DIR) / "scenarios";

// Loads a shipped scenario with a short horizon (the same overrides the CLI's --set applies).
CareParameters load_short(const fs::path& file, double horizon_days = 365, double warmup_days = 100) {
  scenario::Diagnostics diags;
  auto doc = scenario::ScenarioDocument::load(file, diags);
  EXPECT_TRUE(doc.has_value()) << diags.format_all();
  if (!doc) return {};
  EXPECT_TRUE(doc->apply_override("simulation.horizon_days", std::to_string(horizon_days), diags));
  EXPECT_TRUE(doc->apply_override("simulation.warmup_days", std::to_string(warmup_days), diags));
  auto params = scenario::read_care_parameters(*doc, diags);
  EXPECT_TRUE(params.has_value()) << diags.format_all();
  return params ? *params : CareParameters{};
}

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kScenarios))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CareScenarios, EveryShippedScenarioRunsAndConservesFamilies) {
  const auto files = shipped_scenarios();
  ASSERT_GE(files.size(), 2u);
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    const CareParameters p = load_short(file);
    if (::testing::Test::HasFailure()) continue;
    // CareResults throws on a conservation violation: completing the run is the check.
    RunOutput out;
    ASSERT_NO_THROW(out = run(p));
    EXPECT_GT(out.kpi("families_entered"), 0.0);
    double left = 0;
    for (const KpiValue& k : out.result.kpis)
      if (k.kpi == "families_left") left += k.value;
    EXPECT_EQ(out.kpi("episodes_entered"),
              out.kpi("families_closed") + left + out.kpi("families_waiting") + out.kpi("families_in_care"));
    EXPECT_GT(out.kpi("intakes_per_family"), 0.0);
  }
}

TEST(CareScenarios, IntegratedAndSplitSeeTheSameFamilies) {
  const CareParameters integrated = load_short(kScenarios / "integrated.toml");
  const CareParameters split = load_short(kScenarios / "split-jeugd-ouder.toml");
  ASSERT_FALSE(::testing::Test::HasFailure());
  ASSERT_EQ(integrated.simulation.seed, split.simulation.seed);
  const RunOutput a = run(integrated), b = run(split);
  auto signals = [](const RunOutput& o) {
    std::vector<std::pair<std::uint64_t, double>> out;
    for (const EventLogRecord& r : o.rows(Activity::signal)) out.emplace_back(r.family, r.time);
    return out;
  };
  const auto sa = signals(a), sb = signals(b);
  ASSERT_GT(sa.size(), 200u);
  EXPECT_EQ(sa, sb);
  const auto fa = a.first_signals(), fb = b.first_signals();
  ASSERT_EQ(fa.size(), fb.size());
  for (const auto& [family, x] : fa) {
    const auto it = fb.find(family);
    ASSERT_NE(it, fb.end());
    const FamilyArrivalRecord& y = it->second;
    EXPECT_EQ(x.time, y.time);
    EXPECT_EQ(x.channel, y.channel);
    EXPECT_EQ(x.present, y.present) << "family " << family;
    EXPECT_EQ(x.presented, y.presented) << "family " << family;
    EXPECT_EQ(x.severity, y.severity) << "family " << family;
    EXPECT_EQ(x.index_child_birth, y.index_child_birth) << "family " << family;
  }
}

TEST(CareScenarios, SplitMeansAtLeastAsManyIntakesAndProfessionalsAsIntegrated) {
  // Why this must hold: under common random numbers both designs see the same families with
  // the same needs and the same specialist referral draws. Integrated, a family's needs are
  // handled by one team: one intake, one worker (plus reassignments and specialists, which
  // both designs share). Split, every family gets that same first intake and worker, and in
  // addition a second intake and a second worker whenever a known need lies outside the first
  // team's coverage (parents' needs at the youth team, children's at the adult team), and a
  // new intake at 18 (cold handover). Nothing in the split design removes an intake, so the
  // means can only be higher, up to noise from capacity effects, which these margins exceed.
  const CareParameters integrated = load_short(kScenarios / "integrated.toml", 730, 365);
  const CareParameters split = load_short(kScenarios / "split-jeugd-ouder.toml", 730, 365);
  ASSERT_FALSE(::testing::Test::HasFailure());
  double intakes_i = 0, intakes_s = 0, prof_i = 0, prof_s = 0, plans_i = 0, plans_s = 0, hand_i = 0, hand_s = 0;
  constexpr std::uint32_t kReplications = 3;
  for (std::uint32_t rep = 0; rep < kReplications; ++rep) {
    const RunOutput a = run(integrated, rep), b = run(split, rep);
    intakes_i += a.kpi("intakes_per_family");
    intakes_s += b.kpi("intakes_per_family");
    prof_i += a.kpi("professionals_per_family");
    prof_s += b.kpi("professionals_per_family");
    plans_i += a.kpi("plans_per_family");
    plans_s += b.kpi("plans_per_family");
    hand_i += a.kpi("handoffs_per_family");
    hand_s += b.kpi("handoffs_per_family");
  }
  EXPECT_GE(intakes_s, intakes_i);
  EXPECT_GE(prof_s, prof_i);
  EXPECT_GE(plans_s, plans_i);
  EXPECT_GT(hand_s, hand_i);
}

TEST(CareScenarios, AnotherChannelDoesNotChangeAFamilysHistory) {
  // Common random numbers per family and decision: families of channel "door" must live the
  // same history whether or not another channel also sends families (to other providers).
  // Draws keyed by anything shared between families (a slot index, an arrival order across
  // channels) would break this.
  CareParameters p = minimal_parameters();
  p.providers.push_back(provider("ambulant", -1, 40));
  p.providers.push_back(provider("residential", -1, 60));
  p.providers.push_back(provider("other", -1, 25));
  p.providers[0].step_up_to = 1;
  p.providers[0].step_up_probability = 0.5;
  p.providers[2].step_up_to = 1;
  p.providers[2].step_up_probability = 0.5;
  p.referrals[index_of(Domain::child_parenting)] = Referral{0, {0.5, 0.5, 0.5}};
  p.teams[0].support_days = DurationDistribution::exponential(60);
  p.teams[0].intake_elapsed_days = DurationDistribution::exponential(7);
  p.reentry.base_probability = 0.3;
  CareParameters with_other = p;
  Channel other = p.channels[0];
  other.name = "other";
  other.routes = {route_to(Route::Target::provider, 2)};
  with_other.channels.push_back(other);

  const RunOutput a = run(p), b = run(with_other);
  auto history = [](const RunOutput& o, std::uint64_t door_key) {
    std::vector<std::tuple<std::uint64_t, std::uint32_t, double, int, int, int, int>> out;
    for (const EventLogRecord& r : o.log)
      if ((r.family >> 32) == door_key)
        out.emplace_back(r.family, r.episode, r.time, static_cast<int>(r.activity), static_cast<int>(r.lifecycle),
                         r.team, r.provider);
    return out;
  };
  const std::uint64_t door_key = a.log.front().family >> 32;
  const auto ha = history(a, door_key), hb = history(b, door_key);
  ASSERT_GT(ha.size(), 500u);
  ASSERT_GT(b.rows(Activity::specialist_care).size(), a.rows(Activity::specialist_care).size());
  EXPECT_EQ(ha.size(), hb.size());
  std::size_t first_difference = 0;
  while (first_difference < std::min(ha.size(), hb.size()) && ha[first_difference] == hb[first_difference])
    ++first_difference;
  EXPECT_EQ(first_difference, ha.size()) << "histories differ from row " << first_difference;
}

}  // namespace
}  // namespace jeugdsim::care::testing
