#include "scenario/TableReader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "scenario/ClosestMatch.hpp"

namespace jeugdsim::scenario {

namespace {


std::string format_number(double value) { return fmt::format("{}", value); }

std::string number_range(double min, double max) {
  const std::string low = min == -std::numeric_limits<double>::infinity() ? "no lower limit" : format_number(min);
  const std::string high = max == std::numeric_limits<double>::infinity() ? "no upper limit" : format_number(max);
  return low + " to " + high;
}

std::string integer_range(std::int64_t min, std::int64_t max) {
  const std::string low = min == std::numeric_limits<std::int64_t>::min() ? "no lower limit" : std::to_string(min);
  const std::string high = max == std::numeric_limits<std::int64_t>::max() ? "no upper limit" : std::to_string(max);
  return low + " to " + high;
}

std::string size_range(std::size_t min_size, std::size_t max_size) {
  if (max_size == std::numeric_limits<std::size_t>::max()) return "at least " + std::to_string(min_size) + " elements";
  return std::to_string(min_size) + " to " + std::to_string(max_size) + " elements";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const std::string& item : items) quoted.push_back("\"" + item + "\"");
  return join(quoted);
}

// A value that satisfies the range, returned after an error so later code keeps working.
double harmless(double min, double max) { return std::clamp(0.0, min, max); }
std::int64_t harmless(std::int64_t min, std::int64_t max) { return std::clamp<std::int64_t>(0, min, max); }

std::optional<double> as_number(const toml::node& node) {
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node.as_floating_point()) return f->get();
  return std::nullopt;
}

bool in_range(double value, double min, double max) { return value >= min && value <= max; }  // NaN fails

// A number written as text the way people write it elsewhere: "0.21", "0,21" (Dutch decimal
// comma), "21%". Nothing if the text is not one number.
struct NumberInText {
  double value = 0;
  bool decimal_comma = false;
  bool percent = false;
};

std::optional<NumberInText> number_in_text(std::string text) {
  NumberInText out;
  const auto trim = [&text] {
    while (!text.empty() && text.front() == ' ') text.erase(text.begin());
    while (!text.empty() && text.back() == ' ') text.pop_back();
  };
  trim();
  if (!text.empty() && text.back() == '%') {
    out.percent = true;
    text.pop_back();
    trim();
  }
  const auto comma = text.find(',');
  if (comma != std::string::npos && text.find(',', comma + 1) == std::string::npos &&
      text.find('.') == std::string::npos) {
    out.decimal_comma = true;
    text[comma] = '.';
  }
  if (text.empty()) return std::nullopt;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out.value);
  if (ec != std::errc() || ptr != end || !std::isfinite(out.value)) return std::nullopt;
  return out;
}

// A value in [min, max] to show in "e.g. KEY = VALUE": one half for shares, else 10 or 1 when
// allowed, else a bound.
double example_number(double min, double max, bool integer) {
  if (!integer && min >= 0 && max <= 1) return std::clamp(0.5, min, max);
  for (const double candidate : {10.0, 1.0})
    if (in_range(candidate, min, max)) return candidate;
  return std::isfinite(min) ? min : max;
}

// `key = value` as the user would write it in the file; just the value for an array element
// ("seasonality[0]"), which cannot be written on its own.
std::string assignment(std::string_view key, const std::string& value) {
  if (key.find('[') != std::string_view::npos) return value;
  return std::string(key) + " = " + value;
}

// The message for a number (or integer) key that holds another type: what was expected, what
// was found, and what to write instead. A quoted number, a decimal comma or a percent sign get
// their corrected form; anything else an example from the allowed range.
std::string not_a_number_message(const toml::node& node, std::string_view key, double min, double max,
                                 bool integer) {
  const char* expected = integer ? "an integer" : "a number";
  std::string message = std::string("expected ") + expected + ", got ";
  if (const auto* s = node.as_string()) {
    message += "string \"" + s->get() + "\"";
    if (const auto number = number_in_text(s->get())) {
      double value = number->value;
      std::string how = "remove the quotes";
      if (number->percent && max <= 1) {
        value /= 100;
        how = "a share is a fraction, written without quotes";
      } else if (number->decimal_comma) {
        how = "use a decimal point and no quotes";
      }
      return message + "; " + how + ": " + assignment(key, format_number(value));
    }
    return message + "; write a number without quotes, e.g. " + assignment(key, format_number(example_number(min, max, integer)));
  }
  if (node.is_date() || node.is_time() || node.is_date_time()) {
    std::ostringstream text;
    if (const auto* d = node.as_date()) text << *d;
    if (const auto* t = node.as_time()) text << *t;
    if (const auto* dt = node.as_date_time()) text << *dt;
    message += "a " + node_type_name(node) + " (" + text.str() + ")";
    // A date where days are expected is usually meant as "until then": a year is the example.
    const bool days = key.size() >= 5 && key.substr(key.size() - 5) == "_days";
    const double example = days && in_range(365, min, max) ? 365 : example_number(min, max, integer);
    return message + (days ? "; write a number of days, e.g. " : "; write a number, e.g. ") +
           assignment(key, format_number(example));
  }
  return message + node_type_name(node) + "; e.g. " + assignment(key, format_number(example_number(min, max, integer)));
}

// The message for a number outside [min, max]; for a share (at most 1), a value from 2 to 100
// may be a percentage, so the fraction is offered.
std::string out_of_range_message(double value, double max) {
  std::string message = "value " + format_number(value) + " out of range";
  if (max <= 1 && value >= 2 && value <= 100)
    message += "; if it is a percentage (" + format_number(value) + "%), write " + format_number(value / 100);
  return message;
}

const toml::table& empty_table() {
  static const toml::table empty;
  return empty;
}

}  // namespace

TableReader::TableReader(const ScenarioDocument& document, const toml::table& table,
                         std::string path, Diagnostics& diagnostics)
    : doc(&document), tbl(&table), dotted_path(std::move(path)), diags(&diagnostics) {}

TableReader::TableReader(const ScenarioDocument& document, std::string path, Diagnostics& diagnostics,
                         SilentTag)
    : doc(&document), tbl(&empty_table()), dotted_path(std::move(path)), diags(&diagnostics), silent(true) {}

std::string TableReader::full_key(std::string_view key) const {
  return ScenarioDocument::join_key(dotted_path, key);
}

Location TableReader::location(std::string_view key) const { return doc->location_of(full_key(key)); }

void TableReader::error(std::string_view key, std::string message, std::string allowed) {
  Location where = location(key);
  diags->error(std::move(where.file), where.line, full_key(key), std::move(message), std::move(allowed));
}

bool TableReader::has(std::string_view key) const {
  accepted_keys.emplace(key);
  return tbl->get(key) != nullptr;
}

void TableReader::mark_read(std::string_view key) {
  accepted_keys.emplace(key);
  read_keys.emplace(key);
}

const toml::node* TableReader::raw(std::string_view key) {
  mark_read(key);
  return tbl->get(key);
}

std::vector<std::string> TableReader::keys() const { return doc->keys_in_order(*tbl, dotted_path); }

const toml::node* TableReader::fetch(std::string_view key, bool required) {
  mark_read(key);
  const toml::node* node = tbl->get(key);
  if (node == nullptr && required && !silent) error(key, "missing required key");
  return node;
}

TableReader TableReader::child(std::string_view key) {
  const toml::node* node = fetch(key, false);
  if (node == nullptr) {
    if (!silent) error(key, "missing required table");
    return TableReader(*doc, full_key(key), *diags, SilentTag{});
  }
  if (const toml::table* table = node->as_table()) return TableReader(*doc, *table, full_key(key), *diags);
  error(key, "expected a table, got " + node_type_name(*node));
  return TableReader(*doc, full_key(key), *diags, SilentTag{});
}

std::optional<TableReader> TableReader::optional_child(std::string_view key) {
  const toml::node* node = fetch(key, false);
  if (node == nullptr) return std::nullopt;
  if (const toml::table* table = node->as_table()) return TableReader(*doc, *table, full_key(key), *diags);
  error(key, "expected a table, got " + node_type_name(*node));
  return std::nullopt;
}

std::optional<double> TableReader::read_number(std::string_view key, bool required, double min, double max) {
  const toml::node* node = fetch(key, required);
  if (node == nullptr) return std::nullopt;
  const std::optional<double> value = as_number(*node);
  if (!value) {
    error(key, not_a_number_message(*node, key, min, max, false));
    return std::nullopt;
  }
  if (!in_range(*value, min, max)) {
    error(key, out_of_range_message(*value, max), number_range(min, max));
    return std::nullopt;
  }
  return value;
}

double TableReader::number(std::string_view key, double min, double max) {
  return read_number(key, true, min, max).value_or(harmless(min, max));
}

double TableReader::number(std::string_view key, double min, double max, double default_value) {
  return read_number(key, false, min, max).value_or(default_value);
}

std::optional<std::int64_t> TableReader::read_integer(std::string_view key, bool required, std::int64_t min,
                                                      std::int64_t max) {
  const toml::node* node = fetch(key, required);
  if (node == nullptr) return std::nullopt;
  std::int64_t value = 0;
  if (const auto* i = node->as_integer()) {
    value = i->get();
  } else if (const auto* f = node->as_floating_point()) {
    const double d = f->get();
    // 2^63 is exactly representable; anything at or beyond it does not fit an int64.
    constexpr double limit = 9223372036854775808.0;
    if (!std::isfinite(d) || std::trunc(d) != d || d >= limit || d < -limit) {
      error(key, "expected an integer, got " + format_number(d));
      return std::nullopt;
    }
    value = static_cast<std::int64_t>(d);
  } else {
    error(key, not_a_number_message(*node, key, static_cast<double>(min), static_cast<double>(max), true));
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(key, "value " + std::to_string(value) + " out of range", integer_range(min, max));
    return std::nullopt;
  }
  return value;
}

std::int64_t TableReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  return read_integer(key, true, min, max).value_or(harmless(min, max));
}

std::int64_t TableReader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                  std::int64_t default_value) {
  return read_integer(key, false, min, max).value_or(default_value);
}

bool TableReader::boolean(std::string_view key) {
  const toml::node* node = fetch(key, true);
  if (node == nullptr) return false;
  if (const auto* b = node->as_boolean()) return b->get();
  error(key, "expected a boolean, got " + node_type_name(*node), "true, false");
  return false;
}

bool TableReader::boolean(std::string_view key, bool default_value) {
  const toml::node* node = fetch(key, false);
  if (node == nullptr) return default_value;
  if (const auto* b = node->as_boolean()) return b->get();
  error(key, "expected a boolean, got " + node_type_name(*node), "true, false");
  return default_value;
}

std::optional<std::string> TableReader::read_string(std::string_view key, bool required) {
  const toml::node* node = fetch(key, required);
  if (node == nullptr) return std::nullopt;
  if (const auto* s = node->as_string()) return s->get();
  error(key, "expected a string, got " + node_type_name(*node));
  return std::nullopt;
}

std::string TableReader::string(std::string_view key) { return read_string(key, true).value_or(std::string{}); }

std::string TableReader::string(std::string_view key, std::string default_value) {
  return read_string(key, false).value_or(std::move(default_value));
}

std::optional<std::string> TableReader::read_choice(std::string_view key, bool required,
                                                    const std::vector<std::string>& allowed) {
  const toml::node* node = fetch(key, required);
  if (node == nullptr) {
    return std::nullopt;
  }
  const auto* s = node->as_string();
  if (s == nullptr) {
    error(key, "expected a string, got " + node_type_name(*node), quoted_list(allowed));
    return std::nullopt;
  }
  if (std::find(allowed.begin(), allowed.end(), s->get()) == allowed.end()) {
    error(key, "value \"" + s->get() + "\" is not allowed" + did_you_mean(s->get(), allowed), quoted_list(allowed));
    return std::nullopt;
  }
  return s->get();
}

std::string TableReader::choice(std::string_view key, const std::vector<std::string>& allowed) {
  // After an error the first allowed value keeps downstream switch statements on known ground.
  return read_choice(key, true, allowed).value_or(allowed.empty() ? std::string{} : allowed.front());
}

std::string TableReader::choice(std::string_view key, const std::vector<std::string>& allowed,
                                std::string default_value) {
  return read_choice(key, false, allowed).value_or(std::move(default_value));
}

std::vector<double> TableReader::numbers(std::string_view key, double min, double max, std::size_t min_size,
                                         std::size_t max_size) {
  // The fallback satisfies the size contract so callers may index it without checking.
  std::vector<double> fallback(min_size, harmless(min, max));
  const toml::node* node = fetch(key, true);
  if (node == nullptr) return fallback;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    error(key, "expected an array of numbers, got " + node_type_name(*node));
    return fallback;
  }
  std::vector<double> values;
  values.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string element_key = std::string(key) + "[" + std::to_string(i) + "]";
    const toml::node& element = *array->get(i);
    const std::optional<double> value = as_number(element);
    if (!value) {
      error(element_key, not_a_number_message(element, element_key, min, max, false));
      values.push_back(harmless(min, max));
    } else if (!in_range(*value, min, max)) {
      error(element_key, out_of_range_message(*value, max), number_range(min, max));
      values.push_back(harmless(min, max));
    } else {
      values.push_back(*value);
    }
  }
  if (values.size() < min_size || values.size() > max_size) {
    error(key, "array has " + std::to_string(values.size()) + " elements", size_range(min_size, max_size));
    values.resize(std::clamp(values.size(), min_size, max_size), harmless(min, max));
  }
  return values;
}

std::vector<double> TableReader::numbers(std::string_view key, double min, double max, std::size_t min_size,
                                         std::size_t max_size, std::vector<double> default_value) {
  if (tbl->get(key) == nullptr) {
    mark_read(key);
    return default_value;
  }
  const std::size_t errors_before = diags->count();
  std::vector<double> values = numbers(key, min, max, min_size, max_size);
  return diags->count() == errors_before ? values : default_value;
}

std::optional<std::vector<std::string>> TableReader::read_strings(std::string_view key, bool required) {
  const toml::node* node = fetch(key, required);
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    error(key, "expected an array of strings, got " + node_type_name(*node));
    return std::nullopt;
  }
  std::vector<std::string> values;
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (const auto* s = element.as_string()) {
      values.push_back(s->get());
    } else {
      error(std::string(key) + "[" + std::to_string(i) + "]", "expected a string, got " + node_type_name(element));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return values;
}

std::vector<std::string> TableReader::strings(std::string_view key) {
  return read_strings(key, true).value_or(std::vector<std::string>{});
}

std::vector<std::string> TableReader::strings(std::string_view key, std::vector<std::string> default_value) {
  return read_strings(key, false).value_or(std::move(default_value));
}

void TableReader::finish() {
  std::vector<std::string> accepted(accepted_keys.begin(), accepted_keys.end());  // std::set: sorted
  const std::string allowed = accepted.empty() ? std::string("none") : join(accepted);
  for (const std::string& key : keys()) {
    if (read_keys.find(key) == read_keys.end()) error(key, "unknown key" + did_you_mean(key, accepted), allowed);
  }
}

}  // namespace jeugdsim::scenario
