// The sandbox acquirer's ledger: one SQLite file in WAL mode, money as integer minor
// units, every state change in one BEGIN IMMEDIATE transaction. Trades are payments
// and orders; ids (out_trade_no, out_refund_no) are unique per terminal only.
// Thread-safe: every call takes the connection's lock. State changes that make up a
// request (nonces, trades, refunds, activation) are committed in groups, one writer at
// a time, each caller answered only after its group's COMMIT (ledger_writer.hpp).
// SQLite failures throw std::runtime_error (the server answers internal_error).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "qrpos/messages.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {

class LedgerWriter;

struct Terminal {
  std::string terminal_id;
  std::string public_key_hex;
  std::string merchant_name;
  std::string merchant_id;  // "" for terminals provisioned before activation existed
  std::string currency = "CNY";
  std::string device;  // free text the terminal sent when it activated
  std::int64_t created_at_ms = 0;
};

// A one-time activation code as stored: only its keyed hash, never the code.
struct ActivationCode {
  std::string code_hash;
  std::string merchant_id;
  std::string merchant_name;
  std::string currency;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
};

// A terminal's latest heartbeat as stored, with the acquirer's time of receipt.
struct HealthRow {
  std::string terminal_id;
  std::int64_t received_at_ms = 0;
  std::int64_t sent_at_ms = 0;  // the request's Qrpos-Timestamp (terminal clock)
  messages::Heartbeat health;
};

// A terminal and its latest heartbeat, if it ever sent one (admin health page).
struct TerminalHealth {
  Terminal terminal;
  std::optional<HealthRow> latest;
};

enum class TradeKind { payment, order };

struct TradeRow {
  std::string terminal_id;
  std::string out_trade_no;
  TradeKind kind = TradeKind::payment;
  messages::TradeStatus status = messages::TradeStatus::NOTPAY;
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  std::string auth_code_fingerprint;  // payments: keyed hash, recognises reuse; "" for orders and tombstones
  std::string transaction_id;         // set once paid
  std::int64_t refunded_amount = 0;
  std::string reason;  // FAILED: a decline reason
  std::string magic;   // magic::stored_name of the behaviour the sandbox plays
  std::string description;
  std::string code_url;     // orders
  std::string emv_payload;  // orders
  std::int64_t created_at_ms = 0;
  std::int64_t settle_at_ms = 0;   // a pending magic trade becomes final at this time (0: never)
  std::int64_t expires_at_ms = 0;  // orders: CLOSED from this time if unpaid
  std::int64_t paid_at_ms = 0;
  std::int64_t closed_at_ms = 0;
  std::string member_id;            // loyalty member the sale is for ("" none)
  std::int64_t points_earned = 0;   // credited when it became SUCCESS; 0 again once reversed
  std::int64_t points_balance = 0;  // read, not stored: the member's balance now
  std::string reference;            // ticket/room/bill code paid for (ledger_bills.cpp)
  std::string table_id;             // orders: the restaurant table whose bill this is
  std::int64_t tip_amount = 0;      // orders: what the customer added on top of amount
};

// A bill the sandbox can look up (POST /v1/lookups) and that a payment with its code
// as `reference` pays, once.
struct BillRow {
  std::string code;
  std::string merchant_id;  // "" = any merchant's terminal sees it
  std::int64_t amount = 0;
  std::string currency;
  std::string description;
  bool paid = false;
  std::string out_trade_no;  // the payment that paid it
  std::string terminal_id;   // its terminal
  std::int64_t created_at_ms = 0;
  std::int64_t paid_at_ms = 0;
};

struct RefundRow {
  std::string terminal_id;
  std::string out_refund_no;
  std::string out_trade_no;
  std::string refund_id;
  std::int64_t amount = 0;
  std::string currency;
  messages::RefundStatus status = messages::RefundStatus::SUCCESS;
  std::string reason;  // the terminal's text
  std::int64_t created_at_ms = 0;
  std::int64_t refunded_total = 0;  // the payment's refunds so far, as of reading
};

// What record_trade did.
// `reference_paid`: the trade's reference is a bill already paid (nothing recorded).
// `reference_mismatch`: the reference is an open bill of another amount or currency.
enum class Recorded { created, existing, conflict, code_used, reference_paid, reference_mismatch };
// What cancel_trade did: `not_allowed` for a reverse that needs a refund instead.
enum class Cancelled { done, not_allowed };
enum class Refunded { created, existing, conflict, trade_not_found, not_allowed, exceeds, currency_mismatch };
// `bad_tip`: the customer's tip is outside 0..amount (nothing changed).
enum class CustomerLookup { payable, paid, not_payable, not_found, ambiguous, bad_tip };
enum class BillAdded { created, exists };

// "QP" + time + random hex: a fresh acquirer transaction id.
std::string new_transaction_id(std::int64_t now_ms);

class Ledger {
 public:
  // Opens (creating and migrating) the ledger at `path`. Throws std::runtime_error
  // with SQLite's message if the file cannot be opened: the server cannot run without it.
  explicit Ledger(const std::string& path);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  std::optional<std::string> setting(const std::string& key);
  void set_setting(const std::string& key, const std::string& value);

  void upsert_terminal(const Terminal& terminal);
  std::optional<Terminal> find_terminal(const std::string& terminal_id);

  // Terminal activation (ledger_terminals.cpp).
  void add_activation_code(const ActivationCode& code);
  // In one transaction: the unused, unexpired code with `code_hash` is marked used by
  // `terminal` (whose merchant and currency it fills in), the terminal is created and
  // `nonce` remembered for it. Nothing is written when the code is not usable (nullopt).
  std::optional<Terminal> activate_terminal(const std::string& code_hash, Terminal terminal, const std::string& nonce,
                                            std::int64_t now_ms);
  std::vector<Terminal> list_terminals();
  // Moves a setting out of the ledger (the key folder now keeps it).
  void delete_setting(const std::string& key);

  // Heartbeats (ledger_health.cpp): the latest per terminal replaces the one before.
  void record_heartbeat(const HealthRow& row);
  std::vector<TerminalHealth> list_health();

  // Remembers a request nonce; false if this terminal used it before (a replay).
  // Now and then forgets nonces older than `keep_ms`.
  bool remember_nonce(const std::string& terminal_id, const std::string& nonce, std::int64_t now_ms,
                      std::int64_t keep_ms);

  // Records `trade` (a new payment or order) unless its out_trade_no exists for the
  // terminal: then `stored` is the existing trade, brought up to date, and the result
  // is `existing` for the same sale (kind, amount, currency and payment code; a
  // reverse tombstone matches any code) or `conflict`. `code_used` when another trade
  // has the payment code. On `created`, `stored` is `trade`.
  Recorded record_trade(const TradeRow& trade, std::int64_t now_ms, TradeRow& stored);

  // The trade brought up to date at `now_ms`: a pending magic trade whose time has
  // come settles, an unpaid order past expires_at is CLOSED (both are written).
  std::optional<TradeRow> find_trade(const std::string& terminal_id, const std::string& out_trade_no,
                                     std::int64_t now_ms);

  // Reverse (`reverse`) or close: unpaid -> REVERSED / CLOSED; paid -> REVERSED by a
  // reverse (refunded in full; `not_allowed` once partly refunded), unchanged by a
  // close; final -> unchanged. An unknown number is recorded CLOSED with `request`'s
  // amount and currency (a tombstone), so a late pay or create cannot succeed.
  Cancelled cancel_trade(const std::string& terminal_id, const std::string& out_trade_no,
                         const messages::CancelRequest& request, bool reverse, std::int64_t now_ms, TradeRow& stored);

  // Refunds part or all of a SUCCESS trade; idempotent by out_refund_no (`existing`;
  // `conflict` if that number names another trade or amount). The cumulative refunds
  // never exceed the paid amount (`exceeds`).
  Refunded refund(const std::string& terminal_id, const messages::RefundRequest& request, std::int64_t now_ms,
                  RefundRow& stored);
  std::optional<RefundRow> find_refund(const std::string& terminal_id, const std::string& out_refund_no);

  // Customer side (no terminal): the order with this number, whichever terminal made
  // it; `ambiguous` if two terminals use the number.
  CustomerLookup find_order_for_customer(const std::string& out_trade_no, std::int64_t now_ms, TradeRow& stored);
  // The customer's wallet pays the order (scheme wechat) with `tip_amount` on top
  // unless it is final.
  CustomerLookup customer_pay(const std::string& out_trade_no, std::int64_t tip_amount, std::int64_t now_ms,
                              TradeRow& stored);
  // A table's open bill: the terminal's newest order for `table_id` that is still
  // payable at `now_ms` (nullopt: none).
  std::optional<TradeRow> find_table_order(const std::string& terminal_id, const std::string& table_id,
                                           std::int64_t now_ms);

  // Bills (ledger_bills.cpp). A bill is visible to a terminal whose merchant_id is the
  // bill's, or to every terminal when the bill has none.
  BillAdded add_bill(const BillRow& bill);
  std::vector<BillRow> list_bills();
  std::optional<BillRow> find_bill_for_terminal(const std::string& terminal_id, const std::string& code);

  // One line per scheme: trades paid (and still SUCCESS) in [from_ms, to_ms), refunds
  // made in it, in `currency`; pending trades whose outcome is due by `now_ms` are
  // brought up to date first.
  std::vector<messages::DailyReportLine> daily_lines(const std::string& terminal_id, const std::string& currency,
                                                     std::int64_t from_ms, std::int64_t to_ms, std::int64_t now_ms);

 private:
  void exec(const char* sql);
  std::optional<TradeRow> load_trade(const std::string& terminal_id, const std::string& out_trade_no);
  std::vector<TradeRow> load_orders_by_number(const std::string& out_trade_no);
  // Inside a writer unit: the one order with this number, brought up to date.
  CustomerLookup load_order_for_customer(const std::string& out_trade_no, std::int64_t now_ms, TradeRow& stored);
  void insert_trade(const TradeRow& trade);
  void save_trade(const TradeRow& trade);
  // Applies settlement and expiry due at `now_ms` and saves if anything changed.
  void bring_up_to_date(TradeRow& trade, std::int64_t now_ms);
  void bring_all_up_to_date(const std::string& terminal_id, std::int64_t now_ms);
  // A pending trade is paid at `at_ms`: SUCCESS with its points and its bill, or
  // FAILED reference_paid when another payment paid that bill meanwhile.
  void settle_paid(TradeRow& trade, std::int64_t at_ms);
  // What a trade's becoming SUCCESS does besides its own row, in the same
  // transaction: the member's points (ledger_members.cpp), the bill (ledger_bills.cpp).
  void credit_points(TradeRow& trade);
  void take_back_points(TradeRow& trade);
  void enroll_member(const std::string& member_id, std::int64_t now_ms);
  std::int64_t points_balance_locked(const std::string& member_id);  // on db_, under mutex_
  bool reference_paid(const std::string& terminal_id, const std::string& reference);
  bool bill_differs(const std::string& terminal_id, const std::string& reference, std::int64_t amount,
                    const std::string& currency);
  void mark_bill_paid(const TradeRow& trade);
  void reopen_bill(const TradeRow& trade);

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  StatementCache statements_;  // db_'s, under mutex_
  // A second, read-only connection for the read on every request's path: WAL readers
  // do not wait for the writer's COMMIT (and its fsync).
  sqlite3* reader_ = nullptr;
  std::mutex reader_mutex_;
  StatementCache reader_statements_;  // reader_'s, under reader_mutex_
  std::uint64_t nonce_inserts_ = 0;
  std::unique_ptr<LedgerWriter> writer_;  // runs the transactions below; holds mutex_ while it does
};

}  // namespace qrpos::acquirer
