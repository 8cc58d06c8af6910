#include "qrpos/reconcile.hpp"

#include <gtest/gtest.h>

namespace qrpos::reconcile {
namespace {

using session::Kind;
using session::Outcome;
using session::State;

// 2026-11-26 12:00 in China (04:00 UTC).
constexpr std::int64_t kNoon = 1'795'665'600'000;

State sale(const char* no, const char* scheme, std::int64_t amount, Outcome outcome = Outcome::paid,
           std::int64_t at = kNoon) {
  State s;
  s.kind = Kind::pay;
  s.phase = session::Phase::done;
  s.outcome = outcome;
  s.out_trade_no = no;
  s.scheme = scheme;
  s.amount = amount;
  s.currency = "CNY";
  s.started_at_ms = at - 2'000;
  s.paid_at_ms = outcome == Outcome::paid ? at : 0;
  return s;
}

State refund(const char* no, std::int64_t amount, Outcome outcome = Outcome::refunded, std::int64_t at = kNoon) {
  State s;
  s.kind = Kind::refund;
  s.phase = session::Phase::done;
  s.outcome = outcome;
  s.out_trade_no = no;
  s.amount = amount;
  s.currency = "CNY";
  s.started_at_ms = at;
  return s;
}

messages::DailyReportLine line(const char* scheme, std::int64_t count, std::int64_t amount, std::int64_t rc = 0,
                               std::int64_t ra = 0) {
  return {scheme, count, amount, rc, ra};
}

TEST(Reconcile, TotalsCountWhatWasPaidAndRefundedThatDayInChinaTime) {
  const std::vector<State> day = {
      sale("A", "wechat", 2372),
      sale("B", "wechat", 1000),
      sale("C", "alipay", 500),
      sale("D", "alipay", 900, Outcome::declined),
      sale("E", "wechat", 700, Outcome::cancelled),
      sale("F", "wechat", 800, Outcome::paid, kNoon - 13 * 3'600'000),                  // 23:00 the day before
      sale("G", "unionpay", 100, Outcome::paid, kNoon + 11 * 3'600'000 + 59 * 60'000),  // 23:59 that day
      refund("A", 372),
      refund("C", 100, Outcome::refund_failed),
  };
  const auto t = totals(day, "2026-11-26", "CNY");
  ASSERT_EQ(t.lines.size(), 3u);
  EXPECT_EQ(t.lines[0].scheme, "alipay");
  EXPECT_EQ(t.lines[0].count, 1);
  EXPECT_EQ(t.lines[0].refund_count, 0) << "a failed refund is not a refund";
  EXPECT_EQ(t.lines[1].scheme, "unionpay");
  EXPECT_EQ(t.lines[2].scheme, "wechat");
  EXPECT_EQ(t.lines[2].count, 2);
  EXPECT_EQ(t.lines[2].amount, 3372);
  EXPECT_EQ(t.lines[2].refund_count, 1) << "the refund counts under the sale's scheme";
  EXPECT_EQ(t.lines[2].refund_amount, 372);
  EXPECT_EQ(t.total_count, 4);
  EXPECT_EQ(t.net_amount, 3372 + 500 + 100 - 372);
  EXPECT_EQ(totals(day, "2026-11-25", "CNY").total_count, 1);
  EXPECT_EQ(totals(day, "2026-11-26", "USD").total_count, 0);
}

TEST(Reconcile, EqualFiguresReconcile) {
  const auto t = totals({sale("A", "wechat", 2372), refund("A", 372)}, "2026-11-26", "CNY");
  messages::DailyReport a;
  a.date = "2026-11-26";
  a.lines = {line("wechat", 1, 2372, 1, 372)};
  EXPECT_TRUE(compare(t, a).empty());
}

TEST(Reconcile, EveryDifferingFigureIsListed) {
  const auto t = totals({sale("A", "wechat", 2372), sale("B", "alipay", 500)}, "2026-11-26", "CNY");
  messages::DailyReport a;
  a.lines = {line("wechat", 2, 3372), line("unionpay", 1, 100, 1, 100)};
  const auto d = compare(t, a);
  ASSERT_EQ(d.size(), 8u);
  EXPECT_EQ(d[0].scheme, "alipay");  // the terminal's sale the acquirer does not count
  EXPECT_EQ(d[0].field, "count");
  EXPECT_EQ(d[0].terminal, 1);
  EXPECT_EQ(d[0].acquirer, 0);
  EXPECT_EQ(d[2].scheme, "unionpay");  // the acquirer's sale the terminal does not know
  EXPECT_EQ(d[6].scheme, "wechat");
  EXPECT_EQ(d[6].field, "count");
  EXPECT_EQ(d[7].field, "amount");
  EXPECT_EQ(d[7].acquirer - d[7].terminal, 1000);
}

TEST(Reconcile, TheReportIsReadOnlyFromTheTrustedAcquirerForThatDay) {
  ASSERT_TRUE(crypto::init());
  crypto::DeterministicEntropy entropy{std::string(32, 'r')};
  const auto terminal = crypto::SigningKey::from_seed(std::string(32, 't')).value();
  const auto acquirer = crypto::SigningKey::from_seed(std::string(32, 'a')).value();
  const auto req = make_report_request(terminal, "T-1", "2026-11-26", kNoon, entropy);
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.path, "/v1/reports/daily?date=2026-11-26");
  EXPECT_TRUE(protocol::verify_request(terminal.public_key(), req).ok());
  messages::DailyReport r;
  r.date = "2026-11-26";
  r.currency = "CNY";
  r.lines = {line("wechat", 1, 2372)};
  r.total_count = 1;
  r.total_amount = r.net_amount = 2372;
  const auto answer = [&](int status, const std::string& body, const crypto::SigningKey& signer) {
    return protocol::SignedResponse{status, kNoon, protocol::sign_response(signer, status, kNoon, req.auth.nonce, body),
                                    body};
  };
  const auto good = read_report_answer(acquirer.public_key(), req.auth.nonce, "2026-11-26",
                                       answer(200, messages::to_json(r), acquirer));
  ASSERT_TRUE(good.ok()) << good.error().detail;
  EXPECT_EQ(good.value().lines.size(), 1u);
  EXPECT_EQ(read_report_answer(acquirer.public_key(), req.auth.nonce, "2026-11-26",
                               answer(200, messages::to_json(r), terminal))
                .error()
                .code,
            ErrorCode::bad_signature);
  EXPECT_EQ(read_report_answer(acquirer.public_key(), req.auth.nonce, "2026-11-25",
                               answer(200, messages::to_json(r), acquirer))
                .error()
                .code,
            ErrorCode::invalid_field);
  const auto refused =
      read_report_answer(acquirer.public_key(), req.auth.nonce, "2026-11-26",
                         answer(401, R"({"error":{"code":"unknown_terminal","message":"x"}})", acquirer));
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_state);
  EXPECT_EQ(refused.error().detail, "unknown_terminal");
}

}  // namespace
}  // namespace qrpos::reconcile
