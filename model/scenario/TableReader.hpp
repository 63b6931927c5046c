#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenario/Diagnostics.hpp"
#include "scenario/Location.hpp"
#include "scenario/ScenarioDocument.hpp"

namespace jeugdsim::scenario {

// Typed, validating access to one table of a ScenarioDocument.
//
// Every problem goes to Diagnostics with the file and line of the offending value, the full
// dotted key (e.g. "teams.wijkteam.workers") and what would have been allowed. Getters never
// throw: after an error they return the default, or a harmless in-range value for required
// keys, so one pass collects every error. A getter without a default makes the key required.
//
// The reader remembers which keys were asked for; finish() then reports every key present in
// the table that nobody read as "unknown key", listing the accepted keys. This catches typos
// such as `wokers = 3` that would otherwise silently fall back to a default.
//
// Lifetime: the reader points into the document and the diagnostics, which must outlive it.
class TableReader {
 public:
  TableReader(const ScenarioDocument& doc, const toml::table& table, std::string dotted_path,
              Diagnostics& diags);

  // A required sub-table. If it is missing or not a table, one error is reported and the
  // returned reader is empty and silent (its required keys report nothing more).
  TableReader child(std::string_view key);
  // An optional sub-table: nullopt when absent (no error), or when not a table (error).
  std::optional<TableReader> optional_child(std::string_view key);

  // Integers are accepted as numbers. Bounds may be +-infinity.
  double number(std::string_view key, double min, double max);
  double number(std::string_view key, double min, double max, double default_value);

  // A float without a fraction (3.0) is accepted; 2.5 is an error.
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max,
                       std::int64_t default_value);

  bool boolean(std::string_view key);
  bool boolean(std::string_view key, bool default_value);

  std::string string(std::string_view key);
  std::string string(std::string_view key, std::string default_value);

  // A string that must be one of `allowed`.
  std::string choice(std::string_view key, const std::vector<std::string>& allowed);
  std::string choice(std::string_view key, const std::vector<std::string>& allowed,
                     std::string default_value);

  // An array of numbers, each in [min, max], with between min_size and max_size elements.
  std::vector<double> numbers(std::string_view key, double min, double max, std::size_t min_size,
                              std::size_t max_size);
  std::vector<double> numbers(std::string_view key, double min, double max, std::size_t min_size,
                              std::size_t max_size, std::vector<double> default_value);

  std::vector<std::string> strings(std::string_view key);
  std::vector<std::string> strings(std::string_view key, std::vector<std::string> default_value);

  // The table's keys in document order, for user-named sub-tables such as [teams.NAME]. Does not
  // mark them read: call child(name) (or another getter) for each.
  std::vector<std::string> keys() const;

  // has() lists the key among the accepted ones (for finish()'s message) but does not mark it
  // read: a caller that only tests for presence has not consumed the value.
  bool has(std::string_view key) const;
  void mark_read(std::string_view key);
  // The node at `key` (nullptr when absent); marks it read.
  const toml::node* raw(std::string_view key);

  // Where `key` was set (or where this table was declared if it is absent).
  Location location(std::string_view key) const;
  const std::string& path() const noexcept { return dotted_path; }
  // The full dotted key of `key` in this table ("" gives the table's own path).
  std::string full_key(std::string_view key) const;
  const toml::table& table() const noexcept { return *tbl; }

  // Reports a problem found by the caller (e.g. shares that do not sum to 1) in the same
  // file:line: key format. An empty key refers to the table itself.
  void error(std::string_view key, std::string message, std::string allowed = {});

  // Reports every key that was not read as "unknown key". Call once, after reading; it is not
  // called by the destructor because a reader abandoned after an error should not add noise.
  void finish();

 private:
  struct SilentTag {};
  TableReader(const ScenarioDocument& doc, std::string dotted_path, Diagnostics& diags, SilentTag);

  // Records `key` as accepted and read; reports a missing required key.
  const toml::node* fetch(std::string_view key, bool required);
  std::optional<double> read_number(std::string_view key, bool required, double min, double max);
  std::optional<std::int64_t> read_integer(std::string_view key, bool required, std::int64_t min,
                                           std::int64_t max);
  std::optional<std::string> read_string(std::string_view key, bool required);
  std::optional<std::string> read_choice(std::string_view key, bool required,
                                         const std::vector<std::string>& allowed);
  std::optional<std::vector<std::string>> read_strings(std::string_view key, bool required);

  const ScenarioDocument* doc;
  const toml::table* tbl;
  std::string dotted_path;
  Diagnostics* diags;
  bool silent = false;  // stands in for a missing table whose absence was already reported
  std::set<std::string, std::less<>> read_keys;
  mutable std::set<std::string, std::less<>> accepted_keys;
};

}  // namespace jeugdsim::scenario
