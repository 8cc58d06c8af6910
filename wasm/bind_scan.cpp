// Bindings for qrpos/scan.hpp and qrpos/paycode.hpp.
#include <emscripten/bind.h>

#include "dto.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/scan.hpp"

namespace {

using namespace qrpos;

struct ScanDto {
  std::string kind, scheme, code, messageKey;
};

ScanDto classify_scan(const std::string& text) {
  const scan::Scan s = scan::classify(text);
  return {scan::kind_name(s.kind), s.scheme ? paycode::scheme_name(*s.scheme) : "", s.code, s.message_key};
}

std::string mask_code(const std::string& code) { return paycode::mask_code(code); }

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_scan) {
  emscripten::value_object<ScanDto>("ScanDto")
      .field("kind", &ScanDto::kind)
      .field("scheme", &ScanDto::scheme)
      .field("code", &ScanDto::code)
      .field("messageKey", &ScanDto::messageKey);
  emscripten::function("classifyScan", &classify_scan);
  emscripten::function("maskCode", &mask_code);
}
