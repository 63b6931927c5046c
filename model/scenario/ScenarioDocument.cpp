#include "scenario/ScenarioDocument.hpp"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace jeugdsim::scenario {

std::string ScenarioDocument::single_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

std::string ScenarioDocument::join_key(std::string_view dotted_path, std::string_view key) {
  std::string out(dotted_path);
  if (!out.empty() && !key.empty() && key.front() != '[') out += '.';
  out += key;
  return out;
}

std::size_t ScenarioDocument::rank_of(const std::string& file) const {
  // A file included twice (diamond) ranks at its last merge, which is the one that won.
  for (std::size_t i = merge_order.size(); i > 0; --i) {
    if (merge_order[i - 1] == file) return i - 1;
  }
  return merge_order.size();
}

void ScenarioDocument::index(const toml::node& node, const std::string& dotted_key,
                             const Origin& inherited, bool use_sources) {
  Origin origin = inherited;
  const toml::source_region& source = node.source();
  // Nodes built by toml++ without a text position (line 0) inherit their parent's location.
  if (use_sources && source.begin.line != 0) {
    const std::string file = source.path ? *source.path : inherited.location.file;
    origin = Origin{Location{file, source.begin.line}, rank_of(file), source.begin.column};
  }
  origins.insert_or_assign(dotted_key, origin);
  if (const toml::table* table = node.as_table()) {
    for (auto&& [key, child] : *table) index(child, join_key(dotted_key, key.str()), origin, use_sources);
  } else if (const toml::array* array = node.as_array()) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      index(*array->get(i), dotted_key + "[" + std::to_string(i) + "]", origin, use_sources);
    }
  }
}

void ScenarioDocument::forget_subtree(const std::string& dotted_key) {
  origins.erase(dotted_key);
  for (const std::string& prefix : {dotted_key + ".", dotted_key + "["}) {
    auto it = origins.lower_bound(prefix);
    while (it != origins.end() && it->first.compare(0, prefix.size(), prefix) == 0) it = origins.erase(it);
  }
}

std::vector<std::string> ScenarioDocument::files() const {
  std::vector<std::string> out;
  for (const std::string& f : merge_order) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  return out;
}

Location ScenarioDocument::location_of(std::string_view dotted_key) const {
  std::string_view key = dotted_key;
  while (!key.empty()) {
    if (auto it = origins.find(key); it != origins.end()) return it->second.location;
    const std::size_t cut = key.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    key = key.substr(0, cut);
  }
  return Location{top_file, 0};
}

std::vector<std::string> ScenarioDocument::keys_in_order(const toml::table& table,
                                                         std::string_view dotted_path) const {
  struct Entry {
    std::size_t rank, line, column;
    std::string key;
  };
  std::vector<Entry> entries;
  for (auto&& [key, node] : table) {
    std::string name(key.str());
    const auto it = origins.find(join_key(dotted_path, name));
    if (it != origins.end()) {
      entries.push_back(Entry{it->second.rank, it->second.location.line, it->second.column, std::move(name)});
    } else {
      entries.push_back(Entry{0, 0, 0, std::move(name)});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.rank, a.line, a.column) < std::tie(b.rank, b.line, b.column);
  });
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (Entry& e : entries) out.push_back(std::move(e.key));
  return out;
}

std::string ScenarioDocument::resolved_toml() const {
  std::ostringstream out;
  out << "# Resolved scenario, merged from (later overrides earlier):";
  for (const std::string& f : files()) out << ' ' << single_line(f);
  out << '\n';
  if (!overrides.empty()) {
    out << "# Command-line overrides:";
    for (const std::string& o : overrides) out << ' ' << single_line(o) << ';';
    out << '\n';
  }
  // Flat sub-tables read more like the hand-written scenario files this came from.
  constexpr auto flags = toml::toml_formatter::default_flags & ~toml::format_flags::indent_sub_tables;
  out << toml::toml_formatter{merged, flags} << '\n';
  return out.str();
}

std::string node_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

}  // namespace jeugdsim::scenario
