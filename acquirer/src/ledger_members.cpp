// Loyalty points (docs/sandbox.md "Members and points"): one point per whole major
// unit of a paid trade's amount, credited in the transaction that makes it SUCCESS
// and taken back by its reverse. Refunds leave the points: a partial refund of a
// sale is a goodwill gesture far more often than an undone purchase.
#include "ledger.hpp"
#include "qrpos/money.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {
namespace {

// The tip is not a purchase: points count the bill only.
std::int64_t points_for(const TradeRow& t) {
  const auto currency = money::find_currency(t.currency);
  if (!currency || t.amount <= 0) return 0;
  std::int64_t unit = 1;
  for (int i = 0; i < currency->exponent; ++i) unit *= 10;
  return t.amount / unit;
}

}  // namespace

void Ledger::enroll_member(const std::string& member_id, std::int64_t now_ms) {
  if (member_id.empty()) return;
  Statement(statements_,
            "INSERT INTO members(member_id, points_balance, updated_at) VALUES (?, 0, ?) "
            "ON CONFLICT(member_id) DO NOTHING")
      .bind(1, member_id)
      .bind(2, now_ms)
      .step();
}

void Ledger::credit_points(TradeRow& t) {
  if (t.member_id.empty() || t.points_earned > 0) return;  // once per trade
  enroll_member(t.member_id, t.paid_at_ms);
  t.points_earned = points_for(t);
  Statement(statements_, "UPDATE members SET points_balance = points_balance + ?, updated_at = ? WHERE member_id = ?")
      .bind(1, t.points_earned)
      .bind(2, t.paid_at_ms)
      .bind(3, t.member_id)
      .step();
  t.points_balance = points_balance_locked(t.member_id);
}

void Ledger::take_back_points(TradeRow& t) {
  if (t.member_id.empty() || t.points_earned == 0) return;
  // Never below zero, should a balance ever have been corrected by hand.
  Statement(statements_,
            "UPDATE members SET points_balance = MAX(0, points_balance - ?), updated_at = ? WHERE member_id = ?")
      .bind(1, t.points_earned)
      .bind(2, t.closed_at_ms)
      .bind(3, t.member_id)
      .step();
  t.points_earned = 0;
  t.points_balance = points_balance_locked(t.member_id);
}

std::int64_t Ledger::points_balance_locked(const std::string& member_id) {
  Statement s(statements_, "SELECT points_balance FROM members WHERE member_id = ?");
  return s.bind(1, member_id).step() ? s.integer(0) : 0;
}

}  // namespace qrpos::acquirer
