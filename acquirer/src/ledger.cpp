#include "ledger.hpp"

#include <stdexcept>

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
};

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  }
  std::string text(int col) {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

Payment read_payment(Statement& s) {
  Payment p;
  p.terminal_id = s.text(0);
  p.out_trade_no = s.text(1);
  p.amount = s.integer(2);
  p.currency = s.text(3);
  p.scheme = s.text(4);
  p.auth_code_masked = s.text(5);
  p.auth_code_fingerprint = s.text(6);
  p.transaction_id = s.text(7);
  p.status = s.text(8);
  p.created_at_ms = s.integer(9);
  p.paid_at_ms = s.integer(10);
  return p;
}

constexpr const char* kPaymentColumns =
    "terminal_id, out_trade_no, amount, currency, scheme, auth_code_masked, auth_code_fingerprint, "
    "transaction_id, status, created_at, paid_at";

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
  Statement version(db_, "PRAGMA user_version");
  version.step();
  const auto current = version.integer(0);
  const auto target = static_cast<std::int64_t>(std::size(kMigrations));
  for (auto v = current; v < target; ++v) {
    exec("BEGIN IMMEDIATE");
    exec(kMigrations[v]);
    exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
    exec("COMMIT");
  }
}

Ledger::~Ledger() { sqlite3_close(db_); }

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
  Statement s(db_, "SELECT value FROM settings WHERE key = ?");
  if (!s.bind(1, key).step()) return std::nullopt;
  return s.text(0);
}

void Ledger::set_setting(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  Statement(db_, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .step();
}

void Ledger::upsert_terminal(const Terminal& t) {
  std::lock_guard lock(mutex_);
  Statement(db_,
            "INSERT INTO terminals(terminal_id, public_key, merchant_name) VALUES (?, ?, ?) "
            "ON CONFLICT(terminal_id) DO UPDATE SET public_key = excluded.public_key, merchant_name = excluded.merchant_name")
      .bind(1, t.terminal_id)
      .bind(2, t.public_key_hex)
      .bind(3, t.merchant_name)
      .step();
}

std::optional<Terminal> Ledger::find_terminal(const std::string& terminal_id) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "SELECT terminal_id, public_key, merchant_name FROM terminals WHERE terminal_id = ?");
  if (!s.bind(1, terminal_id).step()) return std::nullopt;
  return Terminal{s.text(0), s.text(1), s.text(2)};
}

bool Ledger::remember_nonce(const std::string& terminal_id, const std::string& nonce, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  Statement s(db_, "INSERT INTO nonces(terminal_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  s.bind(1, terminal_id).bind(2, nonce).bind(3, now_ms).step();
  return sqlite3_changes(db_) == 1;
}

Recorded Ledger::record_payment(const Payment& p, Payment& stored) {
  std::lock_guard lock(mutex_);
  exec("BEGIN IMMEDIATE");
  try {
    Statement existing(db_, (std::string("SELECT ") + kPaymentColumns +
                             " FROM payments WHERE terminal_id = ? AND out_trade_no = ?")
                                .c_str());
    if (existing.bind(1, p.terminal_id).bind(2, p.out_trade_no).step()) {
      stored = read_payment(existing);
      exec("COMMIT");
      const bool same_sale = stored.amount == p.amount && stored.currency == p.currency &&
                             stored.auth_code_fingerprint == p.auth_code_fingerprint;
      return same_sale ? Recorded::existing : Recorded::conflict;
    }
    Statement used(db_, "SELECT 1 FROM payments WHERE auth_code_fingerprint = ?");
    if (used.bind(1, p.auth_code_fingerprint).step()) {
      exec("COMMIT");
      return Recorded::code_used;
    }
    Statement insert(db_, (std::string("INSERT INTO payments(") + kPaymentColumns +
                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                              .c_str());
    insert.bind(1, p.terminal_id).bind(2, p.out_trade_no).bind(3, p.amount).bind(4, p.currency).bind(5, p.scheme);
    insert.bind(6, p.auth_code_masked).bind(7, p.auth_code_fingerprint).bind(8, p.transaction_id).bind(9, p.status);
    insert.bind(10, p.created_at_ms).bind(11, p.paid_at_ms).step();
    exec("COMMIT");
    stored = p;
    return Recorded::created;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace qrpos::acquirer
