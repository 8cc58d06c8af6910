// Bindings for qrpos/messages.hpp: validate and normalise any protocol v1 body.
#include <emscripten/bind.h>

#include "common/dto.hpp"
#include "qrpos/messages.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

template <class Parse>
TextResult normalise(const std::string& json, Parse parse) {
  auto m = parse(json);
  return m.ok() ? text_ok(messages::to_json(m.value())) : text_error(m.error());
}

// kind: trade, refund, pay_request, refund_request, order_request, cancel_request,
// activate_request, activate_response, daily_report, error, lookup_request, lookup.
TextResult parse_message(const std::string& kind, const std::string& json) {
  using namespace messages;
  if (kind == "trade") return normalise(json, parse_trade);
  if (kind == "refund") return normalise(json, parse_refund);
  if (kind == "pay_request") return normalise(json, parse_pay_request);
  if (kind == "refund_request") return normalise(json, parse_refund_request);
  if (kind == "order_request") return normalise(json, parse_order_request);
  if (kind == "cancel_request") return normalise(json, parse_cancel_request);
  if (kind == "activate_request") return normalise(json, parse_activate_request);
  if (kind == "activate_response") return normalise(json, parse_activate_response);
  if (kind == "daily_report") return normalise(json, parse_daily_report);
  if (kind == "error") return normalise(json, parse_error_body);
  if (kind == "lookup_request") return normalise(json, parse_lookup_request);
  if (kind == "lookup") return normalise(json, parse_lookup);
  return text_error(make_error(ErrorCode::invalid_field, "unknown message kind"));
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_messages) { emscripten::function("parseMessage", &parse_message); }
