#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/Commands.hpp"

extern char** environ;

namespace jeugdsim::cli {

namespace {

#ifndef JEUGDSIM_REPORT_DIR
#define JEUGDSIM_REPORT_DIR ""
#endif

struct ReportArgs {
  std::string run_dir;
  std::string lang = "nl";
  std::string sensitivity_dir;  // a `jeugdsim sweep --one-way` folder; empty: none
};

// The report is drawn by report/make_report.py with Debian's Python (matplotlib, pandas). Its
// folder comes from $JEUGDSIM_REPORT_DIR, else from the installed copy beside this binary
// (PREFIX/bin/jeugdsim -> PREFIX/share/jeugdsim/report, see `cmake --install` and the .deb),
// else from the source tree this binary was built from.
std::filesystem::path report_script() {
  const char* env = std::getenv("JEUGDSIM_REPORT_DIR");
  if (env != nullptr && *env != '\0') return std::filesystem::path(env) / "make_report.py";
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = self.parent_path().parent_path() / "share/jeugdsim/report/make_report.py";
    if (std::filesystem::is_regular_file(installed, ec)) return installed;
  }
  return std::filesystem::path(JEUGDSIM_REPORT_DIR) / "make_report.py";
}

int report(const ReportArgs& args) {
  const std::filesystem::path script = report_script();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(script, ec)) {
    std::fprintf(stderr, "report: cannot find %s: set JEUGDSIM_REPORT_DIR to the folder that holds make_report.py\n",
                 script.c_str());
    return kExitFailure;
  }
  const char* python_env = std::getenv("JEUGDSIM_PYTHON");
  const std::string python = (python_env != nullptr && *python_env != '\0') ? python_env : "/usr/bin/python3";
  if (!std::filesystem::exists(python, ec)) {
    std::fprintf(stderr, "report: %s is missing: install the report packages with `scripts/setup --with-report`\n",
                 python.c_str());
    return kExitFailure;
  }
  std::vector<std::string> argv_text{python, script.string(), args.run_dir, "--lang", args.lang};
  if (!args.sensitivity_dir.empty()) {
    argv_text.emplace_back("--sensitivity");
    argv_text.push_back(args.sensitivity_dir);
  }
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ);
  if (spawned != 0) {
    std::fprintf(stderr, "report: cannot start %s: %s\n", python.c_str(), std::strerror(spawned));
    return kExitFailure;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      std::fprintf(stderr, "report: lost the report process: %s\n", std::strerror(errno));
      return kExitFailure;
    }
  }
  if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    if (code == kExitOk || code == kExitBadInput) return code;
    return kExitFailure;
  }
  std::fprintf(stderr, "report: the report process stopped on signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return kExitFailure;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "report", "Write RUN_DIR/report.html and RUN_DIR/charts/ (PNG, SVG) from a compare or run folder");
  auto args = std::make_shared<ReportArgs>();
  cmd->add_option("run_dir", args->run_dir, "Results folder of `jeugdsim compare` (preferred) or `jeugdsim run`")
      ->required();
  cmd->add_option("--lang", args->lang, "Language of the report: nl (default) or en")
      ->check(CLI::IsMember({"nl", "en"}));
  cmd->add_option("--sensitivity", args->sensitivity_dir,
                  "Folder of `jeugdsim sweep --one-way` (sensitivity.csv): adds a section on the assumptions "
                  "that could change the conclusion");
  cmd->callback([args, &exit_code]() { exit_code = report(*args); });
}

}  // namespace jeugdsim::cli
