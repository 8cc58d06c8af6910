#include "qrpos/session.hpp"

#include <algorithm>

#include "qrpos/journal.hpp"
#include "qrpos/protocol.hpp"
#include "session_machine.hpp"

namespace qrpos::session {

#define QRPOS_NAME_CASE(name) \
  case Enum::name:            \
    return #name;

const char* phase_name(Phase p) {
  using Enum = Phase;
  switch (p) { QRPOS_PHASES(QRPOS_NAME_CASE) }
  return "";
}
const char* outcome_name(Outcome o) {
  using Enum = Outcome;
  switch (o) { QRPOS_OUTCOMES(QRPOS_NAME_CASE) }
  return "";
}
const char* screen_name(Screen s) {
  using Enum = Screen;
  switch (s) { QRPOS_SCREENS(QRPOS_NAME_CASE) }
  return "";
}
#undef QRPOS_NAME_CASE

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::none:
      return "none";
    case Kind::pay:
      return "pay";
    case Kind::refund:
      return "refund";
    case Kind::order:
      return "order";
  }
  return "";
}

const char* command_name(Command::Type t) {
  switch (t) {
    case Command::Type::write_journal:
      return "write_journal";
    case Command::Type::send:
      return "send";
    case Command::Type::wait_until:
      return "wait_until";
    case Command::Type::show:
      return "show";
    case Command::Type::print_receipt:
      return "print_receipt";
  }
  return "";
}

namespace {
Command command(Command::Type type) {
  Command c;
  c.type = type;
  return c;
}
}  // namespace

namespace detail {

void Machine::send(const char* request_kind, const char* method, std::string path, std::string body) {
  const auto req =
      protocol::sign_request(ctx.key, ctx.terminal_id, now, entropy, method, std::move(path), std::move(body));
  s.request_id = ++s.last_request_id;
  s.request_nonce = req.auth.nonce;
  s.request_kind = request_kind;
  s.request_method = req.method;
  s.request_path = req.path;
  s.request_body = req.body;
  s.next_at_ms = 0;
  Command c;
  c.type = Command::Type::send;
  c.request_id = s.request_id;
  c.method = req.method;
  c.path = req.path;
  c.body = req.body;
  c.terminal_id = req.auth.terminal_id;
  c.nonce = req.auth.nonce;
  c.signature = req.signature;
  c.timestamp_ms = req.auth.timestamp_ms;
  c.timeout_ms = ctx.timing.request_timeout_ms;
  commands.push_back(std::move(c));
}

void Machine::wait_until(std::int64_t at_ms) {
  s.request_id = 0;
  s.request_nonce.clear();
  s.request_body.clear();
  s.next_at_ms = at_ms;
  Command c;
  c.type = Command::Type::wait_until;
  c.at_ms = at_ms;
  commands.push_back(std::move(c));
}

void Machine::finish(Outcome outcome, Screen screen, std::string reason) {
  s.phase = Phase::done;
  s.outcome = outcome;
  s.screen = screen;
  s.request_id = 0;
  s.request_nonce.clear();
  s.request_kind.clear();
  s.request_method.clear();
  s.request_path.clear();
  s.request_body.clear();
  s.next_at_ms = 0;
  if (!reason.empty()) s.reason = std::move(reason);
  if (outcome == Outcome::paid || outcome == Outcome::refunded) {
    Command c;
    c.type = Command::Type::print_receipt;
    commands.push_back(std::move(c));
  }
}

std::int64_t Machine::backoff() {
  std::int64_t delay = ctx.timing.backoff_first_ms;
  for (std::int64_t i = 0; i < s.attempts && delay < ctx.timing.backoff_max_ms; ++i) delay *= 2;
  ++s.attempts;
  return std::min(delay, ctx.timing.backoff_max_ms);
}

bool Machine::take_scenario_fields(const Event& e) {
  if ((!e.member_id.empty() && !messages::is_valid_code(e.member_id)) ||
      (!e.reference.empty() && !messages::is_valid_code(e.reference))) {
    return false;
  }
  s.member_id = e.member_id;
  s.reference = e.reference;
  return true;
}

void Machine::keep_loyalty(const messages::Trade& trade) {
  // Points credited to someone else are not this customer's to show or print.
  if (s.member_id.empty() || trade.member_id != s.member_id) return;
  s.points_earned = trade.points_earned;
  s.points_balance = trade.points_balance;
}

namespace {

// Verifies the answer and sorts acquirer errors by whether the request took effect.
template <class Reading>
bool read_envelope(const Machine& m, const Event& event, Reading& reading, std::string& body) {
  reading.verdict = Verdict::unknown;
  if (event.type != Event::Type::answer) return false;
  const protocol::SignedResponse response{event.http_status, event.timestamp_ms, event.signature, event.body};
  auto verified = protocol::verify_response(m.ctx.acquirer_key, m.s.request_nonce, response);
  if (!verified.ok()) return false;
  if (verified.value().error) {
    reading.error = *verified.value().error;
    const auto code = messages::acquirer_error_from_name(reading.error.code);
    if (code == messages::AcquirerError::not_found) {
      reading.verdict = Verdict::not_found;
    } else if (code && !messages::outcome_unknown(*code)) {
      reading.verdict = Verdict::not_processed;
    }  // unknown codes stay unknown: we cannot assume they had no effect
    return false;
  }
  body = verified.value().body;
  return true;
}

}  // namespace

TradeReading Machine::read_trade(const Event& event) const {
  TradeReading reading;
  std::string body;
  if (!read_envelope(*this, event, reading, body)) return reading;
  auto trade = messages::parse_trade(body);
  // A genuine answer about another sale is no answer about this one.
  if (!trade.ok() || trade.value().out_trade_no != s.out_trade_no || trade.value().amount != s.amount ||
      trade.value().currency != s.currency) {
    return reading;
  }
  reading.trade = std::move(trade).value();
  reading.verdict = Verdict::message;
  return reading;
}

RefundReading Machine::read_refund(const Event& event) const {
  RefundReading reading;
  std::string body;
  if (!read_envelope(*this, event, reading, body)) return reading;
  auto refund = messages::parse_refund(body);
  if (!refund.ok() || refund.value().out_refund_no != s.out_refund_no ||
      refund.value().out_trade_no != s.out_trade_no || refund.value().amount != s.amount ||
      refund.value().currency != s.currency) {
    return reading;
  }
  reading.refund = std::move(refund).value();
  reading.verdict = Verdict::message;
  return reading;
}

}  // namespace detail

StepResult step(const Context& context, const State& state, const Event& event, std::int64_t now_ms,
                crypto::Entropy& entropy) {
  using detail::Machine;
  Machine m(context, state, now_ms, entropy);
  const bool idle = state.kind == Kind::none || state.phase == Phase::idle;
  const bool waiting = state.request_id == 0 && state.next_at_ms > 0;
  switch (event.type) {
    case Event::Type::start_pay:
    case Event::Type::start_refund:
    case Event::Type::start_order:
      if (!idle) return {state, {}};
      if (event.type == Event::Type::start_pay) detail::start_pay(m, event);
      if (event.type == Event::Type::start_refund) detail::start_refund(m, event);
      if (event.type == Event::Type::start_order) detail::start_order(m, event);
      break;
    case Event::Type::answer:
    case Event::Type::transport_error:
      // Only the answer to the request in flight counts; late ones are stale.
      if (state.request_id == 0 || event.request_id != state.request_id) return {state, {}};
      if (state.kind == Kind::pay) detail::on_pay_answer(m, event);
      if (state.kind == Kind::refund) detail::on_refund_answer(m, event);
      if (state.kind == Kind::order) detail::on_order_answer(m, event);
      break;
    case Event::Type::timer:
      if (!waiting || now_ms < state.next_at_ms) return {state, {}};
      if (state.kind == Kind::pay) detail::on_pay_timer(m);
      if (state.kind == Kind::refund) detail::on_refund_timer(m);
      if (state.kind == Kind::order) detail::on_order_timer(m);
      break;
    case Event::Type::cancel:
      if (state.phase == Phase::done || idle) return {state, {}};
      if (state.kind == Kind::pay) detail::on_pay_cancel(m);
      if (state.kind == Kind::order) detail::on_order_cancel(m);
      // A refund cannot be called back once sent: it runs until the acquirer says.
      break;
    case Event::Type::resume:
      if (state.phase == Phase::done || idle) return {state, {}};
      if (state.request_id != 0) {
        // Its answer died with the old process. Every request is idempotent (same
        // out_trade_no / out_refund_no), so send it again: new nonce, same body.
        const std::string kind = state.request_kind;
        m.send(kind.c_str(), state.request_method.c_str(), state.request_path, state.request_body);
        break;
      }
      if (waiting) m.wait_until(state.next_at_ms);  // the timer died with the old process
      m.commands.push_back(command(Command::Type::show));
      return {m.s, std::move(m.commands)};
  }

  // Journal first, so nothing is sent that a crash could forget; then the rest.
  std::vector<Command> out;
  const std::string record = journal::encode(m.s);
  if (record != journal::encode(state)) {
    Command j;
    j.type = Command::Type::write_journal;
    j.record = record;
    j.final = m.s.phase == Phase::done;
    out.push_back(std::move(j));
  }
  bool print = false;
  for (auto& c : m.commands) {
    if (c.type == Command::Type::print_receipt) print = true;
    else out.push_back(std::move(c));
  }
  if (m.s.screen != state.screen) out.push_back(command(Command::Type::show));
  if (print) out.push_back(command(Command::Type::print_receipt));  // after the screen: paper is slower
  return {m.s, std::move(out)};
}

}  // namespace qrpos::session
