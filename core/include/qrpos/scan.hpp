// What was scanned? One decision for camera frames, scanner guns and typed input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "qrpos/paycode.hpp"

namespace qrpos::scan {

#define QRPOS_SCAN_KINDS(X)                                               \
  X(payment_code) /* a customer's wallet code: payable */                  \
  X(emv_cpm)      /* EMVCo consumer-presented code (base64 BER-TLV): payable */ \
  X(emv_mpm)      /* a merchant-presented EMV QR: not payable here */      \
  X(merchant_url) /* a merchant's URL-style QR: not payable here */        \
  X(unknown)

enum class Kind {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_SCAN_KINDS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

const char* kind_name(Kind kind);

// Longest text looked at; longer input is "unknown" without further work.
constexpr std::size_t kMaxScanLength = 512;

struct Scan {
  Kind kind = Kind::unknown;
  std::optional<paycode::Scheme> scheme;  // set for payable kinds
  std::string code;                       // the trimmed text, for payable kinds only
  // For a scan that cannot be paid: the i18n key of what to tell the person.
  // Empty for payable kinds.
  std::string message_key;
};

// Classifies `text` as read from a camera, a scanner gun or a keyboard. Only
// leading and trailing whitespace (a gun's CR/LF) is trimmed; nothing is guessed.
Scan classify(std::string_view text);

}  // namespace qrpos::scan
