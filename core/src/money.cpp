#include "qrpos/money.hpp"

#include <array>

namespace qrpos::money {
namespace {

struct Entry {
  Currency currency;
  const char* zh_cn;  // CLDR symbol for zh-CN, nullptr: show the alpha code
  const char* en;     // CLDR symbol for en, nullptr: show the alpha code
};

// Exponents are ISO 4217's, which differ from CLDR's display digits for IDR, TWD and
// LAK (CLDR shows none): an acquirer settles in ISO minor units, so the terminal must.
// Kept as literal UTF-8 bytes so the table does not depend on the source charset.
constexpr std::array<Entry, 24> kCurrencies{{
    {{"CNY", 156, 2}, "\xC2\xA5", "CN\xC2\xA5"},
    {{"HKD", 344, 2}, "HK$", "HK$"},
    {{"MOP", 446, 2}, nullptr, nullptr},
    {{"TWD", 901, 2}, "NT$", "NT$"},
    {{"USD", 840, 2}, "US$", "$"},
    {{"EUR", 978, 2}, "\xE2\x82\xAC", "\xE2\x82\xAC"},
    {{"GBP", 826, 2}, "\xC2\xA3", "\xC2\xA3"},
    {{"JPY", 392, 0}, "JP\xC2\xA5", "\xC2\xA5"},
    {{"KRW", 410, 0}, "\xE2\x82\xA9", "\xE2\x82\xA9"},
    {{"SGD", 702, 2}, nullptr, nullptr},
    {{"THB", 764, 2}, nullptr, nullptr},
    {{"MYR", 458, 2}, nullptr, nullptr},
    {{"IDR", 360, 2}, nullptr, nullptr},
    {{"VND", 704, 0}, "\xE2\x82\xAB", "\xE2\x82\xAB"},
    {{"PHP", 608, 2}, nullptr, "\xE2\x82\xB1"},
    {{"AUD", 36, 2}, "AU$", "A$"},
    {{"CAD", 124, 2}, "CA$", "CA$"},
    {{"CHF", 756, 2}, nullptr, nullptr},
    {{"NZD", 554, 2}, "NZ$", "NZ$"},
    {{"KHR", 116, 2}, nullptr, nullptr},
    {{"LAK", 418, 2}, nullptr, nullptr},
    {{"BRL", 986, 2}, "R$", "R$"},
    {{"AED", 784, 2}, nullptr, nullptr},
    {{"KWD", 414, 3}, nullptr, nullptr},
}};

const Entry* find_entry(std::string_view alpha) {
  for (const Entry& e : kCurrencies) {
    if (alpha == e.currency.alpha) return &e;
  }
  return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A Currency may be built by the caller rather than found: an exponent outside ISO
// 4217's range (0..4) is clamped so no scale, insert or product can overflow.
int exponent_of(const Currency& currency) {
  return currency.exponent < 0 ? 0 : currency.exponent > 4 ? 4 : currency.exponent;
}

std::int64_t scale_of(int exponent) {
  std::int64_t scale = 1;
  for (int d = 0; d < exponent; ++d) scale *= 10;
  return scale;
}

// Where cashier input and EMV text differ; both share one scanner so they cannot
// drift apart on what a digit, a decimal or an overflow is.
struct Rules {
  bool dot_at_edges;       // EMV allows "98." and ".5"; a cashier's "5." is a typo
  std::int64_t max_major;  // checked per digit, so the sum below cannot overflow
};

Result<std::int64_t> scan_amount(std::string_view text, const Currency& currency, Rules rules) {
  if (text.empty()) return make_error(ErrorCode::invalid_amount, "empty amount");
  const int exponent = exponent_of(currency);
  std::int64_t major = 0, minor = 0;
  int decimals = -1;  // -1 until the decimal point is seen
  int digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (decimals >= 0 || (digits == 0 && !rules.dot_at_edges)) {
        return make_error(ErrorCode::invalid_amount, "misplaced '.'", i);
      }
      decimals = 0;
      continue;
    }
    if (!is_digit(c)) return make_error(ErrorCode::invalid_amount, "not a digit", i);
    ++digits;
    if (decimals >= 0) {
      if (++decimals > exponent) return make_error(ErrorCode::invalid_amount, "too many decimals", i);
      minor = minor * 10 + (c - '0');
    } else {
      major = major * 10 + (c - '0');
      if (major > rules.max_major) return make_error(ErrorCode::amount_too_large, "amount above the maximum", i);
    }
  }
  if (digits == 0) return make_error(ErrorCode::invalid_amount, "no digits", 0);
  if (decimals == 0 && !rules.dot_at_edges) {
    return make_error(ErrorCode::invalid_amount, "no digits after '.'", text.size());
  }
  for (int d = decimals < 0 ? 0 : decimals; d < exponent; ++d) minor *= 10;

  const std::int64_t scale = scale_of(exponent);
  const std::int64_t total = major * scale + minor;
  if (total == 0) return make_error(ErrorCode::invalid_amount, "amount must be above zero");
  if (total > rules.max_major * scale) return make_error(ErrorCode::amount_too_large, "amount above the maximum");
  return total;
}

// The magnitude as unsigned, so INT64_MIN (a refund of any size the caller can hold)
// never overflows on negation.
std::uint64_t magnitude(std::int64_t v) {
  return v < 0 ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v);
}

std::string plain_digits(std::int64_t minor, const Currency& currency) {
  std::string digits = std::to_string(magnitude(minor));
  const auto exponent = static_cast<std::size_t>(exponent_of(currency));
  if (exponent > 0) {
    if (digits.size() <= exponent) digits.insert(0, exponent + 1 - digits.size(), '0');
    digits.insert(digits.size() - exponent, 1, '.');
  }
  return digits;
}

}  // namespace

std::optional<Currency> find_currency(std::string_view alpha) {
  const Entry* e = find_entry(alpha);
  return e ? std::optional<Currency>(e->currency) : std::nullopt;
}

std::optional<Currency> find_currency_by_numeric(std::string_view numeric) {
  if (numeric.size() != 3 || !is_digit(numeric[0]) || !is_digit(numeric[1]) || !is_digit(numeric[2])) {
    return std::nullopt;
  }
  const int code = (numeric[0] - '0') * 100 + (numeric[1] - '0') * 10 + (numeric[2] - '0');
  for (const Entry& e : kCurrencies) {
    if (e.currency.numeric == code) return e.currency;
  }
  return std::nullopt;
}

Result<std::int64_t> parse_amount(std::string_view text, std::string_view currency_alpha) {
  const auto currency = find_currency(currency_alpha);
  if (!currency) return make_error(ErrorCode::unknown_currency, "unsupported currency");
  if (text.size() > kMaxAmountText) return make_error(ErrorCode::input_too_long, "amount text too long");
  return scan_amount(text, *currency, Rules{false, kMaxMajorUnits});
}

Result<std::int64_t> parse_emv_amount(std::string_view text, const Currency& currency) {
  if (text.size() > kMaxEmvAmountText) return make_error(ErrorCode::input_too_long, "EMV amount longer than 13");
  // 13 digits bound the major part; the bound is never reached as amount_too_large.
  // Thirteen characters hold at most 13 integer digits, so this maximum never trips.
  return scan_amount(text, currency, Rules{true, 9'999'999'999'999});
}

std::string format_amount(std::int64_t minor, const Currency& currency) {
  std::string digits = plain_digits(minor, currency);
  return minor < 0 ? "-" + digits : digits;
}

std::optional<Locale> locale_from_tag(std::string_view tag) {
#define QRPOS_PARSE_ITEM(name, text) \
  if (tag == (text)) return Locale::name;
  QRPOS_LOCALES(QRPOS_PARSE_ITEM)
#undef QRPOS_PARSE_ITEM
  return std::nullopt;
}

const char* locale_tag(Locale locale) {
  switch (locale) {
#define QRPOS_NAME_ITEM(name, text) \
  case Locale::name:                \
    return text;
    QRPOS_LOCALES(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
  }
  return "";
}

std::string format_display(std::int64_t minor, const Currency& currency, Locale locale) {
  const std::string digits = plain_digits(minor, currency);
  const std::size_t point = digits.find('.');
  const std::size_t integer_digits = point == std::string::npos ? digits.size() : point;

  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 8);
  if (minor < 0) out += '-';
  // A Currency built by the caller may not be in the table: it still shows, by code.
  const Entry* e = find_entry(currency.alpha ? currency.alpha : "");
  const char* symbol = e ? (locale == Locale::zh_CN ? e->zh_cn : e->en) : nullptr;
  if (symbol) {
    out += symbol;
  } else {
    out += currency.alpha ? currency.alpha : "";
    out += ' ';
  }
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < integer_digits && (integer_digits - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace qrpos::money
