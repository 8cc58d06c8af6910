// The session's handling of acquirer answers: a pay session fed a sequence of
// answers built from the input (status and body arbitrary, validly signed, as a
// compromised or buggy acquirer could send), transport errors and timer ticks.
// Invariants: "paid" only from a trade body that names this sale as SUCCESS;
// the out_trade_no never changes; a state always survives its journal round trip.
#include <cstdint>
#include <string>

#include "qrpos/journal.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/session.hpp"

namespace {

using namespace qrpos;

struct Keys {
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(std::string(32, '\x01')).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, '\x02')).value();
};

bool names_this_sale_as_paid(const session::State& s, const std::string& body) {
  auto trade = messages::parse_trade(body);
  return trade.ok() && trade.value().status == messages::TradeStatus::SUCCESS &&
         trade.value().out_trade_no == s.out_trade_no && trade.value().amount == s.amount;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool ready = crypto::init();
  static const Keys keys;
  if (!ready) __builtin_trap();
  crypto::DeterministicEntropy entropy("session fuzz");
  const session::Context ctx{"T-FUZZ", keys.terminal, keys.acquirer.public_key(), session::Timing{}};
  session::Event start;
  start.type = session::Event::Type::start_pay;
  start.amount = 2372;
  start.currency = "CNY";
  start.auth_code = "134567890123456789";
  std::int64_t now = 1795680000000;
  auto r = session::step(ctx, session::State{}, start, now, entropy);
  const std::string out_trade_no = r.state.out_trade_no;

  std::size_t pos = 0;
  while (pos < size && r.state.phase != session::Phase::done) {
    const std::uint8_t op = data[pos++];
    std::size_t len = pos < size ? data[pos++] : 0;
    if (len > size - pos) len = size - pos;
    std::string body(reinterpret_cast<const char*>(data + pos), len);
    pos += len;
    now += 500 + (op & 0x0f) * 1000;
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
        t.out_trade_no = out_trade_no;
        t.amount = (body[1] & 1) ? 2372 : 2373;
        t.currency = "CNY";
        t.transaction_id = body.substr(2, 8);
        body = messages::to_json(t);
      }
      e.body = body;
      e.timestamp_ms = now;
      e.signature = protocol::sign_response(keys.acquirer, e.http_status, now, r.state.request_nonce, body);
      const auto before = r.state;
      r = session::step(ctx, r.state, e, now, entropy);
      if (r.state.outcome == session::Outcome::paid && before.outcome != session::Outcome::paid &&
          !names_this_sale_as_paid(r.state, body)) {
        __builtin_trap();
      }
    } else if (op < 0xc0) {
      e.type = r.state.request_id != 0 ? session::Event::Type::transport_error : session::Event::Type::timer;
      e.request_id = r.state.request_id;
      now = std::max(now, r.state.next_at_ms);
      r = session::step(ctx, r.state, e, now, entropy);
    } else if (op < 0xe0) {
      e.type = session::Event::Type::cancel;
      r = session::step(ctx, r.state, e, now, entropy);
    } else {
      auto restored = journal::restore(journal::encode(r.state));
      if (!restored.ok()) __builtin_trap();
      e.type = session::Event::Type::resume;
      r = session::step(ctx, restored.value(), e, now, entropy);
    }
    if (r.state.out_trade_no != out_trade_no) __builtin_trap();
  }
  return 0;
}
