#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace jeugdsim::scenario {

// One problem found in a scenario, pointing at the file, line and full dotted key so the user
// can go straight to the offending value.
struct Diagnostic {
  std::string file;
  std::size_t line = 0;  // 0 when no line applies (missing file, command-line override)
  std::string key;
  std::string message;
  std::string allowed;  // what would have been accepted; empty when not meaningful

  // "file:line: key: message (allowed: ...)"; line 0 prints "file: key: message".
  std::string format() const;
};

// Collects errors instead of throwing so that one pass over a scenario reports every mistake,
// not just the first one. Warnings (plausibility: a valid value that is probably in the wrong
// unit) are kept apart: they never make a scenario invalid, so ok() and count() ignore them.
class Diagnostics {
 public:
  void error(std::string file, std::size_t line, std::string key, std::string message,
             std::string allowed = {});
  void warning(std::string file, std::size_t line, std::string key, std::string message);

  bool ok() const noexcept { return diagnostics.empty(); }
  std::size_t count() const noexcept { return diagnostics.size(); }
  const std::vector<Diagnostic>& all() const noexcept { return diagnostics; }
  const std::vector<Diagnostic>& warnings() const noexcept { return warning_list; }

  // Every error formatted, one per line (each line ends with '\n').
  std::string format_all() const;
  // Every warning as "warning: file:line: key: message", one per line.
  std::string format_warnings() const;

 private:
  std::vector<Diagnostic> diagnostics;
  std::vector<Diagnostic> warning_list;
};

}  // namespace jeugdsim::scenario
