// `jeugdsim kpis`: the KPI registry (model/experiment/KpiRegistry.hpp): every KPI's kind,
// direction and display names; --json for programs (the report reads report/kpis.json, made by
// `jeugdsim kpis --json`).
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/Commands.hpp"
#include "experiment/KpiRegistry.hpp"

namespace jeugdsim::cli {

void add_kpis_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("kpis", "List every KPI with its kind, direction and display names");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "As JSON (the source of the report's KPI names, report/kpis.json)");
  cmd->callback([json, &exit_code]() {
    if (*json) {
      std::fputs(experiment::kpi_registry_json().c_str(), stdout);
    } else {
      std::size_t width = 0;
      for (const auto& k : experiment::kpi_registry()) width = std::max(width, k.name.size());
      for (const auto& k : experiment::kpi_registry())
        std::printf("%s\n", fmt::format("{:<{}}  {:<5}  {:<16}  {}", k.name, width, experiment::kind_name(k.kind),
                                        experiment::direction_name(k.direction), k.name_en)
                                .c_str());
    }
    exit_code = kExitOk;
  });
}

}  // namespace jeugdsim::cli
