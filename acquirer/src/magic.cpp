#include "magic.hpp"

namespace qrpos::acquirer::magic {
namespace {

// Delays stay well inside the terminal's 10 s exchange timeout and 45 s pay
// deadline, so the terminal's normal schedule sees each outcome.
constexpr std::int64_t kConfirmMs = 5'000;
constexpr std::int64_t kSlowMs = 3'000;
constexpr std::int64_t kTooSlowMs = 12'000;  // past the terminal's 10 s timeout
constexpr std::int64_t kOrderMs = 5'000;

struct PayEntry {
  const char* suffix;
  PayMagic magic;
};

const PayEntry kPayTable[] = {
    {"000051", {PayBehaviour::decline, "insufficient_funds", 0}},
    {"000054", {PayBehaviour::decline, "auth_code_expired", 0}},
    {"000059", {PayBehaviour::decline, "risk_declined", 0}},
    {"000060", {PayBehaviour::decline, "card_not_supported", 0}},
    {"000061", {PayBehaviour::code_used, "", 0}},
    {"000100", {PayBehaviour::confirm_then_approve, "", kConfirmMs}},
    {"000101", {PayBehaviour::confirm_forever, "", 0}},
    {"000500", {PayBehaviour::error_after_recording, "", 0}},
    {"000501", {PayBehaviour::error_nothing_recorded, "", 0}},
    {"000300", {PayBehaviour::slow_approve, "", kSlowMs}},
    {"000301", {PayBehaviour::slow_approve, "", kTooSlowMs}},
};

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

template <class Enum>
struct Named {
  Enum value;
  const char* name;
};

const Named<PayBehaviour> kPayNames[] = {
#define QRPOS_NAME_ITEM(name) {PayBehaviour::name, #name},
    QRPOS_PAY_BEHAVIOURS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
};
const Named<OrderBehaviour> kOrderNames[] = {
#define QRPOS_NAME_ITEM(name) {OrderBehaviour::name, #name},
    QRPOS_ORDER_BEHAVIOURS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
};

template <class Enum, std::size_t N>
std::string name_of(const Named<Enum> (&table)[N], Enum value, Enum plain) {
  if (value == plain) return "";
  for (const auto& n : table) {
    if (n.value == value) return n.name;
  }
  return "";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const Named<Enum> (&table)[N], std::string_view name, Enum plain) {
  if (name.empty()) return plain;
  for (const auto& n : table) {
    if (name == n.name) return n.value;
  }
  return std::nullopt;
}

}  // namespace

PayMagic pay_magic(std::string_view code) {
  // EMV consumer codes are base64 text: never magic, whatever they end in.
  if (code.size() < 16 || !all_digits(code)) return {};
  const std::string_view suffix = code.substr(code.size() - kSuffixDigits);
  for (const auto& entry : kPayTable) {
    if (suffix == entry.suffix) return entry.magic;
  }
  return {};
}

OrderMagic order_magic(std::int64_t amount) {
  switch (amount % 10'000) {
    case 9901:
      return {OrderBehaviour::auto_pay, kOrderMs};
    case 9902:
      return {OrderBehaviour::auto_decline, kOrderMs};
    case 9903:
      return {OrderBehaviour::confirm_forever, 0};
    default:
      return {};
  }
}

std::string stored_name(PayBehaviour b) { return name_of(kPayNames, b, PayBehaviour::approve); }
std::string stored_name(OrderBehaviour b) { return name_of(kOrderNames, b, OrderBehaviour::normal); }
std::optional<PayBehaviour> pay_behaviour_from_stored(std::string_view name) {
  return value_of(kPayNames, name, PayBehaviour::approve);
}
std::optional<OrderBehaviour> order_behaviour_from_stored(std::string_view name) {
  return value_of(kOrderNames, name, OrderBehaviour::normal);
}

}  // namespace qrpos::acquirer::magic
