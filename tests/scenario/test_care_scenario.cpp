// The care scenario schema (model/scenario/CareScenario.cpp): a table of bad scenario files,
// each with the exact file, line and dotted key its errors must name. Rows either include the
// valid base (tests/data/tiny.toml, copied next to them as base.toml) and override one thing,
// so the error must point into the including file, or are a copy of the base with one line
// edited, so the error must point at the edited line.
#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ScenarioTestSupport.hpp"
#include "scenario/CareScenario.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::scenario {
namespace {

using testing::TempDir;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& tiny_text() {
  static const std::string text = read_text(std::filesystem::path(JEUGDSIM_SOURCE_DIR) / "tests/data/tiny.toml");
  return text;
}

// The 1-based line of the first line of `text` containing `needle` (0 if none).
int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return 0;
  int line = 1;
  for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

// One expected diagnostic. `line` is literal, or (when `at` is set) the line of `at` in the
// file's final text. With `exact`, the whole formatted message must be
// "FILE:LINE: KEY: MESSAGE"; otherwise it must start with "FILE:LINE: KEY: " and contain MESSAGE.
struct Expect {
  std::string file;  // "bad.toml" or "base.toml"
  int line = 0;
  std::string key;
  std::string message;
  bool exact = false;
  std::string at = {};
};

struct BadScenario {
  std::string name;
  std::string text;          // bad.toml (when `replace` is empty)
  std::string replace = {};  // otherwise bad.toml is the base with this (unique) text ...
  std::string with = {};     // ... replaced by this
  std::vector<Expect> expect = {};
};

std::ostream& operator<<(std::ostream& os, const BadScenario& s) { return os << s.name; }

constexpr bool kExact = true;
constexpr bool kContains = false;

std::vector<BadScenario> bad_scenarios() {
  const std::string inc = "include = \"base.toml\"\n\n";  // lines 1-2 of every including row
  return {
      {"UnknownKeyInTeam", inc + "[teams.jeugd]\nwokers = 3\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.wokers",
         "unknown key; did you mean `workers`? (allowed: accept_rule, adult_team, caseload_cap_per_fte", kContains}}},
      {"UnknownKeyWithoutCloseMatch", inc + "[teams.jeugd]\ncolour = \"red\"\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.colour", "unknown key (allowed: accept_rule, adult_team, caseload_cap_per_fte",
         kContains}}},
      {"MisspeltTableName", inc + "[team.jeugd]\nworkers = 3\n", "", "",
       {{"bad.toml", 3, "team", "unknown key; did you mean `teams`? (allowed: ", kContains}}},
      {"WrongTypeWorkers", inc + "[teams.jeugd]\nworkers = \"ten\"\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.workers",
         "expected an integer, got string \"ten\"; write a number without quotes, e.g. workers = 10", kExact}}},
      {"QuotedNumber", inc + "[population]\nyouth_share = \"0.21\"\n", "", "",
       {{"bad.toml", 4, "population.youth_share",
         "expected a number, got string \"0.21\"; remove the quotes: youth_share = 0.21", kExact}}},
      {"QuotedDecimalComma", inc + "[population]\nyouth_share = \"0,21\"\n", "", "",
       {{"bad.toml", 4, "population.youth_share",
         "expected a number, got string \"0,21\"; use a decimal point and no quotes: youth_share = 0.21", kExact}}},
      {"QuotedPercentage", inc + "[population]\nyouth_share = \"21%\"\n", "", "",
       {{"bad.toml", 4, "population.youth_share",
         "expected a number, got string \"21%\"; a share is a fraction, written without quotes: youth_share = 0.21",
         kExact}}},
      {"WordForNumber", inc + "[population]\ntwo_parent_share = \"most\"\n", "", "",
       {{"bad.toml", 4, "population.two_parent_share",
         "expected a number, got string \"most\"; write a number without quotes, e.g. two_parent_share = 0.5",
         kExact}}},
      {"ShareAsPercentage", inc + "[population]\nyouth_share = 21\n", "", "",
       {{"bad.toml", 4, "population.youth_share",
         "value 21 out of range; if it is a percentage (21%), write 0.21 (allowed: 0 to 1)", kExact}}},
      {"ShareAsPercentageInArray", inc + "[referrals.child]\nparenting = { provider = \"ambulant\", p_by_severity = [5, 30, 60] }\n",
       "", "",
       {{"bad.toml", 4, "referrals.child.parenting.p_by_severity[0]",
         "value 5 out of range; if it is a percentage (5%), write 0.05 (allowed: 0 to 1)", kExact},
        {"bad.toml", 4, "referrals.child.parenting.p_by_severity[1]", "(30%), write 0.3", kContains},
        {"bad.toml", 4, "referrals.child.parenting.p_by_severity[2]", "(60%), write 0.6", kContains}}},
      {"DateForDays", inc + "[simulation]\nhorizon_days = 2031-01-01\n", "", "",
       {{"bad.toml", 4, "simulation.horizon_days",
         "expected a number, got a date (2031-01-01); write a number of days, e.g. horizon_days = 365", kExact}}},
      {"DecimalComma", inc + "[population]\nyouth_share = 0,21\n", "", "",
       {{"bad.toml", 4, "population.youth_share", "; use a decimal point: 0.21", kContains}}},
      {"DecimalCommaInInlineTable", "", "parent.debts         = { p = 0.3,", "parent.debts         = { p = 0,3,",
       {{"bad.toml", 0, "need_mixes.general.parent.debts.p", "; use a decimal point: 0.3", kContains, "p = 0,3"}}},
      {"MisspeltTeamInRoute", inc + "[triage.front_door]\nroute = [ { to = \"team:jeugdd\", share = 1.0 } ]\n", "", "",
       {{"bad.toml", 4, "triage.front_door.route[0].to",
         "unknown team \"jeugdd\"; did you mean `jeugd`? (allowed: jeugd, ouder)", kExact}}},
      {"MisspeltRouteKind", inc + "[triage.front_door]\nroute = [ { to = \"teams:jeugd\", share = 1.0 } ]\n", "", "",
       {{"bad.toml", 4, "triage.front_door.route[0].to",
         "cannot read route target \"teams:jeugd\"; did you mean `team:jeugd`? (allowed: team:NAME, provider:NAME, "
         "triage:NAME, none)",
         kExact}}},
      {"MisspeltChoice", inc + "[teams.jeugd]\naccept_rule = \"cap_and_hour\"\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.accept_rule",
         "value \"cap_and_hour\" is not allowed; did you mean `cap_and_hours`? (allowed: ", kContains}}},
      {"MisspeltDomainInCovers", inc + "[teams.jeugd]\ncovers = [\"child\", \"safty\"]\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.covers", "unknown domain or group \"safty\"; did you mean `safety`?", kContains}}},
      {"FractionalWorkers", inc + "[teams.ouder]\nworkers = 2.5\n", "", "",
       {{"bad.toml", 4, "teams.ouder.workers", "expected an integer, got 2.5", kExact}}},
      {"YouthShareAboveOne", inc + "[population]\nyouth_share = 1.5\n", "", "",
       {{"bad.toml", 4, "population.youth_share", "value 1.5 out of range (allowed: 0 to 1)", kExact}}},
      {"FteZero", inc + "[teams.ouder]\nfte_per_worker = 0\n", "", "",
       {{"bad.toml", 4, "teams.ouder.fte_per_worker", "value 0 out of range (allowed: 0.05 to 1.5)", kExact}}},
      {"HorizonZero", "", "horizon_days = 365 ", "horizon_days = 0 ",
       {{"bad.toml", 0, "simulation.horizon_days", "value 0 out of range (allowed: 1 to 36500)", kExact,
         "horizon_days = 0"}}},
      {"MissingRequiredKey", "", "two_parent_share = 0.8 ", "# two_parent_share removed ",
       {{"bad.toml", 0, "population.two_parent_share", "missing required key", kExact, "[population]"}}},
      {"MissingRequiredKeyInDistribution",
       inc + "[teams.jeugd]\nintake = { worker_hours = 6, contacts = 2 }\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.intake.elapsed_days", "missing required table", kExact}}},
      {"UnknownTeamInRoute", inc + "[triage.front_door]\nroute = [ { to = \"team:nope\", share = 1.0 } ]\n", "", "",
       {{"bad.toml", 4, "triage.front_door.route[0].to", "unknown team \"nope\" (allowed: jeugd, ouder)", kExact}}},
      {"BadRouteTargetSyntax", inc + "[channels.gp]\nroute = [ { to = \"teams/jeugd\", share = 1.0 } ]\n", "", "",
       {{"bad.toml", 4, "channels.gp.route[0].to",
         "cannot read route target \"teams/jeugd\" (allowed: team:NAME, provider:NAME, triage:NAME, none)", kExact}}},
      {"BadCondition",
       inc + "[channels.gp]\nroute = [ { to = \"team:jeugd\", when = \"presented_maybe:child\" },\n"
             "          { to = \"team:ouder\" } ]\n",
       "", "", {{"bad.toml", 4, "channels.gp.route[0].when", "unknown condition \"presented_maybe\"", kContains}}},
      {"BadSafetyLevelInCondition",
       inc + "[channels.gp]\nroute = [ { to = \"team:jeugd\", when = \"safety_at_least:high\" },\n"
             "          { to = \"team:ouder\" } ]\n",
       "", "",
       {{"bad.toml", 4, "channels.gp.route[0].when", "unknown safety level \"high\" (allowed: elevated, acute)",
         kExact}}},
      {"NoUnconditionalRoute",
       inc + "[triage.front_door]\nroute = [ { to = \"team:jeugd\", when = \"presented_any:child\" } ]\n", "", "",
       {{"bad.toml", 4, "triage.front_door.route", "every family must have somewhere to go", kContains}}},
      {"UnknownDomainInCovers", inc + "[teams.jeugd]\ncovers = [\"child\", \"kids\"]\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.covers", "unknown domain or group \"kids\"", kContains}}},
      {"EmpiricalSharesNotSummingToOne",
       inc + "[teams.ouder]\nsupport_days = { dist = \"empirical\", bins_days = [0, 30, 90], shares = [0.5, 0.4] }\n",
       "", "",
       {{"bad.toml", 4, "teams.ouder.support_days.shares",
         "shares sum to 0.9000 (allowed: shares summing to 1 (within 0.005))", kExact}}},
      {"EmpiricalSharesWrongCount",
       inc + "[teams.ouder]\nsupport_days = { dist = \"empirical\", bins_days = [0, 30, 90], shares = [1.0] }\n",
       "", "", {{"bad.toml", 4, "teams.ouder.support_days.shares", "1 shares for 3 bin edges", kContains}}},
      {"BadDistName", inc + "[providers.ambulant]\nduration_days = { dist = \"normal\", mean = 150, cv = 0.7 }\n", "",
       "",
       {{"bad.toml", 4, "providers.ambulant.duration_days.dist",
         "value \"normal\" is not allowed (allowed: \"constant\", \"exponential\", \"lognormal\", \"gamma\", "
         "\"weibull\", \"triangular\", \"empirical\")",
         kExact}}},
      {"TriangularModeOutside", "", "min = 3, mode = 7, max = 21", "min = 3, mode = 30, max = 21",
       {{"bad.toml", 0, "teams.ouder.intake.elapsed_days.mode", "need min <= mode <= max and min < max", kContains,
         "mode = 30"}}},
      {"ColdHandoverWithoutAdultTeam", inc + "[teams.ouder]\nhandover_at_18 = \"cold\"\n", "", "",
       {{"bad.toml", 4, "teams.ouder.handover_at_18", "a cold handover needs an adult_team", kContains}}},
      {"UnknownAdultTeam", inc + "[teams.jeugd]\nadult_team = \"volwassenen\"\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.adult_team", "unknown team \"volwassenen\" (allowed: jeugd, ouder)", kExact}}},
      {"UnknownHandOffTeam", inc + "[teams.ouder]\nhand_off = { child = \"kinderteam\" }\n", "", "",
       {{"bad.toml", 4, "teams.ouder.hand_off.child", "unknown team \"kinderteam\"", kContains}}},
      {"TriageCycle",
       inc + "[triage.front_door]\nroute = [ { to = \"triage:second\", share = 1.0 } ]\n\n"
             "[triage.second]\ndelay_days = { dist = \"constant\", value = 0 }\n"
             "route = [ { to = \"triage:front_door\", share = 1.0 } ]\n",
       "", "",
       {{"bad.toml", 4, "triage.front_door.route", "triage steps route to each other in a cycle", kContains},
        {"bad.toml", 8, "triage.second.route", "triage steps route to each other in a cycle", kContains}}},
      {"CaseloadCapLetsNobodyTakeACase", inc + "[teams.jeugd]\ncaseload_cap_per_fte = 1\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.caseload_cap_per_fte",
         "a cap of 1 per FTE at 0.8 FTE per worker lets no worker take a single case", kContains}}},
      {"AssumptionKeyDoesNotExist",
       inc + "[assumptions.typo]\nkey = \"teams.jeugd.wokers\"\nlow = 0\nhigh = 1\nnote = \"x\"\n", "", "",
       {{"bad.toml", 4, "assumptions.typo.key", "\"teams.jeugd.wokers\" does not name a numeric parameter",
         kContains}}},
      {"AssumptionRangeMissesValue",
       inc + "[assumptions.jeugd_discovery]\nlow = 0.5\nhigh = 0.9\n", "", "",
       {{"bad.toml", 4, "assumptions.jeugd_discovery.low",
         "the range 0.5 to 0.9 does not contain the value in use (0.3) (allowed: low <= value at key <= high)",
         kExact}}},
      {"PlacesLots", inc + "[providers.ambulant]\nplaces = \"lots\"\n", "", "",
       {{"bad.toml", 4, "providers.ambulant.places",
         "expected a number of places or \"unlimited\" (allowed: 0 to 1000000, or \"unlimited\")", kExact}}},
      {"PlacesMisspeltUnlimited", inc + "[providers.ambulant]\nplaces = \"unlimted\"\n", "", "",
       {{"bad.toml", 4, "providers.ambulant.places",
         "expected a number of places or \"unlimited\"; did you mean `unlimited`? (allowed: 0 to 1000000, or "
         "\"unlimited\")",
         kExact}}},
      {"WarmupMisspeltAuto", inc + "[simulation]\nwarmup_days = \"atuo\"\n", "", "",
       {{"bad.toml", 4, "simulation.warmup_days", "expected a number of days or \"auto\"; did you mean `auto`?",
         kContains}}},
      {"UnknownProviderInStepUp", inc + "[providers.ambulant]\nstep_up_to = \"closed\"\nstep_up_probability = 0.1\n",
       "", "", {{"bad.toml", 4, "providers.ambulant.step_up_to", "unknown provider \"closed\"", kContains}}},
      {"UnknownNeedMix", inc + "[channels.gp]\nneeds = \"special\"\n", "", "",
       {{"bad.toml", 4, "channels.gp.needs", "unknown need mix \"special\" (allowed: general)", kExact}}},
      {"SeasonalityTooShort", inc + "[channels.gp]\nseasonality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n", "", "",
       {{"bad.toml", 4, "channels.gp.seasonality", "array has 11 elements (allowed: 12 to 12 elements)", kExact}}},
      {"SafetyShareAboveOne", inc + "[need_mixes.general]\nsafety = { elevated = 0.7, acute = 0.4, presented = 0.5 }\n",
       "", "", {{"bad.toml", 4, "need_mixes.general.safety.acute", "elevated + acute must not exceed 1", kContains}}},
      {"TableExpected", inc + "[teams.jeugd]\nintake = 5\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.intake", "expected a table, got integer", kExact}}},
      {"WarmupWord", inc + "[simulation]\nwarmup_days = \"soon\"\n", "", "",
       {{"bad.toml", 4, "simulation.warmup_days", "expected a number of days or \"auto\"", kContains}}},
      {"StartDateQuoted", inc + "[simulation]\nstart_date = \"2027-01-01\"\n", "", "",
       {{"bad.toml", 4, "simulation.start_date", "expected a date without quotes", kContains}}},
      {"BadChoice", inc + "[teams.jeugd]\naccept_rule = \"sometimes\"\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.accept_rule", "value \"sometimes\" is not allowed", kContains}}},
      {"ArrivalVolumeAbsurd",
       inc + "[population]\ninhabitants = 50000000\n\n[simulation]\nhorizon_days = 36500\n\n"
             "[channels.gp]\nrate_per_1000_youth_per_year = 10000\n",
       "", "",
       {{"bad.toml", 10, "channels.gp.rate_per_1000_youth_per_year",
         "these rates would generate about 1.01e+10 families in one replication (allowed: at most ", kContains}}},
      {"RouteWithoutTarget", inc + "[triage.front_door]\nroute = [ { share = 1.0 } ]\n", "", "",
       {{"bad.toml", 4, "triage.front_door.route[0].to", "missing required key", kExact}}},
      {"ChannelWithoutNeedMix", "", "needs = \"general\"\nroute = [ { to = \"provider:ambulant\"",
       "route = [ { to = \"provider:ambulant\"",
       {{"bad.toml", 0, "channels.gp.needs", "missing required key", kExact, "[channels.gp]"}}},
      {"EmpiricalWithoutBins",
       inc + "[teams.ouder]\nsupport_days = { dist = \"empirical\", shares = [0.5, 0.5] }\n", "", "",
       {{"bad.toml", 4, "teams.ouder.support_days.bins_days", "missing required key", kExact}}},
      {"EmpiricalWithoutShares",
       inc + "[teams.ouder]\nsupport_days = { dist = \"empirical\", bins_months = [0, 1, 3, 12] }\n", "", "",
       {{"bad.toml", 4, "teams.ouder.support_days.shares", "missing required key", kExact}}},
      {"EmpiricalEdgesNotIncreasing",
       inc + "[teams.ouder]\nsupport_days = { dist = \"empirical\", bins_days = [0, 90, 30], shares = [0.5, 0.5] }\n",
       "", "",
       {{"bad.toml", 4, "teams.ouder.support_days.bins_days",
         "bin edges must increase (allowed: strictly increasing edges)", kExact}}},
      {"DistributionMissingDist", inc + "[teams.jeugd]\nsupport_days = { mean = 120, cv = 0.6 }\n", "", "",
       {{"bad.toml", 4, "teams.jeugd.support_days.dist", "missing required key", kExact}}},
      {"UnknownTopLevelSection", inc + "[teamz.jeugd]\nworkers = 3\n", "", "",
       {{"bad.toml", 3, "teamz", "unknown key", kContains}}},
      {"MissingIncludedFile", "include = \"nope.toml\"\n", "", "",
       {{"bad.toml", 1, "include", "nope.toml': no such file (looked for /", kContains}}},
  };
}

class BadScenarioTest : public ::testing::TestWithParam<BadScenario> {};

// Loads bad.toml from a temp dir holding base.toml (= tiny.toml); returns the final text of
// bad.toml (for line look-ups) and fills `diags`.
std::string load_bad(const TempDir& tmp, const BadScenario& row, Diagnostics& diags) {
  tmp.write("base.toml", tiny_text());
  std::string text = row.text;
  if (!row.replace.empty()) {
    text = tiny_text();
    const auto at = text.find(row.replace);
    EXPECT_NE(at, std::string::npos) << "tiny.toml no longer contains: " << row.replace;
    EXPECT_EQ(text.find(row.replace, at + 1), std::string::npos) << "ambiguous edit: " << row.replace;
    if (at != std::string::npos) text.replace(at, row.replace.size(), row.with);
  }
  const auto path = tmp.write("bad.toml", text);
  EXPECT_FALSE(load_care_scenario(path, diags).has_value()) << "expected the file to be refused:\n" << text;
  return text;
}

TEST(CareScenarioTest, TinyScenarioIsValid) {
  TempDir tmp;
  Diagnostics diags;
  const auto loaded = load_care_scenario(tmp.write("tiny.toml", tiny_text()), diags);
  ASSERT_TRUE(loaded.has_value()) << diags.format_all();
  EXPECT_TRUE(diags.ok());
  const auto& p = loaded->parameters;
  EXPECT_EQ(p.name, "Tiny test scenario");
  EXPECT_EQ(p.teams.size(), 2u);
  EXPECT_EQ(p.providers.size(), 2u);
  EXPECT_EQ(p.channels.size(), 2u);
  EXPECT_EQ(p.triages.size(), 1u);
  EXPECT_EQ(p.simulation.replications, 3);
  EXPECT_DOUBLE_EQ(p.simulation.horizon_days, 365);
  EXPECT_DOUBLE_EQ(p.simulation.warmup_days, 60);
  EXPECT_DOUBLE_EQ(p.population.youth(), 400);
  EXPECT_EQ(p.teams[0].name, "jeugd");  // document order, not sorted order
  EXPECT_EQ(p.teams[0].adult_team, 1);
  EXPECT_EQ(p.teams[1].hand_off_child, 0);
  EXPECT_TRUE(p.providers[1].unlimited);
  EXPECT_EQ(p.waiting.crisis_provider, 1);
  ASSERT_EQ(p.assumptions.size(), 1u);
  EXPECT_DOUBLE_EQ(p.assumptions[0].base, 0.3);
}

TEST(CareScenarioTest, ShippedScenariosAreValid) {
  // Every organisation scenario in scenarios/ (profiles/ holds includes, not scenarios).
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(JEUGDSIM_SOURCE_DIR) / "scenarios")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".toml") continue;
    Diagnostics diags;
    EXPECT_TRUE(load_care_scenario(entry.path(), diags).has_value()) << entry.path() << ":\n" << diags.format_all();
    ++checked;
  }
  EXPECT_GE(checked, 2u);
}

TEST_P(BadScenarioTest, ReportsFileLineAndKey) {
  const BadScenario& row = GetParam();
  TempDir tmp;
  Diagnostics diags;
  const std::string text = load_bad(tmp, row, diags);
  ASSERT_EQ(diags.count(), row.expect.size()) << diags.format_all();
  for (std::size_t i = 0; i < row.expect.size(); ++i) {
    const Expect& e = row.expect[i];
    const Diagnostic& d = diags.all()[i];
    const std::string file = tmp.name(e.file);
    const int line = e.at.empty() ? e.line : line_of(e.file == "bad.toml" ? text : tiny_text(), e.at);
    ASSERT_GT(line, 0) << "test row names a line that is not in the file: " << e.at;
    EXPECT_EQ(d.file, file);
    EXPECT_EQ(d.line, static_cast<std::size_t>(line));
    EXPECT_EQ(d.key, e.key);
    const std::string prefix = file + ":" + std::to_string(line) + ": " + e.key + ": ";
    const std::string formatted = d.format();
    if (e.exact) {
      EXPECT_EQ(formatted, prefix + e.message);
    } else {
      EXPECT_EQ(formatted.substr(0, prefix.size()), prefix) << formatted;
      EXPECT_NE(formatted.find(e.message), std::string::npos) << formatted << "\n  should contain: " << e.message;
    }
  }
}

TEST(CareScenarioTest, ReportsEveryErrorInAFile) {
  TempDir tmp;
  tmp.write("base.toml", tiny_text());
  const auto path = tmp.write("bad.toml",
                              "include = \"base.toml\"\n"
                              "[population]\n"
                              "youth_share = 1.5\n"        // line 3
                              "[teams.jeugd]\n"
                              "workers = \"ten\"\n"        // line 5
                              "[providers.ambulant]\n"
                              "places = \"lots\"\n");      // line 7
  Diagnostics diags;
  EXPECT_FALSE(load_care_scenario(path, diags).has_value());
  ASSERT_EQ(diags.count(), 3u) << diags.format_all();
  const std::string bad = tmp.name("bad.toml");
  // Reported in reading order (population, providers, teams), each once.
  EXPECT_EQ(diags.all()[0].format(), bad + ":3: population.youth_share: value 1.5 out of range (allowed: 0 to 1)");
  EXPECT_EQ(diags.all()[1].format(), bad + ":7: providers.ambulant.places: expected a number of places or "
                                           "\"unlimited\" (allowed: 0 to 1000000, or \"unlimited\")");
  EXPECT_EQ(diags.all()[2].format(), bad + ":5: teams.jeugd.workers: expected an integer, got string \"ten\"; write a number "
                                           "without quotes, e.g. workers = 10");
  // format_all: one line each.
  EXPECT_EQ(diags.format_all(),
            diags.all()[0].format() + "\n" + diags.all()[1].format() + "\n" + diags.all()[2].format() + "\n");
}

TEST(CareScenarioTest, ErrorInAnIncludedFileIsLocatedInThatFile) {
  TempDir tmp;
  std::string base = tiny_text();
  const std::string from = "discovery_per_contact = 0.2 ";
  ASSERT_NE(base.find(from), std::string::npos);
  base.replace(base.find(from), from.size(), "discovery_per_contact = 2.0 ");
  tmp.write("profiles/base.toml", base);
  const auto path = tmp.write("top.toml", "include = \"profiles/base.toml\"\n[meta]\nname = \"top\"\n");
  Diagnostics diags;
  EXPECT_FALSE(load_care_scenario(path, diags).has_value());
  ASSERT_EQ(diags.count(), 1u) << diags.format_all();
  EXPECT_EQ(diags.all()[0].format(), tmp.name("profiles/base.toml") + ":" +
                                         std::to_string(line_of(base, "discovery_per_contact = 2.0")) +
                                         ": teams.ouder.discovery_per_contact: value 2 out of range; if it is a percentage (2%), "
                                         "write 0.02 (allowed: 0 to 1)");
}

TEST(CareScenarioTest, OverrideInTheIncludingFileFixesAnErrorInTheBase) {
  TempDir tmp;
  std::string base = tiny_text();
  const std::string from = "workers = 2 ";
  ASSERT_NE(base.find(from), std::string::npos);
  base.replace(base.find(from), from.size(), "workers = -2 ");
  tmp.write("base.toml", base);
  Diagnostics broken;
  EXPECT_FALSE(load_care_scenario(tmp.write("plain.toml", "include = \"base.toml\"\n"), broken).has_value());
  EXPECT_EQ(broken.count(), 1u) << broken.format_all();
  Diagnostics diags;
  const auto loaded = load_care_scenario(tmp.write("fixed.toml", "include = \"base.toml\"\n[teams.ouder]\nworkers = 4\n"), diags);
  ASSERT_TRUE(loaded.has_value()) << diags.format_all();
  EXPECT_EQ(loaded->parameters.teams[1].workers, 4);
}

// Before: one error per required key (14 of them). Now one, saying where to start.
TEST(CareScenarioTest, AnEmptyFileIsOneError) {
  TempDir tmp;
  for (const char* text : {"", "# a scenario for Zaanstad, to be written\n\n# more later\n"}) {
    Diagnostics diags;
    EXPECT_FALSE(load_care_scenario(tmp.write("empty.toml", text), diags).has_value());
    ASSERT_EQ(diags.count(), 1u) << diags.format_all();
    EXPECT_EQ(diags.all()[0].format(),
              tmp.name("empty.toml") +
                  ": the file is empty; start from `include = [\"profiles/municipality-40k.toml\"]` (a profile, "
                  "relative to this file) or a copy of a file in scenarios/; see docs/scenario-format.md");
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BadScenarioTest, ::testing::ValuesIn(bad_scenarios()),
                         [](const ::testing::TestParamInfo<BadScenario>& row) { return row.param.name; });

}  // namespace
}  // namespace jeugdsim::scenario
