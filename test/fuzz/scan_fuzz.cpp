// Classifies arbitrary bytes. Invariants beyond "never crashes":
//  - a payment_code's code is all digits and classifies again as the same scheme;
//  - payable kinds carry a scheme and a code, the rest a message key and no code;
//  - a receipt round-trips through make_receipt_code; and the input read as
//    "<terminal_id>:<out_trade_no>" makes a code exactly when classify accepts
//    "QRPOSR1:" + input.
//
// fuzz-max-len: 640 (just past the 512-character scan bound)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qrpos/scan.hpp"

namespace {

using namespace qrpos;

void require(bool condition) {
  if (!condition) std::abort();
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

void check(const scan::Scan& s) {
  switch (s.kind) {
    case scan::Kind::payment_code: {
      require(s.scheme.has_value() && all_digits(s.code) && s.message_key.empty() && !s.receipt);
      require(paycode::detect_scheme(s.code) == s.scheme);
      const scan::Scan again = scan::classify(s.code);
      require(again.kind == scan::Kind::payment_code && again.scheme == s.scheme && again.code == s.code);
      break;
    }
    case scan::Kind::emv_cpm:
      require(s.scheme == paycode::Scheme::emv_cpm && !s.code.empty() && s.message_key.empty());
      break;
    case scan::Kind::receipt: {
      require(s.receipt.has_value() && s.code.empty() && s.message_key == "scan.receipt");
      const auto made = scan::make_receipt_code(s.receipt->terminal_id, s.receipt->out_trade_no);
      require(made.ok());
      const scan::Scan again = scan::classify(made.value());
      require(again.kind == scan::Kind::receipt && again.receipt->terminal_id == s.receipt->terminal_id &&
              again.receipt->out_trade_no == s.receipt->out_trade_no);
      break;
    }
    case scan::Kind::emv_mpm:
    case scan::Kind::merchant_url:
    case scan::Kind::unknown:
      require(!s.scheme && s.code.empty() && !s.receipt && !s.message_key.empty());
      break;
    case scan::Kind::member:
    case scan::Kind::lookup:
      require(false);  // only with merchant patterns (merchant_codes_fuzz.cpp)
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(scan::classify(text));

  const std::size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    const auto terminal_id = text.substr(0, colon), out_trade_no = text.substr(colon + 1);
    const auto made = scan::make_receipt_code(terminal_id, out_trade_no);
    const std::string code = std::string(scan::kReceiptPrefix) + std::string(text);
    const scan::Scan s = scan::classify(code);
    // classify() trims trailing whitespace, which make_receipt_code rightly refuses.
    const bool trailing_space = std::string_view(" \t\r\n\v\f").find(text.back()) != std::string_view::npos;
    if (!trailing_space && code.size() <= scan::kMaxScanLength) require(made.ok() == (s.kind == scan::Kind::receipt));
    if (made.ok()) {
      require(made.value() == code);
      require(s.receipt->terminal_id == terminal_id && s.receipt->out_trade_no == out_trade_no);
    }
  }
  return 0;
}
