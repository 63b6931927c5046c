#pragma once
// Internal to model/scenario: what to say about a number written with a decimal comma.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jeugdsim::scenario::detail {

// A number with a Dutch decimal comma (`0,21`) is not TOML: the parser stops at the comma with
// "expected a comment or whitespace, saw ','", which does not say what to do. Given the text and
// the line of a parse error, find_decimal_comma() finds `KEY = 0,21` on that line and returns the
// key (dotted from its [table] header) and what to write instead.
struct DecimalComma {
  std::string key;
  std::string advice;  // "use a decimal point: 0.21"
};

std::optional<DecimalComma> find_decimal_comma(std::string_view text, std::size_t line);

// `0,21` as a whole value: the text of a --set value with a decimal comma.
std::optional<std::string> decimal_comma_value(std::string_view value);

}  // namespace jeugdsim::scenario::detail
