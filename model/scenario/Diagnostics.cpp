#include "scenario/Diagnostics.hpp"

#include <utility>

namespace jeugdsim::scenario {

std::string Diagnostic::format() const {
  std::string out = file;
  if (line != 0) {
    out += ':';
    out += std::to_string(line);
  }
  out += ": ";
  if (!key.empty()) {
    out += key;
    out += ": ";
  }
  out += message;
  if (!allowed.empty()) {
    out += " (allowed: ";
    out += allowed;
    out += ')';
  }
  return out;
}

void Diagnostics::error(std::string file, std::size_t line, std::string key, std::string message,
                        std::string allowed) {
  diagnostics.push_back(Diagnostic{std::move(file), line, std::move(key), std::move(message),
                                   std::move(allowed)});
}

void Diagnostics::warning(std::string file, std::size_t line, std::string key, std::string message) {
  warning_list.push_back(Diagnostic{std::move(file), line, std::move(key), std::move(message), {}});
}

std::string Diagnostics::format_warnings() const {
  std::string out;
  for (const Diagnostic& d : warning_list) {
    out += "warning: ";
    out += d.format();
    out += '\n';
  }
  return out;
}

std::string Diagnostics::format_all() const {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += d.format();
    out += '\n';
  }
  return out;
}

}  // namespace jeugdsim::scenario
