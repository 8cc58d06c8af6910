// Every protocol v1 body parser on arbitrary bytes. Invariant: whatever parses
// re-encodes to JSON that parses to the same encoding (no lossy or unstable fields).
//
// fuzz-max-len: 2048 (acquirer bodies are a few hundred bytes; the 16 KB bound is a unit test)
#include <cstdint>
#include <string>

#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"

namespace {

template <class Parse>
void round_trip(const std::string& text, Parse parse) {
  auto first = parse(text);
  if (!first.ok()) return;
  const std::string encoded = qrpos::messages::to_json(first.value());
  auto second = parse(encoded);
  if (!second.ok() || qrpos::messages::to_json(second.value()) != encoded) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qrpos::messages;
  const std::string text(reinterpret_cast<const char*>(data), size);
  round_trip(text, parse_trade);
  round_trip(text, parse_refund);
  round_trip(text, parse_pay_request);
  round_trip(text, parse_refund_request);
  round_trip(text, parse_order_request);
  round_trip(text, parse_cancel_request);
  round_trip(text, parse_activate_request);
  round_trip(text, parse_activate_response);
  round_trip(text, parse_daily_report);
  round_trip(text, parse_error_body);
  (void)qrpos::protocol::check_timestamp(static_cast<std::int64_t>(size) * 977, 1795680000000);
  return 0;
}
