// Bindings for qrpos/money.hpp. Amounts cross as doubles (exact below 2^53).
#include <emscripten/bind.h>

#include "dto.hpp"
#include "qrpos/money.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

NumberResult parse_amount(const std::string& text, const std::string& currency) {
  auto r = money::parse_amount(text, currency);
  return r.ok() ? NumberResult{true, static_cast<double>(r.value()), {}} : NumberResult{false, 0, to_dto(r.error())};
}

std::string format_amount(double minor, const std::string& currency) {
  const auto c = money::find_currency(currency);
  return c ? money::format_amount(static_cast<std::int64_t>(minor), *c) : std::string();
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_money) {
  emscripten::function("parseAmount", &parse_amount);
  emscripten::function("formatAmount", &format_amount);
}
