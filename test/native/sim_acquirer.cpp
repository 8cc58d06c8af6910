#include "sim_acquirer.hpp"

namespace qrpos::test {
namespace {

using messages::TradeStatus;

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// "/v1/payments/ID/reverse" -> ID, given the prefix "/v1/payments/" and suffix "/reverse".
std::string id_between(const std::string& path, const std::string& prefix, const std::string& suffix) {
  if (!starts_with(path, prefix) || path.size() < prefix.size() + suffix.size()) return "";
  if (path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) return "";
  return path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
}

}  // namespace

protocol::SignedResponse SimAcquirer::answer(int status, const std::string& nonce, const std::string& body,
                                             std::int64_t now) {
  return {status, now, protocol::sign_response(key_, status, now, nonce, body), body};
}

protocol::SignedResponse SimAcquirer::error(messages::AcquirerError e, const std::string& nonce, std::int64_t now) {
  return answer(messages::http_status(e), nonce, messages::to_json(messages::ErrorBody{messages::error_name(e), "sim", 0}),
                now);
}

protocol::SignedResponse SimAcquirer::handle(const session::Command& c, std::int64_t now) {
  ++requests;
  const protocol::SignedRequest req{c.method, c.path, c.body, {c.terminal_id, c.timestamp_ms, c.nonce}, c.signature};
  if (!protocol::verify_request(terminal_, req).ok()) return error(messages::AcquirerError::bad_signature, c.nonce, now);
  if (!protocol::check_timestamp(c.timestamp_ms, now).ok()) {
    return error(messages::AcquirerError::stale_timestamp, c.nonce, now);
  }
  if (!nonces_.insert(c.nonce).second) return error(messages::AcquirerError::replayed_nonce, c.nonce, now);
  return route(req, now);
}

protocol::SignedResponse SimAcquirer::route(const protocol::SignedRequest& req, std::int64_t now) {
  using E = messages::AcquirerError;
  const std::string& n = req.auth.nonce;
  auto trade_answer = [&](const messages::Trade& t) { return answer(200, n, messages::to_json(t), now); };

  if (req.method == "POST" && req.path == messages::kPaymentsPath) {
    if (!behaviour.refuse_pay_with.empty()) {
      return error(*messages::acquirer_error_from_name(behaviour.refuse_pay_with), n, now);
    }
    auto pay = messages::parse_pay_request(req.body);
    if (!pay.ok()) return error(E::malformed_message, n, now);
    auto code = key_.open_sealed(pay.value().auth_code_sealed);
    if (!code.ok()) return error(E::bad_auth_code, n, now);
    auto it = trades.find(pay.value().out_trade_no);
    if (it != trades.end()) return trade_answer(it->second);  // idempotent, tombstones included
    if (behaviour.paid_references.count(pay.value().reference) != 0) return error(E::reference_paid, n, now);
    if (!seen_codes.insert(code.value()).second) return error(E::auth_code_used, n, now);
    messages::Trade t;
    t.out_trade_no = pay.value().out_trade_no;
    t.amount = pay.value().amount;
    t.currency = pay.value().currency;
    t.scheme = pay.value().scheme;
    t.auth_code_masked = pay.value().auth_code_masked;
    t.member_id = pay.value().member_id;
    t.reference = pay.value().reference;
    t.status = behaviour.pay_status;
    if (t.status == TradeStatus::FAILED) t.reason = behaviour.decline_reason;
    if (t.status == TradeStatus::SUCCESS) settle(t, now);
    trades[t.out_trade_no] = t;
    return trade_answer(t);
  }
  if (req.method == "GET" && (starts_with(req.path, "/v1/payments/") || starts_with(req.path, "/v1/orders/"))) {
    const std::string id = req.path.substr(req.path.find('/', 4) + 1);
    auto it = trades.find(id);
    if (it == trades.end()) return error(E::not_found, n, now);
    messages::Trade& t = it->second;
    if (t.status == TradeStatus::USERPAYING && behaviour.queries_until_success >= 0 &&
        ++queries_[id] >= behaviour.queries_until_success) {
      settle(t, now);
    }
    return trade_answer(t);
  }
  const std::string reverse_id = id_between(req.path, "/v1/payments/", "/reverse");
  const std::string close_id = id_between(req.path, "/v1/orders/", "/close");
  if (req.method == "POST" && (!reverse_id.empty() || !close_id.empty())) {
    const std::string id = reverse_id.empty() ? close_id : reverse_id;
    auto body = messages::parse_cancel_request(req.body);
    if (!body.ok()) return error(E::malformed_message, n, now);
    if (!reverse_id.empty() && behaviour.reverse_failures > 0) {
      --behaviour.reverse_failures;
      return error(E::internal_error, n, now);
    }
    auto it = trades.find(id);
    if (it == trades.end()) {
      // A tombstone: a late pay or create with this number can no longer succeed.
      messages::Trade t;
      t.out_trade_no = id;
      t.amount = body.value().amount;
      t.currency = body.value().currency;
      t.status = TradeStatus::CLOSED;
      it = trades.emplace(id, t).first;
    }
    messages::Trade& t = it->second;
    if (t.status == TradeStatus::SUCCESS && !reverse_id.empty() && behaviour.refuse_reverse_when_paid) {
      return error(E::reverse_not_allowed, n, now);
    }
    if (t.status == TradeStatus::SUCCESS && !reverse_id.empty()) {
      --charges[id];  // a reverse of a paid trade refunds it in full
      t.status = TradeStatus::REVERSED;
    } else if (t.status == TradeStatus::USERPAYING || t.status == TradeStatus::NOTPAY) {
      t.status = reverse_id.empty() ? TradeStatus::CLOSED : TradeStatus::REVERSED;
    }
    return trade_answer(t);
  }
  if (req.method == "POST" && req.path == messages::kOrdersPath) {
    if (!behaviour.refuse_order_with.empty()) {
      return error(*messages::acquirer_error_from_name(behaviour.refuse_order_with), n, now);
    }
    auto order = messages::parse_order_request(req.body);
    if (!order.ok()) return error(E::malformed_message, n, now);
    auto it = trades.find(order.value().out_trade_no);
    if (it != trades.end()) return trade_answer(it->second);
    messages::Trade t;
    t.out_trade_no = order.value().out_trade_no;
    t.amount = order.value().amount;
    t.currency = order.value().currency;
    if (behaviour.paid_references.count(order.value().reference) != 0) return error(E::reference_paid, n, now);
    t.member_id = order.value().member_id;
    t.reference = order.value().reference;
    t.table = order.value().table;
    t.status = TradeStatus::NOTPAY;
    t.code_url = "https://sim.example/pay/" + t.out_trade_no;
    t.expires_at_ms = now + order.value().expires_in_ms;
    trades[t.out_trade_no] = t;
    return trade_answer(t);
  }
  if (req.method == "POST" && req.path == messages::kRefundsPath) {
    auto r = messages::parse_refund_request(req.body);
    if (!r.ok()) return error(E::malformed_message, n, now);
    if (auto it = refunds.find(r.value().out_refund_no); it != refunds.end()) {
      return answer(200, n, messages::to_json(it->second), now);
    }
    auto t = trades.find(r.value().out_trade_no);
    if (t == trades.end() || t->second.status != TradeStatus::SUCCESS) return error(E::refund_not_allowed, n, now);
    if (r.value().amount > t->second.amount - t->second.refunded_amount) return error(E::refund_exceeds_payment, n, now);
    t->second.refunded_amount += r.value().amount;
    messages::Refund refund;
    refund.status = behaviour.refund_processing_queries > 0 ? messages::RefundStatus::PROCESSING
                                                            : messages::RefundStatus::SUCCESS;
    refund.out_trade_no = r.value().out_trade_no;
    refund.out_refund_no = r.value().out_refund_no;
    refund.refund_id = "SIMR" + std::to_string(next_id_++);
    refund.amount = r.value().amount;
    refund.currency = r.value().currency;
    refund.refunded_total = t->second.refunded_amount;
    refunds[refund.out_refund_no] = refund;
    return answer(200, n, messages::to_json(refund), now);
  }
  if (req.method == "GET" && starts_with(req.path, "/v1/refunds/")) {
    auto it = refunds.find(req.path.substr(std::string("/v1/refunds/").size()));
    if (it == refunds.end()) return error(E::not_found, n, now);
    if (it->second.status == messages::RefundStatus::PROCESSING &&
        ++queries_[it->first] >= behaviour.refund_processing_queries) {
      it->second.status = messages::RefundStatus::SUCCESS;
    }
    return answer(200, n, messages::to_json(it->second), now);
  }
  return error(E::not_found, n, now);
}

void SimAcquirer::customer_pays(const std::string& out_trade_no, std::int64_t now, std::int64_t tip) {
  auto it = trades.find(out_trade_no);
  if (it == trades.end() ||
      (it->second.status != TradeStatus::NOTPAY && it->second.status != TradeStatus::USERPAYING)) {
    return;
  }
  it->second.scheme = "wechat";
  it->second.tip_amount = tip;
  settle(it->second, now);
}

void SimAcquirer::settle(messages::Trade& t, std::int64_t now) {
  t.status = TradeStatus::SUCCESS;
  t.transaction_id = "SIM" + std::to_string(next_id_++);
  t.paid_at_ms = now;
  ++charges[t.out_trade_no];
  if (t.member_id.empty()) return;
  t.points_earned = t.amount / 100;
  t.points_balance = points[t.member_id] += t.points_earned;
  if (behaviour.loyalty_for_someone_else) t.member_id = "VIP9999999999";
}

}  // namespace qrpos::test
