// What was scanned? One decision for camera frames, scanner guns and typed input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/code_pattern.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/result.hpp"

namespace qrpos::scan {

#define QRPOS_SCAN_KINDS(X)                                                            \
  X(payment_code) /* a customer's wallet code: payable */                              \
  X(emv_cpm)      /* EMVCo consumer-presented code (base64 BER-TLV): payable */        \
  X(emv_mpm)      /* a merchant-presented EMV QR: not payable here */                  \
  X(merchant_url) /* a merchant's URL-style QR: not payable here */                    \
  X(receipt)      /* our receipt code (QRPOSR1:...): refund and lookup, not payable */ \
  X(member)       /* the merchant's member code (MerchantPatterns::member) */          \
  X(lookup)       /* a merchant code to look up and pay for: ticket, room, bill */     \
  X(unknown)

enum class Kind {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_SCAN_KINDS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

const char* kind_name(Kind kind);

// Longest text looked at; longer input is "unknown" without further work.
constexpr std::size_t kMaxScanLength = 512;

// What a receipt code names: the sale it was printed for.
struct Receipt {
  std::string terminal_id;   // 1-32 of [A-Za-z0-9-]
  std::string out_trade_no;  // 1-32 of [A-Za-z0-9_-]
};

// Receipt codes are "QRPOSR1:<terminal_id>:<out_trade_no>", case-sensitive, printed
// by this terminal on receipts so a refund or a lookup starts from a scan.
constexpr std::string_view kReceiptPrefix = "QRPOSR1:";
constexpr std::size_t kMaxReceiptField = 32;

struct Scan {
  Kind kind = Kind::unknown;
  std::optional<paycode::Scheme> scheme;  // set for payable kinds
  std::string code;                       // the trimmed text, for payable, member and lookup kinds
  std::optional<Receipt> receipt;         // set for Kind::receipt only
  // For a scan that cannot be paid: the i18n key of what to tell the person
  // ("scan.merchant_code", "scan.receipt", "scan.unknown"). Empty for payable kinds
  // and for member and lookup, which the caller acts on.
  std::string message_key;
  std::size_t pattern_index = 0;  // lookup: the index into MerchantPatterns::lookups; else 0
};

// The merchant's own codes, configured on the terminal.
struct MerchantPatterns {
  std::optional<code_pattern::Pattern> member;
  std::vector<code_pattern::Pattern> lookups;  // tried in order; the first match wins
};

// Classifies `text` as read from a camera, a scanner gun or a keyboard. Only
// leading and trailing whitespace (a gun's CR/LF) is trimmed; nothing is guessed.
// Text starting with kReceiptPrefix that is not a well-formed receipt code is unknown.
// Payment codes, EMV CPM and receipt codes are decided before the merchant's patterns,
// so no pattern can turn a customer's payment code into a member id; then the member
// pattern, then the lookup patterns, then the merchant-presented kinds.
Scan classify(std::string_view text, const MerchantPatterns& patterns);
// classify(text, {}): no merchant codes.
Scan classify(std::string_view text);

// The receipt code for a sale. Errors: invalid_field when either part is empty,
// longer than kMaxReceiptField or has a character outside its set (offset: the
// character's index within that part). classify() of the result is Kind::receipt
// with the same two parts.
Result<std::string> make_receipt_code(std::string_view terminal_id, std::string_view out_trade_no);

}  // namespace qrpos::scan
