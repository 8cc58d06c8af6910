#include "qrpos/session.hpp"

#include <gtest/gtest.h>

#include "session_driver.hpp"

namespace qrpos::session {
namespace {

using messages::TradeStatus;
using test::Driver;
using test::Fault;

class Session : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
};

// Every request of one sale names the same out_trade_no: none ever gets a new one.
void expect_one_out_trade_no(const Driver& d) {
  for (const auto& c : d.sent) {
    EXPECT_TRUE(c.path.find(d.state.out_trade_no) != std::string::npos ||
                c.body.find(d.state.out_trade_no) != std::string::npos)
        << c.method << " " << c.path;
  }
}

TEST_F(Session, PaySuccess) {
  Driver d;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.charges(), 1);
  EXPECT_EQ(d.screens, (std::vector<Screen>{Screen::processing, Screen::paid}));
  EXPECT_EQ(d.prints, 1);
  EXPECT_EQ(d.state.auth_code_masked, "13************6789");
  EXPECT_FALSE(d.state.transaction_id.empty());
  EXPECT_EQ(d.sent.size(), 1u);
}

TEST_F(Session, JournalIsWrittenBeforeTheRequestLeaves) {
  Driver d;
  auto r = step(d.ctx, State{}, test::start_pay(), d.now, d.entropy);
  ASSERT_GE(r.commands.size(), 2u);
  EXPECT_EQ(r.commands[0].type, Command::Type::write_journal);
  EXPECT_EQ(r.commands[1].type, Command::Type::send);
  EXPECT_FALSE(r.commands[0].final);
}

TEST_F(Session, Decline) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::FAILED;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
  EXPECT_EQ(d.state.reason, "insufficient_funds");
  EXPECT_EQ(d.charges(), 0);
  EXPECT_FALSE(d.showed(Screen::paid));
  EXPECT_EQ(d.prints, 0);
}

TEST_F(Session, UserPayingThenSuccess) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING;
  d.acquirer.behaviour.queries_until_success = 3;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_TRUE(d.showed(Screen::user_confirming));
  EXPECT_EQ(d.charges(), 1);
  EXPECT_EQ(d.sent.size(), 4u);  // pay + 3 queries
  expect_one_out_trade_no(d);
}

TEST_F(Session, UserPayingPastTheDeadlineIsReversed) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::cancelled);
  EXPECT_GE(d.now - test::kT0, d.ctx.timing.pay_deadline_ms);
  EXPECT_EQ(d.sent.back().path, messages::reverse_path(d.state.out_trade_no));
  EXPECT_EQ(d.acquirer.trades[d.state.out_trade_no].status, TradeStatus::REVERSED);
  EXPECT_EQ(d.charges(), 0);
  EXPECT_TRUE(d.showed(Screen::cancelling));
  expect_one_out_trade_no(d);
}

TEST_F(Session, ResponseLostThenQueryFindsSuccess) {
  Driver d;
  d.fault = [](const Command& c, int i) { return i == 0 ? Fault::drop_response : Fault::none; };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.charges(), 1);
  EXPECT_TRUE(d.showed(Screen::checking));
  EXPECT_EQ(d.sent[1].method, "GET");
  expect_one_out_trade_no(d);
}

TEST_F(Session, RequestLostIsClosedSoALateCopyCannotCharge) {
  Driver d;
  d.fault = [](const Command& c, int i) { return i == 0 ? Fault::drop_request : Fault::none; };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::cancelled);
  EXPECT_EQ(d.charges(), 0);
  // The lost pay request turns up late: the closed number refuses it.
  auto late = d.acquirer.handle(d.sent[0], d.now);
  EXPECT_EQ(d.charges(), 0);
  EXPECT_NE(late.body.find("CLOSED"), std::string::npos);
}

TEST_F(Session, ServerErrorIsUnknownNotDeclined) {
  Driver d;
  d.fault = [](const Command& c, int i) { return i == 0 ? Fault::server_error : Fault::none; };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_NE(d.state.outcome, Outcome::declined);  // never "failed" on an unknown outcome
  EXPECT_EQ(d.state.outcome, Outcome::cancelled);
  EXPECT_EQ(d.charges(), 0);
}

TEST_F(Session, ForgedSuccessIsNeverShownAsPaid) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::FAILED;
  d.fault = [](const Command& c, int i) { return i == 0 ? Fault::forge : Fault::none; };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_FALSE(d.showed(Screen::paid));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
  EXPECT_NE(d.state.transaction_id, "FORGED");
}

TEST_F(Session, ReplayedOldSuccessIsNeverShownAsPaid) {
  Driver d;
  ASSERT_TRUE(d.run(test::start_pay()));  // a first sale leaves a genuine SUCCESS answer
  ASSERT_EQ(d.state.outcome, Outcome::paid);
  d.state = State{};
  d.screens.clear();
  d.acquirer.behaviour.pay_status = TradeStatus::FAILED;
  const int first = static_cast<int>(d.sent.size());
  d.fault = [first](const Command& c, int i) { return i == first ? Fault::replay_old : Fault::none; };
  ASSERT_TRUE(d.run(test::start_pay(500, "134567890123450000")));
  EXPECT_FALSE(d.showed(Screen::paid));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
}

TEST_F(Session, ReverseFailingThenSucceeding) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING;
  d.acquirer.behaviour.reverse_failures = 3;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::cancelled);
  int reverses = 0;
  for (const auto& c : d.sent) reverses += c.path == messages::reverse_path(d.state.out_trade_no);
  EXPECT_EQ(reverses, 4);
  EXPECT_EQ(d.charges(), 0);
}

TEST_F(Session, OperatorCancelWhileCustomerConfirms) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING;
  d.each_wait = [](Driver& dr) {
    if (dr.state.screen == Screen::user_confirming && dr.state.phase == Phase::polling) {
      Event cancel;
      cancel.type = Event::Type::cancel;
      dr.apply(cancel);
    }
  };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::cancelled);
  EXPECT_LT(d.now - test::kT0, d.ctx.timing.pay_deadline_ms);
}

TEST_F(Session, CancelAfterPaidChangesNothing) {
  Driver d;
  ASSERT_TRUE(d.run(test::start_pay()));
  Event cancel;
  cancel.type = Event::Type::cancel;
  auto r = step(d.ctx, d.state, cancel, d.now, d.entropy);
  EXPECT_TRUE(r.commands.empty());
  EXPECT_EQ(r.state.outcome, Outcome::paid);
}

TEST_F(Session, StaleAnswersAreIgnored) {
  Driver d;
  auto r = step(d.ctx, State{}, test::start_pay(), d.now, d.entropy);
  Event stale;
  stale.type = Event::Type::answer;
  stale.request_id = r.state.request_id + 7;
  stale.http_status = 200;
  auto after = step(d.ctx, r.state, stale, d.now, d.entropy);
  EXPECT_TRUE(after.commands.empty());
  EXPECT_EQ(journal::encode(after.state), journal::encode(r.state));
}

TEST_F(Session, RefusedPayIsDeclinedWithTheAcquirersReason) {
  Driver d;
  d.acquirer.behaviour.refuse_pay_with = "unknown_terminal";
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
  EXPECT_EQ(d.state.reason, "unknown_terminal");
}

TEST_F(Session, ReplayedNonceAnswerIsUnknownNotDeclined) {
  Driver d;
  d.acquirer.behaviour.refuse_pay_with = "replayed_nonce";
  d.fault = [&d](const Command& c, int i) {
    if (i == 1) d.acquirer.behaviour.refuse_pay_with.clear();
    return Fault::none;
  };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_NE(d.state.reason, "replayed_nonce");
  EXPECT_EQ(d.sent[1].method, "GET");
}

TEST_F(Session, UnpayableStartSendsNothing) {
  Driver d;
  ASSERT_TRUE(d.run(test::start_pay(100, "weixin://wxpay/bizpayurl?pr=x")));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
  EXPECT_EQ(d.state.reason, "invalid_request");
  EXPECT_TRUE(d.sent.empty());
  ASSERT_TRUE(Driver{}.run(test::start_pay(0)));
}

TEST_F(Session, SecondStartIsIgnored) {
  Driver d;
  auto r = step(d.ctx, State{}, test::start_pay(), d.now, d.entropy);
  auto again = step(d.ctx, r.state, test::start_pay(), d.now, d.entropy);
  EXPECT_TRUE(again.commands.empty());
}

}  // namespace
}  // namespace qrpos::session
