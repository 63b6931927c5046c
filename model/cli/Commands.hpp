#pragma once
#include <CLI/CLI.hpp>

namespace jeugdsim::cli {

// Exit codes: 0 success, 1 a failure while running, 2 bad input (scenario, arguments, files).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Each subcommand registers itself on the app and writes its exit code into `exit_code`.
void add_validate_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_merge_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_sweep_command(CLI::App& app, int& exit_code);
void add_plan_command(CLI::App& app, int& exit_code);
void add_calibrate_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_kpis_command(CLI::App& app, int& exit_code);
void add_check_targets_command(CLI::App& app, int& exit_code);

}  // namespace jeugdsim::cli
