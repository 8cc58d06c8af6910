// Bills the sandbox knows (docs/sandbox.md "Bills and lookups"): created by the
// operator, looked up by terminals, paid once by the payment whose reference is the
// bill's code. Marking paid runs in the transaction that makes that payment SUCCESS.
#include "ledger.hpp"
#include "ledger_writer.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {
namespace {

constexpr const char* kBillColumns =
    "code, merchant_id, amount, currency, description, status, out_trade_no, terminal_id, created_at, paid_at";

// Which bills a terminal sees: its merchant's and those of no merchant.
constexpr const char* kVisibleTo =
    "(merchant_id = '' OR merchant_id = (SELECT t.merchant_id FROM terminals t WHERE t.terminal_id = ?))";

BillRow read_bill(Statement& s) {
  BillRow b;
  b.code = s.text(0);
  b.merchant_id = s.text(1);
  b.amount = s.integer(2);
  b.currency = s.text(3);
  b.description = s.text(4);
  b.paid = s.text(5) == "paid";
  b.out_trade_no = s.text(6);
  b.terminal_id = s.text(7);
  b.created_at_ms = s.integer(8);
  b.paid_at_ms = s.integer(9);
  return b;
}

}  // namespace

BillAdded Ledger::add_bill(const BillRow& bill) {
  BillAdded result = BillAdded::created;
  writer_->run([&] {
    Statement s(statements_, std::string("INSERT INTO bills (") + kBillColumns +
                                 ") VALUES (?, ?, ?, ?, ?, 'open', '', '', ?, 0) ON CONFLICT(code) DO NOTHING");
    s.bind(1, bill.code).bind(2, bill.merchant_id).bind(3, bill.amount).bind(4, bill.currency);
    s.bind(5, bill.description).bind(6, bill.created_at_ms).step();
    result = sqlite3_changes(db_) == 1 ? BillAdded::created : BillAdded::exists;
    return true;
  });
  return result;
}

std::vector<BillRow> Ledger::list_bills() {
  std::lock_guard lock(reader_mutex_);
  Statement s(reader_statements_, std::string("SELECT ") + kBillColumns + " FROM bills ORDER BY created_at, code");
  std::vector<BillRow> bills;
  while (s.step()) bills.push_back(read_bill(s));
  return bills;
}

std::optional<BillRow> Ledger::find_bill_for_terminal(const std::string& terminal_id, const std::string& code) {
  std::lock_guard lock(reader_mutex_);
  Statement s(reader_statements_,
              std::string("SELECT ") + kBillColumns + " FROM bills WHERE code = ? AND " + kVisibleTo);
  if (!s.bind(1, code).bind(2, terminal_id).step()) return std::nullopt;
  return read_bill(s);
}

bool Ledger::reference_paid(const std::string& terminal_id, const std::string& reference) {
  if (reference.empty()) return false;
  Statement s(statements_, std::string("SELECT 1 FROM bills WHERE code = ? AND status = 'paid' AND ") + kVisibleTo);
  return s.bind(1, reference).bind(2, terminal_id).step();
}

bool Ledger::bill_differs(const std::string& terminal_id, const std::string& reference, std::int64_t amount,
                          const std::string& currency) {
  if (reference.empty()) return false;
  Statement s(statements_, std::string("SELECT 1 FROM bills WHERE code = ? AND status = 'open' AND "
                                       "(amount != ? OR currency != ?) AND ") +
                               kVisibleTo);
  return s.bind(1, reference).bind(2, amount).bind(3, currency).bind(4, terminal_id).step();
}

void Ledger::mark_bill_paid(const TradeRow& t) {
  if (t.reference.empty()) return;
  Statement s(statements_, std::string("UPDATE bills SET status = 'paid', out_trade_no = ?, terminal_id = ?, "
                                       "paid_at = ? WHERE code = ? AND status = 'open' AND ") +
                               kVisibleTo);
  s.bind(1, t.out_trade_no).bind(2, t.terminal_id).bind(3, t.paid_at_ms).bind(4, t.reference).bind(5, t.terminal_id);
  s.step();
}

// A reversed payment gave the money back: its bill is owed again.
void Ledger::reopen_bill(const TradeRow& t) {
  if (t.reference.empty()) return;
  Statement(statements_,
            "UPDATE bills SET status = 'open', out_trade_no = '', terminal_id = '', paid_at = 0 "
            "WHERE code = ? AND status = 'paid' AND out_trade_no = ? AND terminal_id = ?")
      .bind(1, t.reference)
      .bind(2, t.out_trade_no)
      .bind(3, t.terminal_id)
      .step();
}

}  // namespace qrpos::acquirer
