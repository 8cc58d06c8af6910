// Terminals and their activation codes.
#include "ledger.hpp"
#include "ledger_writer.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {

void Ledger::add_activation_code(const ActivationCode& c) {
  std::lock_guard lock(mutex_);
  Statement(statements_,
            "INSERT INTO activation_codes(code_hash, merchant_id, merchant_name, currency, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, c.code_hash)
      .bind(2, c.merchant_id)
      .bind(3, c.merchant_name)
      .bind(4, c.currency)
      .bind(5, c.created_at_ms)
      .bind(6, c.expires_at_ms)
      .step();
}

std::optional<Terminal> Ledger::activate_terminal(const std::string& code_hash, Terminal t, const std::string& nonce,
                                                  std::int64_t now_ms) {
  bool usable = false;
  // One unit of the writer's next batch: false (an unusable code) writes nothing.
  writer_->run([&] {
    {
      Statement code(statements_,
                     "SELECT merchant_id, merchant_name, currency FROM activation_codes "
                     "WHERE code_hash = ? AND used_at = 0 AND expires_at > ?");
      if (!code.bind(1, code_hash).bind(2, now_ms).step()) return false;
      t.merchant_id = code.text(0);
      t.merchant_name = code.text(1);
      t.currency = code.text(2);
    }
    t.created_at_ms = now_ms;
    Statement(statements_, "UPDATE activation_codes SET used_at = ?, terminal_id = ? WHERE code_hash = ?")
        .bind(1, now_ms)
        .bind(2, t.terminal_id)
        .bind(3, code_hash)
        .step();
    Statement(
        statements_,
        "INSERT INTO terminals(terminal_id, public_key, merchant_name, merchant_id, currency, device, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, t.terminal_id)
        .bind(2, t.public_key_hex)
        .bind(3, t.merchant_name)
        .bind(4, t.merchant_id)
        .bind(5, t.currency)
        .bind(6, t.device)
        .bind(7, now_ms)
        .step();
    Statement(statements_, "INSERT INTO nonces(terminal_id, nonce, seen_at) VALUES (?, ?, ?)")
        .bind(1, t.terminal_id)
        .bind(2, nonce)
        .bind(3, now_ms)
        .step();
    usable = true;
    return true;
  });
  if (!usable) return std::nullopt;
  return t;
}

std::vector<Terminal> Ledger::list_terminals() {
  std::lock_guard lock(mutex_);
  Statement s(statements_,
              "SELECT terminal_id, public_key, merchant_name, merchant_id, currency, device, created_at "
              "FROM terminals ORDER BY created_at, terminal_id");
  std::vector<Terminal> out;
  while (s.step()) {
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6)});
  }
  return out;
}

void Ledger::delete_setting(const std::string& key) {
  std::lock_guard lock(mutex_);
  Statement(statements_, "DELETE FROM settings WHERE key = ?").bind(1, key).step();
}

}  // namespace qrpos::acquirer
