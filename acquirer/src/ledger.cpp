#include "ledger.hpp"

#include <iterator>
#include <stdexcept>

#include "ledger_writer.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {
namespace {

// Each entry moves the schema one version up; never edit a shipped entry.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE terminals (
      terminal_id TEXT PRIMARY KEY,
      public_key TEXT NOT NULL,
      merchant_name TEXT NOT NULL);
    CREATE TABLE nonces (
      terminal_id TEXT NOT NULL,
      nonce TEXT NOT NULL,
      seen_at INTEGER NOT NULL,
      PRIMARY KEY (terminal_id, nonce));
    CREATE TABLE payments (
      id INTEGER PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
      out_trade_no TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      scheme TEXT NOT NULL,
      auth_code_masked TEXT NOT NULL,
      auth_code_fingerprint TEXT NOT NULL UNIQUE,
      transaction_id TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      paid_at INTEGER NOT NULL,
      UNIQUE (terminal_id, out_trade_no));
    )sql",
    // 2: payments and orders become trades (with their lifecycle), refunds, and
    // nonce expiry. `payments` stays readable as a view for tools and tests.
    R"sql(
    CREATE TABLE trades (
      id INTEGER PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
      out_trade_no TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('payment', 'order')),
      status TEXT NOT NULL CHECK (status IN ('NOTPAY', 'USERPAYING', 'SUCCESS', 'FAILED', 'REVERSED', 'CLOSED')),
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      scheme TEXT NOT NULL DEFAULT '',
      auth_code_masked TEXT NOT NULL DEFAULT '',
      auth_code_fingerprint TEXT UNIQUE,
      transaction_id TEXT UNIQUE,
      refunded_amount INTEGER NOT NULL DEFAULT 0 CHECK (refunded_amount BETWEEN 0 AND amount),
      reason TEXT NOT NULL DEFAULT '',
      magic TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      code_url TEXT NOT NULL DEFAULT '',
      emv_payload TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      settle_at INTEGER NOT NULL DEFAULT 0,
      expires_at INTEGER NOT NULL DEFAULT 0,
      paid_at INTEGER NOT NULL DEFAULT 0,
      closed_at INTEGER NOT NULL DEFAULT 0,
      UNIQUE (terminal_id, out_trade_no));
    INSERT INTO trades (terminal_id, out_trade_no, kind, status, amount, currency, scheme, auth_code_masked,
                        auth_code_fingerprint, transaction_id, created_at, paid_at)
      SELECT terminal_id, out_trade_no, 'payment', status, amount, currency, scheme, auth_code_masked,
             auth_code_fingerprint, transaction_id, created_at, paid_at FROM payments;
    DROP TABLE payments;
    CREATE VIEW payments AS
      SELECT id, terminal_id, out_trade_no, amount, currency, scheme, auth_code_masked, auth_code_fingerprint,
             transaction_id, status, created_at, paid_at, refunded_amount, reason
      FROM trades WHERE kind = 'payment';
    CREATE INDEX trades_by_paid_at ON trades (terminal_id, paid_at);
    CREATE INDEX trades_by_number ON trades (out_trade_no);
    CREATE TABLE refunds (
      id INTEGER PRIMARY KEY,
      terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
      out_refund_no TEXT NOT NULL,
      out_trade_no TEXT NOT NULL,
      refund_id TEXT NOT NULL UNIQUE,
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('PROCESSING', 'SUCCESS', 'FAILED')),
      reason TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      UNIQUE (terminal_id, out_refund_no),
      FOREIGN KEY (terminal_id, out_trade_no) REFERENCES trades (terminal_id, out_trade_no));
    CREATE INDEX refunds_by_created_at ON refunds (terminal_id, created_at);
    CREATE INDEX nonces_by_seen_at ON nonces (seen_at);
    )sql",
    // 3: terminal activation. A code is kept only as a keyed hash; a terminal
    // remembers its merchant, currency and when it was activated.
    R"sql(
    CREATE TABLE activation_codes (
      code_hash TEXT PRIMARY KEY,
      merchant_id TEXT NOT NULL,
      merchant_name TEXT NOT NULL,
      currency TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER NOT NULL DEFAULT 0,
      terminal_id TEXT NOT NULL DEFAULT '');
    ALTER TABLE terminals ADD COLUMN merchant_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE terminals ADD COLUMN currency TEXT NOT NULL DEFAULT 'CNY';
    ALTER TABLE terminals ADD COLUMN device TEXT NOT NULL DEFAULT '';
    ALTER TABLE terminals ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 4: each terminal's latest heartbeat (ledger_health.cpp), replaced by the next.
    R"sql(
    CREATE TABLE heartbeats (
      terminal_id TEXT PRIMARY KEY REFERENCES terminals(terminal_id),
      received_at INTEGER NOT NULL,
      sent_at INTEGER NOT NULL,
      version TEXT NOT NULL,
      camera TEXT NOT NULL,
      printer TEXT NOT NULL,
      clock_skew_ms INTEGER NOT NULL,
      unfinished INTEGER NOT NULL CHECK (unfinished >= 0),
      last_error TEXT NOT NULL,
      journal_seq INTEGER NOT NULL DEFAULT 0,
      journal_hash TEXT NOT NULL DEFAULT '');
    )sql",
    // 5: merchant scenarios. Loyalty members and the points each paid trade earned;
    // the reference (ticket, room, bill) a trade pays, its restaurant table and tip;
    // bills the sandbox looks up and marks paid (ledger_members.cpp, ledger_bills.cpp).
    R"sql(
    CREATE TABLE members (
      member_id TEXT PRIMARY KEY,
      points_balance INTEGER NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
      updated_at INTEGER NOT NULL);
    ALTER TABLE trades ADD COLUMN member_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE trades ADD COLUMN points_earned INTEGER NOT NULL DEFAULT 0 CHECK (points_earned >= 0);
    ALTER TABLE trades ADD COLUMN reference TEXT NOT NULL DEFAULT '';
    ALTER TABLE trades ADD COLUMN table_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE trades ADD COLUMN tip_amount INTEGER NOT NULL DEFAULT 0 CHECK (tip_amount >= 0);
    CREATE INDEX trades_by_table ON trades (terminal_id, table_id) WHERE table_id != '';
    CREATE TABLE bills (
      code TEXT PRIMARY KEY,
      merchant_id TEXT NOT NULL DEFAULT '',
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN ('open', 'paid')),
      out_trade_no TEXT NOT NULL DEFAULT '',
      terminal_id TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      paid_at INTEGER NOT NULL DEFAULT 0);
    )sql",
};

// Forget old nonces once per this many inserts: cheap, and bounded.
constexpr std::uint64_t kNoncePruneEvery = 256;

}  // namespace

Ledger::Ledger(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open ledger " + path + ": " + why);
  }
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");  // a recorded payment survives a power cut
  exec("PRAGMA foreign_keys=ON");
  std::int64_t current = 0;
  {
    // Finalized before migrating: an open statement would lock the tables a migration drops.
    Statement version(db_, "PRAGMA user_version");
    version.step();
    current = version.integer(0);
  }
  const auto target = static_cast<std::int64_t>(std::size(kMigrations));
  for (auto v = current; v < target; ++v) {
    exec("BEGIN IMMEDIATE");
    exec(kMigrations[v]);
    exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
    exec("COMMIT");
  }
  if (sqlite3_open_v2(path.c_str(), &reader_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string why = reader_ ? sqlite3_errmsg(reader_) : "out of memory";
    sqlite3_close(reader_);
    sqlite3_close(db_);
    throw std::runtime_error("cannot open ledger " + path + " for reading: " + why);
  }
  sqlite3_busy_timeout(reader_, 5000);
  statements_.attach(db_);
  reader_statements_.attach(reader_);
  writer_ = std::make_unique<LedgerWriter>(db_, mutex_);
}

Ledger::~Ledger() {
  writer_.reset();
  reader_statements_.clear();  // a connection with statements left does not close
  statements_.clear();
  sqlite3_close(reader_);
  sqlite3_close(db_);
}

void Ledger::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("ledger: " + why);
  }
}

std::optional<std::string> Ledger::setting(const std::string& key) {
  std::lock_guard lock(mutex_);
  Statement s(statements_, "SELECT value FROM settings WHERE key = ?");
  if (!s.bind(1, key).step()) return std::nullopt;
  return s.text(0);
}

void Ledger::set_setting(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  Statement(statements_,
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .step();
}

void Ledger::upsert_terminal(const Terminal& t) {
  std::lock_guard lock(mutex_);
  Statement(
      statements_,
      "INSERT INTO terminals(terminal_id, public_key, merchant_name) VALUES (?, ?, ?) "
      "ON CONFLICT(terminal_id) DO UPDATE SET public_key = excluded.public_key, merchant_name = excluded.merchant_name")
      .bind(1, t.terminal_id)
      .bind(2, t.public_key_hex)
      .bind(3, t.merchant_name)
      .step();
}

std::optional<Terminal> Ledger::find_terminal(const std::string& terminal_id) {
  std::lock_guard lock(reader_mutex_);
  Statement s(reader_statements_,
              "SELECT terminal_id, public_key, merchant_name, merchant_id, currency, device, created_at "
              "FROM terminals WHERE terminal_id = ?");
  if (!s.bind(1, terminal_id).step()) return std::nullopt;
  return Terminal{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6)};
}

bool Ledger::remember_nonce(const std::string& terminal_id, const std::string& nonce, std::int64_t now_ms,
                            std::int64_t keep_ms) {
  bool fresh = false;
  // A unit of the writer's next batch, but the answer comes as soon as the INSERT ran,
  // before the batch commits: the nonce needs no fsync of its own. The state change
  // this request goes on to make commits in the same batch or a later one, and that
  // COMMIT's fsync covers the WAL with the nonce's frames in it. A crash or power cut
  // before then loses a nonce whose request changed nothing and was never answered,
  // so its replay is harmless. (Before group commit: a synchronous=NORMAL commit of
  // its own, synced by the next FULL one; same reasoning.)
  writer_->run_uncommitted([&] {
    Statement s(statements_, "INSERT INTO nonces(terminal_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    s.bind(1, terminal_id).bind(2, nonce).bind(3, now_ms).step();
    fresh = sqlite3_changes(db_) == 1;
    if (fresh && ++nonce_inserts_ % kNoncePruneEvery == 0) {
      Statement(statements_, "DELETE FROM nonces WHERE seen_at < ?").bind(1, now_ms - keep_ms).step();
    }
    return true;
  });
  return fresh;
}

}  // namespace qrpos::acquirer
