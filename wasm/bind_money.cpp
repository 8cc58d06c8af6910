// Bindings for qrpos/money.hpp. Amounts cross as doubles: only integers within
// +-(2^53 - 1) convert, so no amount is ever rounded on its way in or out.
#include <emscripten/bind.h>

#include <cmath>

#include "common/dto.hpp"
#include "qrpos/money.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

struct CurrencyDto {
  bool found = false;
  std::string alpha;
  double numeric = 0;
  double exponent = 0;
};

constexpr double kMaxSafeInteger = 9007199254740991.0;

CurrencyDto currency_dto(const std::optional<money::Currency>& c) {
  return c ? CurrencyDto{true, c->alpha, static_cast<double>(c->numeric), static_cast<double>(c->exponent)}
           : CurrencyDto{};
}

NumberResult to_number(const Result<std::int64_t>& r) {
  if (!r.ok()) return {false, 0, to_dto(r.error())};
  const auto v = static_cast<double>(r.value());
  if (v > kMaxSafeInteger) return {false, 0, {error_name(ErrorCode::amount_too_large), "above 2^53 - 1", 0}};
  return {true, v, {}};
}

std::optional<std::int64_t> to_minor(double minor) {
  if (!std::isfinite(minor) || std::trunc(minor) != minor || std::fabs(minor) > kMaxSafeInteger) return std::nullopt;
  return static_cast<std::int64_t>(minor);
}

CurrencyDto find_currency(const std::string& alpha) { return currency_dto(money::find_currency(alpha)); }

CurrencyDto find_currency_by_numeric(const std::string& numeric) {
  return currency_dto(money::find_currency_by_numeric(numeric));
}

NumberResult parse_amount(const std::string& text, const std::string& currency) {
  return to_number(money::parse_amount(text, currency));
}

NumberResult parse_emv_amount(const std::string& text, const std::string& currency) {
  const auto c = money::find_currency(currency);
  if (!c) return {false, 0, {error_name(ErrorCode::unknown_currency), "unsupported currency", 0}};
  return to_number(money::parse_emv_amount(text, *c));
}

// "" for an unknown currency or an amount that is not a safe integer.
std::string format_amount(double minor, const std::string& currency) {
  const auto c = money::find_currency(currency);
  const auto m = to_minor(minor);
  return c && m ? money::format_amount(*m, *c) : std::string();
}

TextResult format_display(double minor, const std::string& currency, const std::string& locale) {
  const auto c = money::find_currency(currency);
  if (!c) return text_error(make_error(ErrorCode::unknown_currency, "unsupported currency"));
  const auto l = money::locale_from_tag(locale);
  if (!l) return text_error(make_error(ErrorCode::invalid_field, "locale must be zh-CN or en"));
  const auto m = to_minor(minor);
  if (!m) return text_error(make_error(ErrorCode::invalid_amount, "amount must be an integer within 2^53 - 1"));
  return text_ok(money::format_display(*m, *c, *l));
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_money) {
  emscripten::value_object<CurrencyDto>("CurrencyDto")
      .field("found", &CurrencyDto::found)
      .field("alpha", &CurrencyDto::alpha)
      .field("numeric", &CurrencyDto::numeric)
      .field("exponent", &CurrencyDto::exponent);
  emscripten::function("findCurrency", &find_currency);
  emscripten::function("findCurrencyByNumeric", &find_currency_by_numeric);
  emscripten::function("parseAmount", &parse_amount);
  emscripten::function("parseEmvAmount", &parse_emv_amount);
  emscripten::function("formatAmount", &format_amount);
  emscripten::function("formatDisplay", &format_display);
}
