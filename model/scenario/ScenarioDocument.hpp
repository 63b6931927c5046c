#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "scenario/Diagnostics.hpp"
#include "scenario/Location.hpp"

namespace jeugdsim::scenario {

// A scenario file with its includes resolved into one TOML table, remembering for every value
// which file and line set it, so that validation errors point at the user's own text.
//
// Include rules: a top-level `include` (a string or an array of strings, applied in order)
// names files relative to the including file. Included files are merged first, then the
// including file's keys override them. Standard [tables] merge recursively; every other value,
// including arrays and inline tables, replaces the earlier value as a whole (a distribution spec
// such as `{ dist = "lognormal", mean = 300 }` must never mix keys from two files).
//
// Defined in ScenarioDocument.cpp (keys, locations, the resolved text), IncludeLoader.cpp
// (load) and CommandLineOverrides.cpp (apply_override).
class ScenarioDocument {
 public:
  // Reads, parses and resolves `file`. Every problem (unreadable file, parse error, bad or
  // cyclic include) is added to `diags`; returns nullopt if there was any, because validating a
  // partially resolved document would only add confusing follow-up errors.
  static std::optional<ScenarioDocument> load(const std::filesystem::path& file, Diagnostics& diags);
  // The same for a scenario given as text (the embedding API): `display` names it in messages
  // and locations, and its includes are resolved relative to `base_dir`.
  static std::optional<ScenarioDocument> load_text(const std::string& text, const std::filesystem::path& base_dir,
                                                   const std::string& display, Diagnostics& diags);

  const toml::table& root() const noexcept { return merged; }

  // The top-level file as the caller named it.
  const std::string& file() const noexcept { return top_file; }

  // Every file that contributed, in merge order (includes before their includer), each once.
  std::vector<std::string> files() const;

  // Where `dotted_key` (e.g. "teams.wijkteam.workers", array elements as "a.b[2]") was set; if
  // it is absent, where its nearest enclosing table was declared; failing that the top file with
  // line 0.
  Location location_of(std::string_view dotted_key) const;

  // The keys of `table` (which lives at `dotted_path`, "" for the root) in document order: by
  // merge order of the file that set them, then line, then column. toml::table itself iterates
  // in sorted key order, which would reorder user-named entries such as teams.
  std::vector<std::string> keys_in_order(const toml::table& table, std::string_view dotted_path) const;

  // The merged document as TOML, preceded by comment lines naming the files (and command-line
  // overrides) it was resolved from. Loading it again gives the same values.
  std::string resolved_toml() const;

  // Sets `dotted_key` to the TOML value written in `toml_value_text` (`12`, `"cold"`, `[1, 2]`,
  // `{ dist = "constant", value = 3 }`), creating intermediate tables. The value's location
  // becomes "command line", line 0. Returns false and adds a diagnostic naming the key if the
  // key or the value text is malformed or a parent of the key is not a table.
  bool apply_override(std::string_view dotted_key, std::string_view toml_value_text, Diagnostics& diags);

  // Joins a table path and a key the way this class names keys ("" + "a" -> "a").
  static std::string join_key(std::string_view dotted_path, std::string_view key);

 private:
  // Internal position: the public location plus what is needed to order keys as written.
  struct Origin {
    Location location;
    std::size_t rank = 0;  // merge order of the file; overrides come after every file
    std::size_t column = 0;
  };

  ScenarioDocument() = default;
  static std::optional<ScenarioDocument> load_resolved(const std::filesystem::path& file, const std::string& display,
                                                       const std::string* text, Diagnostics& diags);

  void index(const toml::node& node, const std::string& dotted_key, const Origin& inherited,
             bool use_sources);
  void forget_subtree(const std::string& dotted_key);
  std::size_t rank_of(const std::string& file) const;
  // `text` with its line breaks as spaces, for a comment line or a one-line message.
  static std::string single_line(std::string_view text);

  toml::table merged;
  std::string top_file;
  std::vector<std::string> merge_order;
  std::vector<std::string> overrides;
  std::map<std::string, Origin, std::less<>> origins;
};

// The TOML type of a node in words ("string", "integer", "table", ...), for error messages.
std::string node_type_name(const toml::node& node);

}  // namespace jeugdsim::scenario
