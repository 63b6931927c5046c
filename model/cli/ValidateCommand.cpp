#include <cstdio>
#include <string>
#include <vector>

#include "cli/Commands.hpp"
#include "scenario/CareScenario.hpp"

namespace jeugdsim::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files and report every error (file:line: key: ...)");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "Scenario files (TOML)")->required();
  cmd->callback([files, &exit_code]() {
    int bad = 0;
    for (const auto& file : *files) {
      scenario::Diagnostics diags;
      auto loaded = scenario::load_care_scenario(file, diags);
      if (loaded) {
        std::fputs(diags.format_warnings().c_str(), stderr);
        std::printf("%s: ok (%s)\n", file.c_str(), loaded->parameters.name.c_str());
      } else {
        ++bad;
        std::fputs(diags.format_all().c_str(), stderr);
        std::fprintf(stderr, "%s: %zu error%s\n", file.c_str(), diags.count(), diags.count() == 1 ? "" : "s");
      }
    }
    exit_code = bad == 0 ? kExitOk : kExitBadInput;
  });
}

}  // namespace jeugdsim::cli
