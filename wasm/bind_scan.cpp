// Bindings for qrpos/scan.hpp and qrpos/paycode.hpp.
#include <emscripten/bind.h>

#include "common/dto.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/scan.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

struct ScanDto {
  std::string kind, scheme, code, messageKey, receiptTerminalId, receiptOutTradeNo;
};

ScanDto classify_scan(const std::string& text) {
  const scan::Scan s = scan::classify(text);
  return {scan::kind_name(s.kind),
          s.scheme ? paycode::scheme_name(*s.scheme) : "",
          s.code,
          s.message_key,
          s.receipt ? s.receipt->terminal_id : "",
          s.receipt ? s.receipt->out_trade_no : ""};
}

TextResult make_receipt_code(const std::string& terminal_id, const std::string& out_trade_no) {
  auto r = scan::make_receipt_code(terminal_id, out_trade_no);
  return r.ok() ? text_ok(std::move(r).value()) : text_error(r.error());
}

std::string mask_code(const std::string& code) { return paycode::mask_code(code); }

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_scan) {
  emscripten::value_object<ScanDto>("ScanDto")
      .field("kind", &ScanDto::kind)
      .field("scheme", &ScanDto::scheme)
      .field("code", &ScanDto::code)
      .field("messageKey", &ScanDto::messageKey)
      .field("receiptTerminalId", &ScanDto::receiptTerminalId)
      .field("receiptOutTradeNo", &ScanDto::receiptOutTradeNo);
  emscripten::function("classifyScan", &classify_scan);
  emscripten::function("makeReceiptCode", &make_receipt_code);
  emscripten::function("maskCode", &mask_code);
}
