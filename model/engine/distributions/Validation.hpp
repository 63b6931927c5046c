#pragma once
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace jeugdsim::engine::detail {

// Builds the uniform message "<family>: <parameter> must be <rule>, got <value>". Kept out of
// line of the checks ([[noreturn]], cold) so a validated constructor stays a few compares.
[[noreturn]] inline void throw_invalid(const char* family, const char* parameter, const char* rule,
                                       double got) {
  throw std::invalid_argument(fmt::format("{}: {} must be {}, got {}", family, parameter, rule, got));
}

[[noreturn]] inline void throw_invalid(const std::string& message) { throw std::invalid_argument(message); }

}  // namespace jeugdsim::engine::detail
