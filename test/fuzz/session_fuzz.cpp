// The session's handling of acquirer answers: a pay session fed a sequence of
// answers built from the input (status and body arbitrary, validly signed, as a
// compromised or buggy acquirer could send), transport errors, timer ticks, cancels
// and journal round trips. Invariants: "paid" only from a trade body that names this
// sale as SUCCESS; the out_trade_no never changes; a state always survives its
// journal round trip.
//
// Every event signs and verifies for real, so an execution is a few events from one
// of several states reached once at start-up (just sent, customer confirming,
// querying, after a lost request, cancelling): depth without paying for it each time.
//
// fuzz-max-len: 256 (the first byte picks the start; then up to 8 events)
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "qrpos/journal.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/session.hpp"

namespace {

using namespace qrpos;

constexpr int kMaxEvents = 8;

struct Keys {
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(std::string(32, '\x01')).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, '\x02')).value();
};

struct Run {
  session::StepResult r;
  std::int64_t now = 1795680000000;
};

bool names_this_sale_as_paid(const session::State& s, const std::string& body) {
  auto trade = messages::parse_trade(body);
  return trade.ok() && trade.value().status == messages::TradeStatus::SUCCESS &&
         trade.value().out_trade_no == s.out_trade_no && trade.value().amount == s.amount;
}

// Applies the event the bytes at data[pos] describe and moves pos past them.
void apply(const session::Context& ctx, const Keys& keys, crypto::Entropy& entropy, Run& run,
           const std::uint8_t* data, std::size_t size, std::size_t& pos) {
  auto& r = run.r;
  const std::uint8_t op = data[pos++];
  std::size_t len = pos < size ? data[pos++] : 0;
  if (len > size - pos) len = size - pos;
  std::string body(reinterpret_cast<const char*>(data + pos), len);
  pos += len;
  run.now += 500 + (op & 0x0f) * 1000;
  session::Event e;
  if (op < 0x80 && r.state.request_id != 0) {
    static const int kStatuses[] = {200, 200, 200, 400, 401, 404, 409, 429, 500, 503, 201, 302};
    e.type = session::Event::Type::answer;
    e.request_id = r.state.request_id;
    e.http_status = kStatuses[op % (sizeof kStatuses / sizeof kStatuses[0])];
    if ((op & 0x10) && body.size() > 2) {
      // Splice the sale's own number in, so answers can be "about" this sale.
      messages::Trade t;
      t.status = static_cast<messages::TradeStatus>(body[0] % 6);
      t.out_trade_no = r.state.out_trade_no;
      t.amount = (body[1] & 1) ? 2372 : 2373;
      t.currency = "CNY";
      t.transaction_id = body.substr(2, 8);
      body = messages::to_json(t);
    }
    e.body = body;
    e.timestamp_ms = run.now;
    e.signature = protocol::sign_response(keys.acquirer, e.http_status, run.now, r.state.request_nonce, body);
    const bool was_paid = r.state.outcome == session::Outcome::paid;
    r = session::step(ctx, r.state, e, run.now, entropy);
    if (r.state.outcome == session::Outcome::paid && !was_paid && !names_this_sale_as_paid(r.state, body)) {
      __builtin_trap();
    }
  } else if (op < 0xc0) {
    e.type = r.state.request_id != 0 ? session::Event::Type::transport_error : session::Event::Type::timer;
    e.request_id = r.state.request_id;
    run.now = std::max(run.now, r.state.next_at_ms);
    r = session::step(ctx, r.state, e, run.now, entropy);
  } else if (op < 0xe0) {
    e.type = session::Event::Type::cancel;
    r = session::step(ctx, r.state, e, run.now, entropy);
  } else {
    auto restored = journal::restore(journal::encode(r.state));
    if (!restored.ok()) __builtin_trap();
    e.type = session::Event::Type::resume;
    r = session::step(ctx, restored.value(), e, run.now, entropy);
  }
}

// The states every execution may start from: the pay request just sent, then each
// scripted prefix below (the same byte language as the input) applied to it.
std::vector<Run> make_starts(const session::Context& ctx, const Keys& keys) {
  crypto::DeterministicEntropy entropy("session fuzz starts");
  session::Event start;
  start.type = session::Event::Type::start_pay;
  start.amount = 2372;
  start.currency = "CNY";
  start.auth_code = "134567890123456789";
  Run sent;
  sent.r = session::step(ctx, session::State{}, start, sent.now, entropy);
  // 0x18: a 200 answer spliced into a trade; body[0] = 1 is USERPAYING.
  const std::vector<std::uint8_t> confirming = {0x18, 3, 1, 1, 'x'};
  std::vector<std::vector<std::uint8_t>> scripts = {
      {},
      confirming,
      {0x18, 3, 1, 1, 'x', 0x80, 0},  // ... then the poll timer: a query in flight
      {0x80, 0},                      // the pay request lost
      {0x18, 3, 1, 1, 'x', 0xc0, 0},  // customer confirming, cashier cancels
      {0x80, 0, 0x80, 0, 0x80, 0, 0x80, 0, 0x80, 0, 0x80, 0},  // the acquirer unreachable a while
  };
  std::vector<Run> starts;
  for (const auto& script : scripts) {
    Run run = sent;
    std::size_t pos = 0;
    while (pos < script.size()) apply(ctx, keys, entropy, run, script.data(), script.size(), pos);
    starts.push_back(run);
  }
  return starts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = crypto::init();
  if (!ready) __builtin_trap();
  static const Keys keys;
  static const session::Context ctx{"T-FUZZ", keys.terminal, keys.acquirer.public_key(), session::Timing{}};
  static const std::vector<Run> starts = make_starts(ctx, keys);
  if (size == 0) return 0;

  crypto::DeterministicEntropy entropy("session fuzz");
  Run run = starts[data[0] % starts.size()];
  const std::string out_trade_no = run.r.state.out_trade_no;
  std::size_t pos = 1;
  for (int events = 0; pos < size && run.r.state.phase != session::Phase::done && events < kMaxEvents; ++events) {
    apply(ctx, keys, entropy, run, data, size, pos);
    if (run.r.state.out_trade_no != out_trade_no) __builtin_trap();
  }
  return 0;
}
