// Customer payment codes (付款码): which wallet issued a digit string, and how to
// show one without revealing it. Rules and sources: shared/facts/payments.md §1.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qrpos::paycode {

#define QRPOS_SCHEMES(X)                                   \
  X(wechat)   /* 18 digits, prefix 10-15 */                \
  X(alipay)   /* 16-24 digits, prefix 25-30 */             \
  X(unionpay) /* 19 digits, prefix 62 */                   \
  X(ecny)     /* 19 digits, prefix 01 (low-confidence rule) */ \
  X(emv_cpm)  /* EMVCo consumer-presented code, any card scheme */

enum class Scheme {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_SCHEMES(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

const char* scheme_name(Scheme scheme);
std::optional<Scheme> scheme_from_name(std::string_view name);

// The wallet whose payment-code format `code` matches, or nothing. `code` must be
// exactly the digits: no whitespace, no separators.
std::optional<Scheme> detect_scheme(std::string_view code);

// A payment code as it may appear on screens, receipts and logs: the first 2 and
// last 4 characters kept, the rest replaced by '*'. Codes of 6 characters or less
// are masked completely.
std::string mask_code(std::string_view code);

}  // namespace qrpos::paycode
