#include "api/Embedding.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "experiment/Experiment.hpp"
#include "experiment/PlanDriver.hpp"
#include "experiment/ScenarioVariant.hpp"
#include "io/ComparisonCsv.hpp"
#include "io/RunWriter.hpp"
#include "jeugdsim/Version.hpp"
#include "scenario/CareScenario.hpp"
#include "scenario/Diagnostics.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::api {

namespace fs = std::filesystem;

namespace {

std::string joined_errors(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += '\n';
    out += e.format();
  }
  return out;
}

void collect(const scenario::Diagnostics& diags, const std::string& scenario_id, std::vector<Error>& out) {
  for (const auto& d : diags.all()) out.push_back(Error{scenario_id, d.file, d.line, d.key, d.message, d.allowed});
}

// The scenario id as the CLI derives it from a file name: the stem.
std::string id_of(const ScenarioText& s) {
  const std::string stem = fs::path(s.name).stem().string();
  return stem.empty() ? "scenario" : stem;
}

// Loads the text and applies the overrides (and the seed, as the CLI's --seed does: as the last
// override). Adds every problem to `errors` and returns nullopt on any.
std::optional<scenario::LoadedScenario> load(const ScenarioText& s, std::vector<std::string> overrides,
                                             std::optional<std::uint64_t> seed, const std::string& label,
                                             std::vector<Error>& errors) {
  scenario::Diagnostics diags;
  std::optional<scenario::LoadedScenario> loaded;
  if (auto doc = scenario::ScenarioDocument::load_text(s.text, s.base_dir, s.name, diags)) {
    if (seed) overrides.push_back(experiment::override_text("simulation.seed", std::to_string(*seed)));
    loaded = experiment::scenario_with_overrides(*doc, overrides, diags);
  }
  if (!loaded) collect(diags, label, errors);
  return loaded;
}

experiment::ReplicationRange range_of(const RunOptions& options, const care::CareParameters& p) {
  const std::uint32_t n = options.replications ? *options.replications
                                               : static_cast<std::uint32_t>(p.simulation.replications);
  if (n == 0) throw ScenarioError({Error{"", "options", 0, "replications", "needs at least 1 replication", ""}});
  return {0, n};
}

experiment::ExperimentSettings settings_for(const RunOptions& options, experiment::ReplicationRange range) {
  experiment::ExperimentSettings s;
  s.range = range;
  s.threads = options.threads;
  return s;
}

ScenarioResult result_of(const std::string& id, const scenario::LoadedScenario& loaded,
                         const std::vector<std::string>& overrides, const experiment::ExperimentResult& result) {
  const auto& results = result.output.results;
  ScenarioResult out;
  out.id = id;
  out.summary = experiment::summarize(results);
  out.queue_trends = experiment::queue_trends(results);
  out.kpis_csv = io::kpis_csv(id, results);
  out.summary_csv = io::summary_csv(results);
  out.queue_trends_csv = io::queue_trends_csv(results);
  Provenance& p = out.provenance;
  p.version = kVersion;
  p.git_commit = kGitCommit;
  p.scenario_id = id;
  p.scenario_name = loaded.parameters.name;
  p.seed = loaded.parameters.simulation.seed;
  p.first_replication = result.range.first;
  p.replications = result.range.count;
  p.warmup_days = result.warmup_days;
  p.warmup_method = result.warmup_method;
  p.horizon_days = loaded.parameters.simulation.horizon_days;
  p.overrides = overrides;
  p.events = result.events;
  p.resolved_toml = loaded.document.resolved_toml();
  return out;
}

}  // namespace

std::string Error::format() const {
  const scenario::Diagnostic d{file, line, key, message, allowed};
  return (scenario.empty() ? "" : scenario + ": ") + d.format();
}

ScenarioError::ScenarioError(std::vector<Error> errors) : std::runtime_error(joined_errors(errors)), list(std::move(errors)) {}

ScenarioText scenario_from_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  if (in.is_open()) content << in.rdbuf();
  if (!in.is_open() || in.bad() || fs::is_directory(file))
    throw ScenarioError({Error{"", file.string(), 0, "", "cannot open file", ""}});
  return ScenarioText{content.str(), file.parent_path().empty() ? fs::path(".") : file.parent_path(), file.string()};
}

namespace {

// One scenario with the overrides meant for it (an ID: prefix must be its own id); throws the
// structured errors of a bad scenario or override.
struct SingleScenario {
  std::string id;
  std::vector<std::string> overrides;  // the ones applied to it
  scenario::LoadedScenario loaded;
};
SingleScenario load_single(const ScenarioText& scenario, const RunOptions& options) {
  std::vector<Error> errors;
  const std::string id = id_of(scenario);
  auto own = experiment::overrides_for_scenario(options.overrides, id);
  for (const auto& m : experiment::unknown_override_ids(options.overrides, {id}))
    errors.push_back(Error{"", "command line", 0, "", m, ""});
  auto loaded = load(scenario, own, options.seed, "", errors);
  if (!errors.empty() || !loaded) throw ScenarioError(std::move(errors));
  return {id, std::move(own), std::move(*loaded)};
}

}  // namespace

ScenarioResult run(const ScenarioText& scenario, const RunOptions& options) {
  const SingleScenario single = load_single(scenario, options);
  const std::string& id = single.id;
  const auto& own = single.overrides;
  const scenario::LoadedScenario* loaded = &single.loaded;
  const care::CareParameters& p = loaded->parameters;
  const experiment::ExperimentSettings settings = settings_for(options, range_of(options, p));
  const double warmup = experiment::resolve_warmup(p, settings, nullptr);
  const experiment::ExperimentResult result = experiment::run_experiment(p, settings, warmup);
  return result_of(id, *loaded, own, result);
}

CompareResult compare(const std::vector<ScenarioText>& scenarios, const RunOptions& options) {
  if (scenarios.empty()) throw ScenarioError({Error{"", "options", 0, "scenarios", "needs at least 1 scenario", ""}});
  std::vector<std::string> ids;
  for (const auto& s : scenarios) {
    std::string id = id_of(s);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id += "'";
    ids.push_back(id);
  }
  std::vector<Error> errors;
  for (const auto& m : experiment::unknown_override_ids(options.overrides, ids))
    errors.push_back(Error{"", "command line", 0, "", m, ""});
  // Common random numbers: every scenario on the first one's seed (or options.seed).
  std::optional<std::uint64_t> seed = options.seed;
  std::vector<scenario::LoadedScenario> loaded;
  std::vector<std::vector<std::string>> overrides;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    overrides.push_back(experiment::overrides_for_scenario(options.overrides, ids[s]));
    auto one = load(scenarios[s], overrides.back(), seed, ids[s], errors);
    if (!one) continue;
    if (!seed) seed = one->parameters.simulation.seed;
    loaded.push_back(std::move(*one));
  }
  if (!errors.empty()) throw ScenarioError(std::move(errors));
  const experiment::ReplicationRange range = range_of(options, loaded[0].parameters);
  const experiment::ExperimentSettings settings = settings_for(options, range);
  // One warm-up for all, the longest any scenario asks for, as `jeugdsim compare` does.
  double warmup = 0;
  for (const auto& l : loaded) warmup = std::max(warmup, experiment::resolve_warmup(l.parameters, settings, nullptr));
  CompareResult out;
  std::vector<std::vector<care::ReplicationResult>> results;
  for (std::size_t s = 0; s < loaded.size(); ++s) {
    experiment::ExperimentResult result = experiment::run_experiment(loaded[s].parameters, settings, warmup);
    result.warmup_method = "longest of the compared scenarios";
    out.scenarios.push_back(result_of(ids[s], loaded[s], overrides[s], result));
    results.push_back(std::move(result.output.results));
  }
  out.comparison = experiment::compare_scenarios(ids, results);
  out.comparison_csv = io::comparison_csv(out.comparison);
  return out;
}

PlanResult plan(const ScenarioText& scenario, const PlanRequest& request, const RunOptions& options) {
  const SingleScenario single = load_single(scenario, options);
  const std::string& id = single.id;
  const auto& own = single.overrides;
  const scenario::LoadedScenario* loaded = &single.loaded;
  const experiment::ReplicationRange range = range_of(options, loaded->parameters);
  if (range.count < 2)
    throw ScenarioError({Error{"", "options", 0, "replications",
                               "plan needs at least 2 replications for a confidence bound", ""}});
  experiment::PlanRequest r;
  r.scenario_file = scenario.name;
  r.scenario_id = id;
  r.teams = request.teams;
  r.targets = request.targets;
  r.whole_workers = request.whole_workers;
  r.max_fte = request.max_fte;
  r.overrides = own;
  r.target_option = "targets";
  PlanResult out;
  try {
    experiment::PlanDriver driver(*loaded, r);
    experiment::PlanReport report = driver.run(settings_for(options, range), [](const std::string&) {});
    out.feasible = report.feasible;
    out.evaluations = report.evaluations;
    out.messages = report.messages;
    out.plan_csv = report.plan_csv;
    out.plan_json = report.plan_json;
    out.answer_overrides = report.answer_overrides;
    if (report.answer_scenario)
      out.answer = result_of(id, *report.answer_scenario, report.answer_overrides, report.answer);
  } catch (const experiment::PlanInputError& e) {
    throw ScenarioError({Error{"", "options", 0, "", e.what(), ""}});
  } catch (const experiment::InvalidStaffingError& e) {
    throw ScenarioError({Error{"", "plan", 0, "", e.diagnostics(), ""}});
  }
  return out;
}

}  // namespace jeugdsim::api
