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

// Written by the code before member ids, references, tables, points and tips existed
// (a paid sale, as its final record); kept literally so later changes cannot drift it.
constexpr const char* kRecordBeforeScenarios =
    R"({"amount":2372,"attempts":0,"auth_code_masked":"13************6789","cancel_requested":false,)"
    R"("currency":"CNY","deadline":1795680045000,"description":"","kind":"pay","last_request_id":1,"next_at":0,)"
    R"("out_refund_no":"","out_trade_no":"20261126080000a1b2c3d4e5f60718","outcome":"paid",)"
    R"("paid_at":1795680000050,"phase":"done","qr_payload":"","reason":"","refund_id":"","refunded_total":0,)"
    R"("request_body":"","request_id":0,"request_kind":"","request_method":"","request_nonce":"","request_path":"",)"
    R"("scheme":"wechat","screen":"paid","started_at":1795680000000,"transaction_id":"SIM1","v":1})";

TEST_F(Journal, ARecordFromBeforeMerchantScenariosRestoresWithThemEmpty) {
  auto state = restore(kRecordBeforeScenarios);
  ASSERT_TRUE(state.ok()) << state.error().detail;
  EXPECT_EQ(state.value().outcome, session::Outcome::paid);
  EXPECT_EQ(state.value().transaction_id, "SIM1");
  EXPECT_EQ(state.value().member_id, "");
  EXPECT_EQ(state.value().reference, "");
  EXPECT_EQ(state.value().table, "");
  EXPECT_EQ(state.value().points_earned, 0);
  EXPECT_EQ(state.value().points_balance, 0);
  EXPECT_EQ(state.value().tip_amount, 0);
  EXPECT_EQ(encode(state.value()), kRecordBeforeScenarios) << "a sale without them is written as before";
}

TEST_F(Journal, ScenarioFieldsRoundTripAndAreChecked) {
  session::State s = restore(kRecordBeforeScenarios).value();
  s.kind = session::Kind::order;
  s.member_id = "VIP0000001234";
  s.reference = "BILL-7";
  s.table = "5";
  s.points_earned = 288;
  s.points_balance = 1288;
  s.tip_amount = 2880;
  auto back = restore(encode(s));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(encode(back.value()), encode(s));
  EXPECT_EQ(back.value().table, "5");
  EXPECT_EQ(back.value().tip_amount, 2880);

  auto refused = [&](auto edit) {
    session::State bad = s;
    edit(bad);
    auto r = restore(encode(bad));
    return r.ok() ? std::string("ok") : std::string(qrpos::error_name(r.error().code));
  };
  EXPECT_EQ(refused([](session::State& b) { b.member_id = "a b"; }), "invalid_field");
  EXPECT_EQ(refused([](session::State& b) { b.table = "5/6"; }), "invalid_field");
  EXPECT_EQ(refused([](session::State& b) { b.tip_amount = -1; }), "invalid_field");
  std::string wrong_type = encode(s);
  wrong_type.replace(wrong_type.find("\"tip_amount\":2880"), 17, "\"tip_amount\":\"28\"");
  EXPECT_EQ(restore(wrong_type).error().code, ErrorCode::malformed_message);
}

}  // namespace
}  // namespace qrpos::journal
