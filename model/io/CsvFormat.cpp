#include "io/CsvFormat.hpp"

#include <cmath>

#include <fmt/format.h>

namespace jeugdsim::io {

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  if (value == 0) return "0";  // no "-0"
  return fmt::format("{}", value);  // shortest text that reads back to the same double
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace jeugdsim::io
