// Merchant scenarios through the session: a member's points, a payment for a looked-up
// reference, a table's bill with a long expiry and a tip (core/src/session_pay.cpp,
// session_order.cpp), against the simulated acquirer.
#include <gtest/gtest.h>

#include "qrpos/session.hpp"
#include "session_driver.hpp"

namespace qrpos::session {
namespace {

using test::Driver;

class Scenarios : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
};

constexpr const char* kMember = "VIP0000001234";

Event member_pay(std::int64_t amount = 12850) {
  Event e = test::start_pay(amount);
  e.member_id = kMember;
  return e;
}

Event table_order(std::int64_t amount = 28800, std::int64_t expires_in_ms = 7'200'000) {
  Event e;
  e.type = Event::Type::start_order;
  e.amount = amount;
  e.currency = "CNY";
  e.table = "5";
  e.expires_in_ms = expires_in_ms;
  return e;
}

TEST_F(Scenarios, AMemberPaysAndTheStateCarriesThePoints) {
  Driver d;
  d.acquirer.points[kMember] = 1000;
  ASSERT_TRUE(d.run(member_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.state.member_id, kMember);
  EXPECT_EQ(d.state.points_earned, 128);
  EXPECT_EQ(d.state.points_balance, 1128);
  ASSERT_EQ(d.sent.size(), 1u);
  EXPECT_EQ(messages::parse_pay_request(d.sent[0].body).value().member_id, kMember);
}

TEST_F(Scenarios, PointsForSomeoneElseAreNotShown) {
  Driver d;
  d.acquirer.behaviour.loyalty_for_someone_else = true;
  ASSERT_TRUE(d.run(member_pay()));
  EXPECT_EQ(d.state.outcome, Outcome::paid) << "the sale itself is still paid";
  EXPECT_EQ(d.state.points_earned, 0);
  EXPECT_EQ(d.state.points_balance, 0);
}

TEST_F(Scenarios, ASaleWithoutAMemberHasNoPointsAndSendsNoMemberField) {
  Driver d;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_EQ(d.state.points_earned, 0);
  EXPECT_EQ(d.sent[0].body.find("member_id"), std::string::npos);
  EXPECT_EQ(d.sent[0].body.find("reference"), std::string::npos);
}

TEST_F(Scenarios, AReferenceIsSentAndKept) {
  Driver d;
  Event e = test::start_pay(8800);
  e.reference = "TK-20261126";
  ASSERT_TRUE(d.run(e));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.state.reference, "TK-20261126");
  EXPECT_EQ(d.acquirer.trades[d.state.out_trade_no].reference, "TK-20261126");
}

TEST_F(Scenarios, AnAlreadyPaidReferenceIsDeclinedUncharged) {
  Driver d;
  d.acquirer.behaviour.paid_references = {"BILL-0042"};
  Event e = test::start_pay(8800);
  e.reference = "BILL-0042";
  ASSERT_TRUE(d.run(e));
  EXPECT_EQ(d.state.outcome, Outcome::declined);
  EXPECT_EQ(d.state.screen, Screen::declined);
  EXPECT_EQ(d.state.reason, "reference_paid");
  EXPECT_EQ(d.charges(), 0);
  EXPECT_EQ(d.sent.size(), 1u) << "a certain refusal needs no query or reverse";

  Driver order;
  order.acquirer.behaviour.paid_references = {"BILL-0042"};
  Event o = table_order();
  o.reference = "BILL-0042";
  ASSERT_TRUE(order.run(o));
  EXPECT_EQ(order.state.outcome, Outcome::declined);
  EXPECT_EQ(order.state.reason, "reference_paid");
}

TEST_F(Scenarios, MalformedScenarioFieldsAreAnInvalidStart) {
  auto reason_of = [](Event e) {
    Driver d;
    EXPECT_TRUE(d.run(e));
    EXPECT_TRUE(d.sent.empty());
    return d.state.reason;
  };
  Event spaced = member_pay();
  spaced.member_id = "VIP 1234";
  EXPECT_EQ(reason_of(spaced), "invalid_request");
  Event long_reference = test::start_pay();
  long_reference.reference = std::string(65, 'r');
  EXPECT_EQ(reason_of(long_reference), "invalid_request");
  Event bad_table = table_order();
  bad_table.table = "5/6";
  EXPECT_EQ(reason_of(bad_table), "invalid_request");
  EXPECT_EQ(reason_of(table_order(28800, 7'200'001)), "invalid_request") << "more than 2 h";
  EXPECT_EQ(reason_of(table_order(28800, -1)), "invalid_request");
}

TEST_F(Scenarios, ATableBillWaitsItsLongExpiryAndCarriesTheTip) {
  Driver d;
  d.each_wait = [](Driver& dr) {
    // The guests pay after an hour and a half, adding a 10% tip.
    if (dr.state.screen == Screen::show_qr && dr.now - test::kT0 >= 5'400'000) {
      dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now, 2880);
    }
  };
  ASSERT_TRUE(d.run(table_order(), 20000));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.state.table, "5");
  EXPECT_EQ(d.state.amount, 28800) << "the bill, without the tip";
  EXPECT_EQ(d.state.tip_amount, 2880);
  EXPECT_EQ(d.state.deadline_ms, test::kT0 + 7'200'000);
  auto created = messages::parse_order_request(d.sent[0].body);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.value().table, "5");
  EXPECT_EQ(created.value().expires_in_ms, 7'200'000);
}

TEST_F(Scenarios, AnOrderWithoutAnExpiryKeepsTheDefault) {
  Driver d;
  ASSERT_TRUE(d.run(table_order(28800, 0)));
  EXPECT_EQ(d.state.outcome, Outcome::expired);
  EXPECT_EQ(messages::parse_order_request(d.sent[0].body).value().expires_in_ms, d.ctx.timing.order_expires_ms);
}

TEST_F(Scenarios, AMemberOrderEarnsPointsOnTheBillNotTheTip) {
  Driver d;
  d.each_wait = [](Driver& dr) {
    if (dr.state.screen == Screen::show_qr) dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now, 500);
  };
  Event e = table_order(4800, 0);
  e.member_id = kMember;
  ASSERT_TRUE(d.run(e));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.state.points_earned, 48);
  EXPECT_EQ(d.state.tip_amount, 500);
}

TEST_F(Scenarios, ACrashMidTableBillResumesWithItsFields) {
  Driver d;
  d.crash_after = 4;
  d.each_wait = [](Driver& dr) {
    if (dr.state.screen == Screen::show_qr && dr.now - test::kT0 >= 60'000) {
      dr.acquirer.customer_pays(dr.state.out_trade_no, dr.now, 100);
    }
  };
  Event e = table_order();
  e.member_id = kMember;
  e.reference = "BILL-7";
  ASSERT_TRUE(d.run(e));
  EXPECT_EQ(d.state.outcome, Outcome::paid);
  EXPECT_EQ(d.state.table, "5");
  EXPECT_EQ(d.state.member_id, kMember);
  EXPECT_EQ(d.state.reference, "BILL-7");
  EXPECT_EQ(d.state.tip_amount, 100);
  EXPECT_EQ(d.charges(), 1);
}

}  // namespace
}  // namespace qrpos::session
