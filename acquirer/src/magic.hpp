// Deterministic test mode ("magic values"): which outcome the sandbox plays for a
// payment code or an order amount, like a card network's test cards. Pure: no clock,
// no I/O. The table for people is docs/sandbox.md; keep the two in step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qrpos::acquirer::magic {

// Codes are matched on their last 6 digits (any scheme with a digit-only code), so a
// random code hits one by chance about once in 100,000 payments.
constexpr std::size_t kSuffixDigits = 6;

#define QRPOS_PAY_BEHAVIOURS(X)                                                        \
  X(approve)                /* any other code: SUCCESS at once */                      \
  X(decline)                /* FAILED with `decline_reason` */                         \
  X(code_used)              /* 409 auth_code_used, nothing recorded */                 \
  X(confirm_then_approve)   /* USERPAYING, SUCCESS `delay_ms` after the pay request */ \
  X(confirm_forever)        /* USERPAYING until reversed */                            \
  X(error_after_recording)  /* recorded SUCCESS, but the answer is 500 */              \
  X(error_nothing_recorded) /* 500, nothing recorded */                                \
  X(slow_approve)           /* SUCCESS recorded at once, answered after `delay_ms` */

enum class PayBehaviour {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_PAY_BEHAVIOURS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

struct PayMagic {
  PayBehaviour behaviour = PayBehaviour::approve;
  std::string decline_reason;  // decline only: a messages decline reason
  std::int64_t delay_ms = 0;   // confirm_then_approve, slow_approve
};

// What to play for payment code `code` (the clear code; never stored).
PayMagic pay_magic(std::string_view code);

#define QRPOS_ORDER_BEHAVIOURS(X)                                                \
  X(normal)          /* NOTPAY until the customer pays on /pay/{id} or expiry */ \
  X(auto_pay)        /* SUCCESS (wechat) `delay_ms` after creation */            \
  X(auto_decline)    /* FAILED risk_declined `delay_ms` after creation */        \
  X(confirm_forever) /* USERPAYING at once, until closed or expired */

enum class OrderBehaviour {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_ORDER_BEHAVIOURS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

struct OrderMagic {
  OrderBehaviour behaviour = OrderBehaviour::normal;
  std::int64_t delay_ms = 0;
};

// Orders are matched on the amount in minor units modulo 10,000 (¥99.01 -> 9901).
OrderMagic order_magic(std::int64_t amount);

// Names for the ledger's `magic` column ("" for approve/normal) and back.
std::string stored_name(PayBehaviour b);
std::string stored_name(OrderBehaviour b);
std::optional<PayBehaviour> pay_behaviour_from_stored(std::string_view name);
std::optional<OrderBehaviour> order_behaviour_from_stored(std::string_view name);

}  // namespace qrpos::acquirer::magic
