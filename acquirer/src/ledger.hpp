// The sandbox acquirer's ledger: one SQLite file in WAL mode, money as integers.
// Thread-safe: every call takes the connection's lock.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace qrpos::acquirer {

struct Terminal {
  std::string terminal_id;
  std::string public_key_hex;
  std::string merchant_name;
};

struct Payment {
  std::string terminal_id;
  std::string out_trade_no;
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  std::string auth_code_fingerprint;  // keyed hash: recognises reuse, reveals nothing
  std::string transaction_id;
  std::string status;
  std::int64_t created_at_ms = 0;
  std::int64_t paid_at_ms = 0;
};

// What record_payment did.
enum class Recorded { created, existing, conflict, code_used };

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

  // Remembers a request nonce; false if this terminal used it before (a replay).
  bool remember_nonce(const std::string& terminal_id, const std::string& nonce, std::int64_t now_ms);

  // Records `payment` unless its out_trade_no exists for the terminal (then `stored`
  // is the existing row: `existing` if the same sale, `conflict` if different) or its
  // payment code was already used (`code_used`). Atomic.
  Recorded record_payment(const Payment& payment, Payment& stored);

 private:
  void exec(const char* sql);
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace qrpos::acquirer
