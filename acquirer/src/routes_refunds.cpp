// Refunds and the daily report (docs/protocol.md).
#include <httplib.h>

#include "api.hpp"
#include "log.hpp"
#include "qrpos/money.hpp"

namespace qrpos::acquirer {
namespace {

using messages::AcquirerError;

// The business day is China's (UTC+8, no daylight saving), where the sandbox's
// wallets settle: docs/sandbox.md.
constexpr std::int64_t kDayMs = 24 * 60 * 60'000;
constexpr std::int64_t kBusinessDayOffsetMs = 8 * 60 * 60'000;
// The report's currency: the demo terminal's; terminals have no currency of their own yet.
constexpr const char* kReportCurrency = "CNY";

messages::Refund to_message(const RefundRow& r) {
  messages::Refund m;
  m.status = r.status;
  m.out_trade_no = r.out_trade_no;
  m.out_refund_no = r.out_refund_no;
  m.refund_id = r.refund_id;
  m.amount = r.amount;
  m.currency = r.currency;
  m.refunded_total = r.refunded_total;
  return m;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kMonthDays[m - 1] + (m == 2 && is_leap(y));
}

// Days from 1970-01-01 to a valid date from 1970 on; a loop is plenty for a report.
std::int64_t days_since_epoch(int y, int m, int d) {
  std::int64_t days = d - 1;
  for (int year = 1970; year < y; ++year) days += is_leap(year) ? 366 : 365;
  for (int month = 1; month < m; ++month) days += days_in_month(y, month);
  return days;
}

// "YYYY-MM-DD" of a real date from 2000 to 2999 -> its first millisecond, UTC+8.
std::optional<std::int64_t> business_day_start(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int spans[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < spans[i][1]; ++k) {
      const char c = date[spans[i][0] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  const int y = parts[0], m = parts[1], d = parts[2];
  if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > days_in_month(y, m)) return std::nullopt;
  return days_since_epoch(y, m, d) * kDayMs - kBusinessDayOffsetMs;
}

void refund(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  const std::string& nonce = auth->nonce;
  auto body = messages::parse_refund_request(req.body);
  if (!body.ok()) return api.reply_error(res, AcquirerError::malformed_message, nonce, body.error().detail);
  if (!money::find_currency(body.value().currency)) {
    return api.reply_error(res, AcquirerError::unknown_currency, nonce, "currency is not supported");
  }
  RefundRow stored;
  switch (api.ledger.refund(auth->terminal.terminal_id, body.value(), auth->now_ms, stored)) {
    case Refunded::trade_not_found:
      return api.reply_error(res, AcquirerError::not_found, nonce, "no such payment for this terminal");
    case Refunded::not_allowed:
      return api.reply_error(res, AcquirerError::refund_not_allowed, nonce,
                             "only a paid (SUCCESS) trade is refundable");
    case Refunded::exceeds:
      return api.reply_error(res, AcquirerError::refund_exceeds_payment, nonce,
                             "the refunds would exceed the paid amount");
    case Refunded::conflict:
      return api.reply_error(res, AcquirerError::out_trade_no_conflict, nonce,
                             "this out_refund_no belongs to another refund: use a new one");
    case Refunded::currency_mismatch:
      return api.reply_error(res, AcquirerError::malformed_message, nonce, "currency differs from the payment's");
    case Refunded::created:
    case Refunded::existing:
      break;
  }
  log_event("info", "refund",
            {{"terminal", stored.terminal_id},
             {"out_trade_no", stored.out_trade_no},
             {"out_refund_no", stored.out_refund_no},
             {"amount", stored.amount},
             {"refund_status", messages::status_name(stored.status)},
             {"refunded_total", stored.refunded_total}});
  api.reply(res, 200, nonce, messages::to_json(to_message(stored)));
}

void query_refund(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto found = api.ledger.find_refund(auth->terminal.terminal_id, req.matches[1]);
  if (!found) return api.reply_error(res, AcquirerError::not_found, auth->nonce, "no such refund for this terminal");
  api.reply(res, 200, auth->nonce, messages::to_json(to_message(*found)));
}

void daily_report(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto report = daily_report_for(api, auth->terminal.terminal_id, req.get_param_value("date"), auth->now_ms);
  if (!report) {
    return api.reply_error(res, AcquirerError::malformed_message, auth->nonce,
                           "date must be a real day as YYYY-MM-DD (China time, UTC+8)");
  }
  api.reply(res, 200, auth->nonce, messages::to_json(*report));
}

}  // namespace

std::optional<messages::DailyReport> daily_report_for(Api& api, const std::string& terminal_id, const std::string& date,
                                                      std::int64_t now_ms) {
  const auto start = business_day_start(date);
  if (!start) return std::nullopt;
  messages::DailyReport report;
  report.date = date;
  report.currency = kReportCurrency;
  report.lines = api.ledger.daily_lines(terminal_id, kReportCurrency, *start, *start + kDayMs, now_ms);
  for (const auto& line : report.lines) {
    report.total_count += line.count;
    report.total_amount += line.amount;
    report.refund_amount += line.refund_amount;
  }
  report.net_amount = report.total_amount - report.refund_amount;
  return report;
}

void add_refund_and_report_routes(httplib::Server& http, Api& api) {
  http.Post(messages::kRefundsPath,
            [&api](const httplib::Request& req, httplib::Response& res) { refund(api, req, res); });
  http.Get(std::string(messages::kRefundsPath) + "/" + kIdPattern,
           [&api](const httplib::Request& req, httplib::Response& res) { query_refund(api, req, res); });
  http.Get(messages::kDailyReportPath,
           [&api](const httplib::Request& req, httplib::Response& res) { daily_report(api, req, res); });
}

}  // namespace qrpos::acquirer
