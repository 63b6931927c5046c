#include "cli/ScenarioOptions.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <unistd.h>

#include "experiment/ScenarioVariant.hpp"

namespace jeugdsim::cli {

void ScenarioOptions::add_to(CLI::App& cmd) {
  cmd.add_option("--seed", seed, "Master seed (overrides [simulation] seed)");
  cmd.add_option("--replications,-r", replications,
                 "Number of replications N (0..N-1), a slice FIRST-LAST such as 100-199, or auto: add "
                 "replications until the 95% CI half-width of each --precision-kpi KPI's mean is within "
                 "--target-precision of that mean; for compare also the half-width of every scenario's paired "
                 "difference with the first scenario, within --target-precision of the KPI's mean in the first "
                 "scenario (decided in replication order, so the count does not depend on --threads)");
  cmd.add_option("--target-precision", target_precision,
                 "With -r auto: relative half-width of the 95% CI (of a mean, or for compare of a paired difference "
                 "relative to the first scenario's mean)")
      ->check(CLI::Range(1e-4, 1.0));
  cmd.add_option("--precision-kpi", precision_kpis,
                 "With -r auto: KPI[:GROUP] to watch (default intake_wait_days_mean:all); repeatable");
  cmd.add_option("--min-replications", min_replications, "With -r auto: at least this many")->check(CLI::Range(2, 100000));
  cmd.add_option("--max-replications", max_replications, "With -r auto: at most this many")->check(CLI::Range(2, 100000));
  cmd.add_option("--threads,-j", threads, "Worker threads (default: every core); results do not depend on it");
  cmd.add_option("--set", overrides,
                 "Override a scenario value: KEY=VALUE, e.g. teams.wijkteam.workers=14 (in every scenario of a "
                 "compare), or ID:KEY=VALUE for the scenario with that id only (its file name without .toml, "
                 "e.g. split-jeugd-ouder:teams.jeugd.workers=20); repeatable")
      ->take_all();
  cmd.add_flag("--quiet,-q", quiet, "No progress display");
  cmd.add_option("--lang", lang, "Language of the Excel workbook (results.xlsx): nl (default) or en")
      ->check(CLI::IsMember({"nl", "en"}));
}

void ScenarioOptions::narrow_overrides_to(const std::string& id) {
  const auto unknown = experiment::unknown_override_ids(overrides, {id});
  if (!unknown.empty()) {
    std::string message;
    for (const auto& m : unknown) message += (message.empty() ? "" : "\n") + m;
    throw CLI::ValidationError(message);
  }
  overrides = experiment::overrides_for_scenario(overrides, id);
}

std::optional<scenario::LoadedScenario> load_with_overrides(const std::string& file, const ScenarioOptions& options,
                                                            const std::string& label, bool* override_failed) {
  scenario::Diagnostics diags;
  std::optional<scenario::LoadedScenario> loaded;
  if (auto doc = scenario::ScenarioDocument::load(file, diags)) {
    std::vector<std::string> overrides = options.overrides;
    if (options.seed) overrides.push_back(experiment::override_text("simulation.seed", std::to_string(*options.seed)));
    loaded = experiment::scenario_with_overrides(*doc, overrides, diags);
  }
  const std::string prefix = label.empty() ? "" : label + ": ";
  if (override_failed != nullptr)
    *override_failed = std::any_of(diags.all().begin(), diags.all().end(),
                                   [](const scenario::Diagnostic& d) { return d.file == "command line"; });
  if (!loaded) {
    for (const auto& d : diags.all()) std::fprintf(stderr, "%s%s\n", prefix.c_str(), d.format().c_str());
    std::fprintf(stderr, "%s: %zu error%s; nothing was run\n",
                 label.empty() ? file.c_str() : (label + " (" + file + ")").c_str(), diags.count(),
                 diags.count() == 1 ? "" : "s");
  }
  if (loaded)
    for (const auto& d : diags.warnings()) std::fprintf(stderr, "warning: %s%s\n", prefix.c_str(), d.format().c_str());
  return loaded;
}

experiment::ReplicationRange parse_replications(const std::string& text, int scenario_default) {
  if (text.empty()) return {0, static_cast<std::uint32_t>(scenario_default)};
  auto parse = [&](const std::string& s) -> std::uint32_t {
    std::size_t used = 0;
    unsigned long v = 0;
    try {
      v = std::stoul(s, &used);
    } catch (...) {
      used = 0;
    }
    if (used != s.size() || s.empty() || v > 10'000'000)
      throw CLI::ValidationError("--replications", "expected N or FIRST-LAST (e.g. 20 or 100-199), got \"" + text + "\"");
    return static_cast<std::uint32_t>(v);
  };
  const auto dash = text.find('-');
  if (dash == std::string::npos) {
    const std::uint32_t n = parse(text);
    if (n == 0) throw CLI::ValidationError("--replications", "needs at least 1 replication");
    return {0, n};
  }
  const std::uint32_t first = parse(text.substr(0, dash)), last = parse(text.substr(dash + 1));
  if (last < first) throw CLI::ValidationError("--replications", "slice " + text + " ends before it starts");
  return {first, last - first + 1};
}

std::function<void(std::uint32_t, std::uint32_t)> make_progress(bool quiet, const std::string& label) {
  if (quiet || !::isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start, label](std::uint32_t done, std::uint32_t total) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double left = done > 0 ? elapsed / done * (total - done) : 0.0;
    std::fprintf(stderr, "\r%s: replication %u/%u, %.0f s elapsed, about %.0f s left   ", label.c_str(), done, total,
                 elapsed, left);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

namespace {

std::string utc_formatted(const char* format) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string utc_now() { return utc_formatted("%Y-%m-%dT%H:%M:%SZ"); }

std::string utc_stamp_for_path() { return utc_formatted("%Y%m%d-%H%M%S"); }

std::filesystem::path results_folder(const std::string& given, const std::string& parent, const std::string& name) {
  if (!given.empty()) return given;
  return std::filesystem::path(parent) / (name + "-" + utc_stamp_for_path());
}

std::string scenario_id_of(const std::string& file) { return std::filesystem::path(file).stem().string(); }

std::vector<std::string> scenario_ids_of(const std::vector<std::string>& files) {
  std::vector<std::string> ids;
  for (const auto& file : files) {
    std::string id = scenario_id_of(file);
    while (std::find(ids.begin(), ids.end(), id) != ids.end()) id += "'";
    ids.push_back(id);
  }
  return ids;
}

}  // namespace jeugdsim::cli
