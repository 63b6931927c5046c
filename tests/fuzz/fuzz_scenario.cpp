// Fuzzes the scenario loader: ScenarioDocument::load (TOML, includes) and read_care_parameters
// (schema and validation), plus the resolved TOML of an accepted scenario, which must load again.
// The input is written as fuzz.toml next to a copy of the shipped profiles, so includes of
// "profiles/municipality-40k.toml" (and of fuzz.toml itself: a cycle) resolve.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "FuzzSupport.hpp"
#include "scenario/CareScenario.hpp"

namespace fs = std::filesystem;
using namespace jeugdsim;

namespace {

void check_rejection(const scenario::Diagnostics& diags) {
  if (diags.ok()) {
    std::fprintf(stderr, "fuzz: scenario rejected without any diagnostic\n");
    std::abort();
  }
  for (const auto& d : diags.all()) {
    fuzz::require_message(d.message, "the scenario loader");
    fuzz::require_message(d.file, "the scenario loader (file of a diagnostic)");
    fuzz::require_message(d.format(), "the scenario loader");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* source = std::getenv("JEUGDSIM_SOURCE_DIR");
  if (source != nullptr) {
    std::error_code ec;
    fs::create_directories(fuzz::scratch() / "profiles", ec);
    for (const auto& e : fs::directory_iterator(fs::path(source) / "scenarios" / "profiles", ec))
      fs::copy_file(e.path(), fuzz::scratch() / "profiles" / e.path().filename(), fs::copy_options::overwrite_existing, ec);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path file = fuzz::scratch() / "fuzz.toml";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  scenario::Diagnostics diags;
  auto doc = scenario::ScenarioDocument::load(file, diags);
  if (!doc) {
    check_rejection(diags);
    return 0;
  }
  // A value given on the command line goes through the same parser.
  doc->apply_override("simulation.seed", "7", diags);
  auto params = scenario::read_care_parameters(*doc, diags);
  if (!params) {
    check_rejection(diags);
    return 0;
  }
  // Accepted: what it writes as scenario.resolved.toml must load and validate again.
  const fs::path resolved = fuzz::scratch() / "resolved.toml";
  fuzz::write_file(resolved, doc->resolved_toml());
  scenario::Diagnostics again;
  auto reloaded = scenario::load_care_scenario(resolved, again);
  if (!reloaded) {
    std::fprintf(stderr, "fuzz: the resolved TOML of an accepted scenario does not load again:\n%s",
                 again.format_all().c_str());
    std::abort();
  }
  return 0;
}
