#include "qrpos/reconcile.hpp"

#include <cstdio>
#include <map>

namespace qrpos::reconcile {
namespace {

using session::Kind;
using session::Outcome;

// YYYY-MM-DD of `ms` at UTC+offset (civil from days: no time zone data, no clock).
std::string day_of(std::int64_t ms, int offset_minutes) {
  std::int64_t days = (ms + static_cast<std::int64_t>(offset_minutes) * 60'000) / 86'400'000;
  if ((ms + static_cast<std::int64_t>(offset_minutes) * 60'000) % 86'400'000 < 0) --days;
  const std::int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d));
  return buf;
}

}  // namespace

messages::DailyReport totals(const std::vector<session::State>& sessions, std::string_view date,
                             std::string_view currency, int utc_offset_minutes) {
  std::map<std::string, std::string> scheme_of;  // out_trade_no -> scheme of the sale
  for (const auto& s : sessions) {
    if (s.kind != Kind::refund && !s.scheme.empty()) scheme_of[s.out_trade_no] = s.scheme;
  }
  std::map<std::string, messages::DailyReportLine> lines;
  for (const auto& s : sessions) {
    if (s.currency != currency) continue;
    if (s.kind != Kind::refund && s.outcome == Outcome::paid && day_of(s.paid_at_ms, utc_offset_minutes) == date) {
      auto& line = lines[s.scheme];
      line.scheme = s.scheme;
      line.count += 1;
      line.amount += s.amount;
    }
    if (s.kind == Kind::refund && s.outcome == Outcome::refunded &&
        day_of(s.started_at_ms, utc_offset_minutes) == date) {
      const auto found = scheme_of.find(s.out_trade_no);
      const std::string scheme = !s.scheme.empty() ? s.scheme : found != scheme_of.end() ? found->second : "";
      auto& line = lines[scheme];
      line.scheme = scheme;
      line.refund_count += 1;
      line.refund_amount += s.amount;
    }
  }
  messages::DailyReport report;
  report.date = std::string(date);
  report.currency = std::string(currency);
  for (auto& [scheme, line] : lines) {
    report.total_count += line.count;
    report.total_amount += line.amount;
    report.refund_amount += line.refund_amount;
    report.lines.push_back(line);
  }
  report.net_amount = report.total_amount - report.refund_amount;
  return report;
}

std::vector<Difference> compare(const messages::DailyReport& terminal, const messages::DailyReport& acquirer) {
  std::map<std::string, std::pair<messages::DailyReportLine, messages::DailyReportLine>> both;
  for (const auto& l : terminal.lines) both[l.scheme].first = l;
  for (const auto& l : acquirer.lines) both[l.scheme].second = l;
  std::vector<Difference> out;
  for (const auto& [scheme, pair] : both) {
    const auto& [t, a] = pair;
    const std::pair<const char*, std::pair<std::int64_t, std::int64_t>> fields[] = {
        {"count", {t.count, a.count}},
        {"amount", {t.amount, a.amount}},
        {"refund_count", {t.refund_count, a.refund_count}},
        {"refund_amount", {t.refund_amount, a.refund_amount}}};
    for (const auto& [field, values] : fields) {
      if (values.first != values.second) out.push_back({scheme, field, values.first, values.second});
    }
  }
  return out;
}

protocol::SignedRequest make_report_request(const crypto::SigningKey& key, std::string_view terminal_id,
                                            std::string_view date, std::int64_t now_ms, crypto::Entropy& entropy) {
  return protocol::sign_request(key, terminal_id, now_ms, entropy, "GET", messages::daily_report_path(date), "");
}

Result<messages::DailyReport> read_report_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                                 std::string_view date, const protocol::SignedResponse& response) {
  auto verified = protocol::verify_response(acquirer_key, request_nonce, response);
  if (!verified.ok()) return verified.error();
  if (verified.value().error) return make_error(ErrorCode::invalid_state, verified.value().error->code);
  auto report = messages::parse_daily_report(verified.value().body);
  if (!report.ok()) return report.error();
  if (report.value().date != date) return make_error(ErrorCode::invalid_field, "the report is for another day");
  return report;
}

}  // namespace qrpos::reconcile
