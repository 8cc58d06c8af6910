#include "qrpos/messages.hpp"

#include <algorithm>
#include <iterator>

#include "json_util.hpp"
#include "qrpos/paycode.hpp"

namespace qrpos::messages {
namespace {

using json_util::get_int;
using json_util::get_string;
using json_util::json;
using json_util::malformed;
using json_util::opt_int;
using json_util::opt_string;
using json_util::to_text;

constexpr std::size_t kMaxText = 256;  // free-text fields: descriptions, reasons, names
// Points and tips past 2^53 would be rounded by JavaScript; no real count gets near.
constexpr std::int64_t kMaxCount = 1'000'000'000'000'000;

Error invalid(std::string detail) { return make_error(ErrorCode::invalid_field, std::move(detail)); }

bool short_text(const std::string& s) { return s.size() <= kMaxText; }

bool is_currency(const std::string& s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  return true;
}

// Shared checks of an id + amount + currency triple.
std::optional<Error> check_money_fields(const std::string& id, std::int64_t amount, const std::string& currency) {
  if (!is_valid_id(id)) return invalid("id must be 1-32 characters of [A-Za-z0-9_-]");
  if (amount <= 0) return invalid("amount must be a positive integer of minor units");
  if (!is_currency(currency)) return invalid("currency must be an ISO 4217 alpha code");
  return std::nullopt;
}

// The merchant-scenario fields a pay or order request may carry. Absent and "" are the
// same (to_json omits ""); anything present must be well formed.
std::optional<Error> check_scenario_fields(const std::string& member_id, const std::string& reference,
                                           const std::string& table) {
  if (!member_id.empty() && !is_valid_code(member_id)) return invalid("member_id must be 1-64 printable characters");
  if (!reference.empty() && !is_valid_code(reference)) return invalid("reference must be 1-64 printable characters");
  if (!table.empty() && !is_valid_table(table)) return invalid("table must be 1-16 characters of [A-Za-z0-9_-]");
  return std::nullopt;
}

bool in_count_range(std::int64_t v) { return v >= 0 && v <= kMaxCount; }

}  // namespace

std::string payment_path(std::string_view id) { return std::string(kPaymentsPath) + "/" + std::string(id); }
std::string reverse_path(std::string_view id) { return payment_path(id) + "/reverse"; }
std::string refund_path(std::string_view id) { return std::string(kRefundsPath) + "/" + std::string(id); }
std::string order_path(std::string_view id) { return std::string(kOrdersPath) + "/" + std::string(id); }
std::string close_order_path(std::string_view id) { return order_path(id) + "/close"; }
std::string daily_report_path(std::string_view date) {
  return std::string(kDailyReportPath) + "?date=" + std::string(date);
}

bool is_valid_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool is_valid_code(std::string_view code) {
  return !code.empty() && code.size() <= 64 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

bool is_valid_table(std::string_view table) { return table.size() <= 16 && is_valid_id(table); }

// Tables rather than switches: the wasm core is size-bound, and a switch of string
// compares (or of returns) per error costs more than an array lookup.
#define QRPOS_OUTCOME_unknown true
#define QRPOS_OUTCOME_not_processed false
constexpr const char* kErrorNames[] = {
#define QRPOS_ITEM(name, status, outcome) #name,
    QRPOS_ACQUIRER_ERRORS(QRPOS_ITEM)
#undef QRPOS_ITEM
};
constexpr int kHttpStatus[] = {
#define QRPOS_ITEM(name, status, outcome) status,
    QRPOS_ACQUIRER_ERRORS(QRPOS_ITEM)
#undef QRPOS_ITEM
};
constexpr bool kOutcomeUnknown[] = {
#define QRPOS_ITEM(name, status, outcome) QRPOS_OUTCOME_##outcome,
    QRPOS_ACQUIRER_ERRORS(QRPOS_ITEM)
#undef QRPOS_ITEM
};
#undef QRPOS_OUTCOME_unknown
#undef QRPOS_OUTCOME_not_processed

const char* error_name(AcquirerError e) {
  const auto i = static_cast<std::size_t>(e);
  return i < std::size(kErrorNames) ? kErrorNames[i] : "";
}

int http_status(AcquirerError e) {
  const auto i = static_cast<std::size_t>(e);
  return i < std::size(kHttpStatus) ? kHttpStatus[i] : 500;
}

bool outcome_unknown(AcquirerError e) {
  const auto i = static_cast<std::size_t>(e);
  return i < std::size(kOutcomeUnknown) ? kOutcomeUnknown[i] : true;
}

std::optional<AcquirerError> acquirer_error_from_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kErrorNames); ++i) {
    if (name == kErrorNames[i]) return static_cast<AcquirerError>(i);
  }
  return std::nullopt;
}

const char* status_name(TradeStatus s) {
  switch (s) {
#define QRPOS_CASE(name) \
  case TradeStatus::name: \
    return #name;
    QRPOS_TRADE_STATUSES(QRPOS_CASE)
#undef QRPOS_CASE
  }
  return "";
}

std::optional<TradeStatus> trade_status_from_name(std::string_view name) {
#define QRPOS_PARSE(item) \
  if (name == #item) return TradeStatus::item;
  QRPOS_TRADE_STATUSES(QRPOS_PARSE)
#undef QRPOS_PARSE
  return std::nullopt;
}

bool is_final(TradeStatus s) {
  return s == TradeStatus::SUCCESS || s == TradeStatus::FAILED || s == TradeStatus::REVERSED ||
         s == TradeStatus::CLOSED;
}

const char* status_name(RefundStatus s) {
  switch (s) {
    case RefundStatus::PROCESSING:
      return "PROCESSING";
    case RefundStatus::SUCCESS:
      return "SUCCESS";
    case RefundStatus::FAILED:
      return "FAILED";
  }
  return "";
}

std::string to_json(const ErrorBody& m) {
  json e = {{"code", m.code}, {"message", m.message}};
  if (m.retry_after_ms > 0) e["retry_after_ms"] = m.retry_after_ms;
  return to_text(json{{"error", e}});
}

std::string to_json(const ActivateRequest& m) {
  return to_text({{"activation_code", m.activation_code}, {"public_key", m.public_key}, {"device", m.device}});
}

std::string to_json(const ActivateResponse& m) {
  return to_text({{"terminal_id", m.terminal_id},
                  {"merchant_id", m.merchant_id},
                  {"merchant_name", m.merchant_name},
                  {"currency", m.currency},
                  {"acquirer_public_key", m.acquirer_public_key}});
}

std::string to_json(const PayRequest& m) {
  json j = {{"out_trade_no", m.out_trade_no},         {"amount", m.amount},
            {"currency", m.currency},                 {"scheme", m.scheme},
            {"auth_code_masked", m.auth_code_masked}, {"auth_code_sealed", crypto::to_base64(m.auth_code_sealed)}};
  if (!m.description.empty()) j["description"] = m.description;
  if (!m.member_id.empty()) j["member_id"] = m.member_id;
  if (!m.reference.empty()) j["reference"] = m.reference;
  return to_text(j);
}

std::string to_json(const Trade& m) {
  json j = {{"status", status_name(m.status)}, {"out_trade_no", m.out_trade_no}, {"amount", m.amount},
            {"currency", m.currency}};
  auto put_text = [&j](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  auto put_int = [&j](const char* key, std::int64_t v) {
    if (v != 0) j[key] = v;
  };
  put_text("transaction_id", m.transaction_id);
  put_text("scheme", m.scheme);
  put_text("auth_code_masked", m.auth_code_masked);
  put_int("paid_at", m.paid_at_ms);
  put_int("refunded_amount", m.refunded_amount);
  put_text("reason", m.reason);
  put_int("retry_after_ms", m.retry_after_ms);
  put_text("code_url", m.code_url);
  put_text("emv_payload", m.emv_payload);
  put_int("expires_at", m.expires_at_ms);
  put_text("member_id", m.member_id);
  put_int("points_earned", m.points_earned);
  put_int("points_balance", m.points_balance);
  put_text("reference", m.reference);
  put_text("table", m.table);
  put_int("tip_amount", m.tip_amount);
  return to_text(j);
}

std::string to_json(const CancelRequest& m) { return to_text({{"amount", m.amount}, {"currency", m.currency}}); }

Result<CancelRequest> parse_cancel_request(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  CancelRequest m;
  if (!get_int(parsed.value(), "amount", m.amount) || !get_string(parsed.value(), "currency", m.currency)) {
    return malformed("amount and currency are required");
  }
  if (auto e = check_money_fields("x", m.amount, m.currency)) return *e;
  return m;
}

std::string to_json(const RefundRequest& m) {
  json j = {{"out_trade_no", m.out_trade_no},
            {"out_refund_no", m.out_refund_no},
            {"amount", m.amount},
            {"currency", m.currency}};
  if (!m.reason.empty()) j["reason"] = m.reason;
  return to_text(j);
}

std::string to_json(const Refund& m) {
  json j = {{"status", status_name(m.status)}, {"out_trade_no", m.out_trade_no}, {"out_refund_no", m.out_refund_no},
            {"amount", m.amount},              {"currency", m.currency},         {"refunded_total", m.refunded_total}};
  if (!m.refund_id.empty()) j["refund_id"] = m.refund_id;
  if (!m.reason.empty()) j["reason"] = m.reason;
  if (m.retry_after_ms > 0) j["retry_after_ms"] = m.retry_after_ms;
  return to_text(j);
}

std::string to_json(const OrderRequest& m) {
  json j = {{"out_trade_no", m.out_trade_no}, {"amount", m.amount}, {"currency", m.currency}};
  if (!m.description.empty()) j["description"] = m.description;
  if (m.expires_in_ms > 0) j["expires_in_ms"] = m.expires_in_ms;
  if (!m.member_id.empty()) j["member_id"] = m.member_id;
  if (!m.reference.empty()) j["reference"] = m.reference;
  if (!m.table.empty()) j["table"] = m.table;
  return to_text(j);
}

std::string to_json(const DailyReport& m) {
  json lines = json::array();
  for (const auto& l : m.lines) {
    lines.push_back({{"scheme", l.scheme},
                     {"count", l.count},
                     {"amount", l.amount},
                     {"refund_count", l.refund_count},
                     {"refund_amount", l.refund_amount}});
  }
  return to_text({{"date", m.date},
                  {"currency", m.currency},
                  {"lines", lines},
                  {"total_count", m.total_count},
                  {"total_amount", m.total_amount},
                  {"refund_amount", m.refund_amount},
                  {"net_amount", m.net_amount}});
}

Result<ErrorBody> parse_error_body(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  auto it = parsed.value().find("error");
  if (it == parsed.value().end() || !it->is_object()) return malformed("no error object");
  ErrorBody e;
  if (!get_string(*it, "code", e.code) || e.code.empty() || !short_text(e.code)) return malformed("error.code");
  if (!opt_string(*it, "message", e.message) || !opt_int(*it, "retry_after_ms", e.retry_after_ms)) {
    return malformed("error.message or error.retry_after_ms has the wrong type");
  }
  if (e.message.size() > kMaxText) e.message.resize(kMaxText);
  return e;
}

Result<ActivateRequest> parse_activate_request(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  ActivateRequest m;
  if (!get_string(j, "activation_code", m.activation_code) || !get_string(j, "public_key", m.public_key) ||
      !opt_string(j, "device", m.device)) {
    return malformed("activation_code and public_key are required strings");
  }
  if (m.activation_code.empty() || !short_text(m.activation_code) || !short_text(m.device)) {
    return invalid("activation_code or device has a bad length");
  }
  if (!crypto::public_key_from_hex(m.public_key).ok()) return invalid("public_key must be 64 hex characters");
  return m;
}

Result<ActivateResponse> parse_activate_response(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  ActivateResponse m;
  if (!get_string(j, "terminal_id", m.terminal_id) || !get_string(j, "merchant_id", m.merchant_id) ||
      !get_string(j, "merchant_name", m.merchant_name) || !get_string(j, "currency", m.currency) ||
      !get_string(j, "acquirer_public_key", m.acquirer_public_key)) {
    return malformed("activation answer lacks a field");
  }
  if (!is_valid_id(m.terminal_id) || !is_currency(m.currency) || !short_text(m.merchant_name) ||
      !short_text(m.merchant_id) || !crypto::public_key_from_hex(m.acquirer_public_key).ok()) {
    return invalid("activation answer has a bad field");
  }
  return m;
}

Result<PayRequest> parse_pay_request(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  PayRequest m;
  std::string sealed;
  if (!get_string(j, "out_trade_no", m.out_trade_no) || !get_int(j, "amount", m.amount) ||
      !get_string(j, "currency", m.currency) || !get_string(j, "scheme", m.scheme) ||
      !get_string(j, "auth_code_masked", m.auth_code_masked) || !get_string(j, "auth_code_sealed", sealed) ||
      !opt_string(j, "description", m.description) || !opt_string(j, "member_id", m.member_id) ||
      !opt_string(j, "reference", m.reference)) {
    return malformed("pay request lacks a field or has one of the wrong type");
  }
  if (auto e = check_money_fields(m.out_trade_no, m.amount, m.currency)) return *e;
  if (!paycode::scheme_from_name(m.scheme)) return invalid("scheme must be a known scheme name");
  if (!short_text(m.auth_code_masked) || !short_text(m.description)) return invalid("text field too long");
  if (auto e = check_scenario_fields(m.member_id, m.reference, "")) return *e;
  auto box = crypto::from_base64(sealed);
  if (!box.ok()) return invalid("auth_code_sealed is not base64");
  m.auth_code_sealed = std::move(box).value();
  return m;
}

Result<Trade> parse_trade(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  Trade m;
  std::string status;
  if (!get_string(j, "status", status) || !get_string(j, "out_trade_no", m.out_trade_no) ||
      !get_int(j, "amount", m.amount) || !get_string(j, "currency", m.currency)) {
    return malformed("trade lacks status, out_trade_no, amount or currency");
  }
  if (!opt_string(j, "transaction_id", m.transaction_id) || !opt_string(j, "scheme", m.scheme) ||
      !opt_string(j, "auth_code_masked", m.auth_code_masked) || !opt_int(j, "paid_at", m.paid_at_ms) ||
      !opt_int(j, "refunded_amount", m.refunded_amount) || !opt_string(j, "reason", m.reason) ||
      !opt_int(j, "retry_after_ms", m.retry_after_ms) || !opt_string(j, "code_url", m.code_url) ||
      !opt_string(j, "emv_payload", m.emv_payload) || !opt_int(j, "expires_at", m.expires_at_ms) ||
      !opt_string(j, "member_id", m.member_id) || !opt_int(j, "points_earned", m.points_earned) ||
      !opt_int(j, "points_balance", m.points_balance) || !opt_string(j, "reference", m.reference) ||
      !opt_string(j, "table", m.table) || !opt_int(j, "tip_amount", m.tip_amount)) {
    return malformed("trade has a field of the wrong type");
  }
  const auto s = trade_status_from_name(status);
  if (!s) return invalid("unknown trade status");
  m.status = *s;
  if (auto e = check_money_fields(m.out_trade_no, m.amount, m.currency)) return *e;
  if (m.status == TradeStatus::SUCCESS && m.transaction_id.empty()) return invalid("SUCCESS without transaction_id");
  if (m.refunded_amount < 0 || m.refunded_amount > m.amount || m.retry_after_ms < 0) {
    return invalid("refunded_amount or retry_after_ms out of range");
  }
  if (!short_text(m.transaction_id) || !short_text(m.reason) || m.code_url.size() > 512 || m.emv_payload.size() > 512) {
    return invalid("text field too long");
  }
  if (auto e = check_scenario_fields(m.member_id, m.reference, m.table)) return *e;
  if (!in_count_range(m.points_earned) || !in_count_range(m.points_balance) || !in_count_range(m.tip_amount)) {
    return invalid("points_earned, points_balance or tip_amount out of range");
  }
  return m;
}

Result<RefundRequest> parse_refund_request(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  RefundRequest m;
  if (!get_string(j, "out_trade_no", m.out_trade_no) || !get_string(j, "out_refund_no", m.out_refund_no) ||
      !get_int(j, "amount", m.amount) || !get_string(j, "currency", m.currency) ||
      !opt_string(j, "reason", m.reason)) {
    return malformed("refund request lacks a field or has one of the wrong type");
  }
  if (auto e = check_money_fields(m.out_trade_no, m.amount, m.currency)) return *e;
  if (!is_valid_id(m.out_refund_no) || !short_text(m.reason)) return invalid("out_refund_no or reason");
  return m;
}

Result<Refund> parse_refund(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  Refund m;
  std::string status;
  if (!get_string(j, "status", status) || !get_string(j, "out_trade_no", m.out_trade_no) ||
      !get_string(j, "out_refund_no", m.out_refund_no) || !get_int(j, "amount", m.amount) ||
      !get_string(j, "currency", m.currency) || !get_int(j, "refunded_total", m.refunded_total) ||
      !opt_string(j, "refund_id", m.refund_id) || !opt_string(j, "reason", m.reason) ||
      !opt_int(j, "retry_after_ms", m.retry_after_ms)) {
    return malformed("refund answer lacks a field or has one of the wrong type");
  }
  if (status == "PROCESSING") {
    m.status = RefundStatus::PROCESSING;
  } else if (status == "SUCCESS") {
    m.status = RefundStatus::SUCCESS;
  } else if (status == "FAILED") {
    m.status = RefundStatus::FAILED;
  } else {
    return invalid("unknown refund status");
  }
  if (auto e = check_money_fields(m.out_trade_no, m.amount, m.currency)) return *e;
  if (!is_valid_id(m.out_refund_no) || m.refunded_total < 0 || m.retry_after_ms < 0 || !short_text(m.reason) ||
      !short_text(m.refund_id)) {
    return invalid("refund answer has a bad field");
  }
  return m;
}

Result<OrderRequest> parse_order_request(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  OrderRequest m;
  if (!get_string(j, "out_trade_no", m.out_trade_no) || !get_int(j, "amount", m.amount) ||
      !get_string(j, "currency", m.currency) || !opt_string(j, "description", m.description) ||
      !opt_int(j, "expires_in_ms", m.expires_in_ms) || !opt_string(j, "member_id", m.member_id) ||
      !opt_string(j, "reference", m.reference) || !opt_string(j, "table", m.table)) {
    return malformed("order request lacks a field or has one of the wrong type");
  }
  if (auto e = check_money_fields(m.out_trade_no, m.amount, m.currency)) return *e;
  if (!short_text(m.description) || m.expires_in_ms < 0) return invalid("description or expires_in_ms");
  if (auto e = check_scenario_fields(m.member_id, m.reference, m.table)) return *e;
  return m;
}

Result<DailyReport> parse_daily_report(std::string_view text) {
  auto parsed = json_util::parse_object(text, 256 * 1024);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  DailyReport m;
  auto lines = j.find("lines");
  if (!get_string(j, "date", m.date) || !get_string(j, "currency", m.currency) || lines == j.end() ||
      !lines->is_array() || !get_int(j, "total_count", m.total_count) || !get_int(j, "total_amount", m.total_amount) ||
      !get_int(j, "refund_amount", m.refund_amount) || !get_int(j, "net_amount", m.net_amount)) {
    return malformed("report lacks a field or has one of the wrong type");
  }
  if (!is_date(m.date) || !is_currency(m.currency) || lines->size() > 64) return invalid("date, currency or lines");
  for (const auto& l : *lines) {
    DailyReportLine line;
    if (!l.is_object() || !get_string(l, "scheme", line.scheme) || !get_int(l, "count", line.count) ||
        !get_int(l, "amount", line.amount) || !get_int(l, "refund_count", line.refund_count) ||
        !get_int(l, "refund_amount", line.refund_amount)) {
      return malformed("report line lacks a field");
    }
    m.lines.push_back(std::move(line));
  }
  return m;
}

}  // namespace qrpos::messages
