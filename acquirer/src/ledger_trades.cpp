// Trades (payments and orders): recording, reading with their lifecycle applied,
// reverse/close, and the customer's side of an order.
#include <sodium.h>

#include "ledger.hpp"
#include "ledger_writer.hpp"
#include "magic.hpp"
#include "qrpos/crypto.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {
namespace {

using messages::TradeStatus;

constexpr const char* kTradeColumns =
    "terminal_id, out_trade_no, kind, status, amount, currency, scheme, auth_code_masked, auth_code_fingerprint, "
    "transaction_id, refunded_amount, reason, magic, description, code_url, emv_payload, created_at, settle_at, "
    "expires_at, paid_at, closed_at, member_id, points_earned, reference, table_id, tip_amount";
constexpr int kTradeColumnCount = 26;
// What reads select: the stored columns, then the member's balance now.
const std::string kTradeSelect =
    std::string("SELECT ") + kTradeColumns +
    ", COALESCE((SELECT m.points_balance FROM members m WHERE m.member_id = trades.member_id), 0)";

std::string placeholders() {
  std::string out = "?";
  for (int i = 1; i < kTradeColumnCount; ++i) out += ", ?";
  return out;
}

TradeRow read_trade(Statement& s) {
  TradeRow t;
  t.terminal_id = s.text(0);
  t.out_trade_no = s.text(1);
  t.kind = s.text(2) == "order" ? TradeKind::order : TradeKind::payment;
  t.status = messages::trade_status_from_name(s.text(3)).value_or(TradeStatus::CLOSED);
  t.amount = s.integer(4);
  t.currency = s.text(5);
  t.scheme = s.text(6);
  t.auth_code_masked = s.text(7);
  t.auth_code_fingerprint = s.text(8);
  t.transaction_id = s.text(9);
  t.refunded_amount = s.integer(10);
  t.reason = s.text(11);
  t.magic = s.text(12);
  t.description = s.text(13);
  t.code_url = s.text(14);
  t.emv_payload = s.text(15);
  t.created_at_ms = s.integer(16);
  t.settle_at_ms = s.integer(17);
  t.expires_at_ms = s.integer(18);
  t.paid_at_ms = s.integer(19);
  t.closed_at_ms = s.integer(20);
  t.member_id = s.text(21);
  t.points_earned = s.integer(22);
  t.reference = s.text(23);
  t.table_id = s.text(24);
  t.tip_amount = s.integer(25);
  t.points_balance = s.integer(26);
  return t;
}

// Binds every column in kTradeColumns order from index 1; "" ids are NULL so that
// UNIQUE only applies to real ones.
void bind_trade(Statement& s, const TradeRow& t) {
  s.bind(1, t.terminal_id)
      .bind(2, t.out_trade_no)
      .bind(3, std::string(t.kind == TradeKind::order ? "order" : "payment"));
  s.bind(4, std::string(messages::status_name(t.status))).bind(5, t.amount).bind(6, t.currency).bind(7, t.scheme);
  s.bind(8, t.auth_code_masked);
  if (t.auth_code_fingerprint.empty()) {
    s.bind_null(9);
  } else {
    s.bind(9, t.auth_code_fingerprint);
  }
  if (t.transaction_id.empty()) {
    s.bind_null(10);
  } else {
    s.bind(10, t.transaction_id);
  }
  s.bind(11, t.refunded_amount).bind(12, t.reason).bind(13, t.magic).bind(14, t.description).bind(15, t.code_url);
  s.bind(16, t.emv_payload).bind(17, t.created_at_ms).bind(18, t.settle_at_ms).bind(19, t.expires_at_ms);
  s.bind(20, t.paid_at_ms).bind(21, t.closed_at_ms).bind(22, t.member_id).bind(23, t.points_earned);
  s.bind(24, t.reference).bind(25, t.table_id).bind(26, t.tip_amount);
}

bool is_pending(TradeStatus s) { return s == TradeStatus::NOTPAY || s == TradeStatus::USERPAYING; }

void mark_paid(TradeRow& t, std::int64_t at_ms) {
  t.status = TradeStatus::SUCCESS;
  t.transaction_id = new_transaction_id(at_ms);
  t.paid_at_ms = at_ms;
  t.settle_at_ms = 0;
}

// The same sale sent again: a reverse tombstone (no code) matches any code, since
// the terminal that reversed a number it never got an answer for may re-send its pay.
bool same_sale(const TradeRow& stored, const TradeRow& asked) {
  const bool tombstone =
      stored.status == TradeStatus::CLOSED && stored.auth_code_fingerprint.empty() && stored.transaction_id.empty();
  if (stored.amount != asked.amount || stored.currency != asked.currency) return false;
  if (tombstone) return true;
  return stored.kind == asked.kind && stored.auth_code_fingerprint == asked.auth_code_fingerprint;
}

}  // namespace

std::string new_transaction_id(std::int64_t now_ms) {
  std::uint8_t raw[4];
  randombytes_buf(raw, sizeof raw);
  return "QP" + std::to_string(now_ms) + crypto::to_hex(raw, sizeof raw);
}

std::optional<TradeRow> Ledger::load_trade(const std::string& terminal_id, const std::string& out_trade_no) {
  Statement s(statements_, kTradeSelect + " FROM trades WHERE terminal_id = ? AND out_trade_no = ?");
  if (!s.bind(1, terminal_id).bind(2, out_trade_no).step()) return std::nullopt;
  return read_trade(s);
}

std::vector<TradeRow> Ledger::load_orders_by_number(const std::string& out_trade_no) {
  Statement s(statements_,
              kTradeSelect + " FROM trades WHERE out_trade_no = ? AND kind = 'order' AND code_url != '' LIMIT 2");
  s.bind(1, out_trade_no);
  std::vector<TradeRow> rows;
  while (s.step()) rows.push_back(read_trade(s));
  return rows;
}

void Ledger::insert_trade(const TradeRow& t) {
  Statement s(statements_, std::string("INSERT INTO trades (") + kTradeColumns + ") VALUES (" + placeholders() + ")");
  bind_trade(s, t);
  s.step();
}

void Ledger::save_trade(const TradeRow& t) {
  // Rewrites the row whole: simple, and every write is inside one transaction anyway.
  Statement del(statements_, "SELECT id FROM trades WHERE terminal_id = ? AND out_trade_no = ?");
  if (!del.bind(1, t.terminal_id).bind(2, t.out_trade_no).step())
    throw std::runtime_error("ledger: saving a lost trade");
  const std::int64_t id = del.integer(0);
  Statement s(statements_,
              std::string("UPDATE trades SET (") + kTradeColumns + ") = (" + placeholders() + ") WHERE id = ?");
  bind_trade(s, t);
  s.bind(kTradeColumnCount + 1, id).step();
}

void Ledger::bring_up_to_date(TradeRow& t, std::int64_t now_ms) {
  if (!is_pending(t.status)) return;
  const bool expires = t.kind == TradeKind::order && t.expires_at_ms > 0;
  const bool settles = t.settle_at_ms > 0 && t.settle_at_ms <= now_ms && (!expires || t.settle_at_ms < t.expires_at_ms);
  if (settles) {
    if (magic::order_behaviour_from_stored(t.magic) == magic::OrderBehaviour::auto_decline) {
      t.status = TradeStatus::FAILED;
      t.reason = "risk_declined";
      t.settle_at_ms = 0;
    } else {
      if (t.scheme.empty()) t.scheme = "wechat";
      settle_paid(t, t.settle_at_ms);
    }
  } else if (expires && now_ms >= t.expires_at_ms) {
    t.status = TradeStatus::CLOSED;
    t.closed_at_ms = t.expires_at_ms;
  } else {
    return;
  }
  save_trade(t);
}

void Ledger::settle_paid(TradeRow& t, std::int64_t at_ms) {
  // Two pending trades for one bill: the first to be paid wins, the other is declined
  // instead of taking the customer's money for a bill that is settled.
  if (reference_paid(t.terminal_id, t.reference)) {
    t.status = TradeStatus::FAILED;
    t.reason = "reference_paid";
    t.settle_at_ms = 0;
    return;
  }
  mark_paid(t, at_ms);
  credit_points(t);
  mark_bill_paid(t);
}

void Ledger::bring_all_up_to_date(const std::string& terminal_id, std::int64_t now_ms) {
  std::vector<TradeRow> due;
  {
    Statement s(statements_,
                kTradeSelect +
                    " FROM trades WHERE terminal_id = ? AND status IN ('NOTPAY', 'USERPAYING') AND "
                    "((settle_at > 0 AND settle_at <= ?) OR (kind = 'order' AND expires_at > 0 AND expires_at <= ?))");
    s.bind(1, terminal_id).bind(2, now_ms).bind(3, now_ms);
    while (s.step()) due.push_back(read_trade(s));
  }
  for (auto& trade : due) bring_up_to_date(trade, now_ms);
}

// Each state change below runs as one unit of the writer's next batch (its own
// savepoint): returning false undoes the unit's writes, as an early return without
// commit did; the caller gets its results only after the batch's COMMIT.

Recorded Ledger::record_trade(const TradeRow& trade, std::int64_t now_ms, TradeRow& stored) {
  Recorded result = Recorded::created;
  writer_->run([&] {
    if (auto existing = load_trade(trade.terminal_id, trade.out_trade_no)) {
      stored = *existing;
      bring_up_to_date(stored, now_ms);
      result = same_sale(stored, trade) ? Recorded::existing : Recorded::conflict;
      return true;
    }
    if (!trade.auth_code_fingerprint.empty()) {
      Statement used(statements_, "SELECT 1 FROM trades WHERE auth_code_fingerprint = ?");
      if (used.bind(1, trade.auth_code_fingerprint).step()) {
        result = Recorded::code_used;
        return false;
      }
    }
    // Checked in the unit that records: two terminals paying one bill at once are
    // serialised here, and the second finds it paid.
    if (reference_paid(trade.terminal_id, trade.reference)) {
      result = Recorded::reference_paid;
      return false;
    }
    // A bill is settled only by its own amount: a sale for less must not mark it paid.
    if (bill_differs(trade.terminal_id, trade.reference, trade.amount, trade.currency)) {
      result = Recorded::reference_mismatch;
      return false;
    }
    stored = trade;
    enroll_member(stored.member_id, now_ms);
    if (stored.status == TradeStatus::SUCCESS) {
      credit_points(stored);
      mark_bill_paid(stored);
    }
    insert_trade(stored);
    result = Recorded::created;
    return true;
  });
  return result;
}

std::optional<TradeRow> Ledger::find_trade(const std::string& terminal_id, const std::string& out_trade_no,
                                           std::int64_t now_ms) {
  std::optional<TradeRow> trade;
  writer_->run([&] {
    trade = load_trade(terminal_id, out_trade_no);
    if (trade) bring_up_to_date(*trade, now_ms);
    return true;
  });
  return trade;
}

Cancelled Ledger::cancel_trade(const std::string& terminal_id, const std::string& out_trade_no,
                               const messages::CancelRequest& request, bool reverse, std::int64_t now_ms,
                               TradeRow& stored) {
  Cancelled result = Cancelled::done;
  writer_->run([&] {
    auto trade = load_trade(terminal_id, out_trade_no);
    if (!trade) {
      TradeRow tombstone;
      tombstone.terminal_id = terminal_id;
      tombstone.out_trade_no = out_trade_no;
      tombstone.kind = reverse ? TradeKind::payment : TradeKind::order;
      tombstone.status = TradeStatus::CLOSED;
      tombstone.amount = request.amount;
      tombstone.currency = request.currency;
      tombstone.created_at_ms = now_ms;
      tombstone.closed_at_ms = now_ms;
      insert_trade(tombstone);
      stored = tombstone;
      result = Cancelled::done;
      return true;
    }
    stored = *trade;
    bring_up_to_date(stored, now_ms);
    result = Cancelled::done;
    if (is_pending(stored.status)) {
      // The customer's pending confirmation is withdrawn: nothing was charged.
      stored.status = reverse ? TradeStatus::REVERSED : TradeStatus::CLOSED;
      stored.closed_at_ms = now_ms;
      stored.settle_at_ms = 0;
      save_trade(stored);
    } else if (stored.status == TradeStatus::SUCCESS && reverse) {
      // A reverse refunds in full; after a partial refund only refunds may continue.
      if (stored.refunded_amount > 0) {
        result = Cancelled::not_allowed;
        return true;
      }
      stored.status = TradeStatus::REVERSED;
      stored.closed_at_ms = now_ms;
      take_back_points(stored);
      reopen_bill(stored);
      save_trade(stored);
    }
    return true;
  });
  return result;
}

CustomerLookup Ledger::load_order_for_customer(const std::string& out_trade_no, std::int64_t now_ms, TradeRow& stored) {
  auto rows = load_orders_by_number(out_trade_no);
  if (rows.size() != 1) return rows.empty() ? CustomerLookup::not_found : CustomerLookup::ambiguous;
  stored = rows.front();
  bring_up_to_date(stored, now_ms);
  return is_pending(stored.status) ? CustomerLookup::payable : CustomerLookup::not_payable;
}

CustomerLookup Ledger::find_order_for_customer(const std::string& out_trade_no, std::int64_t now_ms, TradeRow& stored) {
  CustomerLookup result = CustomerLookup::not_found;
  writer_->run([&] {
    result = load_order_for_customer(out_trade_no, now_ms, stored);
    return result == CustomerLookup::payable || result == CustomerLookup::not_payable;
  });
  return result;
}

CustomerLookup Ledger::customer_pay(const std::string& out_trade_no, std::int64_t tip_amount, std::int64_t now_ms,
                                    TradeRow& stored) {
  CustomerLookup result = CustomerLookup::not_found;
  writer_->run([&] {
    result = load_order_for_customer(out_trade_no, now_ms, stored);
    if (result != CustomerLookup::payable) return result == CustomerLookup::not_payable;
    // A tip above the bill is a typo far more often than generosity.
    if (tip_amount < 0 || tip_amount > stored.amount) {
      result = CustomerLookup::bad_tip;
      return true;  // keeps what bringing it up to date wrote
    }
    stored.scheme = "wechat";
    settle_paid(stored, now_ms);
    if (stored.status == TradeStatus::SUCCESS) stored.tip_amount = tip_amount;
    save_trade(stored);
    result = stored.status == TradeStatus::SUCCESS ? CustomerLookup::paid : CustomerLookup::not_payable;
    return true;
  });
  return result;
}

std::optional<TradeRow> Ledger::find_table_order(const std::string& terminal_id, const std::string& table_id,
                                                 std::int64_t now_ms) {
  std::optional<TradeRow> found;
  writer_->run([&] {
    std::vector<TradeRow> pending;
    {
      Statement s(statements_, kTradeSelect +
                                   " FROM trades WHERE terminal_id = ? AND table_id = ? AND kind = 'order' AND "
                                   "status IN ('NOTPAY', 'USERPAYING') ORDER BY created_at DESC, id DESC LIMIT 16");
      s.bind(1, terminal_id).bind(2, table_id);
      while (s.step()) pending.push_back(read_trade(s));
    }
    for (auto& trade : pending) {
      bring_up_to_date(trade, now_ms);
      if (is_pending(trade.status)) {
        found = trade;
        break;
      }
    }
    return true;
  });
  return found;
}

}  // namespace qrpos::acquirer
