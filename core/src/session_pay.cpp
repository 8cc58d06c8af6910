// Merchant scans customer: pay, then query while unknown or the customer confirms,
// then reverse at the deadline or on cancel, until the acquirer's word is final.
#include <algorithm>

#include "qrpos/money.hpp"
#include "qrpos/protocol.hpp"
#include "session_machine.hpp"

namespace qrpos::session::detail {
namespace {

using messages::TradeStatus;

void start_reverse(Machine& m) {
  m.s.phase = Phase::reversing;
  m.s.screen = Screen::cancelling;
  m.s.attempts = 0;
  m.send("reverse", "POST", messages::reverse_path(m.s.out_trade_no), m.cancel_body());
}

// Next query time: the acquirer's hint when sane, else our schedule.
void schedule_query(Machine& m, std::int64_t hint_ms) {
  const Timing& t = m.ctx.timing;
  std::int64_t delay = m.now - m.s.started_at_ms < t.slow_after_ms ? t.query_interval_ms : t.slow_query_interval_ms;
  if (hint_ms > 0) delay = std::clamp<std::int64_t>(hint_ms, 1'000, 10'000);
  m.s.phase = Phase::polling;
  m.wait_until(std::min(m.now + delay, std::max(m.s.deadline_ms, m.now)));
}

// A final trade state ends the session; true if it did.
bool finish_if_final(Machine& m, const messages::Trade& trade) {
  switch (trade.status) {
    case TradeStatus::SUCCESS:
      m.s.transaction_id = trade.transaction_id;
      m.s.paid_at_ms = trade.paid_at_ms;
      m.keep_loyalty(trade);
      m.finish(Outcome::paid, Screen::paid);
      return true;
    case TradeStatus::FAILED:
      m.finish(Outcome::declined, Screen::declined, trade.reason.empty() ? "payment_failed" : trade.reason);
      return true;
    case TradeStatus::REVERSED:
    case TradeStatus::CLOSED:
      m.finish(Outcome::cancelled, Screen::cancelled);
      return true;
    case TradeStatus::NOTPAY:
    case TradeStatus::USERPAYING:
      return false;
  }
  return false;
}

void retry_reverse(Machine& m, std::int64_t hint_ms) {
  m.s.phase = Phase::reversing;
  m.wait_until(m.now + std::max(m.backoff(), std::min<std::int64_t>(hint_ms, m.ctx.timing.backoff_max_ms)));
}

}  // namespace

void start_pay(Machine& m, const Event& e) {
  m.s.kind = Kind::pay;
  m.s.started_at_ms = m.now;
  m.s.amount = e.amount;
  m.s.currency = e.currency;
  m.s.out_trade_no = protocol::make_out_trade_no(m.now, m.entropy);
  if (!money::find_currency(e.currency) || !m.take_scenario_fields(e)) {
    return m.finish(Outcome::declined, Screen::declined, "invalid_request");
  }
  const protocol::PayOrder order{m.s.out_trade_no, e.amount, e.currency, e.auth_code};
  auto request = protocol::make_pay_request(order, m.ctx.acquirer_key, m.entropy);
  if (!request.ok()) return m.finish(Outcome::declined, Screen::declined, "invalid_request");
  messages::PayRequest pay = std::move(request).value();
  pay.member_id = m.s.member_id;
  pay.reference = m.s.reference;
  m.s.scheme = pay.scheme;
  m.s.auth_code_masked = pay.auth_code_masked;
  m.s.deadline_ms = m.now + m.ctx.timing.pay_deadline_ms;
  m.s.phase = Phase::paying;
  m.s.screen = Screen::processing;
  m.send("pay", "POST", messages::kPaymentsPath, messages::to_json(pay));
}

void on_pay_answer(Machine& m, const Event& e) {
  const TradeReading r = m.read_trade(e);
  const std::string kind = m.s.request_kind;

  if (kind == "reverse") {
    if (r.verdict == Verdict::message && r.trade.status != TradeStatus::SUCCESS && finish_if_final(m, r.trade)) return;
    if (r.verdict == Verdict::not_processed && r.error.code == "reverse_not_allowed") {
      // The acquirer will not reverse: learn the truth before saying anything.
      m.send("query", "GET", messages::payment_path(m.s.out_trade_no), "");
      return;
    }
    // Still paying, SUCCESS not yet reversed, an error, or no answer: try again.
    return retry_reverse(m, r.error.retry_after_ms);
  }

  if (m.s.phase == Phase::reversing) {  // the query after a refused reverse
    if (r.verdict == Verdict::message && finish_if_final(m, r.trade)) return;
    return retry_reverse(m, 0);
  }

  if (r.verdict == Verdict::message) {
    if (finish_if_final(m, r.trade)) return;
    m.s.screen = Screen::user_confirming;
    return schedule_query(m, r.trade.retry_after_ms);
  }
  if (kind == "pay" && (r.verdict == Verdict::not_processed || r.verdict == Verdict::not_found)) {
    // The acquirer refused the pay request outright: nothing was charged.
    return m.finish(Outcome::declined, Screen::declined, r.error.code);
  }
  if (kind == "query" && r.verdict == Verdict::not_found) {
    // The pay request never arrived (or not yet): close the number so a late copy
    // cannot charge, rather than guess.
    return start_reverse(m);
  }
  if (m.s.screen != Screen::user_confirming) m.s.screen = Screen::checking;
  if (kind == "pay") {
    m.s.phase = Phase::polling;
    return m.wait_until(m.now + m.ctx.timing.first_query_after_ms);
  }
  schedule_query(m, r.error.retry_after_ms);
}

void on_pay_timer(Machine& m) {
  if (m.s.phase == Phase::reversing) {
    return m.send("reverse", "POST", messages::reverse_path(m.s.out_trade_no), m.cancel_body());
  }
  if (m.now >= m.s.deadline_ms) return start_reverse(m);
  m.send("query", "GET", messages::payment_path(m.s.out_trade_no), "");
}

void on_pay_cancel(Machine& m) {
  if (m.s.phase == Phase::paying || m.s.phase == Phase::polling) {
    m.s.cancel_requested = true;
    start_reverse(m);
  }
}

}  // namespace qrpos::session::detail
