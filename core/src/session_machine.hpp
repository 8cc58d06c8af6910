// Private to core/src: the working parts shared by session*.cpp.
#pragma once

#include <optional>
#include <vector>

#include "qrpos/messages.hpp"
#include "qrpos/session.hpp"

namespace qrpos::session::detail {

// How an answer (or its absence) reads for the request it belongs to.
enum class Verdict {
  message,        // verified, well-formed, for this sale
  not_processed,  // verified acquirer error: the request certainly had no effect
  not_found,      // verified: the acquirer has no such trade / refund
  unknown         // no verified answer: timeout, network, bad signature, 5xx, mismatch
};

struct TradeReading {
  Verdict verdict = Verdict::unknown;
  messages::Trade trade;
  messages::ErrorBody error;
};
struct RefundReading {
  Verdict verdict = Verdict::unknown;
  messages::Refund refund;
  messages::ErrorBody error;
};

// One step in progress: the state being changed and the commands collected.
class Machine {
 public:
  Machine(const Context& ctx, const State& state, std::int64_t now, crypto::Entropy& entropy)
      : ctx(ctx), s(state), now(now), entropy(entropy) {}

  const Context& ctx;
  State s;
  std::int64_t now;
  crypto::Entropy& entropy;
  std::vector<Command> commands;

  // Signs and sends a request (kind names it for the answer); clears any wait.
  void send(const char* request_kind, const char* method, std::string path, std::string body);
  void wait_until(std::int64_t at_ms);
  void finish(Outcome outcome, Screen screen, std::string reason = {});
  // Body of reverse and close: the sale as the terminal knows it.
  std::string cancel_body() const { return messages::to_json(messages::CancelRequest{s.amount, s.currency}); }
  // Exponential backoff for retried actions: first, 2x, 4x ... capped.
  std::int64_t backoff();
  // Copies the start event's member_id and reference; false if either is malformed.
  bool take_scenario_fields(const Event& event);
  // A SUCCESS trade's loyalty points, when it names this sale's member.
  void keep_loyalty(const messages::Trade& trade);

  TradeReading read_trade(const Event& event) const;
  RefundReading read_refund(const Event& event) const;
};

// Per kind. Each handles the events of its kind's sessions.
void start_pay(Machine& m, const Event& event);
void on_pay_answer(Machine& m, const Event& event);
void on_pay_timer(Machine& m);
void on_pay_cancel(Machine& m);

void start_refund(Machine& m, const Event& event);
void on_refund_answer(Machine& m, const Event& event);
void on_refund_timer(Machine& m);

void start_order(Machine& m, const Event& event);
void on_order_answer(Machine& m, const Event& event);
void on_order_timer(Machine& m);
void on_order_cancel(Machine& m);

}  // namespace qrpos::session::detail
