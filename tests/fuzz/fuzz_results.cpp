// Fuzzes the reader of result folders (io::read_run_results: kpis.csv and timeseries.csv, as
// used by `merge` and `run --resume`). The input is split at the first NUL byte (or a line
// "----") into kpis.csv and timeseries.csv. A malformed file must be rejected with an exception
// naming the file; nothing else may escape.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "FuzzSupport.hpp"
#include "io/ResultReader.hpp"

namespace fs = std::filesystem;
using namespace jeugdsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t cut = input.find('\0');
  std::size_t skip = 1;
  if (cut == std::string_view::npos) {
    cut = input.find("\n----\n");
    skip = 6;
  }
  const fs::path folder = fuzz::scratch() / "run";
  fs::create_directories(folder);
  fuzz::write_file(folder / "kpis.csv", input.substr(0, cut));
  fuzz::write_file(folder / "timeseries.csv", cut == std::string_view::npos ? std::string_view() : input.substr(cut + skip));
  try {
    const io::ReadResults r = io::read_run_results(folder);
    for (std::size_t i = 1; i < r.results.size(); ++i)
      if (!(r.results[i - 1].replication < r.results[i].replication)) std::abort();  // ascending, distinct
  } catch (const std::runtime_error& e) {
    fuzz::require_message(e.what(), "read_run_results");
  }
  // The line and number parsers on their own.
  (void)io::split_csv_line(std::string(input.substr(0, std::min<std::size_t>(input.size(), 4096))));
  try {
    (void)io::parse_number(std::string(input.substr(0, std::min<std::size_t>(input.size(), 64))));
  } catch (const std::invalid_argument& e) {
    fuzz::require_message(e.what(), "parse_number");
  }
  return 0;
}
