// jeugdsim: discrete-event simulation and capacity planning of Dutch youth care (jeugdhulp).
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "jeugdsim/Version.hpp"
#include "cli/Commands.hpp"
#include "io/AtomicDirectory.hpp"

int main(int argc, char** argv) {
  CLI::App app{"jeugdsim: simulate youth care (jeugdhulp) in a municipality or region and compare how it is organised"};
  app.set_version_flag("--version", std::string("jeugdsim ") + jeugdsim::kVersion + " (" + jeugdsim::kGitCommit + ")");
  app.require_subcommand(1);
  int exit_code = jeugdsim::cli::kExitOk;
  jeugdsim::cli::add_validate_command(app, exit_code);
  jeugdsim::cli::add_run_command(app, exit_code);
  jeugdsim::cli::add_merge_command(app, exit_code);
  jeugdsim::cli::add_compare_command(app, exit_code);
  jeugdsim::cli::add_sweep_command(app, exit_code);
  jeugdsim::cli::add_plan_command(app, exit_code);
  jeugdsim::cli::add_calibrate_command(app, exit_code);
  jeugdsim::cli::add_check_targets_command(app, exit_code);
  jeugdsim::cli::add_report_command(app, exit_code);
  jeugdsim::cli::add_kpis_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : jeugdsim::cli::kExitBadInput;
  } catch (const jeugdsim::io::OutputExistsError& e) {
    std::fprintf(stderr, "jeugdsim: error: %s\n", e.what());
    return jeugdsim::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jeugdsim: error: %s\n", e.what());
    return jeugdsim::cli::kExitFailure;
  }
  return exit_code;
}
