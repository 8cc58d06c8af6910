#include "qrpos/paycode.hpp"

#include <algorithm>

namespace qrpos::paycode {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int two_digit_prefix(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

}  // namespace

const char* scheme_name(Scheme scheme) {
  switch (scheme) {
#define QRPOS_NAME_ITEM(name) \
  case Scheme::name:          \
    return #name;
    QRPOS_SCHEMES(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
  }
  return "";
}

std::optional<Scheme> scheme_from_name(std::string_view name) {
#define QRPOS_PARSE_ITEM(item) \
  if (name == #item) return Scheme::item;
  QRPOS_SCHEMES(QRPOS_PARSE_ITEM)
#undef QRPOS_PARSE_ITEM
  return std::nullopt;
}

std::optional<Scheme> detect_scheme(std::string_view code) {
  if (code.size() < 16 || code.size() > 24 || !all_digits(code)) return std::nullopt;
  const int prefix = two_digit_prefix(code);
  const std::size_t n = code.size();
  if (n == 18 && prefix >= 10 && prefix <= 15) return Scheme::wechat;
  if (prefix >= 25 && prefix <= 30) return Scheme::alipay;  // 16..24 checked above
  if (n == 19 && prefix == 62) return Scheme::unionpay;
  if (n == 19 && prefix == 1) return Scheme::ecny;
  return std::nullopt;
}

std::string mask_code(std::string_view code) {
  constexpr std::size_t kHead = 2, kTail = 4;
  std::string masked(code.size(), '*');
  if (code.size() > kHead + kTail) {
    masked.replace(0, kHead, code.substr(0, kHead));
    masked.replace(code.size() - kTail, kTail, code.substr(code.size() - kTail));
  }
  return masked;
}

}  // namespace qrpos::paycode
