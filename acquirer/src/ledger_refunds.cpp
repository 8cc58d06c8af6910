// Refunds of paid trades, and the daily report.
#include <sodium.h>

#include <map>

#include "ledger.hpp"
#include "ledger_writer.hpp"
#include "qrpos/crypto.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {
namespace {

constexpr const char* kRefundColumns =
    "r.terminal_id, r.out_refund_no, r.out_trade_no, r.refund_id, r.amount, r.currency, r.status, r.reason, "
    "r.created_at, t.refunded_amount";

RefundRow read_refund(Statement& s) {
  RefundRow r;
  r.terminal_id = s.text(0);
  r.out_refund_no = s.text(1);
  r.out_trade_no = s.text(2);
  r.refund_id = s.text(3);
  r.amount = s.integer(4);
  r.currency = s.text(5);
  const std::string status = s.text(6);
  r.status = status == "SUCCESS"      ? messages::RefundStatus::SUCCESS
             : status == "PROCESSING" ? messages::RefundStatus::PROCESSING
                                      : messages::RefundStatus::FAILED;
  r.reason = s.text(7);
  r.created_at_ms = s.integer(8);
  r.refunded_total = s.integer(9);
  return r;
}

std::optional<RefundRow> load_refund(StatementCache& db, const std::string& terminal_id,
                                     const std::string& out_refund_no) {
  Statement s(db,
              std::string("SELECT ") + kRefundColumns +
                  " FROM refunds r JOIN trades t ON t.terminal_id = r.terminal_id AND t.out_trade_no = r.out_trade_no"
                  " WHERE r.terminal_id = ? AND r.out_refund_no = ?");
  if (!s.bind(1, terminal_id).bind(2, out_refund_no).step()) return std::nullopt;
  return read_refund(s);
}

std::string new_refund_id(std::int64_t now_ms) {
  std::uint8_t raw[4];
  randombytes_buf(raw, sizeof raw);
  return "RF" + std::to_string(now_ms) + crypto::to_hex(raw, sizeof raw);
}

}  // namespace

// One unit of the writer's next batch (ledger_trades.cpp): false undoes its writes.
Refunded Ledger::refund(const std::string& terminal_id, const messages::RefundRequest& request, std::int64_t now_ms,
                        RefundRow& stored) {
  Refunded result = Refunded::created;
  writer_->run([&] {
    if (auto existing = load_refund(statements_, terminal_id, request.out_refund_no)) {
      stored = *existing;
      const bool same = existing->out_trade_no == request.out_trade_no && existing->amount == request.amount &&
                        existing->currency == request.currency;
      result = same ? Refunded::existing : Refunded::conflict;
      return false;
    }
    auto trade = load_trade(terminal_id, request.out_trade_no);
    if (!trade) {
      result = Refunded::trade_not_found;
      return false;
    }
    bring_up_to_date(*trade, now_ms);
    if (trade->status != messages::TradeStatus::SUCCESS) {
      result = Refunded::not_allowed;
      return true;  // keeps what bring_up_to_date wrote
    }
    if (trade->currency != request.currency) {
      result = Refunded::currency_mismatch;
      return false;
    }
    if (request.amount > trade->amount - trade->refunded_amount) {
      result = Refunded::exceeds;
      return false;
    }
    trade->refunded_amount += request.amount;
    save_trade(*trade);
    RefundRow r;
    r.terminal_id = terminal_id;
    r.out_refund_no = request.out_refund_no;
    r.out_trade_no = request.out_trade_no;
    r.refund_id = new_refund_id(now_ms);
    r.amount = request.amount;
    r.currency = request.currency;
    r.status = messages::RefundStatus::SUCCESS;  // the sandbox's wallets refund at once
    r.reason = request.reason.substr(0, 256);
    r.created_at_ms = now_ms;
    r.refunded_total = trade->refunded_amount;
    Statement insert(
        statements_,
        "INSERT INTO refunds (terminal_id, out_refund_no, out_trade_no, refund_id, amount, currency, status, "
        "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, r.terminal_id).bind(2, r.out_refund_no).bind(3, r.out_trade_no).bind(4, r.refund_id);
    insert.bind(5, r.amount).bind(6, r.currency).bind(7, std::string(messages::status_name(r.status)));
    insert.bind(8, r.reason).bind(9, r.created_at_ms).step();
    stored = r;
    result = Refunded::created;
    return true;
  });
  return result;
}

std::optional<RefundRow> Ledger::find_refund(const std::string& terminal_id, const std::string& out_refund_no) {
  std::lock_guard lock(mutex_);
  return load_refund(statements_, terminal_id, out_refund_no);
}

std::vector<messages::DailyReportLine> Ledger::daily_lines(const std::string& terminal_id, const std::string& currency,
                                                           std::int64_t from_ms, std::int64_t to_ms,
                                                           std::int64_t now_ms) {
  // A magic order paid "5 s after creation" is only written when next read.
  writer_->run([&] {
    bring_all_up_to_date(terminal_id, now_ms);
    return true;
  });
  std::lock_guard lock(mutex_);
  std::map<std::string, messages::DailyReportLine> by_scheme;
  Statement sales(statements_,
                  "SELECT scheme, COUNT(*), SUM(amount) FROM trades WHERE terminal_id = ? AND currency = ? "
                  "AND status = 'SUCCESS' AND paid_at >= ? AND paid_at < ? GROUP BY scheme");
  sales.bind(1, terminal_id).bind(2, currency).bind(3, from_ms).bind(4, to_ms);
  while (sales.step()) {
    auto& line = by_scheme[sales.text(0)];
    line.scheme = sales.text(0);
    line.count = sales.integer(1);
    line.amount = sales.integer(2);
  }
  Statement refunds(statements_,
                    "SELECT t.scheme, COUNT(*), SUM(r.amount) FROM refunds r JOIN trades t "
                    "ON t.terminal_id = r.terminal_id AND t.out_trade_no = r.out_trade_no "
                    "WHERE r.terminal_id = ? AND r.currency = ? AND r.status = 'SUCCESS' "
                    "AND r.created_at >= ? AND r.created_at < ? GROUP BY t.scheme");
  refunds.bind(1, terminal_id).bind(2, currency).bind(3, from_ms).bind(4, to_ms);
  while (refunds.step()) {
    auto& line = by_scheme[refunds.text(0)];
    line.scheme = refunds.text(0);
    line.refund_count = refunds.integer(1);
    line.refund_amount = refunds.integer(2);
  }
  std::vector<messages::DailyReportLine> lines;
  for (auto& [scheme, line] : by_scheme) lines.push_back(line);
  return lines;
}

}  // namespace qrpos::acquirer
