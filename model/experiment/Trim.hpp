#pragma once
#include <cctype>
#include <string>
#include <string_view>

namespace jeugdsim::experiment {

// `s` without leading and trailing white space (for targets and ranges typed by users).
inline std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

}  // namespace jeugdsim::experiment
