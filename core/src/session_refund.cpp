// Refunds: one out_refund_no per refund, re-sent unchanged until the acquirer says
// what became of it, so a refund retried after a timeout is still one refund.
#include "qrpos/money.hpp"
#include "qrpos/protocol.hpp"
#include "session_machine.hpp"

namespace qrpos::session::detail {
namespace {

using messages::RefundStatus;

void send_refund(Machine& m) {
  messages::RefundRequest req{m.s.out_trade_no, m.s.out_refund_no, m.s.amount, m.s.currency, m.s.description};
  m.send("refund", "POST", messages::kRefundsPath, messages::to_json(req));
}

void send_refund_query(Machine& m) { m.send("refund_query", "GET", messages::refund_path(m.s.out_refund_no), ""); }

bool finish_if_final(Machine& m, const messages::Refund& refund) {
  m.s.refund_id = refund.refund_id.empty() ? m.s.refund_id : refund.refund_id;
  m.s.refunded_total = refund.refunded_total;
  if (refund.status == RefundStatus::SUCCESS) {
    m.finish(Outcome::refunded, Screen::refunded);
    return true;
  }
  if (refund.status == RefundStatus::FAILED) {
    m.finish(Outcome::refund_failed, Screen::refund_failed, refund.reason.empty() ? "refund_failed" : refund.reason);
    return true;
  }
  return false;
}

}  // namespace

void start_refund(Machine& m, const Event& e) {
  m.s.kind = Kind::refund;
  m.s.started_at_ms = m.now;
  m.s.out_trade_no = e.out_trade_no;
  m.s.amount = e.amount;
  m.s.currency = e.currency;
  m.s.description = e.description.substr(0, 128);
  m.s.out_refund_no = protocol::make_out_trade_no(m.now, m.entropy);
  if (!messages::is_valid_id(e.out_trade_no) || e.amount <= 0 || !money::find_currency(e.currency)) {
    return m.finish(Outcome::refund_failed, Screen::refund_failed, "invalid_request");
  }
  m.s.deadline_ms = m.now + m.ctx.timing.refund_wait_ms;
  m.s.phase = Phase::paying;
  m.s.screen = Screen::processing;
  send_refund(m);
}

void on_refund_answer(Machine& m, const Event& e) {
  const RefundReading r = m.read_refund(e);
  if (r.verdict == Verdict::message) {
    if (finish_if_final(m, r.refund)) return;
    // PROCESSING: accepted; poll its state for a while, then leave it pending.
    if (m.now >= m.s.deadline_ms) return m.finish(Outcome::refund_pending, Screen::refund_pending);
    m.s.phase = Phase::polling;
    m.s.screen = Screen::processing;
    return m.wait_until(m.now + m.ctx.timing.query_interval_ms);
  }
  if (m.s.request_kind == "refund" && r.verdict == Verdict::not_processed) {
    return m.finish(Outcome::refund_failed, Screen::refund_failed, r.error.code);
  }
  if (m.s.request_kind == "refund_query" && r.verdict == Verdict::not_found) {
    // The refund request never arrived: send the same refund again.
    m.s.phase = Phase::paying;
    return send_refund(m);
  }
  // No verified answer: the refund may or may not exist; ask again, same number.
  m.s.screen = Screen::checking;
  m.wait_until(m.now + m.backoff());
}

void on_refund_timer(Machine& m) {
  if (m.s.phase == Phase::paying) return send_refund(m);
  send_refund_query(m);
}

}  // namespace qrpos::session::detail
