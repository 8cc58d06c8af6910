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
