#include "api.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdlib>

#include "qrpos/protocol.hpp"

namespace qrpos::acquirer {
namespace {

namespace proto = qrpos::protocol;
using messages::AcquirerError;
using messages::TradeStatus;

// WeChat asks terminals to query a confirming customer every few seconds; these are
// the sandbox's hints (the terminal clamps them to 1-10 s).
constexpr std::int64_t kUserPayingRetryMs = 3'000;
constexpr std::int64_t kOrderRetryMs = 2'000;
constexpr std::int64_t kMinRetryMs = 1'000;

}  // namespace

bool parse_timestamp(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

Api::Api(Ledger& ledger_in, const crypto::SigningKey& key_in, std::string fingerprint_key_in,
         std::int64_t timestamp_window_ms, std::function<std::int64_t()> clock_ms)
    : ledger(ledger_in),
      key(key_in),
      fingerprint_key(std::move(fingerprint_key_in)),
      window_ms_(timestamp_window_ms),
      clock_ms_(std::move(clock_ms)) {}

void Api::reply(httplib::Response& res, int status, const std::string& nonce, const std::string& body) const {
  const std::int64_t now = clock_ms_();
  res.status = status;
  res.set_header(proto::kHeaderTimestamp, std::to_string(now));
  res.set_header(proto::kHeaderSignature, proto::sign_response(key, status, now, nonce, body));
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json");
}

void Api::reply_error(httplib::Response& res, AcquirerError error, const std::string& nonce,
                      const std::string& message) const {
  reply(res, messages::http_status(error), nonce,
        messages::to_json(messages::ErrorBody{messages::error_name(error), message, 0}));
}

void Api::reply_trade(httplib::Response& res, const std::string& nonce, const TradeRow& trade,
                      std::int64_t now_ms) const {
  reply(res, 200, nonce, messages::to_json(to_message(trade, now_ms)));
}

std::optional<Authenticated> Api::authenticate(const httplib::Request& req, httplib::Response& res) const {
  const std::string nonce = req.get_header_value(proto::kHeaderNonce);
  // The signature covers the target exactly as sent, query string included.
  proto::SignedRequest signed_req{req.method, req.target, req.body, {}, req.get_header_value(proto::kHeaderSignature)};
  signed_req.auth.terminal_id = req.get_header_value(proto::kHeaderTerminal);
  signed_req.auth.nonce = nonce;
  if (signed_req.auth.terminal_id.empty() || nonce.size() != 2 * proto::kNonceBytes || signed_req.signature.empty() ||
      !parse_timestamp(req.get_header_value(proto::kHeaderTimestamp), signed_req.auth.timestamp_ms)) {
    reply_error(res, AcquirerError::missing_auth_headers, nonce,
                "Qrpos-Terminal, Qrpos-Timestamp, Qrpos-Nonce (32 hex) and Qrpos-Signature are required");
    return std::nullopt;
  }
  auto terminal = ledger.find_terminal(signed_req.auth.terminal_id);
  if (!terminal) {
    reply_error(res, AcquirerError::unknown_terminal, nonce, "this terminal is not activated here");
    return std::nullopt;
  }
  const std::int64_t now = clock_ms_();
  if (std::llabs(now - signed_req.auth.timestamp_ms) > window_ms_) {
    reply_error(res, AcquirerError::stale_timestamp, nonce,
                "request time is outside the window: check the terminal clock");
    return std::nullopt;
  }
  auto terminal_key = crypto::public_key_from_hex(terminal->public_key_hex);
  if (!terminal_key.ok() || !proto::verify_request(terminal_key.value(), signed_req).ok()) {
    reply_error(res, AcquirerError::bad_signature, nonce, "request signature does not verify");
    return std::nullopt;
  }
  // A timestamp may be up to one window ahead of our clock and still be accepted a
  // window later, so a nonce is kept for two windows.
  if (!ledger.remember_nonce(terminal->terminal_id, nonce, now, 2 * window_ms_)) {
    reply_error(res, AcquirerError::replayed_nonce, nonce, "this request was already received");
    return std::nullopt;
  }
  return Authenticated{*terminal, nonce, now};
}

void Api::pause(std::int64_t ms) {
  std::unique_lock lock(pause_mutex_);
  pause_cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_; });
}

void Api::stop_pauses() {
  {
    std::lock_guard lock(pause_mutex_);
    stopping_ = true;
  }
  pause_cv_.notify_all();
}

messages::Trade to_message(const TradeRow& t, std::int64_t now_ms) {
  messages::Trade m;
  m.status = t.status;
  m.out_trade_no = t.out_trade_no;
  m.transaction_id = t.transaction_id;
  m.amount = t.amount;
  m.currency = t.currency;
  m.scheme = t.scheme;
  m.auth_code_masked = t.auth_code_masked;
  m.paid_at_ms = t.paid_at_ms;
  m.refunded_amount = t.refunded_amount;
  m.reason = t.reason;
  m.code_url = t.code_url;
  m.emv_payload = t.emv_payload;
  m.expires_at_ms = t.expires_at_ms;
  m.member_id = t.member_id;
  m.reference = t.reference;
  m.table = t.table_id;
  m.tip_amount = t.tip_amount;
  // Points belong to a payment that stands: none on a pending, failed or reversed one.
  if (t.status == TradeStatus::SUCCESS && !t.member_id.empty()) {
    m.points_earned = t.points_earned;
    m.points_balance = t.points_balance;
  }
  if (t.status == TradeStatus::NOTPAY || t.status == TradeStatus::USERPAYING) {
    std::int64_t retry = t.kind == TradeKind::order ? kOrderRetryMs : kUserPayingRetryMs;
    // Ask again when the outcome is due, if that is sooner.
    if (t.settle_at_ms > now_ms) retry = std::min(retry, std::max(kMinRetryMs, t.settle_at_ms - now_ms));
    m.retry_after_ms = retry;
  }
  return m;
}

}  // namespace qrpos::acquirer
