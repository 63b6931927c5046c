#pragma once
#include <string>
#include <string_view>

namespace jeugdsim::io {

// Numbers in result files: the shortest text that reads back to exactly the same double
// (so slices merged from CSV files reproduce a single run bit for bit), "NaN" for undefined
// values (pandas reads it as missing). The same text on every machine for the same double.
std::string format_number(double value);

// A CSV field, quoted when it contains a comma, quote or newline (RFC 4180).
std::string csv_field(std::string_view text);

}  // namespace jeugdsim::io
