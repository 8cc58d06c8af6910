// Merchant scans customer: pay, query, reverse (docs/protocol.md), with the magic
// payment codes of docs/sandbox.md.
#include <httplib.h>

#include "api.hpp"
#include "log.hpp"
#include "magic.hpp"
#include "qrpos/money.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/scan.hpp"

namespace qrpos::acquirer {
namespace {

using magic::PayBehaviour;
using messages::AcquirerError;
using messages::TradeStatus;

TradeRow new_payment(const Authenticated& auth, const messages::PayRequest& body, const std::string& fingerprint,
                     const magic::PayMagic& play) {
  TradeRow t;
  t.terminal_id = auth.terminal.terminal_id;
  t.out_trade_no = body.out_trade_no;
  t.kind = TradeKind::payment;
  t.amount = body.amount;
  t.currency = body.currency;
  t.scheme = body.scheme;
  t.auth_code_masked = body.auth_code_masked;
  t.auth_code_fingerprint = fingerprint;
  t.description = body.description.substr(0, 128);
  t.member_id = body.member_id;
  t.reference = body.reference;
  t.magic = magic::stored_name(play.behaviour);
  t.created_at_ms = auth.now_ms;
  switch (play.behaviour) {
    case PayBehaviour::decline:
      t.status = TradeStatus::FAILED;
      t.reason = play.decline_reason;
      break;
    case PayBehaviour::confirm_then_approve:
      t.status = TradeStatus::USERPAYING;
      t.settle_at_ms = auth.now_ms + play.delay_ms;
      break;
    case PayBehaviour::confirm_forever:
      t.status = TradeStatus::USERPAYING;
      break;
    default:
      t.status = TradeStatus::SUCCESS;
      t.transaction_id = new_transaction_id(auth.now_ms);
      t.paid_at_ms = auth.now_ms;
  }
  return t;
}

void pay(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  const std::string& nonce = auth->nonce;
  auto body = messages::parse_pay_request(req.body);
  if (!body.ok()) return api.reply_error(res, AcquirerError::malformed_message, nonce, body.error().detail);
  auto code = api.key.open_sealed(body.value().auth_code_sealed);
  const scan::Scan scanned = scan::classify(code.ok() ? code.value() : std::string());
  if (!code.ok() || !scanned.scheme || paycode::scheme_name(*scanned.scheme) != body.value().scheme ||
      paycode::mask_code(code.value()) != body.value().auth_code_masked) {
    return api.reply_error(res, AcquirerError::bad_auth_code, nonce,
                           "the sealed payment code does not open or does not match");
  }
  if (!money::find_currency(body.value().currency)) {
    return api.reply_error(res, AcquirerError::unknown_currency, nonce, "currency is not supported");
  }
  const magic::PayMagic play = magic::pay_magic(code.value());
  const std::string& masked = body.value().auth_code_masked;
  if (play.behaviour == PayBehaviour::code_used) {
    return api.reply_error(res, AcquirerError::auth_code_used, nonce,
                           "this payment code was already used: ask the customer to refresh it (sandbox code)");
  }
  if (play.behaviour == PayBehaviour::error_nothing_recorded) {
    log_event("info", "pay_magic_error",
              {{"out_trade_no", body.value().out_trade_no}, {"code", mask_code(masked)}, {"recorded", false}});
    return api.reply_error(res, AcquirerError::internal_error, nonce,
                           "the acquirer failed; the payment state is unknown: query it (sandbox code)");
  }
  const std::string fingerprint = crypto::keyed_hash_hex(api.fingerprint_key, code.value());
  TradeRow stored;
  const Recorded recorded =
      api.ledger.record_trade(new_payment(*auth, body.value(), fingerprint, play), auth->now_ms, stored);
  switch (recorded) {
    case Recorded::conflict:
      return api.reply_error(res, AcquirerError::out_trade_no_conflict, nonce,
                             "this out_trade_no belongs to another sale: use a new one");
    case Recorded::code_used:
      return api.reply_error(res, AcquirerError::auth_code_used, nonce,
                             "this payment code was already used: ask the customer to refresh it");
    case Recorded::reference_paid:
      return api.reply_error(res, AcquirerError::reference_paid, nonce,
                             "this ticket, room or bill is already paid: nothing was charged");
    case Recorded::reference_mismatch:
      return api.reply_error(res, AcquirerError::invalid_amount, nonce,
                             "the amount is not the bill's: look the bill up again; nothing was charged");
    case Recorded::created:
    case Recorded::existing:
      break;
  }
  log_event("info", "pay",
            {{"terminal", stored.terminal_id},
             {"out_trade_no", stored.out_trade_no},
             {"code", mask_code(stored.auth_code_masked)},
             {"amount", stored.amount},
             {"currency", stored.currency},
             {"trade_status", messages::status_name(stored.status)},
             {"magic", stored.magic},
             {"member", mask_code(stored.member_id)},
             {"reference", stored.reference},
             {"points_earned", stored.points_earned}});
  if (recorded == Recorded::created && play.behaviour == PayBehaviour::error_after_recording) {
    return api.reply_error(res, AcquirerError::internal_error, nonce,
                           "the acquirer failed; the payment state is unknown: query it (sandbox code)");
  }
  if (recorded == Recorded::created && play.behaviour == PayBehaviour::slow_approve) api.pause(play.delay_ms);
  api.reply_trade(res, nonce, stored, api.now_ms());
}

}  // namespace

void query_trade(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto trade = api.ledger.find_trade(auth->terminal.terminal_id, req.matches[1], auth->now_ms);
  if (!trade) return api.reply_error(res, AcquirerError::not_found, auth->nonce, "no such trade for this terminal");
  api.reply_trade(res, auth->nonce, *trade, auth->now_ms);
}

// Reverse and close share one rule (Ledger::cancel_trade); `reverse` picks which.
void cancel(Api& api, const httplib::Request& req, httplib::Response& res, bool reverse) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto body = messages::parse_cancel_request(req.body);
  if (!body.ok()) return api.reply_error(res, AcquirerError::malformed_message, auth->nonce, body.error().detail);
  if (!money::find_currency(body.value().currency)) {
    return api.reply_error(res, AcquirerError::unknown_currency, auth->nonce, "currency is not supported");
  }
  TradeRow stored;
  const Cancelled done =
      api.ledger.cancel_trade(auth->terminal.terminal_id, req.matches[1], body.value(), reverse, auth->now_ms, stored);
  if (done == Cancelled::not_allowed) {
    return api.reply_error(res, AcquirerError::reverse_not_allowed, auth->nonce,
                           "the payment is partly refunded: refund the rest instead");
  }
  log_event("info", reverse ? "reverse" : "close",
            {{"terminal", stored.terminal_id},
             {"out_trade_no", stored.out_trade_no},
             {"trade_status", messages::status_name(stored.status)}});
  api.reply_trade(res, auth->nonce, stored, auth->now_ms);
}

void add_payment_routes(httplib::Server& http, Api& api) {
  http.Post(messages::kPaymentsPath,
            [&api](const httplib::Request& req, httplib::Response& res) { pay(api, req, res); });
  http.Get(std::string(messages::kPaymentsPath) + "/" + kIdPattern,
           [&api](const httplib::Request& req, httplib::Response& res) { query_trade(api, req, res); });
  http.Post(std::string(messages::kPaymentsPath) + "/" + kIdPattern + "/reverse",
            [&api](const httplib::Request& req, httplib::Response& res) { cancel(api, req, res, true); });
}

}  // namespace qrpos::acquirer
