#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"
#include "ScenarioTestSupport.hpp"

namespace jeugdsim::scenario {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

// Reads a value by dotted path, failing the test if absent or of another type.
template <typename T>
T value_at(const ScenarioDocument& doc, std::string_view path) {
  const auto value = doc.root().at_path(path).value<T>();
  EXPECT_TRUE(value.has_value()) << "no value at " << path;
  return value.value_or(T{});
}

TEST(Diagnostic, FormatsFileLineKeyMessageAndAllowed) {
  EXPECT_EQ((Diagnostic{"a.toml", 3, "x.y", "bad", "1, 2"}.format()), "a.toml:3: x.y: bad (allowed: 1, 2)");
  EXPECT_EQ((Diagnostic{"a.toml", 3, "x.y", "bad", ""}.format()), "a.toml:3: x.y: bad");
  EXPECT_EQ((Diagnostic{"a.toml", 0, "x.y", "bad", ""}.format()), "a.toml: x.y: bad");
  Diagnostics diags;
  EXPECT_TRUE(diags.ok());
  diags.error("a.toml", 1, "k", "first");
  diags.error("b.toml", 2, "m", "second", "this");
  EXPECT_FALSE(diags.ok());
  ASSERT_EQ(diags.all().size(), 2u);
  EXPECT_EQ(diags.format_all(), "a.toml:1: k: first\nb.toml:2: m: second (allowed: this)\n");
}

TEST(ScenarioDocument, IncludingFileOverridesIncludedKeysAndKeepsLocations) {
  TempDir tmp;
  tmp.write("base.toml",
            "[simulation]\n"          // 1
            "days = 365\n"            // 2
            "seed = 1\n"              // 3
            "\n"                      // 4
            "[teams.wijkteam]\n"      // 5
            "workers = 4\n");         // 6
  const auto main = tmp.write("main.toml",
                              "include = \"base.toml\"\n"  // 1
                              "\n"                        // 2
                              "[simulation]\n"            // 3
                              "days = 730\n");            // 4
  Diagnostics diags;
  const auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  EXPECT_TRUE(diags.ok());

  EXPECT_EQ(value_at<std::int64_t>(*doc, "simulation.days"), 730);
  EXPECT_EQ(value_at<std::int64_t>(*doc, "simulation.seed"), 1);
  EXPECT_EQ(value_at<std::int64_t>(*doc, "teams.wijkteam.workers"), 4);
  EXPECT_FALSE(doc->root().contains("include"));

  EXPECT_EQ(doc->location_of("simulation.days"), (Location{tmp.name("main.toml"), 4}));
  EXPECT_EQ(doc->location_of("simulation.seed"), (Location{tmp.name("base.toml"), 3}));
  EXPECT_EQ(doc->location_of("teams.wijkteam.workers"), (Location{tmp.name("base.toml"), 6}));
  // An absent key falls back to where its table was declared, then to the top file.
  EXPECT_EQ(doc->location_of("teams.wijkteam.missing"), (Location{tmp.name("base.toml"), 5}));
  EXPECT_EQ(doc->location_of("nothing.here"), (Location{tmp.name("main.toml"), 0}));
  EXPECT_EQ(doc->files(), (std::vector<std::string>{tmp.name("base.toml"), tmp.name("main.toml")}));
}

TEST(ScenarioDocument, ThreeLevelsOfIncludeResolveRelativeToEachIncludingFile) {
  TempDir tmp;
  tmp.write("sub/deeper/c.toml", "x = 1\ny = 1\nz = 1\n");
  tmp.write("sub/b.toml", "include = \"deeper/c.toml\"\ny = 2\n");
  const auto a = tmp.write("a.toml", "include = \"sub/b.toml\"\n\nz = 3\n");
  Diagnostics diags;
  const auto doc = ScenarioDocument::load(a, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  EXPECT_EQ(value_at<std::int64_t>(*doc, "x"), 1);
  EXPECT_EQ(value_at<std::int64_t>(*doc, "y"), 2);
  EXPECT_EQ(value_at<std::int64_t>(*doc, "z"), 3);
  EXPECT_EQ(doc->location_of("x"), (Location{tmp.name("sub/deeper/c.toml"), 1}));
  EXPECT_EQ(doc->location_of("y"), (Location{tmp.name("sub/b.toml"), 2}));
  EXPECT_EQ(doc->location_of("z"), (Location{tmp.name("a.toml"), 3}));
  EXPECT_EQ(doc->files(), (std::vector<std::string>{tmp.name("sub/deeper/c.toml"), tmp.name("sub/b.toml"),
                                                     tmp.name("a.toml")}));
}

TEST(ScenarioDocument, IncludeArrayIsAppliedInOrder) {
  TempDir tmp;
  tmp.write("one.toml", "v = \"one\"\nonly_one = true\n");
  tmp.write("two.toml", "v = \"two\"\n");
  const auto main = tmp.write("main.toml", "include = [\"one.toml\", \"two.toml\"]\n");
  Diagnostics diags;
  const auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  EXPECT_EQ(value_at<std::string>(*doc, "v"), "two");
  EXPECT_TRUE(value_at<bool>(*doc, "only_one"));
  EXPECT_EQ(doc->location_of("v"), (Location{tmp.name("two.toml"), 1}));
}

TEST(ScenarioDocument, IncludeCycleIsAnErrorNamingTheChain) {
  TempDir tmp;
  const auto a = tmp.write("a.toml", "include = \"b.toml\"\n");
  tmp.write("b.toml", "x = 1\ninclude = \"a.toml\"\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(a, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u) << diags.format_all();
  EXPECT_EQ(diags.all()[0].format(), tmp.name("b.toml") + ":2: include: include cycle: " + tmp.name("a.toml") +
                                         " -> " + tmp.name("b.toml") + " -> " + tmp.name("a.toml"));
}

TEST(ScenarioDocument, SelfIncludeIsACycle) {
  TempDir tmp;
  const auto a = tmp.write("a.toml", "include = \"./a.toml\"\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(a, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_THAT(diags.all()[0].message, HasSubstr("include cycle"));
}

TEST(ScenarioDocument, DiamondIncludeIsNotACycle) {
  TempDir tmp;
  tmp.write("common.toml", "c = 1\n");
  tmp.write("left.toml", "include = \"common.toml\"\nl = 1\n");
  tmp.write("right.toml", "include = \"common.toml\"\nr = 1\n");
  const auto main = tmp.write("main.toml", "include = [\"left.toml\", \"right.toml\"]\n");
  Diagnostics diags;
  const auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  EXPECT_EQ(doc->files().size(), 4u);
}

TEST(ScenarioDocument, MissingIncludeNamesIncludingFileAndLine) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "# comment\ninclude = \"nope.toml\"\nx = 1\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  // Where it looked, resolved, and relative to what: the analyst's first question.
  EXPECT_EQ(diags.all()[0].format(), tmp.name("main.toml") + ":2: include: cannot open included file '" +
                                         tmp.name("nope.toml") + "': no such file (looked for " + tmp.name("nope.toml") +
                                         ", relative to the folder of " + tmp.name("main.toml") + ")");
}

TEST(ScenarioDocument, MissingIncludeGivenRelativelyIsResolvedInTheMessage) {
  TempDir tmp;
  tmp.write("scenarios/main.toml", "include = \"../profiles/x.toml\"\n");
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(tmp.dir);
  Diagnostics diags;
  const bool loaded = ScenarioDocument::load("scenarios/main.toml", diags).has_value();
  std::filesystem::current_path(before);
  EXPECT_FALSE(loaded);
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].format(),
            "scenarios/main.toml:1: include: cannot open included file 'profiles/x.toml': no such file (looked for " +
                tmp.name("profiles/x.toml") + ", relative to the folder of scenarios/main.toml)");
}

TEST(ScenarioDocument, IncludeOfAFolderSaysSo) {
  TempDir tmp;
  std::filesystem::create_directories(tmp.dir / "profiles");
  const auto main = tmp.write("main.toml", "include = \"profiles\"\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_THAT(diags.all()[0].format(), HasSubstr("cannot open included file '" + tmp.name("profiles") +
                                                 "': it is a folder (looked for "));
}

TEST(ScenarioDocument, MissingIncludeInArrayUsesTheElementLine) {
  TempDir tmp;
  tmp.write("ok.toml", "x = 1\n");
  const auto main = tmp.write("main.toml", "include = [\n  \"ok.toml\",\n  \"missing.toml\",\n]\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].file, tmp.name("main.toml"));
  EXPECT_EQ(diags.all()[0].line, 3u);
}

TEST(ScenarioDocument, IncludeOfWrongTypeIsAnError) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "include = 5\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].format(),
            tmp.name("main.toml") + ":1: include: expected a string or an array of strings, got integer");
}

TEST(ScenarioDocument, MissingFileIsCannotOpenWithLineZero) {
  TempDir tmp;
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(tmp.dir / "absent.toml", diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].format(),
            tmp.name("absent.toml") + ": cannot open file: no such file (looked for " + tmp.name("absent.toml") + ")");
}

TEST(ScenarioDocument, ParseErrorReportsFileAndLine) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "a = 1\n\nb = = 2\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].file, tmp.name("main.toml"));
  EXPECT_EQ(diags.all()[0].line, 3u);
  EXPECT_FALSE(diags.all()[0].message.empty());
  EXPECT_THAT(diags.all()[0].format(), HasSubstr(tmp.name("main.toml") + ":3: "));
}

TEST(ScenarioDocument, ParseErrorInIncludedFileNamesThatFile) {
  TempDir tmp;
  tmp.write("base.toml", "ok = 1\nbroken = [1, 2\n");
  const auto main = tmp.write("main.toml", "include = \"base.toml\"\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  EXPECT_EQ(diags.all()[0].file, tmp.name("base.toml"));
  EXPECT_GE(diags.all()[0].line, 2u);
}

TEST(ScenarioDocument, InlineTablesReplaceWhileStandardTablesMerge) {
  TempDir tmp;
  tmp.write("base.toml",
            "[care]\n"
            "duration_days = { dist = \"lognormal\", mean = 300, cv = 0.8 }\n"
            "wait_days = { dist = \"constant\", value = 5 }\n"
            "list = [1, 2, 3]\n"
            "[care.intake]\n"
            "a = 1\n"
            "b = 2\n"
            "[care.service]\n"
            "a = 1\n"
            "b = 2\n");
  const auto main = tmp.write("main.toml",
                              "include = \"base.toml\"\n"
                              "[care]\n"
                              "duration_days = { dist = \"constant\", value = 3 }\n"
                              "list = [9]\n"
                              "service = { a = 5 }\n"
                              "[care.intake]\n"
                              "b = 3\n"  // line 7
                              "[care.wait_days]\n"
                              "dist = \"exponential\"\n"
                              "mean = 2\n");
  Diagnostics diags;
  const auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  const toml::table* duration = doc->root().at_path("care.duration_days").as_table();
  ASSERT_NE(duration, nullptr);
  EXPECT_EQ(duration->size(), 2u);
  EXPECT_EQ(value_at<std::string>(*doc, "care.duration_days.dist"), "constant");
  EXPECT_EQ(value_at<std::int64_t>(*doc, "care.duration_days.value"), 3);
  EXPECT_FALSE(duration->contains("mean"));
  EXPECT_FALSE(duration->contains("cv"));
  // A standard table replacing an inline one does not inherit its keys either.
  const toml::table* wait = doc->root().at_path("care.wait_days").as_table();
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ(wait->size(), 2u);
  EXPECT_FALSE(wait->contains("value"));
  // An inline table replacing a standard one does not inherit its keys.
  const toml::table* service = doc->root().at_path("care.service").as_table();
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->size(), 1u);
  EXPECT_EQ(value_at<std::int64_t>(*doc, "care.service.a"), 5);
  // Arrays replace as a whole.
  ASSERT_NE(doc->root().at_path("care.list").as_array(), nullptr);
  EXPECT_EQ(doc->root().at_path("care.list").as_array()->size(), 1u);
  // Standard tables merge key by key.
  EXPECT_EQ(value_at<std::int64_t>(*doc, "care.intake.a"), 1);
  EXPECT_EQ(value_at<std::int64_t>(*doc, "care.intake.b"), 3);
  EXPECT_EQ(doc->location_of("care.intake.a"), (Location{tmp.name("base.toml"), 6}));
  EXPECT_EQ(doc->location_of("care.intake.b"), (Location{tmp.name("main.toml"), 7}));
  // The replaced inline table's keys point at the overriding file, not the stale base lines.
  EXPECT_EQ(doc->location_of("care.duration_days.value"), (Location{tmp.name("main.toml"), 3}));
  EXPECT_EQ(doc->location_of("care.duration_days.mean"), (Location{tmp.name("main.toml"), 3}));
}

TEST(ScenarioDocument, KeysInDocumentOrder) {
  TempDir tmp;
  tmp.write("base.toml", "[teams.zeta]\nw = 1\n[teams.alpha]\nw = 2\n");
  const auto main = tmp.write("main.toml", "include = \"base.toml\"\n[teams.middle]\nw = 3\n[teams.beta]\nw = 4\n");
  Diagnostics diags;
  const auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  const toml::table* teams = doc->root().at_path("teams").as_table();
  ASSERT_NE(teams, nullptr);
  EXPECT_EQ(doc->keys_in_order(*teams, "teams"), (std::vector<std::string>{"zeta", "alpha", "middle", "beta"}));
}

TEST(ScenarioDocument, ResolvedTomlRoundTrips) {
  TempDir tmp;
  tmp.write("base.toml",
            "title = \"base \\\"quoted\\\" \\\\ text\"\n"
            "[simulation]\n"
            "days = 365\n"
            "rate = 0.1\n"
            "tiny = 1e-7\n"
            "big = 12345678.901234567\n"
            "[care]\n"
            "duration_days = { dist = \"lognormal\", mean = 300, cv = 0.8 }\n"
            "[[care.stages]]\n"
            "name = \"intake\"\n"
            "[[care.stages]]\n"
            "name = \"treatment\"\n");
  const auto main = tmp.write("main.toml",
                              "include = \"base.toml\"\n"
                              "[simulation]\n"
                              "days = 730\n"
                              "shares = [0.25, 0.75]\n"
                              "flag = true\n");
  Diagnostics diags;
  auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  ASSERT_TRUE(doc->apply_override("simulation.policy", "\"cold\"", diags));

  const std::string text = doc->resolved_toml();
  const std::string first_line = text.substr(0, text.find('\n'));
  EXPECT_EQ(first_line.rfind("# ", 0), 0u);
  EXPECT_THAT(first_line, HasSubstr(tmp.name("base.toml")));
  EXPECT_THAT(first_line, HasSubstr(tmp.name("main.toml")));
  EXPECT_THAT(text, HasSubstr("simulation.policy"));  // overrides are recorded in the header
  EXPECT_THAT(text, ::testing::Not(HasSubstr("include =")));
  EXPECT_THAT(text, ::testing::ContainsRegex("duration_days = \\{"));  // stays an inline table

  const auto resolved = tmp.write("resolved.toml", text);
  Diagnostics again_diags;
  const auto again = ScenarioDocument::load(resolved, again_diags);
  ASSERT_TRUE(again.has_value()) << again_diags.format_all() << text;
  EXPECT_EQ(again->root(), doc->root()) << text;
  EXPECT_DOUBLE_EQ(value_at<double>(*again, "simulation.rate"), 0.1);
  EXPECT_EQ(value_at<double>(*again, "simulation.big"), 12345678.901234567);
  EXPECT_EQ(value_at<std::string>(*again, "simulation.policy"), "cold");
  EXPECT_EQ(value_at<std::int64_t>(*again, "simulation.days"), 730);
  ASSERT_NE(again->root().at_path("care.duration_days").as_table(), nullptr);
  EXPECT_TRUE(again->root().at_path("care.duration_days").as_table()->is_inline());
}

TEST(ScenarioDocument, ApplyOverrideOnExistingAndNewKeys) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "[simulation]\ndays = 365\n[care]\nx = 1\n");
  Diagnostics diags;
  auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();

  EXPECT_TRUE(doc->apply_override("simulation.days", "12", diags));
  EXPECT_EQ(value_at<std::int64_t>(*doc, "simulation.days"), 12);
  EXPECT_EQ(doc->location_of("simulation.days"), (Location{"command line", 0}));
  EXPECT_EQ(doc->location_of("care.x"), (Location{tmp.name("main.toml"), 4}));  // untouched

  EXPECT_TRUE(doc->apply_override("care.new_table.duration", "{ dist = \"constant\", value = 3 }", diags));
  const toml::table* duration = doc->root().at_path("care.new_table.duration").as_table();
  ASSERT_NE(duration, nullptr);
  EXPECT_TRUE(duration->is_inline());
  EXPECT_EQ(value_at<std::int64_t>(*doc, "care.new_table.duration.value"), 3);
  EXPECT_EQ(doc->location_of("care.new_table.duration.value"), (Location{"command line", 0}));
  EXPECT_EQ(doc->location_of("care.new_table"), (Location{"command line", 0}));

  EXPECT_TRUE(doc->apply_override("shares", "[0.5, 0.5]", diags));
  EXPECT_EQ(doc->root().at_path("shares").as_array()->size(), 2u);
  EXPECT_TRUE(doc->apply_override("label", "\"cold\"", diags));
  EXPECT_EQ(value_at<std::string>(*doc, "label"), "cold");
  EXPECT_TRUE(diags.ok()) << diags.format_all();
}

TEST(ScenarioDocument, OverrideReplacingATableForgetsItsOldLocations) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "[care.duration]\ndist = \"lognormal\"\nmean = 3\n");
  Diagnostics diags;
  auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value());
  ASSERT_TRUE(doc->apply_override("care.duration", "{ dist = \"constant\", value = 1 }", diags));
  EXPECT_FALSE(doc->root().at_path("care.duration").as_table()->contains("mean"));
  EXPECT_EQ(doc->location_of("care.duration.mean"), (Location{"command line", 0}));
}

TEST(ScenarioDocument, MalformedOverrideIsADiagnosticNamingTheKey) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "[simulation]\ndays = 365\n");
  Diagnostics diags;
  auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value());

  EXPECT_FALSE(doc->apply_override("simulation.days", "[1,", diags));
  EXPECT_FALSE(doc->apply_override("simulation.days", "cold", diags));  // unquoted string
  EXPECT_FALSE(doc->apply_override("simulation.days", "1\nother = 2", diags));
  EXPECT_FALSE(doc->apply_override("simulation.days.sub", "1", diags));  // days is not a table
  EXPECT_FALSE(doc->apply_override("simulation..days", "1", diags));
  ASSERT_EQ(diags.all().size(), 5u) << diags.format_all();
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_THAT(diags.all()[i].format(), HasSubstr("command line: simulation.days: malformed value"));
  }
  EXPECT_EQ(diags.all()[3].format(),
            "command line: simulation.days.sub: cannot set: 'simulation.days' is not a table (got integer)");
  EXPECT_EQ(value_at<std::int64_t>(*doc, "simulation.days"), 365);  // unchanged
  EXPECT_EQ(doc->location_of("simulation.days"), (Location{tmp.name("main.toml"), 2}));
}

TEST(ScenarioDocument, DecimalCommaIsNamedWithItsKeyAndFix) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "[simulation]\ndays = 365\n\n[population]\nyouth_share = 0,21   # CBS\n");
  Diagnostics diags;
  EXPECT_FALSE(ScenarioDocument::load(main, diags).has_value());
  ASSERT_EQ(diags.all().size(), 1u);
  const Diagnostic& d = diags.all()[0];
  EXPECT_EQ(d.line, 5u);
  EXPECT_EQ(d.key, "population.youth_share");
  EXPECT_THAT(d.format(), HasSubstr(tmp.name("main.toml") + ":5: population.youth_share: "));
  EXPECT_THAT(d.format(), ::testing::EndsWith("; use a decimal point: 0.21"));
  // Before any table, and on the command line.
  Diagnostics top;
  EXPECT_FALSE(ScenarioDocument::load(tmp.write("top.toml", "share = -1,5\n"), top).has_value());
  ASSERT_EQ(top.all().size(), 1u);
  EXPECT_EQ(top.all()[0].key, "share");
  EXPECT_THAT(top.all()[0].message, ::testing::EndsWith("; use a decimal point: -1.5"));
  Diagnostics fine;
  auto doc = ScenarioDocument::load(tmp.write("ok.toml", "[population]\nyouth_share = 0.2\n"), fine);
  ASSERT_TRUE(doc.has_value());
  EXPECT_FALSE(doc->apply_override("population.youth_share", "0,21", fine));
  ASSERT_EQ(fine.all().size(), 1u);
  EXPECT_THAT(fine.all()[0].format(), ::testing::StartsWith("command line: population.youth_share: malformed value '0,21': "));
  EXPECT_THAT(fine.all()[0].format(), ::testing::EndsWith("; use a decimal point: 0.21"));
  // Thousands separators and lists without brackets get their own advice.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"inhabitants = 52,000\n",
       "; a number has no comma: write 52000 if it separates thousands, or 52.000 if it is a decimal comma"},
      {"inhabitants = 1,250,000\n", "; a number has no comma: write 1250000 (or 1_250_000)"},
      {"weights = 1,1,2\n", "; a number has no comma; a list of numbers is written in brackets: [1, 1, 2]"},
  };
  for (const auto& [text, advice] : cases) {
    Diagnostics commas;
    EXPECT_FALSE(ScenarioDocument::load(tmp.write("commas.toml", text), commas).has_value());
    ASSERT_EQ(commas.all().size(), 1u) << text;
    EXPECT_THAT(commas.all()[0].message, ::testing::EndsWith(advice)) << text;
  }
  // A very long line (fuzzer input, not a hand-written key) is reported without the hint rather
  // than searched with a recursive regex.
  {
    Diagnostics huge;
    const std::string text = "[" + std::string(200000, 'a') + "]\n" + std::string(200000, 'k') + " = 0,21\n";
    EXPECT_FALSE(ScenarioDocument::load(tmp.write("huge.toml", text), huge).has_value());
    ASSERT_EQ(huge.all().size(), 1u);
    EXPECT_EQ(huge.all()[0].line, 2u);
    EXPECT_THAT(huge.all()[0].message, ::testing::Not(HasSubstr("decimal point")));
  }
  // Other parse errors get no such hint.
  Diagnostics other;
  EXPECT_FALSE(ScenarioDocument::load(tmp.write("other.toml", "a = [1, 2\n"), other).has_value());
  ASSERT_EQ(other.all().size(), 1u);
  EXPECT_THAT(other.all()[0].format(), ::testing::Not(HasSubstr("decimal point")));
}

TEST(ScenarioDocument, OverrideOfAMisspeltTableIsRefusedWithTheNameItProbablyMeant) {
  TempDir tmp;
  const auto main = tmp.write("main.toml", "[teams.wijkteam]\nworkers = 20\n[teams.jeugd]\nworkers = 3\n");
  Diagnostics diags;
  auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value());
  EXPECT_FALSE(doc->apply_override("teams.wijkteem.workers", "26", diags));
  EXPECT_FALSE(doc->apply_override("team.wijkteam.workers", "26", diags));
  ASSERT_EQ(diags.all().size(), 2u);
  EXPECT_EQ(diags.all()[0].format(),
            "command line: teams.wijkteem.workers: cannot set: the scenario has no 'teams.wijkteem'; did you mean "
            "`teams.wijkteam`?");
  EXPECT_EQ(diags.all()[1].format(),
            "command line: team.wijkteam.workers: cannot set: the scenario has no 'team'; did you mean `teams`?");
  EXPECT_EQ(doc->root().at_path("teams.wijkteem").node(), nullptr);  // nothing created
  // Nor is a key of a member the collection does not have (a team of another design): it would
  // make an incomplete team and a dozen "missing required key" errors (issue 17: compare with
  // --set teams.wijkteam.workers=33 on a split design).
  Diagnostics other;
  EXPECT_FALSE(doc->apply_override("teams.buurtteam.workers", "4", other));
  ASSERT_EQ(other.all().size(), 1u);
  EXPECT_EQ(other.all()[0].format(),
            "command line: teams.buurtteam.workers: cannot set: the scenario has no 'teams.buurtteam' (its teams: "
            "jeugd, wijkteam)");
  EXPECT_EQ(doc->root().at_path("teams.buurtteam").node(), nullptr);
  // A whole new member, as one inline table, may still be added; so may a new top-level table.
  Diagnostics ok;
  EXPECT_TRUE(doc->apply_override("teams.buurtteam", "{ workers = 4 }", ok)) << ok.format_all();
  EXPECT_TRUE(doc->apply_override("reentry.base_probability", "0.1", ok)) << ok.format_all();
}

// Array elements can be overridden by index ("route[1].share"), so sweeps and calibration can
// vary a route's weight; a missing element or a malformed index is refused and changes nothing.
TEST(ScenarioDocument, OverrideReachesIntoArrayElementsByIndex) {
  TempDir tmp;
  const auto main = tmp.write("main.toml",
                              "[channels.gp]\n"
                              "route = [ { to = \"a\", share = 0.5 }, { to = \"b\", share = 0.5 } ]\n");
  Diagnostics diags;
  auto doc = ScenarioDocument::load(main, diags);
  ASSERT_TRUE(doc.has_value()) << diags.format_all();
  ASSERT_TRUE(doc->apply_override("channels.gp.route[1].share", "0.9", diags)) << diags.format_all();
  EXPECT_DOUBLE_EQ(doc->root().at_path("channels.gp.route[1].share").value_or(0.0), 0.9);
  EXPECT_DOUBLE_EQ(doc->root().at_path("channels.gp.route[0].share").value_or(0.0), 0.5);
  EXPECT_EQ(doc->location_of("channels.gp.route[1].share"), (Location{"command line", 0}));
  // A whole element can be replaced too.
  ASSERT_TRUE(doc->apply_override("channels.gp.route[0]", "{ to = \"c\", share = 1 }", diags)) << diags.format_all();
  EXPECT_EQ(doc->root().at_path("channels.gp.route[0].to").value_or(std::string()), "c");

  Diagnostics bad;
  EXPECT_FALSE(doc->apply_override("channels.gp.route[2].share", "1", bad));
  EXPECT_NE(bad.format_all().find("has no element 2 (allowed: index 0 to 1)"), std::string::npos) << bad.format_all();
  EXPECT_FALSE(doc->apply_override("channels.gp.route[x].share", "1", bad));
  EXPECT_FALSE(doc->apply_override("channels.gp.needs[0]", "1", bad));
  EXPECT_EQ(bad.count(), 3u) << bad.format_all();
  EXPECT_FALSE(doc->root().at_path("channels.gp.needs").node());  // nothing was created
}


// toml++ 3.3 has undefined behaviour on non-ASCII text where it looks for whitespace (found by
// tests/fuzz). Such text is refused before parsing with its line; non-ASCII text inside strings
// and comments, which Dutch scenario names need, is accepted.
TEST(ScenarioDocument, NonAsciiOutsideStringsIsRefusedBeforeParsing) {
  TempDir tmp;
  Diagnostics ok;
  const auto good = tmp.write("good.toml",
                              "# één gezin, één plan, één regisseur\n"
                              "name = \"één gezin\"\n"
                              "other = 'café'\n"
                              "long = \"\"\"\nregel één\n\"\"\"\n");
  EXPECT_TRUE(ScenarioDocument::load(good, ok).has_value()) << ok.format_all();

  const auto greek = tmp.write("greek.toml", "a = 1\n[triage\u0399front_door]\nb = 2\n");  // U+0399 in a header
  Diagnostics d1;
  EXPECT_FALSE(ScenarioDocument::load(greek, d1).has_value());
  EXPECT_THAT(d1.format_all(), HasSubstr(tmp.name("greek.toml") + ":2:"));
  EXPECT_THAT(d1.format_all(), HasSubstr("U+0399 outside a string or comment"));

  const auto continued = tmp.write("continued.toml", "s = \"\"\"a \\\n   \u00e9\"\"\"\n");  // é after a line-ending backslash
  Diagnostics d2;
  EXPECT_FALSE(ScenarioDocument::load(continued, d2).has_value());
  EXPECT_THAT(d2.format_all(), HasSubstr("U+00E9"));

  const auto ligature = tmp.write("ligature.toml", "# \ufb01le\nname = 1\n");  // U+FB01 even in a comment
  Diagnostics d3;
  EXPECT_FALSE(ScenarioDocument::load(ligature, d3).has_value());
  EXPECT_THAT(d3.format_all(), HasSubstr("U+FB01"));

  auto doc = ScenarioDocument::load(good, ok);
  Diagnostics d4;
  EXPECT_FALSE(doc->apply_override("name", "\u0399", d4));  // a bare non-ASCII value
  EXPECT_TRUE(doc->apply_override("name", "\"\u0399\"", d4)) << d4.format_all();  // quoted: fine
}

}  // namespace
}  // namespace jeugdsim::scenario
