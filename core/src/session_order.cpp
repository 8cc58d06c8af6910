// Customer scans merchant: create an order, show its QR, poll until paid, and close
// it when it expires or the cashier cancels. A close that finds it paid is paid.
#include <algorithm>

#include "qrpos/money.hpp"
#include "qrpos/protocol.hpp"
#include "session_machine.hpp"

namespace qrpos::session::detail {
namespace {

using messages::TradeStatus;

void send_create(Machine& m) {
  messages::OrderRequest req{
      m.s.out_trade_no, m.s.amount,    m.s.currency, m.s.description, m.s.deadline_ms - m.s.started_at_ms,
      m.s.member_id,    m.s.reference, m.s.table};
  m.send("order", "POST", messages::kOrdersPath, messages::to_json(req));
}

void start_close(Machine& m) {
  m.s.phase = Phase::closing;
  m.s.screen = Screen::cancelling;
  m.s.attempts = 0;
  m.send("close", "POST", messages::close_order_path(m.s.out_trade_no), m.cancel_body());
}

bool finish_if_final(Machine& m, const messages::Trade& trade) {
  switch (trade.status) {
    case TradeStatus::SUCCESS:
      m.s.transaction_id = trade.transaction_id;
      m.s.paid_at_ms = trade.paid_at_ms;
      m.s.scheme = trade.scheme;
      m.keep_loyalty(trade);
      m.s.tip_amount = trade.tip_amount;
      m.finish(Outcome::paid, Screen::paid);
      return true;
    case TradeStatus::FAILED:
      m.finish(Outcome::declined, Screen::declined, trade.reason.empty() ? "payment_failed" : trade.reason);
      return true;
    case TradeStatus::REVERSED:
    case TradeStatus::CLOSED:
      if (m.s.cancel_requested) {
        m.finish(Outcome::cancelled, Screen::cancelled);
      } else {
        m.finish(Outcome::expired, Screen::expired);
      }
      return true;
    case TradeStatus::NOTPAY:
    case TradeStatus::USERPAYING:
      return false;
  }
  return false;
}

void poll_or_close(Machine& m) {
  m.s.phase = Phase::polling;
  if (m.now >= m.s.deadline_ms) return start_close(m);
  m.wait_until(std::min(m.now + m.ctx.timing.order_poll_ms, m.s.deadline_ms));
}

}  // namespace

void start_order(Machine& m, const Event& e) {
  m.s.kind = Kind::order;
  m.s.started_at_ms = m.now;
  m.s.amount = e.amount;
  m.s.currency = e.currency;
  m.s.description = e.description.substr(0, 128);
  m.s.out_trade_no = protocol::make_out_trade_no(m.now, m.entropy);
  const std::int64_t expires_in_ms = e.expires_in_ms == 0 ? m.ctx.timing.order_expires_ms : e.expires_in_ms;
  if (e.amount <= 0 || !money::find_currency(e.currency) || !m.take_scenario_fields(e) ||
      (!e.table.empty() && !messages::is_valid_table(e.table)) || expires_in_ms <= 0 ||
      expires_in_ms > std::max(m.ctx.timing.order_expires_max_ms, m.ctx.timing.order_expires_ms)) {
    return m.finish(Outcome::declined, Screen::declined, "invalid_request");
  }
  m.s.table = e.table;
  m.s.deadline_ms = m.now + expires_in_ms;
  m.s.phase = Phase::paying;
  m.s.screen = Screen::processing;
  send_create(m);
}

void on_order_answer(Machine& m, const Event& e) {
  const TradeReading r = m.read_trade(e);
  const std::string kind = m.s.request_kind;
  if (kind == "close") {
    if (r.verdict == Verdict::message && finish_if_final(m, r.trade)) return;
    m.s.phase = Phase::closing;
    return m.wait_until(m.now + m.backoff());
  }
  if (r.verdict == Verdict::message) {
    if (finish_if_final(m, r.trade)) return;
    if (m.s.qr_payload.empty()) {
      m.s.qr_payload = r.trade.code_url.empty() ? r.trade.emv_payload : r.trade.code_url;
      if (r.trade.expires_at_ms > 0) m.s.deadline_ms = std::min(m.s.deadline_ms, r.trade.expires_at_ms);
    }
    m.s.screen = m.s.qr_payload.empty() ? Screen::checking : Screen::show_qr;
    return poll_or_close(m);
  }
  if (kind == "order" && r.verdict == Verdict::not_processed) {
    return m.finish(Outcome::declined, Screen::declined, r.error.code);
  }
  if (kind == "order_query" && r.verdict == Verdict::not_found) return start_close(m);
  if (kind == "order") {
    // Creating is idempotent by out_trade_no: ask again with the same number.
    if (m.now >= m.s.deadline_ms) return start_close(m);
    m.s.screen = Screen::checking;
    return m.wait_until(m.now + m.backoff());
  }
  poll_or_close(m);
}

void on_order_timer(Machine& m) {
  if (m.s.phase == Phase::closing) {
    return m.send("close", "POST", messages::close_order_path(m.s.out_trade_no), m.cancel_body());
  }
  if (m.now >= m.s.deadline_ms) return start_close(m);
  if (m.s.phase == Phase::paying) return send_create(m);
  m.send("order_query", "GET", messages::order_path(m.s.out_trade_no), "");
}

void on_order_cancel(Machine& m) {
  if (m.s.phase == Phase::paying || m.s.phase == Phase::polling) {
    m.s.cancel_requested = true;
    start_close(m);
  }
}

}  // namespace qrpos::session::detail
