// Merchant code patterns: how a shop tells its own codes (member cards, tickets,
// rooms, bills) apart from everything else a scanner reads. A pattern is 1-64
// characters, one per character of the code:
//   #   one ASCII digit            @   one ASCII letter
//   *   one ASCII letter or digit  \x  the character x itself (e.g. \# for '#')
//   any other printable ASCII character (0x21-0x7e) stands for itself.
// Matching is case-sensitive and covers the whole text, e.g. "VIP##########" matches
// "VIP0000001234" and nothing longer. No repetition or alternatives: a pattern can be
// checked in one pass and cannot be made slow.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "qrpos/result.hpp"

namespace qrpos::code_pattern {

inline constexpr std::size_t kMaxPatternLength = 64;  // characters of the source

// A compiled pattern: its source, known to be well formed.
struct Pattern {
  std::string source;
};

// Errors: invalid_field with offset = the index of the first bad character (a space,
// a control or non-ASCII byte, a trailing lone backslash), 0 for an empty source and
// kMaxPatternLength for one that is too long.
Result<Pattern> compile(std::string_view source);

// True when the whole of `text` matches `pattern`. Never true for a source that
// compile() would refuse.
bool matches(const Pattern& pattern, std::string_view text);

}  // namespace qrpos::code_pattern
