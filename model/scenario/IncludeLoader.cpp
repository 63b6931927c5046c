// ScenarioDocument::load: reading a scenario file and the files it includes, merged into one table.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "scenario/DecimalCommaHints.hpp"
#include "scenario/ScenarioDocument.hpp"
#include "scenario/UnsafeCharacters.hpp"

namespace jeugdsim::scenario {

namespace fs = std::filesystem;

namespace {

using detail::find_decimal_comma;
using detail::find_unsafe_character;
using detail::unsafe_character_message;
using detail::UnsafeCharacter;

// Overlays `src` onto `dst`, moving nodes (toml++ keeps a node's source region on move but not
// on copy, and the regions are what locations are built from).
void merge_into(toml::table& dst, toml::table& src) {
  for (auto&& [key, node] : src) {
    toml::table* src_table = node.as_table();
    toml::table* dst_table = dst.get_as<toml::table>(key.str());
    // Only standard tables merge: an inline table is one value (typically a distribution spec)
    // and mixing its keys across files would silently build a spec nobody wrote.
    if (src_table != nullptr && dst_table != nullptr && !src_table->is_inline() &&
        !dst_table->is_inline()) {
      merge_into(*dst_table, *src_table);
    } else {
      dst.insert_or_assign(key, std::move(node));
    }
  }
}

struct Loader {
  Diagnostics& diags;
  std::vector<std::string> chain;         // display names of files being loaded, for cycle messages
  std::vector<fs::path> chain_canonical;  // same files, for comparing
  std::vector<std::string> merge_order;
  bool failed = false;

  struct Including {
    std::string file;
    std::size_t line;
  };

  // `given_text`, when not null, is the top file's content (a scenario given as text, e.g. by
  // the embedding API): `path` then only anchors its includes and its cycle check.
  std::optional<toml::table> load(const fs::path& path, const std::string& display,
                                  const std::optional<Including>& from, const std::string* given_text = nullptr) {
    std::error_code dir_ec;
    std::ifstream in;
    if (given_text == nullptr && !fs::is_directory(path, dir_ec)) in.open(path, std::ios::binary);
    std::ostringstream content;
    if (given_text != nullptr) content << *given_text;
    if (in.is_open()) content << in.rdbuf();
    if (given_text == nullptr && (!in.is_open() || in.bad())) {
      failed = true;
      // Where it was looked for, and why it failed: a relative name is resolved against the
      // including file's folder (or the working directory), which is not always what one expects.
      std::error_code abs_ec;
      fs::path resolved = fs::absolute(path, abs_ec).lexically_normal();
      if (abs_ec) resolved = path;
      std::error_code status_ec;
      const char* why = fs::is_directory(path, dir_ec)               ? "it is a folder"
                        : !fs::exists(fs::status(path, status_ec))  ? "no such file"
                                                                    : "not readable";
      if (from) {
        diags.error(from->file, from->line, "include",
                    "cannot open included file '" + display + "': " + why + " (looked for " + resolved.string() +
                        ", relative to the folder of " + from->file + ")");
      } else {
        diags.error(display, 0, "", std::string("cannot open file: ") + why + " (looked for " + resolved.string() + ")");
      }
      return std::nullopt;
    }

    if (const UnsafeCharacter bad = find_unsafe_character(content.str()); bad.line > 0) {
      failed = true;
      diags.error(display, bad.line, "", unsafe_character_message(bad));
      return std::nullopt;
    }
    toml::table table;
    try {
      table = toml::parse(content.str(), display);
    } catch (const toml::parse_error& e) {
      failed = true;
      const std::size_t line = e.source().begin.line;
      if (const auto comma = find_decimal_comma(content.str(), line)) {
        diags.error(display, line, comma->key, std::string(e.description()) + "; " + comma->advice);
      } else {
        diags.error(display, line, "", std::string(e.description()));
      }
      return std::nullopt;
    }

    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    if (ec) canonical = fs::absolute(path).lexically_normal();
    chain.push_back(display);
    chain_canonical.push_back(canonical);

    toml::table result;
    if (const toml::node* include = table.get("include")) {
      const std::size_t include_line = include->source().begin.line;
      std::vector<std::pair<std::string, std::size_t>> names;  // (file name, line)
      if (const auto* single = include->as_string()) {
        names.emplace_back(single->get(), include_line);
      } else if (const auto* list = include->as_array()) {
        for (const toml::node& element : *list) {
          if (const auto* name = element.as_string()) {
            const std::size_t line = element.source().begin.line;
            names.emplace_back(name->get(), line != 0 ? line : include_line);
          } else {
            failed = true;
            diags.error(display, include_line, "include",
                        "expected a file name string, got " + node_type_name(element));
          }
        }
      } else {
        failed = true;
        diags.error(display, include_line, "include",
                    "expected a string or an array of strings, got " + node_type_name(*include));
      }

      for (const auto& [name, line] : names) {
        const fs::path child_path = path.parent_path() / name;
        const std::string child_display = (fs::path(display).parent_path() / name).lexically_normal().string();
        std::error_code child_ec;
        fs::path child_canonical = fs::weakly_canonical(child_path, child_ec);
        if (child_ec) child_canonical = fs::absolute(child_path).lexically_normal();
        const auto seen = std::find(chain_canonical.begin(), chain_canonical.end(), child_canonical);
        if (seen != chain_canonical.end()) {
          std::string cycle;
          for (auto it = chain.begin() + (seen - chain_canonical.begin()); it != chain.end(); ++it) {
            cycle += *it + " -> ";
          }
          cycle += child_display;
          failed = true;
          diags.error(display, line, "include", "include cycle: " + cycle);
          continue;
        }
        if (auto child = load(child_path, child_display, Including{display, line})) {
          merge_into(result, *child);
        }
      }
      table.erase("include");
    }

    merge_into(result, table);
    chain.pop_back();
    chain_canonical.pop_back();
    merge_order.push_back(display);
    return result;
  }
};

}  // namespace

std::optional<ScenarioDocument> ScenarioDocument::load(const fs::path& file, Diagnostics& diags) {
  return load_resolved(file, file.string(), nullptr, diags);
}

std::optional<ScenarioDocument> ScenarioDocument::load_text(const std::string& text, const fs::path& base_dir,
                                                            const std::string& display, Diagnostics& diags) {
  // The text stands in for a file named `display` in `base_dir`, so its includes resolve there.
  return load_resolved(base_dir / fs::path(display).filename(), display, &text, diags);
}

std::optional<ScenarioDocument> ScenarioDocument::load_resolved(const fs::path& file, const std::string& display,
                                                                const std::string* text, Diagnostics& diags) {
  Loader loader{diags, {}, {}, {}, false};
  std::optional<toml::table> table = loader.load(file, display, std::nullopt, text);
  if (!table || loader.failed) return std::nullopt;

  ScenarioDocument doc;
  doc.merged = std::move(*table);
  doc.top_file = display;
  doc.merge_order = std::move(loader.merge_order);
  const Origin top{Location{display, 0}, doc.rank_of(display), 0};
  for (auto&& [key, node] : doc.merged) doc.index(node, std::string(key.str()), top, true);
  return doc;
}

}  // namespace jeugdsim::scenario
