// Money as integer minor units of an ISO 4217 currency; never floating point.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qrpos/result.hpp"

namespace qrpos::money {

struct Currency {
  const char* alpha;  // "CNY"
  int numeric;        // 156
  int exponent;       // minor-unit digits: 2 for CNY, 0 for JPY
};

// The currency with this ISO 4217 alpha code, if the terminal supports it.
std::optional<Currency> find_currency(std::string_view alpha);

// Largest amount a single payment may carry, in major units (Alipay's upper bound).
constexpr std::int64_t kMaxMajorUnits = 100'000'000;

// Parses what a cashier types ("23.72", "5", "0.5") into minor units of `currency`.
// Rejects signs, spaces, separators, more decimals than the currency has, zero, and
// amounts above kMaxMajorUnits; nothing is rounded.
Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency);

// Minor units as plain decimal text in the currency's exponent: 2372 CNY -> "23.72".
std::string format_amount(std::int64_t minor, const Currency& currency);

}  // namespace qrpos::money
