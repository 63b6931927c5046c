#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "experiment/ReplicationRunner.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::cli {

// Options shared by the commands that run a scenario (run, compare, sweep, ...).
struct ScenarioOptions {
  std::optional<std::uint64_t> seed;
  std::string replications;  // "N", "FIRST-LAST" (inclusive) or "auto"
  double target_precision = 0.05;        // with "auto": relative CI half-width to reach
  std::vector<std::string> precision_kpis;  // with "auto": KPI or KPI:GROUP
  std::uint32_t min_replications = 5, max_replications = 200;
  unsigned threads = 0;
  std::vector<std::string> overrides;  // KEY=VALUE or ID:KEY=VALUE (see experiment/ScenarioVariant.hpp)
  bool quiet = false;
  std::string lang = "nl";  // headings of the Excel workbook: nl or en
  void add_to(CLI::App& cmd);
  // For a command on one scenario (run, sweep, plan, calibrate): accepts an ID: prefix only when
  // it is `id`, and leaves `overrides` as plain KEY=VALUE. Throws CLI::ValidationError naming
  // the argument otherwise.
  void narrow_overrides_to(const std::string& id);
};

// Loads `file`, applies the --set overrides and --seed, and reads the parameters. Prints every
// diagnostic to stderr and returns nullopt on any error. With a `label` (the scenario's id in a
// comparison) every printed line starts with it, so that each error and warning says which
// scenario it belongs to. `override_failed`, when given, is set to whether an override (an
// error on the command line) was among the errors.
std::optional<scenario::LoadedScenario> load_with_overrides(const std::string& file, const ScenarioOptions& options,
                                                            const std::string& label = {},
                                                            bool* override_failed = nullptr);

// Parses "N" (replications 0..N-1) or "A-B" (A..B inclusive); the scenario's count if empty.
// Throws CLI::ValidationError with a clear message on a malformed value.
experiment::ReplicationRange parse_replications(const std::string& text, int scenario_default);

// Progress on stderr when it is a terminal and not --quiet: "replication 7/20, about 12 s left".
std::function<void(std::uint32_t, std::uint32_t)> make_progress(bool quiet, const std::string& label);

std::string utc_now();
// A UTC time stamp for default folder names (no characters that other file systems refuse).
std::string utc_stamp_for_path();
std::string scenario_id_of(const std::string& file);
// The ids of several scenarios (compare, sweep): their file stems, a repeated one with a prime
// (a, a'); they name the result folders and are what --set ID:KEY=VALUE refers to.
std::vector<std::string> scenario_ids_of(const std::vector<std::string>& files);

// The results folder: `given` (--out) if set, else PARENT/NAME-TIMESTAMP (UTC, no colons).
std::filesystem::path results_folder(const std::string& given, const std::string& parent, const std::string& name);

}  // namespace jeugdsim::cli
