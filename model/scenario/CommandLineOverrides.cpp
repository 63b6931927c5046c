// ScenarioDocument::apply_override: `--set KEY=VALUE` on the command line.
#include <optional>
#include <string>
#include <vector>

#include "scenario/ClosestMatch.hpp"
#include "scenario/DecimalCommaHints.hpp"
#include "scenario/ScenarioDocument.hpp"
#include "scenario/UnsafeCharacters.hpp"

namespace jeugdsim::scenario {

namespace {

using detail::decimal_comma_value;
using detail::find_unsafe_character;
using detail::unsafe_character_message;
using detail::UnsafeCharacter;

constexpr std::string_view kCommandLine = "command line";

// Splits "a.b.c" into its segments; an empty segment makes the key invalid.
std::optional<std::vector<std::string>> split_key(std::string_view dotted_key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted_key.find('.', start);
    const std::string_view part = dotted_key.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty()) return std::nullopt;
    parts.emplace_back(part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// A key segment "route[2]" names element 2 of the array "route"; plain segments have no index.
struct KeySegment {
  std::string name;
  std::optional<std::size_t> index;
};

std::optional<KeySegment> parse_segment(const std::string& part) {
  const auto open = part.find('[');
  if (open == std::string::npos) return KeySegment{part, std::nullopt};
  if (open == 0 || part.back() != ']' || open + 2 > part.size() - 1) return std::nullopt;
  const std::string digits = part.substr(open + 1, part.size() - open - 2);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 6)
    return std::nullopt;
  return KeySegment{part.substr(0, open), static_cast<std::size_t>(std::stoul(digits))};
}

}  // namespace

bool ScenarioDocument::apply_override(std::string_view dotted_key, std::string_view toml_value_text,
                                      Diagnostics& diags) {
  const std::string key_text(dotted_key);
  const auto parts = split_key(dotted_key);
  if (!parts) {
    diags.error(std::string(kCommandLine), 0, key_text, "malformed key");
    return false;
  }

  // Parsing "value = <text>" reuses the TOML grammar, so overrides accept exactly what a
  // scenario file would.
  toml::table parsed;
  if (const UnsafeCharacter bad = find_unsafe_character(toml_value_text); bad.line > 0) {
    diags.error(std::string(kCommandLine), 0, key_text, unsafe_character_message(bad));
    return false;
  }
  try {
    parsed = toml::parse("value = " + std::string(toml_value_text) + "\n");
  } catch (const toml::parse_error& e) {
    std::string hint;
    if (const auto advice = decimal_comma_value(toml_value_text)) hint = "; " + *advice;
    diags.error(std::string(kCommandLine), 0, key_text,
                "malformed value '" + single_line(toml_value_text) + "': " + std::string(e.description()) + hint);
    return false;
  }
  toml::node* value = parsed.get("value");
  if (value == nullptr || parsed.size() != 1) {
    diags.error(std::string(kCommandLine), 0, key_text,
                "malformed value '" + single_line(toml_value_text) + "': expected a single TOML value");
    return false;
  }

  std::vector<KeySegment> segments;
  for (const auto& part : *parts) {
    auto segment = parse_segment(part);
    if (!segment) {
      diags.error(std::string(kCommandLine), 0, key_text, "malformed key segment '" + part + "'",
                  "name or name[INDEX], e.g. channels.gp.route[2].share");
      return false;
    }
    segments.push_back(std::move(*segment));
  }

  // Check the whole path before changing anything so a failed override leaves no trace. Tables
  // on the way may be created; array elements must already exist.
  {
    const toml::table* probe = &merged;
    std::string parent;
    for (std::size_t i = 0; i < segments.size() && probe != nullptr; ++i) {
      const bool last = i + 1 == segments.size();
      const toml::node* node = probe->get(segments[i].name);
      const std::string enclosing = parent;
      parent = join_key(parent, segments[i].name);
      if (segments[i].index) {
        const toml::array* arr = node != nullptr ? node->as_array() : nullptr;
        if (arr == nullptr || *segments[i].index >= arr->size()) {
          diags.error(std::string(kCommandLine), 0, key_text,
                      "cannot set: '" + parent + "' has no element " + std::to_string(*segments[i].index),
                      arr == nullptr ? "an existing array" : "index 0 to " + std::to_string(arr->size() - 1));
          return false;
        }
        node = arr->get(*segments[i].index);
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + std::string&& here.
        parent.append("[").append(std::to_string(*segments[i].index)).append("]");
      }
      if (node == nullptr && !last) {
        // A table the override would create: refuse it if it is one slip away from an existing
        // one (teams.wijkteem for teams.wijkteam), which would otherwise become a new, incomplete
        // team with a dozen "missing required key" errors.
        std::vector<std::string> siblings;
        for (auto&& [name, child] : *probe)
          if (child.is_table()) siblings.emplace_back(name.str());
        if (const auto meant = closest_match(segments[i].name, siblings)) {
          diags.error(std::string(kCommandLine), 0, key_text,
                      "cannot set: the scenario has no '" + parent + "'; did you mean `" +
                          join_key(enclosing, *meant) + "`?");
          return false;
        }
        // Nor may it add a member to a collection of tables (a team, provider or channel that
        // this scenario does not have, e.g. teams.wijkteam in a split design): one key would
        // make an incomplete member and a dozen "missing required key" errors. A whole new
        // member can still be given as one inline table (--set 'teams.x={...}').
        const bool collection = i > 0 && !siblings.empty() && siblings.size() == probe->size();
        if (collection) {
          std::string names;
          for (const auto& n : siblings) names += (names.empty() ? "" : ", ") + n;
          diags.error(std::string(kCommandLine), 0, key_text,
                      "cannot set: the scenario has no '" + parent + "' (its " + enclosing + ": " + names + ")");
          return false;
        }
      }
      if (last || node == nullptr) break;
      probe = node->as_table();
      if (probe == nullptr) {
        diags.error(std::string(kCommandLine), 0, key_text,
                    "cannot set: '" + parent + "' is not a table (got " + node_type_name(*node) + ")");
        return false;
      }
    }
  }

  const Origin command_line{Location{std::string(kCommandLine), 0},
                            merge_order.size() + overrides.size(), 0};
  toml::table* table = &merged;
  std::string path;
  toml::node* target = nullptr;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const bool last = i + 1 == segments.size();
    path = join_key(path, segments[i].name);
    if (last && !segments[i].index) {
      table->insert_or_assign(segments[i].name, std::move(*value));
      target = table->get(segments[i].name);
      break;
    }
    toml::node* node = table->get(segments[i].name);
    if (node == nullptr) {
      table->insert(segments[i].name, toml::table{});
      node = table->get(segments[i].name);
      origins.insert_or_assign(path, command_line);
    }
    if (segments[i].index) {
      toml::array& arr = *node->as_array();
      path.append("[").append(std::to_string(*segments[i].index)).append("]");  // as above: GCC 12
      if (last) {
        arr.replace(arr.cbegin() + static_cast<std::ptrdiff_t>(*segments[i].index), std::move(*value));
        target = arr.get(*segments[i].index);
        break;
      }
      node = arr.get(*segments[i].index);
    }
    table = node->as_table();
  }
  forget_subtree(key_text);
  index(*target, key_text, command_line, false);
  overrides.push_back(key_text + " = " + std::string(toml_value_text));
  return true;
}

}  // namespace jeugdsim::scenario
