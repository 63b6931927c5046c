#pragma once
// Internal to model/scenario: the text the TOML parser must not see (used by the include loader
// and by command-line overrides).
#include <cstddef>
#include <string>
#include <string_view>

namespace jeugdsim::scenario::detail {

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

// The first unsafe character of `text` (line 0 when there is none).
UnsafeCharacter find_unsafe_character(std::string_view text);

// What to tell the user about `u`.
std::string unsafe_character_message(const UnsafeCharacter& u);

}  // namespace jeugdsim::scenario::detail
