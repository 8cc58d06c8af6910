// The lookup body and its answer (messages.hpp): a merchant code (ticket, room, bill)
// turned into an amount before a payment for it. Apart from the payment messages so
// the acquirer's parser and the terminal's reader stay one small file.
#include <algorithm>

#include "json_util.hpp"
#include "qrpos/messages.hpp"

namespace qrpos::messages {
namespace {

using json_util::get_int;
using json_util::get_string;
using json_util::json;
using json_util::malformed;
using json_util::opt_string;

// Amounts past 2^53 would be rounded by JavaScript; no bill gets near.
constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;

Error invalid(std::string detail) { return make_error(ErrorCode::invalid_field, std::move(detail)); }

bool is_currency(const std::string& s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// What each status promises about the rest: an open or paid bill has a price; a paid
// one names its payment (the cashier can look it up); an unknown code has nothing.
std::optional<Error> check_status_fields(const Lookup& m) {
  if (m.status == LookupStatus::unknown) {
    if (m.amount != 0) return invalid("an unknown code has amount 0");
    if (!m.currency.empty() && !is_currency(m.currency)) return invalid("currency must be an ISO 4217 alpha code");
    if (!m.out_trade_no.empty()) return invalid("an unknown code has no out_trade_no");
    return std::nullopt;
  }
  if (m.amount <= 0 || m.amount > kMaxAmount) return invalid("amount must be a positive integer of minor units");
  if (!is_currency(m.currency)) return invalid("currency must be an ISO 4217 alpha code");
  if (m.status == LookupStatus::paid && !is_valid_id(m.out_trade_no)) {
    return invalid("a paid code names the payment that paid it");
  }
  if (m.status == LookupStatus::open && !m.out_trade_no.empty()) return invalid("an open code has no out_trade_no");
  return std::nullopt;
}

}  // namespace

const char* status_name(LookupStatus s) {
  switch (s) {
#define QRPOS_CASE(name)   \
  case LookupStatus::name: \
    return #name;
    QRPOS_LOOKUP_STATUSES(QRPOS_CASE)
#undef QRPOS_CASE
  }
  return "";
}

std::optional<LookupStatus> lookup_status_from_name(std::string_view name) {
#define QRPOS_PARSE(item) \
  if (name == #item) return LookupStatus::item;
  QRPOS_LOOKUP_STATUSES(QRPOS_PARSE)
#undef QRPOS_PARSE
  return std::nullopt;
}

std::string to_json(const LookupRequest& m) { return json_util::to_text({{"code", m.code}}); }

std::string to_json(const Lookup& m) {
  json j = {{"code", m.code}, {"status", status_name(m.status)}, {"amount", m.amount}};
  if (!m.currency.empty()) j["currency"] = m.currency;
  if (!m.description.empty()) j["description"] = m.description;
  if (!m.out_trade_no.empty()) j["out_trade_no"] = m.out_trade_no;
  return json_util::to_text(j);
}

Result<LookupRequest> parse_lookup_request(std::string_view text) {
  auto parsed = json_util::parse_object(text, kMaxLookupRequestSize);
  if (!parsed.ok()) return parsed.error();
  LookupRequest m;
  if (!get_string(parsed.value(), "code", m.code)) return malformed("code is required");
  if (!is_valid_code(m.code)) return invalid("code must be 1-64 printable characters");
  return m;
}

Result<Lookup> parse_lookup(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  Lookup m;
  std::string status;
  if (!get_string(j, "code", m.code) || !get_string(j, "status", status) || !get_int(j, "amount", m.amount) ||
      !opt_string(j, "currency", m.currency) || !opt_string(j, "description", m.description) ||
      !opt_string(j, "out_trade_no", m.out_trade_no)) {
    return malformed("lookup answer lacks code, status or amount, or has a field of the wrong type");
  }
  if (!is_valid_code(m.code)) return invalid("code must be 1-64 printable characters");
  const auto s = lookup_status_from_name(status);
  if (!s) return invalid("status must be open, paid or unknown");
  m.status = *s;
  // The parser has already refused invalid UTF-8, so only the length is left to check.
  if (m.description.size() > kMaxLookupDescription) return invalid("description must be at most 128 bytes");
  if (auto e = check_status_fields(m)) return *e;
  return m;
}

}  // namespace qrpos::messages
