#include "scenario/UnsafeCharacters.hpp"

#include <cstdio>

namespace jeugdsim::scenario::detail {

namespace {

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

}  // namespace

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

}  // namespace jeugdsim::scenario::detail
