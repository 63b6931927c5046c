#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ScenarioTestSupport.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"
#include "scenario/TableReader.hpp"

namespace jeugdsim::scenario {
namespace {

using ::testing::ElementsAre;
using testing::TempDir;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Writes one scenario file and loads it; `file` is the name diagnostics will report.
class TableReaderTest : public ::testing::Test {
 protected:
  const ScenarioDocument& load(std::string_view text) {
    const auto path = tmp.write("scenario.toml", text);
    file = tmp.name("scenario.toml");
    doc = ScenarioDocument::load(path, diags);
    EXPECT_TRUE(doc.has_value()) << diags.format_all();
    return *doc;
  }
  TableReader root() { return TableReader(*doc, doc->root(), "", diags); }

  // The formatted diagnostics, one string each, for exact comparison.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.all()) out.push_back(d.format());
    return out;
  }
  std::string at(int line) const { return file + ":" + std::to_string(line) + ": "; }

  TempDir tmp;
  std::string file;
  Diagnostics diags;
  std::optional<ScenarioDocument> doc;
};

TEST_F(TableReaderTest, ReadsValidValuesWithoutErrors) {
  load(
      "[teams.wijkteam]\n"
      "workers = 4\n"
      "rate = 2\n"  // an integer is a fine number
      "ratio = 0.25\n"
      "open = true\n"
      "name = \"Wijkteam Noord\"\n"
      "policy = \"cold\"\n"
      "shares = [0.25, 0.75]\n"
      "tags = [\"a\", \"b\"]\n"
      "whole = 3.0\n");
  TableReader teams = root().child("teams");
  TableReader team = teams.child("wijkteam");
  EXPECT_EQ(team.path(), "teams.wijkteam");
  EXPECT_EQ(team.integer("workers", 1, 100), 4);
  EXPECT_DOUBLE_EQ(team.number("rate", 0, kInf), 2.0);
  EXPECT_DOUBLE_EQ(team.number("ratio", 0, 1, 0.5), 0.25);
  EXPECT_TRUE(team.boolean("open"));
  EXPECT_EQ(team.string("name"), "Wijkteam Noord");
  EXPECT_EQ(team.choice("policy", {"cold", "hot"}), "cold");
  EXPECT_THAT(team.numbers("shares", 0, 1, 1, 10), ElementsAre(0.25, 0.75));
  EXPECT_THAT(team.strings("tags"), ElementsAre("a", "b"));
  EXPECT_EQ(team.integer("whole", 0, 10), 3);
  // Defaults for absent keys, without errors.
  EXPECT_DOUBLE_EQ(team.number("absent_number", 0, 1, 0.5), 0.5);
  EXPECT_EQ(team.integer("absent_integer", 0, 10, 7), 7);
  EXPECT_FALSE(team.boolean("absent_bool", false));
  EXPECT_EQ(team.string("absent_string", "x"), "x");
  EXPECT_EQ(team.choice("absent_choice", {"a", "b"}, "b"), "b");
  EXPECT_THAT(team.numbers("absent_numbers", 0, 1, 0, 3, {0.5}), ElementsAre(0.5));
  EXPECT_THAT(team.strings("absent_strings", {"z"}), ElementsAre("z"));
  team.finish();
  teams.finish();
  EXPECT_TRUE(diags.ok()) << diags.format_all();
}

TEST_F(TableReaderTest, NumberWrongTypeOutOfRangeAndMissing) {
  load(
      "[care]\n"                // 1
      "rate = \"fast\"\n"       // 2
      "share = 1.5\n"           // 3
      "days = -2\n"             // 4
      "low = -3\n"              // 5
      "nan_value = nan\n");     // 6
  TableReader care = root().child("care");
  EXPECT_DOUBLE_EQ(care.number("rate", 0, 10), 0.0);             // harmless value after error
  EXPECT_DOUBLE_EQ(care.number("share", 0.5, 1), 0.5);           // clamped into the range
  EXPECT_DOUBLE_EQ(care.number("days", 0, kInf, 30.0), 30.0);    // default after error
  EXPECT_DOUBLE_EQ(care.number("low", -2, 5), 0.0);
  care.number("nan_value", 0, 1);
  care.number("missing", 0, 1);
  EXPECT_THAT(messages(),
              ElementsAre(at(2) + "care.rate: expected a number, got string \"fast\"; write a number without quotes, e.g. rate = 10",
                          at(3) + "care.share: value 1.5 out of range (allowed: 0.5 to 1)",
                          at(4) + "care.days: value -2 out of range (allowed: 0 to no upper limit)",
                          at(5) + "care.low: value -3 out of range (allowed: -2 to 5)",
                          at(6) + "care.nan_value: value nan out of range (allowed: 0 to 1)",
                          at(1) + "care.missing: missing required key"));
}

TEST_F(TableReaderTest, IntegerRejectsFractionsWrongTypesAndOutOfRange) {
  load(
      "[team]\n"              // 1
      "workers = 2.5\n"       // 2
      "capacity = \"ten\"\n"  // 3
      "size = 200\n"          // 4
      "count = 0\n");         // 5
  TableReader team = root().child("team");
  EXPECT_EQ(team.integer("workers", 1, 10), 1);
  EXPECT_EQ(team.integer("capacity", 0, 10, 5), 5);
  EXPECT_EQ(team.integer("size", 1, 100), 1);
  EXPECT_EQ(team.integer("count", 1, std::numeric_limits<std::int64_t>::max()), 1);
  team.integer("missing", 0, 1);
  EXPECT_THAT(messages(), ElementsAre(at(2) + "team.workers: expected an integer, got 2.5",
                                      at(3) + "team.capacity: expected an integer, got string \"ten\"; write a number without quotes, e.g. capacity = 10",
                                      at(4) + "team.size: value 200 out of range (allowed: 1 to 100)",
                                      at(5) + "team.count: value 0 out of range (allowed: 1 to no upper limit)",
                                      at(1) + "team.missing: missing required key"));
}

TEST_F(TableReaderTest, BooleanStringAndChoiceErrors) {
  load(
      "[policy]\n"           // 1
      "enabled = \"yes\"\n"  // 2
      "name = 5\n"           // 3
      "mode = \"warm\"\n"    // 4
      "kind = 1\n"           // 5
      "verbose = 1\n");      // 6
  TableReader policy = root().child("policy");
  EXPECT_FALSE(policy.boolean("enabled"));
  EXPECT_EQ(policy.string("name", "fallback"), "fallback");
  EXPECT_EQ(policy.choice("mode", {"cold", "hot"}), "cold");
  EXPECT_EQ(policy.choice("kind", {"a", "b"}, "b"), "b");
  EXPECT_TRUE(policy.boolean("verbose", true));
  policy.boolean("missing_bool");
  policy.string("missing_string");
  policy.choice("missing_choice", {"x"});
  EXPECT_THAT(messages(),
              ElementsAre(at(2) + "policy.enabled: expected a boolean, got string (allowed: true, false)",
                          at(3) + "policy.name: expected a string, got integer",
                          at(4) + "policy.mode: value \"warm\" is not allowed (allowed: \"cold\", \"hot\")",
                          at(5) + "policy.kind: expected a string, got integer (allowed: \"a\", \"b\")",
                          at(6) + "policy.verbose: expected a boolean, got integer (allowed: true, false)",
                          at(1) + "policy.missing_bool: missing required key",
                          at(1) + "policy.missing_string: missing required key",
                          at(1) + "policy.missing_choice: missing required key"));
}

TEST_F(TableReaderTest, ArrayErrorsNameTheElement) {
  load(
      "[mix]\n"                        // 1
      "shares = [0.5, \"x\", 2.0]\n"  // 2
      "few = [0.5]\n"                  // 3
      "scalar = 0.5\n"                 // 4
      "names = [\"a\", 3]\n"           // 5
      "bad_default = [7]\n"            // 6
      "name_scalar = \"a\"\n");        // 7
  TableReader mix = root().child("mix");
  const std::vector<double> shares = mix.numbers("shares", 0, 1, 1, 5);
  EXPECT_THAT(shares, ElementsAre(0.5, 0.0, 0.0));  // bad elements replaced, size kept
  EXPECT_EQ(mix.numbers("few", 0, 1, 2, 3).size(), 2u);  // padded to the minimum size
  EXPECT_EQ(mix.numbers("scalar", 0, 1, 2, 2).size(), 2u);
  EXPECT_TRUE(mix.strings("names").empty());
  EXPECT_THAT(mix.numbers("bad_default", 0, 1, 1, 1, {0.25}), ElementsAre(0.25));
  EXPECT_THAT(mix.strings("name_scalar", {"d"}), ElementsAre("d"));
  mix.numbers("missing", 0, 1, 0, std::numeric_limits<std::size_t>::max());
  mix.strings("missing_strings");
  EXPECT_THAT(messages(),
              ElementsAre(at(2) + "mix.shares[1]: expected a number, got string \"x\"; write a number without quotes, e.g. 0.5",
                          at(2) + "mix.shares[2]: value 2 out of range; if it is a percentage (2%), write 0.02 (allowed: 0 to 1)",
                          at(3) + "mix.few: array has 1 elements (allowed: 2 to 3 elements)",
                          at(4) + "mix.scalar: expected an array of numbers, got float",
                          at(5) + "mix.names[1]: expected a string, got integer",
                          at(6) + "mix.bad_default[0]: value 7 out of range; if it is a percentage (7%), write 0.07 (allowed: 0 to 1)",
                          at(7) + "mix.name_scalar: expected an array of strings, got string",
                          at(1) + "mix.missing: missing required key",
                          at(1) + "mix.missing_strings: missing required key"));
}

TEST_F(TableReaderTest, UnknownKeysAreReportedWithTheAcceptedKeys) {
  load(
      "[teams.wijkteam]\n"  // 1
      "workers = 3\n"       // 2
      "wokers = 4\n"        // 3
      "capacity = 10\n"     // 4
      "colour = \"red\"\n"  // 5
      "[stray]\n"           // 6
      "x = 1\n");           // 7
  TableReader top = root();
  TableReader teams = top.child("teams");
  TableReader team = teams.child("wijkteam");
  team.integer("workers", 1, 100);
  team.integer("capacity", 1, 100);
  team.number("speed", 0, 1, 0.5);  // absent but accepted: listed in allowed
  team.finish();
  teams.finish();
  top.finish();
  EXPECT_THAT(messages(),
              ElementsAre(at(3) + "teams.wijkteam.wokers: unknown key; did you mean `workers`? (allowed: capacity, speed, workers)",
                          at(5) + "teams.wijkteam.colour: unknown key (allowed: capacity, speed, workers)",
                          at(6) + "stray: unknown key (allowed: teams)"));
}

TEST_F(TableReaderTest, KeysAreInDocumentOrderAndNotMarkedRead) {
  load(
      "[teams.zuid]\nworkers = 1\n"
      "[teams.noord]\nworkers = 2\n"
      "[teams.west]\nworkers = 3\n");
  TableReader teams = root().child("teams");
  EXPECT_THAT(teams.keys(), ElementsAre("zuid", "noord", "west"));
  teams.finish();  // nothing was read: every team is unknown
  EXPECT_EQ(diags.all().size(), 3u);

  Diagnostics clean;
  TableReader again(*doc, doc->root().at_path("teams").ref<toml::table>(), "teams", clean);
  std::vector<std::int64_t> workers;
  for (const std::string& name : again.keys()) {
    TableReader team = again.child(name);
    workers.push_back(team.integer("workers", 1, 10));
    team.finish();
  }
  again.finish();
  EXPECT_THAT(workers, ElementsAre(1, 2, 3));
  EXPECT_TRUE(clean.ok()) << clean.format_all();
}

TEST_F(TableReaderTest, EveryErrorInAFileIsReportedInOnePass) {
  load(
      "[simulation]\n"        // 1
      "days = -1\n"           // 2
      "seed = \"abc\"\n"      // 3
      "[care]\n"              // 4
      "policy = \"maybe\"\n"  // 5
      "typo = 1\n"            // 6
      "shares = [0.3, 0.3]\n");  // 7
  TableReader top = root();
  TableReader simulation = top.child("simulation");
  simulation.number("days", 1, kInf);
  simulation.integer("seed", 0, std::numeric_limits<std::int64_t>::max());
  simulation.finish();
  TableReader care = top.child("care");
  care.choice("policy", {"cold", "hot"});
  const std::vector<double> shares = care.numbers("shares", 0, 1, 1, 10);
  double sum = 0;
  for (double s : shares) sum += s;
  if (sum != 1.0) care.error("shares", "shares sum to 0.6", "shares summing to 1");
  care.finish();
  top.finish();
  EXPECT_THAT(messages(), ElementsAre(at(2) + "simulation.days: value -1 out of range (allowed: 1 to no upper limit)",
                                      at(3) + "simulation.seed: expected an integer, got string \"abc\"; write a number "
                                                "without quotes, e.g. seed = 10",
                                      at(5) + "care.policy: value \"maybe\" is not allowed (allowed: \"cold\", \"hot\")",
                                      at(7) + "care.shares: shares sum to 0.6 (allowed: shares summing to 1)",
                                      at(6) + "care.typo: unknown key (allowed: policy, shares)"));
}

TEST_F(TableReaderTest, MissingChildReportsOnceAndStaysSilent) {
  load("[simulation]\ndays = 3\n");
  TableReader top = root();
  TableReader care = top.child("care");
  EXPECT_EQ(care.path(), "care");
  EXPECT_DOUBLE_EQ(care.number("rate", 0.5, 1), 0.5);
  care.child("deeper").integer("x", 0, 1);
  care.finish();
  EXPECT_FALSE(top.optional_child("optional").has_value());
  top.integer("simulation", 0, 1);  // wrong type: a table
  EXPECT_THAT(messages(), ElementsAre(file + ": care: missing required table",
                                      at(1) + "simulation: expected an integer, got table; e.g. simulation = 1"));
}

TEST_F(TableReaderTest, ChildOfWrongTypeIsAnError) {
  load("care = 5\nextra = \"x\"\n");
  TableReader top = root();
  top.child("care").number("rate", 0, 1);
  EXPECT_FALSE(top.optional_child("extra").has_value());
  EXPECT_THAT(messages(), ElementsAre(at(1) + "care: expected a table, got integer",
                                      at(2) + "extra: expected a table, got string"));
}

TEST_F(TableReaderTest, RawHasMarkReadAndLocation) {
  load("[a]\nx = 1\ny = 2\nz = { dist = \"constant\", value = 1 }\n");
  TableReader a = root().child("a");
  EXPECT_TRUE(a.has("x"));
  EXPECT_FALSE(a.has("nope"));
  const toml::node* z = a.raw("z");
  ASSERT_NE(z, nullptr);
  EXPECT_TRUE(z->is_table());
  EXPECT_EQ(a.raw("absent"), nullptr);
  a.mark_read("y");
  EXPECT_EQ(a.location("y"), (Location{file, 3}));
  EXPECT_EQ(a.location("absent"), (Location{file, 1}));
  a.finish();
  ASSERT_EQ(diags.all().size(), 1u);  // x was only tested with has(), never read
  EXPECT_EQ(diags.all()[0].format(), at(2) + "a.x: unknown key (allowed: absent, nope, x, y, z)");
}

TEST_F(TableReaderTest, DestructorDoesNotReportUnknownKeys) {
  load("[a]\nx = 1\n");
  { TableReader a = root().child("a"); }
  EXPECT_TRUE(diags.ok());
}

TEST_F(TableReaderTest, ErrorsInIncludedFilesPointAtThatFile) {
  tmp.write("base.toml", "[team]\n\nworkers = -5\n");
  load("include = \"base.toml\"\n[team]\nname = \"n\"\n");
  TableReader team = root().child("team");
  team.integer("workers", 1, 10);
  team.string("name");
  EXPECT_THAT(messages(), ElementsAre(tmp.name("base.toml") + ":3: team.workers: value -5 out of range (allowed: 1 to 10)"));
}

TEST_F(TableReaderTest, OverriddenValuesPointAtTheCommandLine) {
  load("[team]\nworkers = 3\n");
  ASSERT_TRUE(doc->apply_override("team.workers", "50", diags));
  TableReader team = root().child("team");
  team.integer("workers", 1, 10);
  EXPECT_THAT(messages(), ElementsAre("command line: team.workers: value 50 out of range (allowed: 1 to 10)"));
}

}  // namespace
}  // namespace jeugdsim::scenario
