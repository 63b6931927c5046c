#include "scenario/DecimalCommaHints.hpp"

#include <algorithm>
#include <regex>
#include <vector>

namespace jeugdsim::scenario::detail {

namespace {

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

}  // namespace

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

std::optional<std::string> decimal_comma_value(std::string_view value) {
  static const std::regex pattern(R"(\s*([+-]?[0-9]+)((,[0-9]+)+)\s*)");
  std::match_results<std::string_view::const_iterator> m;
  if (value.size() > kMaxHintLine || !std::regex_match(value.begin(), value.end(), m, pattern)) return std::nullopt;
  return comma_number_advice(m[1].str(), m[2].str());
}

}  // namespace jeugdsim::scenario::detail
