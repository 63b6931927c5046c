// Capacity planning and calibration building blocks: target parsing, the FTE mapping, Erlang C,
// the search on a synthetic model with a known answer, Nelder-Mead and the targets file reader.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "experiment/CapacityPlan.hpp"
#include "experiment/Calibration.hpp"
#include "experiment/NelderMead.hpp"
#include "experiment/ExperimentTestSupport.hpp"

namespace jeugdsim::experiment {
namespace {

TEST(PlanTarget, ParsesOperatorsAndGroups) {
  auto t = parse_plan_target("intake_wait_days_p90 <= 28");
  EXPECT_EQ(t.kpi, "intake_wait_days_p90");
  EXPECT_EQ(t.group, "");
  EXPECT_EQ(t.direction, TargetDirection::at_most);
  EXPECT_DOUBLE_EQ(t.value, 28);
  t = parse_plan_target("intake_wait_within_norm_share[team:jeugd]>=0.9");
  EXPECT_EQ(t.group, "team:jeugd");
  EXPECT_EQ(t.direction, TargetDirection::at_least);
  t = parse_plan_target("caseload_per_fte_mean@team:wijkteam <= 18");
  EXPECT_EQ(t.kpi, "caseload_per_fte_mean");
  EXPECT_EQ(t.group, "team:wijkteam");
  EXPECT_THROW(parse_plan_target("intake_wait_days_p90 < 28"), std::invalid_argument);
  EXPECT_THROW(parse_plan_target("intake_wait_days_p90 <= soon"), std::invalid_argument);
  EXPECT_THROW(parse_plan_target("<= 3"), std::invalid_argument);
  EXPECT_THROW(parse_plan_target("wait[team:x <= 3"), std::invalid_argument);
}

TEST(PlanTarget, OneSidedBoundDecides) {
  PlanTarget t = parse_plan_target("k <= 10");
  // mean 9, sd 1, n 4: one-sided 95% upper bound = 9 + t(0.95, 3) * 0.5 = 9 + 2.353 * 0.5.
  const auto c = check_target({8, 9, 10, 9}, t);
  EXPECT_NEAR(c.bound, 9 + 2.3534 * std::sqrt(2.0 / 3.0) / 2, 1e-3);
  EXPECT_TRUE(c.meets);
  t.value = 9.5;
  EXPECT_FALSE(check_target({8, 9, 10, 9}, t).meets);
  PlanTarget share = parse_plan_target("s >= 0.8");
  EXPECT_TRUE(check_target({0.9, 0.91, 0.92}, share).meets);
  EXPECT_FALSE(check_target({0.9}, share).meets);  // one replication: no bound, never "meets"
}

TEST(PlanStaffing, FteMapsToPostsOfTheUsualSize) {
  auto s = staffing_for_fte(21.6, 0.8);
  EXPECT_EQ(s.workers, 27);
  EXPECT_NEAR(s.fte_per_worker, 0.8, 1e-12);
  s = staffing_for_fte(21.5, 0.8);
  EXPECT_EQ(s.workers, 27);
  EXPECT_NEAR(s.fte(), 21.5, 1e-12);
  s = staffing_for_fte(0.1, 0.8);
  EXPECT_EQ(s.workers, 1);
  EXPECT_NEAR(s.fte_per_worker, 0.1, 1e-12);
}

TEST(PlanErlang, MatchesTheClassicalFormula) {
  for (int c = 3; c <= 8; ++c)
    EXPECT_NEAR(erlang_c_mean_wait(2.4, 1.0, c), test_support::erlang_c_mean_wait(2.4, 1.0, c), 1e-12) << c;
  EXPECT_TRUE(std::isinf(erlang_c_mean_wait(3.0, 1.0, 3)));
  // Large systems stay finite and sensible (the Erlang B recursion).
  EXPECT_GT(erlang_c_wait_probability(500, 1, 520), 0);
  EXPECT_LT(erlang_c_wait_probability(500, 1, 520), 1);
  // The p-quantile inverts P(W > t) = C exp(-(c mu - lambda) t).
  const double t90 = erlang_c_wait_quantile(2.4, 1.0, 3, 0.9);
  EXPECT_NEAR(erlang_c_wait_probability(2.4, 1.0, 3) * std::exp(-(3 - 2.4) * t90), 0.1, 1e-12);
  // The first guess on an M/M/c load equals Erlang's least c.
  OfferedLoad load;
  load.arrivals_per_day = 2.4;
  load.slot_days = 1;
  load.slots_per_fte = 1;
  load.cases_held = 2.4;
  const auto g = queueing_fte_guess(load, parse_plan_target("intake_wait_days_mean <= 0.2"), 1.0);
  ASSERT_TRUE(g.has_value());
  EXPECT_DOUBLE_EQ(*g, 4.0);  // Wq(3) = 1.08, Wq(4) = 0.179
  EXPECT_FALSE(queueing_fte_guess(load, parse_plan_target("plans_per_family <= 2"), 1.0).has_value());
}

// A synthetic model: KPI = 100 / FTE, with replication noise -0.1, 0, +0.1. The one-sided 95%
// bound is 100/F + t(0.95, 2) * 0.1 / sqrt(3) = 100/F + 0.16863, so "<= 5" first holds at
// F = 20.7 on the 0.1 grid (100/20.6 + 0.169 = 5.023, 100/20.7 + 0.169 = 4.99).
std::vector<care::ReplicationResult> synthetic(double a_fte, double b_fte, bool coupled) {
  std::vector<care::ReplicationResult> out(3);
  const double noise[3] = {-0.1, 0.0, 0.1};
  for (int r = 0; r < 3; ++r) {
    out[r].replication = static_cast<std::uint32_t>(r);
    const double a = 100 / a_fte + (coupled ? 20 / b_fte : 0) + noise[r];
    const double b = 40 / b_fte + noise[r];
    out[r].kpis.push_back({"wait", "team:a", a});
    out[r].kpis.push_back({"wait", "team:b", b});
  }
  return out;
}

TEST(PlanSearch, FindsTheLeastFteOnTheGridWithFewRuns) {
  PlanTeam a;
  a.name = "a";
  a.usual_fte_per_worker = 0.8;
  a.current = {10, 0.8};
  a.guess_index = 150;  // a poor first guess: 15 FTE
  a.max_index = 800;
  PlanTarget t = parse_plan_target("wait <= 5");
  t.group = "team:a";
  t.team = 0;
  int runs = 0;
  std::set<double> seen;
  CapacityPlanner planner({a}, {t}, PlanSettings{}, [&](const std::vector<Staffing>& s) {
    ++runs;
    EXPECT_TRUE(seen.insert(std::round(s[0].fte() * 10)).second) << "an FTE level was run twice";
    return synthetic(s[0].fte(), 1.0, false);
  });
  const auto out = planner.run();
  ASSERT_TRUE(out.feasible);
  EXPECT_NEAR(out.answers[0].staffing.fte(), 20.7, 1e-9);
  EXPECT_EQ(out.answers[0].staffing.workers, 26);
  ASSERT_TRUE(out.answers[0].has_below);
  EXPECT_NEAR(out.answers[0].below.fte(), 20.6, 1e-9);
  EXPECT_GT(out.answers[0].below_bound, 5);
  EXPECT_LE(runs, 14);
}

TEST(PlanSearch, InfeasibleAtTheMaximumIsReported) {
  PlanTeam a;
  a.name = "a";
  a.usual_fte_per_worker = 1;
  a.current = {5, 1};
  a.guess_index = 5;
  a.max_index = 50;
  PlanTarget t = parse_plan_target("wait <= 1");  // needs F > 100
  t.group = "team:a";
  t.team = 0;
  PlanSettings s;
  s.whole_workers = true;
  CapacityPlanner planner({a}, {t}, s, [&](const std::vector<Staffing>& st) { return synthetic(st[0].fte(), 1, false); });
  const auto out = planner.run();
  EXPECT_FALSE(out.feasible);
  EXPECT_FALSE(out.answers[0].feasible);
  EXPECT_EQ(out.answers[0].staffing.workers, 50);
  EXPECT_EQ(out.answers[0].below_target, 0);
}

TEST(PlanSearch, CoordinateWiseForInteractingTeams) {
  // Team a's wait also falls with team b's staff (hand-offs): a = 100/Fa + 20/Fb, b = 40/Fb.
  PlanTeam a, b;
  a.name = "a";
  b.name = "b";
  a.usual_fte_per_worker = b.usual_fte_per_worker = 1;
  a.current = b.current = {10, 1};
  a.guess_index = b.guess_index = 10;
  a.max_index = b.max_index = 200;
  PlanTarget ta = parse_plan_target("wait <= 7"), tb = parse_plan_target("wait <= 5");
  ta.group = "team:a";
  ta.team = 0;
  tb.group = "team:b";
  tb.team = 1;
  PlanSettings s;
  s.whole_workers = true;
  CapacityPlanner planner({a, b}, {ta, tb}, s,
                          [&](const std::vector<Staffing>& st) { return synthetic(st[0].fte(), st[1].fte(), true); });
  const auto out = planner.run();
  ASSERT_TRUE(out.feasible);
  EXPECT_TRUE(out.converged);
  // b: 40/Fb + 0.169 <= 5 -> Fb = 9; a: 100/Fa + 20/9 + 0.169 <= 7 -> Fa = 22.
  EXPECT_EQ(out.answers[1].staffing.workers, 9);
  EXPECT_EQ(out.answers[0].staffing.workers, 22);
}

TEST(NelderMead, MinimisesAQuadratic) {
  auto f = [](const Eigen::VectorXd& x) { return (x(0) - 1) * (x(0) - 1) + 10 * (x(1) + 2) * (x(1) + 2); };
  NelderMeadOptions o;
  o.max_evaluations = 400;
  o.x_tolerance = 1e-7;
  o.f_tolerance = 1e-12;
  const auto r = nelder_mead(f, Eigen::Vector2d(0, 0), o);
  EXPECT_NEAR(r.x(0), 1, 1e-3);
  EXPECT_NEAR(r.x(1), -2, 1e-3);
  EXPECT_LE(r.evaluations, 400);
}

TEST(Calibration, BoundedTransformRoundTrips) {
  FreeParameter p;
  p.low = 10;
  p.high = 30;
  for (double x : {10.5, 17.0, 29.5}) EXPECT_NEAR(bounded_value(unbounded_value(x, p), p), x, 1e-9);
  EXPECT_GT(bounded_value(-50, p), 10 - 1e-12);
  EXPECT_LT(bounded_value(50, p), 30 + 1e-12);
}

TEST(Calibration, ReadsTargetsAndReportsBadRowsWithLineAndColumn) {
  const auto path = std::filesystem::temp_directory_path() / ("jeugdsim-targets-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "# comment\n"
                         "kpi,group,value,low,high,year,population_base,source\n"
                         "arrivals_per_year,channel:gp,20,18,22,2021,per_1000_youth,\"CBS, table 1\"\n"
                         "arrivals_per_year,channel:gp,-1,,,2021,absolute,CBS\n"
                         "arrivals_per_year,channel:gp,5,6,4,2021,absolute,CBS\n"
                         "arrivals_per_year,channel:gp,five,,,2021,absolute,CBS\n"
                         "arrivals_per_year,channel:gp,5,,,2021,absolute,\n"
                         "arrivals_per_year,channel:gp,5,,,21,per_person,CBS\n";
  scenario::Diagnostics d;
  const auto targets = read_calibration_targets(path, d);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].source, "CBS, table 1");
  EXPECT_EQ(targets[0].base, PopulationBase::per_1000_youth);
  EXPECT_EQ(targets[0].line, 3u);
  const std::string all = d.format_all();
  const std::string f = path.string();
  EXPECT_NE(all.find(f + ":4: column value: -1 is negative"), std::string::npos) << all;
  EXPECT_NE(all.find(f + ":5: column low: low 6 is above high 4"), std::string::npos) << all;
  EXPECT_NE(all.find(f + ":6: column value: \"five\" is not a number"), std::string::npos) << all;
  EXPECT_NE(all.find(f + ":7: column source: missing"), std::string::npos) << all;
  EXPECT_NE(all.find(f + ":8: column year:"), std::string::npos) << all;
  EXPECT_NE(all.find(f + ":8: column population_base:"), std::string::npos) << all;
  // Unknown KPI and group, judged against what the model produces.
  care::ReplicationResult r;
  r.kpis.push_back({"arrivals_per_year", "channel:gp", 1});
  CalibrationTarget unknown = targets[0];
  unknown.kpi = "arrivals_per_decade";
  CalibrationTarget group = targets[0];
  group.group = "channel:gp+channel:fax";
  scenario::Diagnostics d2;
  check_target_names({targets[0], unknown, group}, {r}, d2);
  EXPECT_EQ(d2.count(), 2u) << d2.format_all();
  EXPECT_NE(d2.format_all().find(":3: column kpi: unknown KPI \"arrivals_per_decade\""), std::string::npos);
  EXPECT_NE(d2.format_all().find(":3: column group: KPI arrivals_per_year has no group \"channel:fax\""), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace jeugdsim::experiment
