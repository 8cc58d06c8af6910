#include "qrpos/code_pattern.hpp"

namespace qrpos::code_pattern {
namespace {

bool is_printable(char c) { return c >= 0x21 && c <= 0x7e; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Whether the pattern character `p` (not an escape) accepts the text character `c`.
bool accepts(char p, char c) {
  switch (p) {
    case '#':
      return is_digit(c);
    case '@':
      return is_letter(c);
    case '*':
      return is_digit(c) || is_letter(c);
    default:
      return p == c;
  }
}

// The index of the first character that makes `source` no pattern, or npos. Escapes
// are followed the same way matches() follows them, so the two agree on every input.
std::size_t first_bad(std::string_view source) {
  if (source.empty()) return 0;
  if (source.size() > kMaxPatternLength) return kMaxPatternLength;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (!is_printable(source[i])) return i;
    if (source[i] == '\\') {
      if (i + 1 == source.size()) return i;
      if (!is_printable(source[++i])) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

Result<Pattern> compile(std::string_view source) {
  if (const auto bad = first_bad(source); bad != std::string_view::npos) {
    return make_error(ErrorCode::invalid_field,
                      "a pattern is 1-64 printable ASCII characters: # digit, @ letter, * either, \\x literal", bad);
  }
  return Pattern{std::string(source)};
}

bool matches(const Pattern& pattern, std::string_view text) {
  // A Pattern is a plain struct: one built by hand is checked here rather than trusted.
  const std::string_view p = pattern.source;
  if (first_bad(p) != std::string_view::npos) return false;
  std::size_t t = 0;
  for (std::size_t i = 0; i < p.size(); ++i, ++t) {
    if (t == text.size()) return false;
    const bool literal = p[i] == '\\';
    if (literal) ++i;
    if (literal ? p[i] != text[t] : !accepts(p[i], text[t])) return false;
  }
  return t == text.size();
}

}  // namespace qrpos::code_pattern
