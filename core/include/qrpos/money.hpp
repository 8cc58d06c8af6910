// Money as integer minor units of an ISO 4217 currency; never floating point.
// Pure: no std::locale, no globals that change; every function is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qrpos/result.hpp"

namespace qrpos::money {

struct Currency {
  const char* alpha;  // "CNY"
  int numeric;        // 156 (ISO 4217 numeric; written with three digits: AUD is "036")
  int exponent;       // minor-unit digits per ISO 4217: 2 for CNY, 0 for JPY, 3 for KWD
};

// The currency with this ISO 4217 alpha code ("CNY"; upper case only), if the
// terminal supports it. Supported: CNY HKD MOP TWD USD EUR GBP JPY KRW SGD THB MYR
// IDR VND PHP AUD CAD CHF NZD KHR LAK BRL AED KWD.
std::optional<Currency> find_currency(std::string_view alpha);

// The currency with this ISO 4217 numeric code written as exactly three digits, as in
// EMV MPM tag 53 ("156", "036"); anything else ("36", " 156") finds nothing.
std::optional<Currency> find_currency_by_numeric(std::string_view numeric);

// Largest amount a single payment may carry, in major units (Alipay's upper bound).
constexpr std::int64_t kMaxMajorUnits = 100'000'000;

// Longest cashier input parse_amount looks at; longer text is input_too_long.
constexpr std::size_t kMaxAmountText = 32;

// Parses what a cashier types ("23.72", "5", "0.5") into minor units of `currency`
// (an alpha code). Accepts ASCII digits with at most one '.' that has a digit on each
// side; leading zeros are allowed. Rejects signs, spaces, separators, more decimals
// than the currency has, and zero (invalid_amount, offset at the offending byte);
// amounts above kMaxMajorUnits (amount_too_large); nothing is rounded.
// Errors: unknown_currency, input_too_long, invalid_amount, amount_too_large.
Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency);

// Longest EMV MPM Transaction Amount (tag 54, also 56).
constexpr std::size_t kMaxEmvAmountText = 13;

// Parses an EMV MPM Transaction Amount (tag 54) into minor units of `currency`:
// ASCII digits and at most one '.', which may stand first or last ("98.73", "98.7",
// "98.", "98", ".5"); at least one digit; non-zero. Decimals beyond the currency's
// exponent cannot be charged exactly and are invalid_amount. The 13-character bound
// keeps every result below 10^16; no terminal maximum applies.
// Errors: input_too_long, invalid_amount.
Result<std::int64_t> parse_emv_amount(std::string_view text, const Currency& currency);

// Minor units as plain decimal text in the currency's exponent: 2372 CNY -> "23.72",
// -150 CNY -> "-1.50", 1500 JPY -> "1500". No grouping, no symbol: for protocols
// and for editing; parse_amount reads it back for every amount it accepts.
std::string format_amount(std::int64_t minor, const Currency& currency);

#define QRPOS_LOCALES(X) \
  X(zh_CN, "zh-CN")      \
  X(en, "en")

enum class Locale {
#define QRPOS_ENUM_ITEM(name, tag) name,
  QRPOS_LOCALES(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

// "zh-CN" or "en" (BCP 47 tags as the web app uses them, exact case).
std::optional<Locale> locale_from_tag(std::string_view tag);
const char* locale_tag(Locale locale);

// An amount as a person reads it on a screen or a receipt, any int64 (refunds are
// negative). The rule, the same for both locales:
//   [-]<symbol><integer part grouped by 3 with ','>[.<exactly exponent decimals>]
// The symbol is the one Unicode CLDR gives for the locale, where it has one:
//   zh-CN: CNY "¥", HKD "HK$", TWD "NT$", USD "US$", AUD "AU$", JPY "JP¥",
//          EUR "€", GBP "£", KRW "₩", VND "₫", BRL "R$", CAD "CA$", NZD "NZ$";
//   en:    CNY "CN¥", HKD "HK$", TWD "NT$", USD "$", AUD "A$", JPY "¥",
//          EUR "€", GBP "£", KRW "₩", VND "₫", BRL "R$", CAD "CA$", NZD "NZ$", PHP "₱";
// every other currency shows its alpha code and an ASCII space ("MOP 12.00").
// Decimals follow ISO 4217, not CLDR (IDR shows two). Output is UTF-8; separators and
// the minus sign are ASCII, so receipt printers need no special characters but the
// symbol. Examples: zh-CN 2372 CNY "¥23.72", en "CN¥23.72", zh-CN -500 CNY "-¥5.00",
// en 123450 USD "$1,234.50", zh-CN 1500 JPY "JP¥1,500".
std::string format_display(std::int64_t minor, const Currency& currency, Locale locale);

}  // namespace qrpos::money
