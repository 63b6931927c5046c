#include "scenario/ScenarioDocument.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario {

namespace fs = std::filesystem;

namespace {

// toml++ 3.3 (Debian 12) reaches __builtin_unreachable, i.e. undefined behaviour, when it tests
// many non-ASCII code points for whitespace (found by tests/fuzz: e.g. U+0399 in a table header,
// U+FB01 anywhere). It does that outside strings and comments, and after the line-ending
// backslash of a multi-line basic string. TOML 1.0 allows only ASCII there anyway, so such text
// is refused before it reaches the parser; U+FAF6..U+FEFE are refused everywhere. Non-ASCII text
// in strings and comments (Dutch names: "één gezin") is fine.
struct UnsafeCharacter {
  std::size_t line = 0;  // 1-based; 0 when the text is safe
  char32_t code_point = 0;
  bool outside_strings = false;
};

// Decodes the UTF-8 sequence at text[i] (its length in `length`); an invalid byte decodes as
// itself with length 1, for the parser to reject.
char32_t decode_utf8(std::string_view text, std::size_t i, std::size_t& length) {
  const auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  length = 1;
  if (n == 1 || i + n > text.size()) return c;
  char32_t cp = c & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return c;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  length = n;
  return cp;
}

UnsafeCharacter find_unsafe_character(std::string_view text) {
  enum class State { normal, comment, basic, literal, ml_basic, ml_literal };
  constexpr std::string_view kTripleQuote = "\"\"\"", kTripleApostrophe = "'''";
  State state = State::normal;
  bool after_line_ending_backslash = false;  // in a multi-line basic string, skipping whitespace
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    std::size_t length = 1;
    const char32_t cp = static_cast<unsigned char>(c) < 0x80 ? static_cast<char32_t>(c) : decode_utf8(text, i, length);
    if (cp >= 0xFAF6 && cp <= 0xFEFE) return {line, cp, false};
    if (cp >= 0x80 && (state == State::normal || after_line_ending_backslash)) return {line, cp, true};
    const auto starts = [&](std::string_view token) { return text.substr(i, token.size()) == token; };
    if (c == '\n') ++line;
    switch (state) {
      case State::normal:
        if (c == '#') {
          state = State::comment;
        } else if (starts(kTripleQuote)) {
          state = State::ml_basic;
          i += 3;
          continue;
        } else if (starts(kTripleApostrophe)) {
          state = State::ml_literal;
          i += 3;
          continue;
        } else if (c == '"') {
          state = State::basic;
        } else if (c == '\'') {
          state = State::literal;
        }
        break;
      case State::comment:
        if (c == '\n') state = State::normal;
        break;
      case State::basic:
        if (c == '\\') {  // an escape: the next character cannot end the string
          i += 2;
          continue;
        }
        if (c == '"' || c == '\n') state = State::normal;
        break;
      case State::literal:
        if (c == '\'' || c == '\n') state = State::normal;
        break;
      case State::ml_basic:
        if (after_line_ending_backslash && c != ' ' && c != '\t' && c != '\n' && c != '\r')
          after_line_ending_backslash = false;
        if (c == '\\') {
          // A backslash with only whitespace up to the line end trims what follows.
          std::size_t k = i + 1;
          while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
          if (k < text.size() && text[k] == '\n') {
            after_line_ending_backslash = true;
          } else {
            i += 2;
            continue;
          }
        } else if (starts(kTripleQuote)) {
          state = State::normal;
          i += 3;
          continue;
        }
        break;
      case State::ml_literal:
        if (starts(kTripleApostrophe)) {
          state = State::normal;
          i += 3;
          continue;
        }
        break;
    }
    i += length;
  }
  return {};
}

std::string unsafe_character_message(const UnsafeCharacter& u) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(u.code_point));
  if (u.outside_strings)
    return std::string("character ") + hex +
           " outside a string or comment (TOML allows only ASCII there: quote the text, or use plain letters)";
  return std::string("unsupported character ") + hex +
         " (the TOML parser cannot read U+FAF6 to U+FEFE safely); replace it, e.g. a ligature by its letters";
}

constexpr std::string_view kCommandLine = "command line";

// A number with a Dutch decimal comma (`0,21`) is not TOML: the parser stops at the comma with
// "expected a comment or whitespace, saw ','", which does not say what to do. Given the text and
// the line of a parse error, find_decimal_comma() finds `KEY = 0,21` on that line and returns the
// key (dotted from its [table] header) and what to write instead.
struct DecimalComma {
  std::string key;
  std::string advice;  // "use a decimal point: 0.21"
};

// What to write for a number with commas: `0,21` is a decimal comma; `52,000` may also be a
// thousands separator, so both readings are offered; `1,250,000` is one; `1,1,1` is a list
// without its brackets.
std::string comma_number_advice(const std::string& integer_part, const std::string& comma_groups) {
  std::vector<std::string> groups;  // the digits after each comma
  for (std::size_t at = 1; at <= comma_groups.size();) {
    const std::size_t next = comma_groups.find(',', at);
    groups.push_back(comma_groups.substr(at, next == std::string::npos ? std::string::npos : next - at));
    at = next == std::string::npos ? comma_groups.size() + 1 : next + 1;
  }
  bool thousands = integer_part.find_first_of("123456789") != std::string::npos;
  for (const std::string& g : groups) thousands = thousands && g.size() == 3;
  std::string joined = integer_part, underscored = integer_part, list = "[" + integer_part;
  for (const std::string& g : groups) {
    joined += g;
    underscored += "_" + g;
    list += ", " + g;
  }
  if (groups.size() == 1 && !thousands) return "use a decimal point: " + integer_part + "." + groups[0];
  if (groups.size() == 1)
    return "a number has no comma: write " + joined + " if it separates thousands, or " + integer_part + "." +
           groups[0] + " if it is a decimal comma";
  if (thousands) return "a number has no comma: write " + joined + " (or " + underscored + ")";
  return "a number has no comma; a list of numbers is written in brackets: " + list + "]";
}

// libstdc++'s std::regex recurses once per character matched, so the hints below only look at
// lines up to this long (a hand-written key = value line is far shorter); arbitrary input, such
// as the fuzzer's, must not overflow the stack on an error path.
constexpr std::size_t kMaxHintLine = 500;

std::string line_text(std::string_view text, std::size_t line) {
  std::size_t start = 0;
  for (std::size_t l = 1; l < line && start != std::string_view::npos; ++l) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > text.size()) return {};
  const std::size_t end = text.find('\n', start);
  return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

// The [table] (or [[array]]) header in force at `line`, "" at the top.
std::string table_at(std::string_view text, std::size_t line) {
  static const std::regex header(R"(^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$)");
  std::string table;
  std::size_t start = 0;
  for (std::size_t l = 1; l < line && start < text.size(); ++l) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string t(text.substr(start, end - start));
    std::smatch m;
    if (t.size() <= kMaxHintLine && std::regex_match(t, m, header)) table = m[1].str();
    start = end + 1;
  }
  return table;
}

std::optional<DecimalComma> find_decimal_comma(std::string_view text, std::size_t line) {
  static const std::regex pattern(R"(([A-Za-z0-9_\-]+)\s*=\s*([+-]?[0-9]+)((,[0-9]+)+)\b)");
  const std::string t = line_text(text, line);
  std::smatch m;
  if (t.size() > kMaxHintLine || !std::regex_search(t, m, pattern)) return std::nullopt;
  DecimalComma out;
  out.advice = comma_number_advice(m[2].str(), m[3].str());
  out.key = m[1].str();
  // A key at the start of its line belongs to the table above it; one inside an inline table
  // (`debts = { p = 0,3, ... }`) to the key that starts the line as well.
  static const std::regex inline_table(R"(^\s*([A-Za-z0-9_.\-]+)\s*=\s*\{)");
  std::smatch outer;
  if (t.find_first_not_of(" \t") != static_cast<std::size_t>(m.position(0))) {
    if (!std::regex_search(t, outer, inline_table)) return out;
    out.key = outer[1].str() + "." + out.key;
  }
  const std::string table = table_at(text, line);
  if (!table.empty()) out.key = table + "." + out.key;
  return out;
}

// `0,21` as a whole value: the text of a --set value with a decimal comma.
std::optional<std::string> decimal_comma_value(std::string_view value) {
  static const std::regex pattern(R"(\s*([+-]?[0-9]+)((,[0-9]+)+)\s*)");
  std::match_results<std::string_view::const_iterator> m;
  if (value.size() > kMaxHintLine || !std::regex_match(value.begin(), value.end(), m, pattern)) return std::nullopt;
  return comma_number_advice(m[1].str(), m[2].str());
}

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

  std::optional<toml::table> load(const fs::path& path, const std::string& display,
                                  const std::optional<Including>& from) {
    std::error_code dir_ec;
    std::ifstream in;
    if (!fs::is_directory(path, dir_ec)) in.open(path, std::ios::binary);
    std::ostringstream content;
    if (in.is_open()) content << in.rdbuf();
    if (!in.is_open() || in.bad()) {
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

std::string single_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

}  // namespace

std::string ScenarioDocument::join_key(std::string_view dotted_path, std::string_view key) {
  std::string out(dotted_path);
  if (!out.empty() && !key.empty() && key.front() != '[') out += '.';
  out += key;
  return out;
}

std::optional<ScenarioDocument> ScenarioDocument::load(const fs::path& file, Diagnostics& diags) {
  Loader loader{diags, {}, {}, {}, false};
  const std::string display = file.string();
  std::optional<toml::table> table = loader.load(file, display, std::nullopt);
  if (!table || loader.failed) return std::nullopt;

  ScenarioDocument doc;
  doc.merged = std::move(*table);
  doc.top_file = display;
  doc.merge_order = std::move(loader.merge_order);
  const Origin top{Location{display, 0}, doc.rank_of(display), 0};
  for (auto&& [key, node] : doc.merged) doc.index(node, std::string(key.str()), top, true);
  return doc;
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
        parent += "[" + std::to_string(*segments[i].index) + "]";
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
      path += "[" + std::to_string(*segments[i].index) + "]";
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
