#include "qrpos/money.hpp"

#include <array>

namespace qrpos::money {
namespace {

// Issue 3 widens this to the full list; exponents per ISO 4217.
constexpr std::array<Currency, 6> kCurrencies{{
    {"CNY", 156, 2},
    {"HKD", 344, 2},
    {"USD", 840, 2},
    {"EUR", 978, 2},
    {"JPY", 392, 0},
    {"KRW", 410, 0},
}};

constexpr std::size_t kMaxAmountText = 32;

}  // namespace

std::optional<Currency> find_currency(std::string_view alpha) {
  for (const Currency& c : kCurrencies) {
    if (alpha == c.alpha) return c;
  }
  return std::nullopt;
}

Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency_alpha) {
  const auto currency = find_currency(currency_alpha);
  if (!currency) return make_error(ErrorCode::unknown_currency, "unsupported currency");
  if (text.size() > kMaxAmountText) return make_error(ErrorCode::input_too_long, "amount text too long");
  if (text.empty()) return make_error(ErrorCode::invalid_amount, "empty amount");

  std::int64_t major = 0, minor = 0;
  int decimals = -1;  // -1 until the decimal point is seen
  int integer_digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (decimals >= 0 || integer_digits == 0) return make_error(ErrorCode::invalid_amount, "misplaced '.'", i);
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return make_error(ErrorCode::invalid_amount, "not a digit", i);
    if (decimals >= 0) {
      if (++decimals > currency->exponent) return make_error(ErrorCode::invalid_amount, "too many decimals", i);
      minor = minor * 10 + (c - '0');
    } else {
      ++integer_digits;
      major = major * 10 + (c - '0');
      if (major > kMaxMajorUnits) return make_error(ErrorCode::amount_too_large, "amount above the maximum", i);
    }
  }
  if (decimals == 0) return make_error(ErrorCode::invalid_amount, "no digits after '.'", text.size());
  for (int d = decimals < 0 ? 0 : decimals; d < currency->exponent; ++d) minor *= 10;

  std::int64_t scale = 1;
  for (int d = 0; d < currency->exponent; ++d) scale *= 10;
  const std::int64_t total = major * scale + minor;
  if (total == 0) return make_error(ErrorCode::invalid_amount, "amount must be above zero");
  if (total > kMaxMajorUnits * scale) return make_error(ErrorCode::amount_too_large, "amount above the maximum");
  return total;
}

std::string format_amount(std::int64_t minor, const Currency& currency) {
  std::string digits = std::to_string(minor < 0 ? -minor : minor);
  if (currency.exponent > 0) {
    if (digits.size() <= static_cast<std::size_t>(currency.exponent)) {
      digits.insert(0, currency.exponent + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - currency.exponent, 1, '.');
  }
  return minor < 0 ? "-" + digits : digits;
}

}  // namespace qrpos::money
