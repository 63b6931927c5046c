// Fuzzes the calibration target reader (experiment::read_calibration_targets, `jeugdsim
// calibrate --targets FILE`): every bad row must be reported with a message, never crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "FuzzSupport.hpp"
#include "experiment/Calibration.hpp"

namespace fs = std::filesystem;
using namespace jeugdsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path file = fuzz::scratch() / "targets.csv";
  fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
  scenario::Diagnostics diags;
  try {
    const auto targets = experiment::read_calibration_targets(file, diags);
    for (const auto& t : targets) {
      fuzz::require_message(t.kpi, "read_calibration_targets (accepted a target without a KPI)");
      (void)experiment::tolerance_band(t, 0.1);
      (void)experiment::objective_term(t, 1.0, 0.1);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: read_calibration_targets threw instead of reporting: %s\n", e.what());
    std::abort();
  }
  for (const auto& d : diags.all()) fuzz::require_message(d.message, "read_calibration_targets");
  return 0;
}
