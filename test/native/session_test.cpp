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

TEST_F(Session, RefusedReverseOfAJustPaidSaleShowsTheTruth) {
  Driver d;
  d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING;
  d.acquirer.behaviour.refuse_reverse_when_paid = true;
  d.each_wait = [](Driver& dr) {
    if (dr.state.phase == Phase::polling && !dr.state.cancel_requested) {
      // The customer enters the password just as the cashier presses cancel.
      dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now);
      Event cancel;
      cancel.type = Event::Type::cancel;
      dr.apply(cancel);
    }
  };
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::paid) << "the money moved: say so, so the merchant can refund";
  EXPECT_EQ(d.charges(), 1);
  EXPECT_EQ(d.sent.back().method, "GET");
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

namespace qrpos::session {
namespace {

Event start_refund(const std::string& out_trade_no, std::int64_t amount) {
  Event e;
  e.type = Event::Type::start_refund;
  e.out_trade_no = out_trade_no;
  e.amount = amount;
  e.currency = "CNY";
  e.description = "customer returned goods";
  return e;
}

Event start_order(std::int64_t amount = 4800) {
  Event e;
  e.type = Event::Type::start_order;
  e.amount = amount;
  e.currency = "CNY";
  e.description = "table 7";
  return e;
}

// A paid sale in the driver's acquirer, then the driver ready for a new session.
std::string paid_sale(test::Driver& d, std::int64_t amount = 2372) {
  EXPECT_TRUE(d.run(test::start_pay(amount)));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  const std::string id = d.state.out_trade_no;
  d.state = State{};
  d.screens.clear();
  d.sent.clear();
  d.prints = 0;
  return id;
}

class Refunds : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
};

TEST_F(Refunds, PartialRefundsUpToThePaymentThenRefused) {
  test::Driver d;
  const std::string sale = paid_sale(d);
  ASSERT_TRUE(d.run(start_refund(sale, 1000)));
  EXPECT_EQ(d.state.outcome, Outcome::refunded);
  EXPECT_EQ(d.state.refunded_total, 1000);
  EXPECT_EQ(d.prints, 1);
  d.state = State{};
  ASSERT_TRUE(d.run(start_refund(sale, 1372)));
  EXPECT_EQ(d.state.outcome, Outcome::refunded);
  EXPECT_EQ(d.state.refunded_total, 2372);
  d.state = State{};
  ASSERT_TRUE(d.run(start_refund(sale, 1)));
  EXPECT_EQ(d.state.outcome, Outcome::refund_failed);
  EXPECT_EQ(d.state.reason, "refund_exceeds_payment");
  EXPECT_EQ(d.acquirer.refunds.size(), 2u);
}

TEST_F(Refunds, LostAnswersAreRetriedWithTheSameRefundNumber) {
  test::Driver d;
  const std::string sale = paid_sale(d);
  d.fault = [](const Command&, int i) { return i < 3 ? Fault::drop_response : Fault::none; };
  ASSERT_TRUE(d.run(start_refund(sale, 500)));
  EXPECT_EQ(d.state.outcome, Outcome::refunded);
  EXPECT_EQ(d.acquirer.refunds.size(), 1u) << "one refund, however often it was sent";
  EXPECT_EQ(d.acquirer.trades[sale].refunded_amount, 500);
  for (const auto& c : d.sent) EXPECT_NE(c.body.find(d.state.out_refund_no), std::string::npos);
}

TEST_F(Refunds, ProcessingIsPolledUntilSuccess) {
  test::Driver d;
  const std::string sale = paid_sale(d);
  d.acquirer.behaviour.refund_processing_queries = 2;
  ASSERT_TRUE(d.run(start_refund(sale, 500)));
  EXPECT_EQ(d.state.outcome, Outcome::refunded);
  EXPECT_EQ(d.sent.size(), 3u);
}

TEST_F(Refunds, ProcessingPastTheWaitIsLeftPending) {
  test::Driver d;
  const std::string sale = paid_sale(d);
  d.acquirer.behaviour.refund_processing_queries = 1000;
  ASSERT_TRUE(d.run(start_refund(sale, 500)));
  EXPECT_EQ(d.state.outcome, Outcome::refund_pending);
}

TEST_F(Refunds, RefundOfAnUnpaidSaleFails) {
  test::Driver d;
  ASSERT_TRUE(d.run(start_refund("20261126000000abcdef0123456789ab", 500)));
  EXPECT_EQ(d.state.outcome, Outcome::refund_failed);
  EXPECT_EQ(d.state.reason, "refund_not_allowed");
}

TEST_F(Refunds, CannotBeCancelledOnceSent) {
  test::Driver d;
  const std::string sale = paid_sale(d);
  auto r = step(d.ctx, State{}, start_refund(sale, 100), d.now, d.entropy);
  Event cancel;
  cancel.type = Event::Type::cancel;
  EXPECT_TRUE(step(d.ctx, r.state, cancel, d.now, d.entropy).commands.empty());
}

class Orders : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
};

TEST_F(Orders, ShownQrPaidByTheCustomer) {
  test::Driver d;
  int polls = 0;
  d.each_wait = [&polls](test::Driver& dr) {
    if (dr.state.screen == Screen::show_qr && ++polls == 3) dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now);
  };
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_TRUE(d.showed(Screen::show_qr));
  EXPECT_EQ(d.state.qr_payload, "https://sim.example/pay/" + d.state.out_trade_no);
  EXPECT_EQ(d.charges(), 1);
}

TEST_F(Orders, UnpaidOrderIsClosedWhenItExpires) {
  test::Driver d;
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::expired);
  EXPECT_EQ(d.acquirer.trades[d.state.out_trade_no].status, TradeStatus::CLOSED);
  EXPECT_GE(d.now - test::kT0, d.ctx.timing.order_expires_ms);
}

TEST_F(Orders, CancelClosesIt) {
  test::Driver d;
  d.each_wait = [](test::Driver& dr) {
    if (dr.state.screen == Screen::show_qr) {
      Event cancel;
      cancel.type = Event::Type::cancel;
      dr.apply(cancel);
    }
  };
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::cancelled);
  EXPECT_EQ(d.charges(), 0);
}

TEST_F(Orders, PaidJustBeforeTheCloseIsPaid) {
  test::Driver d;
  d.each_wait = [](test::Driver& dr) {
    if (dr.state.screen == Screen::show_qr) {
      dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now);  // the phone was faster
      Event cancel;
      cancel.type = Event::Type::cancel;
      dr.apply(cancel);
    }
  };
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.charges(), 1);
}

TEST_F(Orders, RefusedOrderIsDeclinedWithTheReason) {
  test::Driver d;
  d.acquirer.behaviour.refuse_order_with = "invalid_amount";
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
  EXPECT_EQ(d.state.reason, "invalid_amount");
}

TEST_F(Orders, UnreachableAcquirerClosesTheOrderAtTheDeadline) {
  test::Driver d;
  d.fault = [](const Command& c, int) { return c.path == messages::kOrdersPath ? Fault::drop_request : Fault::none; };
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::expired);
  EXPECT_EQ(d.acquirer.trades[d.state.out_trade_no].status, TradeStatus::CLOSED);
  EXPECT_EQ(d.charges(), 0);
}

TEST_F(Orders, LostCreateIsAskedAgainWithTheSameNumber) {
  test::Driver d;
  d.fault = [](const Command&, int i) { return i == 0 ? Fault::drop_response : Fault::none; };
  d.each_wait = [](test::Driver& dr) {
    if (dr.state.screen == Screen::show_qr) dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now);
  };
  ASSERT_TRUE(d.run(start_order()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.acquirer.trades.size(), 1u);
}

// A crash after every single command, then restore from the journal and resume: the
// same final state as without the crash, and never a second charge.
struct CrashCase {
  const char* name;
  std::function<void(test::Driver&)> setup;
  std::function<Event(test::Driver&)> start;
};

void PrintTo(const CrashCase& c, std::ostream* os) { *os << c.name; }

class CrashAfterEveryCommand : public ::testing::TestWithParam<CrashCase> {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
};

TEST_P(CrashAfterEveryCommand, RestoresToTheSameFinalStateWithoutASecondCharge) {
  const CrashCase& c = GetParam();
  test::Driver reference;
  c.setup(reference);
  const int setup_commands = reference.executed;  // the same in every run: deterministic
  ASSERT_TRUE(reference.run(c.start(reference)));
  const int commands = reference.executed - setup_commands;
  ASSERT_GT(commands, 2);
  for (int k = 0; k < commands; ++k) {
    SCOPED_TRACE("crash after command " + std::to_string(k));
    test::Driver d;
    c.setup(d);
    ASSERT_EQ(d.executed, setup_commands);
    const Event start = c.start(d);
    d.crash_after = setup_commands + k;
    ASSERT_TRUE(d.run(start));
    EXPECT_EQ(d.state.outcome, reference.state.outcome);
    EXPECT_EQ(d.state.amount, reference.state.amount);
    EXPECT_LE(d.charges(), 1);
    EXPECT_EQ(d.charges(), reference.charges());
    for (const auto& [id, n] : d.acquirer.charges) EXPECT_LE(n, 1) << id;
    EXPECT_LE(d.acquirer.refunds.size(), reference.acquirer.refunds.size());
    for (const auto& record : d.journal) EXPECT_EQ(record.find(test::kCode), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, CrashAfterEveryCommand,
    ::testing::Values(
        CrashCase{"success", [](test::Driver&) {}, [](test::Driver&) { return test::start_pay(); }},
        CrashCase{"user_paying_then_success",
                  [](test::Driver& d) {
                    d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING;
                    d.acquirer.behaviour.queries_until_success = 2;
                  },
                  [](test::Driver&) { return test::start_pay(); }},
        CrashCase{"user_paying_then_reverse",
                  [](test::Driver& d) { d.acquirer.behaviour.pay_status = TradeStatus::USERPAYING; },
                  [](test::Driver&) { return test::start_pay(); }},
        CrashCase{"timeout_then_query",
                  [](test::Driver& d) {
                    d.fault = [](const Command&, int i) { return i == 0 ? Fault::drop_response : Fault::none; };
                  },
                  [](test::Driver&) { return test::start_pay(); }},
        CrashCase{"decline",
                  [](test::Driver& d) { d.acquirer.behaviour.pay_status = TradeStatus::FAILED; },
                  [](test::Driver&) { return test::start_pay(); }},
        CrashCase{"refund", [](test::Driver& d) { paid_sale(d); },
                  [](test::Driver& d) { return start_refund(d.acquirer.trades.begin()->first, 700); }},
        CrashCase{"order_expires", [](test::Driver&) {}, [](test::Driver&) { return start_order(); }}),
    [](const ::testing::TestParamInfo<CrashCase>& info) { return info.param.name; });

}  // namespace
}  // namespace qrpos::session
