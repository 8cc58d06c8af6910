// Bindings for qrpos/scan.hpp, qrpos/code_pattern.hpp and qrpos/paycode.hpp.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>

#include "common/dto.hpp"
#include "qrpos/code_pattern.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/scan.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

struct ScanDto {
  std::string kind, scheme, code, messageKey, receiptTerminalId, receiptOutTradeNo;
  double patternIndex = 0;
};

// More lookup patterns than a settings screen offers are ignored.
constexpr std::size_t kMaxLookupPatterns = 16;

ScanDto scan_dto(const scan::Scan& s) {
  return {scan::kind_name(s.kind),
          s.scheme ? paycode::scheme_name(*s.scheme) : "",
          s.code,
          s.message_key,
          s.receipt ? s.receipt->terminal_id : "",
          s.receipt ? s.receipt->out_trade_no : "",
          static_cast<double>(s.pattern_index)};
}

ScanDto classify_scan(const std::string& text) { return scan_dto(scan::classify(text)); }

// An invalid pattern (a settings typo) never matches rather than failing every scan;
// it keeps its place, so patternIndex still indexes the caller's array. The array
// crosses as one joined string (one call instead of one per element: the core is
// size-bound); no valid pattern contains the '\n' it is joined with.
ScanDto classify_scan_with(const std::string& text, const std::string& member_pattern,
                           const emscripten::val& lookup_patterns) {
  scan::MerchantPatterns patterns;
  if (auto member = code_pattern::compile(member_pattern); member.ok()) patterns.member = std::move(member).value();
  const std::string joined =
      lookup_patterns.isArray() ? lookup_patterns.call<std::string>("join", std::string("\n")) : std::string();
  for (std::size_t start = 0;
       !joined.empty() && start <= joined.size() && patterns.lookups.size() < kMaxLookupPatterns;) {
    const std::size_t end = std::min(joined.find('\n', start), joined.size());
    auto lookup = code_pattern::compile(std::string_view(joined).substr(start, end - start));
    patterns.lookups.push_back(lookup.ok() ? std::move(lookup).value() : code_pattern::Pattern{});
    start = end + 1;
  }
  return scan_dto(scan::classify(text, patterns));
}

TextResult check_pattern(const std::string& source) {
  auto p = code_pattern::compile(source);
  return p.ok() ? text_ok(source) : text_error(p.error());
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
      .field("receiptOutTradeNo", &ScanDto::receiptOutTradeNo)
      .field("patternIndex", &ScanDto::patternIndex);
  emscripten::function("classifyScan", &classify_scan);
  emscripten::function("classifyScanWith", &classify_scan_with);
  emscripten::function("checkPattern", &check_pattern);
  emscripten::function("makeReceiptCode", &make_receipt_code);
  emscripten::function("maskCode", &mask_code);
}
