#include "qrpos/messages.hpp"

#include <gtest/gtest.h>

namespace qrpos::messages {
namespace {

TEST(Messages, TradeRoundTrips) {
  Trade t;
  t.status = TradeStatus::SUCCESS;
  t.out_trade_no = "20261126080000a1b2c3d4e5f60718";
  t.transaction_id = "QP1";
  t.amount = 2372;
  t.currency = "CNY";
  t.scheme = "wechat";
  t.auth_code_masked = "13************6789";
  t.paid_at_ms = 1795680000123;
  t.refunded_amount = 100;
  auto back = parse_trade(to_json(t));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(to_json(back.value()), to_json(t));
}

TEST(Messages, EveryRequestRoundTrips) {
  crypto::Bytes sealed(48, 7);
  PayRequest pay{"A1", 5, "CNY", "alipay", "25**********1234", sealed, "coffee"};
  EXPECT_EQ(to_json(parse_pay_request(to_json(pay)).value()), to_json(pay));
  RefundRequest refund{"A1", "R1", 5, "CNY", "returned"};
  EXPECT_EQ(to_json(parse_refund_request(to_json(refund)).value()), to_json(refund));
  OrderRequest order{"A2", 4800, "CNY", "table 7", 120000};
  EXPECT_EQ(to_json(parse_order_request(to_json(order)).value()), to_json(order));
  CancelRequest cancel{4800, "CNY"};
  EXPECT_EQ(to_json(parse_cancel_request(to_json(cancel)).value()), to_json(cancel));
  ActivateRequest activate{"123-456-789", std::string(64, 'a'), "kiosk"};
  EXPECT_EQ(to_json(parse_activate_request(to_json(activate)).value()), to_json(activate));
  ActivateResponse activated{"T-1", "M-1", "演示商户", "CNY", std::string(64, 'b')};
  EXPECT_EQ(to_json(parse_activate_response(to_json(activated)).value()), to_json(activated));
  Refund r{RefundStatus::PROCESSING, "A1", "R1", "RID", 5, "CNY", 5, "", 2000};
  EXPECT_EQ(to_json(parse_refund(to_json(r)).value()), to_json(r));
  DailyReport report{"2026-11-26", "CNY", {{"wechat", 3, 7116, 1, 100}}, 3, 7116, 100, 7016};
  EXPECT_EQ(to_json(parse_daily_report(to_json(report)).value()), to_json(report));
  ErrorBody e{"retry_later", "busy", 1500};
  auto parsed = parse_error_body(to_json(e));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value().retry_after_ms, 1500);
}

TEST(Messages, WrongTypesAndBoundsAreRefused) {
  EXPECT_EQ(parse_trade(R"({"status":"SUCCESS","out_trade_no":"A","amount":"5","currency":"CNY"})").error().code,
            ErrorCode::malformed_message);
  EXPECT_EQ(parse_trade(R"({"status":"PAID","out_trade_no":"A","amount":5,"currency":"CNY"})").error().code,
            ErrorCode::invalid_field);
  EXPECT_EQ(parse_trade(R"({"status":"SUCCESS","out_trade_no":"A","amount":5,"currency":"CNY"})").error().code,
            ErrorCode::invalid_field) << "SUCCESS needs a transaction id";
  EXPECT_EQ(parse_trade(R"({"status":"NOTPAY","out_trade_no":"A B","amount":5,"currency":"CNY"})").error().code,
            ErrorCode::invalid_field);
  EXPECT_EQ(parse_trade(R"({"status":"NOTPAY","out_trade_no":"A","amount":0,"currency":"CNY"})").error().code,
            ErrorCode::invalid_field);
  EXPECT_EQ(parse_trade(R"({"status":"NOTPAY","out_trade_no":"A","amount":5,"currency":"cny"})").error().code,
            ErrorCode::invalid_field);
  EXPECT_EQ(parse_trade(R"({"status":"NOTPAY","out_trade_no":"A","amount":5,"currency":"CNY","refunded_amount":6})")
                .error()
                .code,
            ErrorCode::invalid_field);
  EXPECT_EQ(parse_refund_request(R"({"out_trade_no":"A","out_refund_no":"","amount":5,"currency":"CNY"})").error().code,
            ErrorCode::invalid_field);
  EXPECT_EQ(parse_activate_request(R"({"activation_code":"1","public_key":"zz"})").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(parse_error_body(R"({"error":{"message":"x"}})").error().code, ErrorCode::malformed_message);
  EXPECT_EQ(parse_pay_request(std::string(20000, ' ')).error().code, ErrorCode::input_too_long);
}

TEST(Messages, ScenarioFieldsRoundTripAndAreOmittedWhenEmpty) {
  crypto::Bytes sealed(48, 7);
  PayRequest pay{"A1", 8800, "CNY", "alipay", "25**********1234", sealed, "", "VIP0000001234", "TK-00000042"};
  const std::string pay_json = to_json(pay);
  EXPECT_NE(pay_json.find("\"member_id\":\"VIP0000001234\""), std::string::npos);
  EXPECT_NE(pay_json.find("\"reference\":\"TK-00000042\""), std::string::npos);
  auto pay_back = parse_pay_request(pay_json);
  ASSERT_TRUE(pay_back.ok()) << pay_back.error().detail;
  EXPECT_EQ(pay_back.value().member_id, "VIP0000001234");
  EXPECT_EQ(pay_back.value().reference, "TK-00000042");

  OrderRequest order{"A2", 12800, "CNY", "", 7'200'000, "VIP0000001234", "RM-301", "5"};
  auto order_back = parse_order_request(to_json(order));
  ASSERT_TRUE(order_back.ok()) << order_back.error().detail;
  EXPECT_EQ(to_json(order_back.value()), to_json(order));
  EXPECT_EQ(order_back.value().table, "5");

  Trade t;
  t.status = TradeStatus::SUCCESS;
  t.out_trade_no = "A2";
  t.transaction_id = "QP2";
  t.amount = 12800;
  t.currency = "CNY";
  t.member_id = "VIP0000001234";
  t.points_earned = 128;
  t.points_balance = 1500;
  t.reference = "RM-301";
  t.table = "5";
  t.tip_amount = 1280;
  auto trade_back = parse_trade(to_json(t));
  ASSERT_TRUE(trade_back.ok()) << trade_back.error().detail;
  EXPECT_EQ(to_json(trade_back.value()), to_json(t));
  EXPECT_EQ(trade_back.value().points_balance, 1500);
  EXPECT_EQ(trade_back.value().tip_amount, 1280);

  // Without the new fields the bodies are what terminals and acquirers sent before.
  const std::string plain = to_json(PayRequest{"A1", 5, "CNY", "alipay", "25**********1234", sealed, ""});
  for (const char* key : {"member_id", "reference"}) EXPECT_EQ(plain.find(key), std::string::npos) << key;
  Trade bare;
  bare.out_trade_no = "A3";
  bare.amount = 5;
  bare.currency = "CNY";
  EXPECT_EQ(to_json(bare), R"({"amount":5,"currency":"CNY","out_trade_no":"A3","status":"NOTPAY"})");
  EXPECT_EQ(to_json(OrderRequest{"A2", 5, "CNY", "", 0}), R"({"amount":5,"currency":"CNY","out_trade_no":"A2"})");
}

TEST(Messages, ScenarioFieldsAreBounded) {
  auto order_code = [](const std::string& extra) {
    auto r = parse_order_request(R"({"out_trade_no":"A","amount":5,"currency":"CNY")" + extra + "}");
    return r.ok() ? std::string("ok") : std::string(qrpos::error_name(r.error().code));
  };
  EXPECT_EQ(order_code(R"(,"member_id":")" + std::string(64, 'M') + "\""), "ok");
  EXPECT_EQ(order_code(R"(,"member_id":")" + std::string(65, 'M') + "\""), "invalid_field");
  EXPECT_EQ(order_code(R"(,"member_id":"VIP 1")"), "invalid_field") << "no spaces";
  EXPECT_EQ(order_code(R"(,"member_id":"VIP\u00e91")"), "invalid_field") << "ASCII only";
  EXPECT_EQ(order_code(R"(,"member_id":"")"), "ok") << "empty is absent";
  EXPECT_EQ(order_code(R"(,"member_id":12)"), "malformed_message");
  EXPECT_EQ(order_code(R"(,"reference":"BILL#1/2")"), "ok");
  EXPECT_EQ(order_code(R"(,"reference":"a\tb")"), "invalid_field");
  EXPECT_EQ(order_code(R"(,"table":"A-12_b")"), "ok");
  EXPECT_EQ(order_code(R"(,"table":")" + std::string(16, '7') + "\""), "ok");
  EXPECT_EQ(order_code(R"(,"table":")" + std::string(17, '7') + "\""), "invalid_field");
  EXPECT_EQ(order_code(R"(,"table":"5/1")"), "invalid_field") << "the table is part of a URL path";
  EXPECT_EQ(order_code(R"(,"table":5)"), "malformed_message");

  auto pay_code = [](const std::string& extra) {
    auto r = parse_pay_request(
        R"({"out_trade_no":"A","amount":5,"currency":"CNY","scheme":"alipay","auth_code_masked":"x","auth_code_sealed":"AAAA")" +
        extra + "}");
    return r.ok() ? std::string("ok") : std::string(qrpos::error_name(r.error().code));
  };
  EXPECT_EQ(pay_code(""), "ok");
  EXPECT_EQ(pay_code(R"(,"reference":"TK-1")"), "ok");
  EXPECT_EQ(pay_code(R"(,"reference":")" + std::string(65, 'r') + "\""), "invalid_field");
  EXPECT_EQ(pay_code(R"(,"member_id":"<b>")"), "ok") << "escaped where shown";
  EXPECT_EQ(pay_code(R"(,"member_id":["V"])"), "malformed_message");

  auto trade_code = [](const std::string& extra) {
    auto r = parse_trade(R"({"status":"NOTPAY","out_trade_no":"A","amount":5,"currency":"CNY")" + extra + "}");
    return r.ok() ? std::string("ok") : std::string(qrpos::error_name(r.error().code));
  };
  EXPECT_EQ(trade_code(R"(,"points_earned":0,"points_balance":0,"tip_amount":0)"), "ok");
  EXPECT_EQ(trade_code(R"(,"points_earned":-1)"), "invalid_field");
  EXPECT_EQ(trade_code(R"(,"points_balance":-1)"), "invalid_field");
  EXPECT_EQ(trade_code(R"(,"tip_amount":-1)"), "invalid_field");
  EXPECT_EQ(trade_code(R"(,"points_balance":9007199254740993)"), "invalid_field");
  EXPECT_EQ(trade_code(R"(,"tip_amount":1.5)"), "malformed_message");
  EXPECT_EQ(trade_code(R"(,"points_earned":"3")"), "malformed_message");
  EXPECT_EQ(trade_code(R"(,"table":"a b")"), "invalid_field");
  EXPECT_EQ(trade_code(R"(,"member_id":")" + std::string(65, 'M') + "\""), "invalid_field");
}

TEST(Messages, ReferencePaidIsACertainRefusal) {
  EXPECT_EQ(acquirer_error_from_name("reference_paid"), AcquirerError::reference_paid);
  EXPECT_STREQ(error_name(AcquirerError::reference_paid), "reference_paid");
  EXPECT_EQ(http_status(AcquirerError::reference_paid), 409);
  EXPECT_FALSE(outcome_unknown(AcquirerError::reference_paid));
}

TEST(Messages, MerchantCodesAndTablesHaveTheirAlphabets) {
  EXPECT_TRUE(is_valid_code("!"));
  EXPECT_TRUE(is_valid_code("~"));
  EXPECT_TRUE(is_valid_code(std::string(64, 'c')));
  EXPECT_FALSE(is_valid_code(""));
  EXPECT_FALSE(is_valid_code(std::string(65, 'c')));
  EXPECT_FALSE(is_valid_code("a b"));
  EXPECT_FALSE(is_valid_code("a\x7f"));
  EXPECT_FALSE(is_valid_code("\xe4\xbc\x9a"));
  EXPECT_TRUE(is_valid_table("12"));
  EXPECT_FALSE(is_valid_table(""));
  EXPECT_FALSE(is_valid_table("T.1"));
}

TEST(Messages, UnknownFieldsAreIgnored) {
  EXPECT_TRUE(parse_trade(R"({"status":"NOTPAY","out_trade_no":"A","amount":5,"currency":"CNY","new":1})").ok());
}

TEST(Messages, IdsArePathSafe) {
  EXPECT_TRUE(is_valid_id("20261126080000a1b2c3d4e5f60718"));
  EXPECT_TRUE(is_valid_id("T-DEMO_1"));
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id(std::string(33, 'a')));
  EXPECT_FALSE(is_valid_id("a/b"));
  EXPECT_FALSE(is_valid_id("a?b"));
  EXPECT_EQ(reverse_path("A1"), "/v1/payments/A1/reverse");
  EXPECT_EQ(daily_report_path("2026-11-26"), "/v1/reports/daily?date=2026-11-26");
}

TEST(Messages, ErrorListIsConsistent) {
  for (AcquirerError e : {AcquirerError::bad_signature, AcquirerError::replayed_nonce, AcquirerError::internal_error,
                          AcquirerError::not_found, AcquirerError::retry_later}) {
    EXPECT_EQ(acquirer_error_from_name(error_name(e)), e);
    EXPECT_GE(http_status(e), 400);
  }
  EXPECT_FALSE(outcome_unknown(AcquirerError::bad_signature));
  EXPECT_TRUE(outcome_unknown(AcquirerError::replayed_nonce));
  EXPECT_TRUE(outcome_unknown(AcquirerError::internal_error));
  EXPECT_EQ(acquirer_error_from_name("nope"), std::nullopt);
  for (TradeStatus s : {TradeStatus::NOTPAY, TradeStatus::SUCCESS, TradeStatus::CLOSED}) {
    EXPECT_EQ(trade_status_from_name(status_name(s)), s);
  }
}

Heartbeat healthy() { return Heartbeat{"1.4.0", "ok", "ready", -1200, 2, "", JournalHead{17, std::string(64, 'a')}}; }

TEST(Messages, HeartbeatRoundTripsWithAndWithoutAJournalHead) {
  const Heartbeat h = healthy();
  auto back = parse_heartbeat(to_json(h));
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(to_json(back.value()), to_json(h));
  ASSERT_TRUE(back.value().journal_head);
  EXPECT_EQ(back.value().journal_head->seq, 17);
  Heartbeat bare = h;
  bare.journal_head.reset();
  bare.last_error = "camera_lost";
  EXPECT_EQ(to_json(parse_heartbeat(to_json(bare)).value()), to_json(bare));
  EXPECT_EQ(to_json(parse_heartbeat_answer(to_json(HeartbeatAnswer{1795680000123})).value()),
            "{\"server_time_ms\":1795680000123}");
}

TEST(Messages, HeartbeatRefusesFieldsOutsideTheirBounds) {
  auto code_of = [](Heartbeat h) {
    auto r = parse_heartbeat(to_json(h));
    return r.ok() ? std::string("ok") : std::string(qrpos::error_name(r.error().code));
  };
  auto with = [](auto edit) {
    Heartbeat h = healthy();
    edit(h);
    return h;
  };
  for (const char* camera : {"ok", "denied", "missing", "lost", "unknown"}) {
    EXPECT_EQ(code_of(with([&](Heartbeat& h) { h.camera = camera; })), "ok") << camera;
  }
  for (const char* printer : {"none", "ready", "offline", "error", "paper_out", "unknown"}) {
    EXPECT_EQ(code_of(with([&](Heartbeat& h) { h.printer = printer; })), "ok") << printer;
  }
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.camera = "OK"; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.printer = "jammed"; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.version = ""; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.version = std::string(32, 'v'); })), "ok");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.version = std::string(33, 'v'); })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.version = "1.0\n"; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.last_error = std::string(64, 'e'); })), "ok");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.last_error = std::string(65, 'e'); })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.last_error = "<script>"; })), "ok") << "escaped where shown";
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.unfinished = -1; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.clock_skew_ms = 2'000'000'000'000'000; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.journal_head->seq = 0; })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.journal_head->hash = std::string(64, 'A'); })), "invalid_field");
  EXPECT_EQ(code_of(with([](Heartbeat& h) { h.journal_head->hash = std::string(62, 'a'); })), "invalid_field");
}

TEST(Messages, HeartbeatRefusesWhatIsNotAHeartbeat) {
  const std::string good = to_json(healthy());
  auto code_of = [](const std::string& text) {
    auto r = parse_heartbeat(text);
    return r.ok() ? std::string("ok") : std::string(qrpos::error_name(r.error().code));
  };
  EXPECT_EQ(code_of(""), "malformed_message");
  EXPECT_EQ(code_of("[]"), "malformed_message");
  EXPECT_EQ(code_of("{\"version\":\"1\"}"), "malformed_message");
  std::string skew_text = good;
  skew_text.replace(skew_text.find("-1200"), 5, "\"-1200\"");
  EXPECT_EQ(code_of(skew_text), "malformed_message");
  std::string head_text = good;
  head_text.replace(head_text.find("\"seq\":17"), 9, "\"seq\":\"17\"");
  EXPECT_EQ(code_of(head_text), "malformed_message");
  std::string padded = good;
  padded.insert(1, std::string(kMaxHeartbeatSize, ' '));
  EXPECT_EQ(code_of(padded), "input_too_long");
  EXPECT_EQ(parse_heartbeat_answer("{}").error().code, ErrorCode::malformed_message);
  EXPECT_EQ(parse_heartbeat_answer("{\"server_time_ms\":0}").error().code, ErrorCode::invalid_field);
}

}  // namespace
}  // namespace qrpos::messages
