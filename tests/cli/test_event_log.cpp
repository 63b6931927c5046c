// event-log.csv is usable by process-mining tools (pm4py, bupaR): checked on the file the real
// binary writes (`jeugdsim run --event-log 0,1`) for every shipped scenario and the test data.
//  - the documented header, nine fields per row, known activities and lifecycles, finite times;
//  - per case (replication, case_id): timestamps never decrease, episodes count up from 0 one
//    at a time, the case starts with its one `signal` (case ids are unique per family) and each
//    later episode with a `reentry`;
//  - lifecycles: activities that take time (queues, triage, intake, light help, specialist care,
//    hand-offs, reassignments) have a start and a complete, paired first in first out within
//    the case's episode (and team or provider where the activity belongs to one); instant
//    activities only complete. Every start is completed before its episode ends; only
//    episodes still open at the horizon may hold unfinished starts.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "io/ResultReader.hpp"
#include "scenario/CareScenario.hpp"

namespace {

namespace fs = std::filesystem;

const std::set<std::string> kDurative = {"triage",          "intake_queue", "intake",   "light_help",
                                         "specialist_queue", "specialist_care", "hand_off", "reassignment"};
const std::set<std::string> kInstant = {"signal", "plan",       "referral", "review",  "safety_assessment",
                                        "turned_18", "closure", "reneged",  "crisis", "reentry"};

struct Row {
  std::string replication, case_id, activity, lifecycle, team, provider, worker;
  std::uint32_t episode = 0;
  double time = 0;
  std::size_t line = 0;
};

std::vector<fs::path> scenario_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(JEUGDSIM_SOURCE_DIR) / "scenarios"))
    if (e.path().extension() == ".toml") out.push_back(e.path());
  for (const char* f : {"tiny.toml", "network.toml", "mmc.toml"})
    out.push_back(fs::path(JEUGDSIM_SOURCE_DIR) / "tests/data" / f);
  std::sort(out.begin(), out.end());
  return out;
}

class EventLog : public ::testing::TestWithParam<fs::path> {
 protected:
  EventLog() {
    std::string name("jeugdsim-eventlog-");
    name.append(GetParam().stem().string()).append("-").append(std::to_string(::getpid()));
    root = fs::temp_directory_path() / name;
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~EventLog() override {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  fs::path root;
};

TEST_P(EventLog, IsUsableByProcessMiningTools) {
  const fs::path out = root / "run";
  // Short horizons keep the file small (about 3,000 families at most: shorter still for the
  // regional and national scenarios); the warm-up lets families age, re-enter and turn 18.
  double per_day = 0;
  {
    jeugdsim::scenario::Diagnostics diags;
    const auto loaded = jeugdsim::scenario::load_care_scenario(GetParam(), diags);
    ASSERT_TRUE(loaded.has_value()) << diags.format_all();
    const auto& p = loaded->parameters;
    for (const auto& c : p.channels)
      per_day += c.rate_per_1000_youth_per_year * p.population.youth() / 1000.0 / 365.0 *
                 *std::max_element(c.seasonality.begin(), c.seasonality.end());
  }
  const double scale = per_day > 0 ? std::min(1.0, 3000.0 / (600.0 * per_day)) : 1.0;
  const std::string horizon = std::to_string(std::max(20L, static_cast<long>(400 * scale)));
  const std::string warmup = std::to_string(static_cast<long>(200 * scale));
  const std::string command = std::string(JEUGDSIM_BINARY) + " run '" + GetParam().string() + "' -q -r 2 --event-log 0,1" +
                              " --set simulation.horizon_days=" + horizon + " --set simulation.warmup_days=" + warmup +
                              " --out '" + out.string() + "' >/dev/null 2>'" + (root / "err.txt").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << std::ifstream(root / "err.txt").rdbuf();
  std::ifstream in(out / "event-log.csv", std::ios::binary);
  ASSERT_TRUE(in.good());
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  ASSERT_EQ(line, "replication,case_id,episode,activity,timestamp_day,lifecycle,team,provider,worker");

  std::vector<Row> rows;
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    const auto f = jeugdsim::io::split_csv_line(line);
    ASSERT_EQ(f.size(), 9u) << "line " << number << ": " << line;
    Row r;
    r.replication = f[0];
    r.case_id = f[1];
    r.episode = static_cast<std::uint32_t>(std::stoul(f[2]));
    r.activity = f[3];
    r.time = jeugdsim::io::parse_number(f[4]);
    r.lifecycle = f[5];
    r.team = f[6];
    r.provider = f[7];
    r.worker = f[8];
    r.line = number;
    ASSERT_TRUE(std::isfinite(r.time) && r.time >= 0) << "line " << number;
    ASSERT_FALSE(r.case_id.empty()) << "line " << number;
    ASSERT_TRUE(r.lifecycle == "start" || r.lifecycle == "complete") << "line " << number;
    ASSERT_TRUE(kDurative.count(r.activity) || kInstant.count(r.activity)) << "line " << number << ": " << r.activity;
    if (kInstant.count(r.activity)) {
      EXPECT_EQ(r.lifecycle, "complete") << "instant activity with a start, line " << number;
    }
    rows.push_back(std::move(r));
  }
  ASSERT_GT(rows.size(), 50u);

  // Group per case in file order.
  std::map<std::pair<std::string, std::string>, std::vector<const Row*>> cases;
  for (const Row& r : rows) cases[{r.replication, r.case_id}].push_back(&r);
  std::size_t open_at_horizon = 0, paired = 0;
  for (const auto& [key, trace] : cases) {
    const std::string where = "replication " + key.first + " case " + key.second;
    ASSERT_EQ(trace.front()->activity, "signal") << where << " does not start with its signal";
    ASSERT_EQ(trace.front()->episode, 0u) << where;
    std::size_t signals = 0;
    for (const Row* r : trace) signals += r->activity == "signal";
    EXPECT_EQ(signals, 1u) << where << ": one case id for several families";
    // Activity instances: FIFO per (episode, activity, team or provider); hand-offs are started by
    // the sending team and completed at the receiving one, so they pair per activity only.
    std::map<std::tuple<std::uint32_t, std::string, std::string, std::string>, std::deque<const Row*>> open;
    std::set<std::uint32_t> ended;
    for (std::size_t i = 0; i < trace.size(); ++i) {
      const Row* r = trace[i];
      if (i > 0) {
        const Row* prev = trace[i - 1];
        ASSERT_GE(r->time, prev->time) << where << ": time goes back at line " << r->line;
        ASSERT_TRUE(r->episode == prev->episode || r->episode == prev->episode + 1) << where << " line " << r->line;
        if (r->episode == prev->episode + 1) {
          EXPECT_EQ(r->activity, "reentry") << where << ": a new episode must start with its re-entry, line " << r->line;
          EXPECT_TRUE(ended.count(prev->episode)) << where << ": re-entry before the episode ended, line " << r->line;
        }
      }
      EXPECT_FALSE(ended.count(r->episode)) << where << ": event after the end of its episode, line " << r->line;
      if (r->activity == "closure" || r->activity == "reneged") {
        for (const auto& [k, q] : open) {
          if (std::get<0>(k) == r->episode && !q.empty()) {
            ADD_FAILURE() << where << ": " << std::get<1>(k) << " started at line " << q.front()->line
                          << " is never completed before the episode ends at line " << r->line;
          }
        }
        ended.insert(r->episode);
        continue;
      }
      if (!kDurative.count(r->activity)) continue;
      const bool by_activity = r->activity == "hand_off";
      auto& q = open[{r->episode, r->activity, by_activity ? "" : r->team, by_activity ? "" : r->provider}];
      if (r->lifecycle == "start") {
        q.push_back(r);
      } else {
        ASSERT_FALSE(q.empty()) << where << ": complete without a start, line " << r->line << " (" << r->activity << ")";
        q.pop_front();
        ++paired;
      }
    }
    for (const auto& [k, q] : open) open_at_horizon += q.size();
  }
  EXPECT_GT(paired, 20u);
  std::printf("[ event log ] %s: %zu rows, %zu cases, %zu activity instances paired, %zu still open at the horizon\n",
              GetParam().stem().string().c_str(), rows.size(), cases.size(), paired, open_at_horizon);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, EventLog, ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                           std::string name = param.param.stem().string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
