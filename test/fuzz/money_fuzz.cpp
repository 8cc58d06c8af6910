// Parses arbitrary text as an amount in every supported currency. Invariants beyond
// "never crashes":
//  - an accepted amount is positive, within the maximum, and format_amount of it
//    parses back to the same value (cashier and EMV forms alike);
//  - format_display is format_amount with a symbol in front and ',' between groups;
//  - any int64 (the first 8 bytes) formats without overflow, in both locales;
//  - currency and locale look-ups agree with their reverse.
//
// fuzz-max-len: 64 (twice the 32-character amount bound)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>

#include "qrpos/money.hpp"

namespace {

using namespace qrpos;

void require(bool condition) {
  if (!condition) std::abort();
}

constexpr const char* kAlphas[] = {"CNY", "HKD", "MOP", "TWD", "USD", "EUR", "GBP", "JPY", "KRW",
                                   "SGD", "THB", "MYR", "IDR", "VND", "PHP", "AUD", "CAD", "CHF",
                                   "NZD", "KHR", "LAK", "BRL", "AED", "KWD", "XXX"};
constexpr money::Locale kLocales[] = {money::Locale::zh_CN, money::Locale::en};

std::string without_commas(std::string s) {
  std::string out;
  for (char c : s) {
    if (c != ',') out += c;
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void check_display(std::int64_t minor, const money::Currency& c) {
  const std::string plain = money::format_amount(minor, c);
  for (money::Locale locale : kLocales) {
    const std::string shown = money::format_display(minor, c, locale);
    const std::string digits = minor < 0 ? plain.substr(1) : plain;
    require(ends_with(without_commas(shown), digits));
    require((minor < 0) == (shown[0] == '-'));
  }
}

void check_amounts(std::string_view text, const char* alpha) {
  const auto currency = money::find_currency(alpha);
  const auto r = money::parse_amount(text, alpha);
  if (!currency) {
    require(!r.ok() && r.error().code == ErrorCode::unknown_currency);
    return;
  }
  std::int64_t max = money::kMaxMajorUnits;
  for (int d = 0; d < currency->exponent; ++d) max *= 10;
  if (r.ok()) {
    require(r.value() > 0 && r.value() <= max);
    const auto back = money::parse_amount(money::format_amount(r.value(), *currency), alpha);
    require(back.ok() && back.value() == r.value());
    check_display(r.value(), *currency);
  } else {
    require(r.error().offset <= text.size());
  }

  const auto emv = money::parse_emv_amount(text, *currency);
  if (emv.ok()) {
    require(emv.value() > 0);
    const std::string plain = money::format_amount(emv.value(), *currency);
    if (plain.size() <= money::kMaxEmvAmountText) {
      const auto back = money::parse_emv_amount(plain, *currency);
      require(back.ok() && back.value() == emv.value());
    }
    // Whatever a cashier may type, an EMV code may carry too.
    if (r.ok()) require(emv.value() == r.value());
  }
}

void check_lookups(std::string_view text) {
  if (const auto c = money::find_currency(text)) {
    require(text == c->alpha);
    const std::string numeric = std::to_string(1000 + c->numeric).substr(1);
    require(money::find_currency_by_numeric(numeric)->numeric == c->numeric);
  }
  if (const auto c = money::find_currency_by_numeric(text)) {
    require(money::find_currency(c->alpha)->numeric == c->numeric);
  }
  if (const auto locale = money::locale_from_tag(text)) require(text == money::locale_tag(*locale));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* alpha : kAlphas) check_amounts(text, alpha);
  check_lookups(text);

  if (size > sizeof(std::int64_t)) {
    // One currency per input (the ninth byte picks it): the text checks above already
    // cost every currency, and speed buys more inputs.
    std::int64_t minor = 0;
    std::memcpy(&minor, data, sizeof minor);
    const char* alpha = kAlphas[data[sizeof minor] % (std::size(kAlphas) - 1)];
    check_display(minor, *money::find_currency(alpha));
    // A Currency the caller builds is clamped, never trusted.
    const money::Currency odd{"ZZZ", data[0], static_cast<int>(static_cast<std::int8_t>(data[1]))};
    check_display(minor, odd);
    (void)money::parse_emv_amount(text.substr(2), odd);
  }
  return 0;
}
