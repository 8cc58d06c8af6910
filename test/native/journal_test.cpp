#include "qrpos/journal.hpp"

#include <gtest/gtest.h>

#include "session_driver.hpp"

namespace qrpos::journal {
namespace {

class Journal : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
};

TEST_F(Journal, EveryRecordOfARunRestoresToTheStateThatWroteIt) {
  test::Driver d;
  d.acquirer.behaviour.pay_status = messages::TradeStatus::USERPAYING;
  d.acquirer.behaviour.queries_until_success = 2;
  ASSERT_TRUE(d.run(test::start_pay()));
  ASSERT_GE(d.journal.size(), 4u);
  for (const auto& record : d.journal) {
    auto state = restore(record);
    ASSERT_TRUE(state.ok()) << state.error().detail;
    EXPECT_EQ(encode(state.value()), record);
  }
  EXPECT_EQ(restore(d.journal.back()).value().outcome, session::Outcome::paid);
}

TEST_F(Journal, NoRecordHoldsThePaymentCodeInClear) {
  test::Driver d;
  d.fault = [](const session::Command&, int i) { return i == 0 ? test::Fault::drop_response : test::Fault::none; };
  ASSERT_TRUE(d.run(test::start_pay()));
  for (const auto& record : d.journal) {
    EXPECT_EQ(record.find(test::kCode), std::string::npos);
    EXPECT_EQ(record.find(test::kCode.substr(2, 12)), std::string::npos);
  }
}

TEST_F(Journal, FinalRecordDropsTheSealedRequest) {
  test::Driver d;
  ASSERT_TRUE(d.run(test::start_pay()));
  EXPECT_NE(d.journal.front().find("auth_code_sealed"), std::string::npos);
  EXPECT_EQ(d.journal.back().find("auth_code_sealed"), std::string::npos);
}

TEST_F(Journal, RefusesWhatItDidNotWrite) {
  const std::string good = encode(session::State{});
  ASSERT_TRUE(restore(good).ok());
  EXPECT_EQ(restore("").error().code, ErrorCode::malformed_message);
  EXPECT_EQ(restore("[]").error().code, ErrorCode::malformed_message);
  EXPECT_EQ(restore(std::string(kMaxRecordSize + 1, ' ')).error().code, ErrorCode::input_too_long);
  std::string newer = good;
  newer.replace(newer.find("\"v\":1"), 5, "\"v\":2");
  EXPECT_EQ(restore(newer).error().code, ErrorCode::unsupported_version);
  std::string bad_phase = good;
  bad_phase.replace(bad_phase.find("\"idle\""), 6, "\"nope\"");
  EXPECT_EQ(restore(bad_phase).error().code, ErrorCode::invalid_field);
  std::string missing = good;
  missing.replace(missing.find("\"amount\""), 8, "\"amounX\"");
  EXPECT_EQ(restore(missing).error().code, ErrorCode::malformed_message);
}

TEST_F(Journal, RefusesInconsistentRecords) {
  session::State s;
  s.kind = session::Kind::pay;
  s.out_trade_no = "A1";
  s.request_id = 5;
  s.last_request_id = 4;
  EXPECT_EQ(restore(encode(s)).error().code, ErrorCode::invalid_field);
}

}  // namespace
}  // namespace qrpos::journal
