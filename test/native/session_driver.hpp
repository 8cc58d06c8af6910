// Runs a session against the simulated acquirer the way the shell would: executes
// its commands in order, keeps the journal "on disk", advances a simulated clock
// to each wait, and can inject network faults or crash after any command.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qrpos/journal.hpp"
#include "qrpos/session.hpp"
#include "sim_acquirer.hpp"

namespace qrpos::test {

enum class Fault {
  none,
  drop_request,   // never reaches the acquirer; the shell's timeout fires
  drop_response,  // processed, answer lost; timeout
  server_error,   // the acquirer answers 500 internal_error without processing
  forge,          // a SUCCESS answer with an invalid signature
  replay_old,     // processed, but the terminal receives an older genuine answer
};

inline constexpr std::int64_t kT0 = 1795680000000;  // 2026-11-26 08:00 UTC
inline const std::string kCode = "134567890123456789";

struct Driver {
  crypto::SigningKey terminal_key = crypto::SigningKey::from_seed(std::string(32, '\x11')).value();
  crypto::SigningKey acquirer_key = crypto::SigningKey::from_seed(std::string(32, '\x22')).value();
  SimAcquirer acquirer{acquirer_key, terminal_key.public_key()};
  session::Context ctx{"T-TEST-1", terminal_key, acquirer_key.public_key(), session::Timing{}};
  session::State state;
  std::int64_t now = kT0;
  crypto::DeterministicEntropy entropy{"driver"};

  std::vector<std::string> journal;           // what reached durable storage
  std::vector<session::Screen> screens;       // every screen shown, in order
  std::vector<session::Command> sent;         // every request sent
  int prints = 0;
  std::function<Fault(const session::Command&, int index)> fault = [](const session::Command&, int) {
    return Fault::none;
  };
  std::function<void(Driver&)> each_wait;      // called at every wait (e.g. a customer pays)
  // Crash right after executing the command with this running number (0-based).
  std::optional<int> crash_after;
  int executed = 0;

  std::deque<session::Event> inbox;
  std::int64_t timer_at = 0;
  std::optional<protocol::SignedResponse> last_genuine;

  void apply(const session::Event& e) {
    auto r = session::step(ctx, state, e, now, entropy);
    state = r.state;
    for (const auto& c : r.commands) {
      execute(c);
      if (crash_after && executed - 1 == *crash_after) return crash();
    }
  }

  void crash() {
    crash_after.reset();
    inbox.clear();
    timer_at = 0;
    state = session::State{};
    if (journal.empty()) return;  // nothing durable: the sale never started
    auto restored = journal::restore(journal.back());
    ASSERT_TRUE(restored.ok()) << restored.error().detail;
    state = restored.value();
    session::Event resume;
    resume.type = session::Event::Type::resume;
    apply(resume);
  }

  void execute(const session::Command& c) {
    ++executed;
    using T = session::Command::Type;
    switch (c.type) {
      case T::write_journal:
        journal.push_back(c.record);
        break;
      case T::show:
        screens.push_back(state.screen);
        break;
      case T::print_receipt:
        ++prints;
        break;
      case T::wait_until:
        timer_at = c.at_ms;
        break;
      case T::send:
        deliver(c);
        break;
    }
  }

  void deliver(const session::Command& c) {
    sent.push_back(c);
    session::Event e;
    e.request_id = c.request_id;
    const Fault f = fault(c, static_cast<int>(sent.size()) - 1);
    if (f == Fault::drop_request || f == Fault::drop_response) {
      if (f == Fault::drop_response) acquirer.handle(c, now);
      now += c.timeout_ms;
      e.type = session::Event::Type::transport_error;
      e.transport_error = "timeout";
      inbox.push_back(e);
      return;
    }
    protocol::SignedResponse res;
    if (f == Fault::server_error) {
      const std::string body = messages::to_json(messages::ErrorBody{"internal_error", "down", 0});
      res = {500, now, protocol::sign_response(acquirer_key, 500, now, c.nonce, body), body};
    } else {
      res = acquirer.handle(c, now);
    }
    if (f == Fault::forge) {
      res.body = R"({"status":"SUCCESS","out_trade_no":")" + state.out_trade_no + R"(","amount":)" +
                 std::to_string(state.amount) + R"(,"currency":"CNY","transaction_id":"FORGED"})";
      res.http_status = 200;
    }
    if (f == Fault::replay_old && last_genuine) {
      res = *last_genuine;
    } else if (f == Fault::none) {
      last_genuine = res;
    }
    now += 50;
    e.type = session::Event::Type::answer;
    e.http_status = res.http_status;
    e.timestamp_ms = res.timestamp_ms;
    e.signature = res.signature;
    e.body = res.body;
    inbox.push_back(e);
  }

  // Runs until the session is done; false if it never settles.
  bool run(const session::Event& start, int max_events = 5000) {
    apply(start);
    for (int i = 0; i < max_events; ++i) {
      if (!inbox.empty()) {
        const auto e = inbox.front();
        inbox.pop_front();
        apply(e);
      } else if (timer_at != 0) {
        now = std::max(now, timer_at);
        timer_at = 0;
        if (each_wait) each_wait(*this);
        session::Event tick;
        tick.type = session::Event::Type::timer;
        apply(tick);
      } else {
        return state.phase == session::Phase::done;
      }
    }
    return false;
  }

  bool showed(session::Screen s) const { return std::find(screens.begin(), screens.end(), s) != screens.end(); }
  int charges() const {
    auto it = acquirer.charges.find(state.out_trade_no);
    return it == acquirer.charges.end() ? 0 : it->second;
  }
};

inline session::Event start_pay(std::int64_t amount = 2372, const std::string& code = kCode) {
  session::Event e;
  e.type = session::Event::Type::start_pay;
  e.amount = amount;
  e.currency = "CNY";
  e.auth_code = code;
  return e;
}

}  // namespace qrpos::test
