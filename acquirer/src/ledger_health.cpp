// Terminal heartbeats: the latest one per terminal, for the admin health page.
#include "ledger.hpp"
#include "ledger_writer.hpp"
#include "sqlite_statement.hpp"

namespace qrpos::acquirer {

void Ledger::record_heartbeat(const HealthRow& row) {
  const auto& h = row.health;
  // Through the writer like every state change: it commits with the heartbeat's nonce.
  writer_->run([&] {
    Statement(statements_,
              "INSERT INTO heartbeats(terminal_id, received_at, sent_at, version, camera, printer, clock_skew_ms, "
              "unfinished, last_error, journal_seq, journal_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT(terminal_id) DO UPDATE SET received_at = excluded.received_at, sent_at = excluded.sent_at, "
              "version = excluded.version, camera = excluded.camera, printer = excluded.printer, "
              "clock_skew_ms = excluded.clock_skew_ms, unfinished = excluded.unfinished, "
              "last_error = excluded.last_error, journal_seq = excluded.journal_seq, "
              "journal_hash = excluded.journal_hash")
        .bind(1, row.terminal_id)
        .bind(2, row.received_at_ms)
        .bind(3, row.sent_at_ms)
        .bind(4, h.version)
        .bind(5, h.camera)
        .bind(6, h.printer)
        .bind(7, h.clock_skew_ms)
        .bind(8, h.unfinished)
        .bind(9, h.last_error)
        .bind(10, h.journal_head ? h.journal_head->seq : 0)
        .bind(11, h.journal_head ? h.journal_head->hash : std::string())
        .step();
    return true;
  });
}

std::vector<TerminalHealth> Ledger::list_health() {
  std::lock_guard lock(mutex_);
  Statement s(statements_,
              "SELECT t.terminal_id, t.public_key, t.merchant_name, t.merchant_id, t.currency, t.device, t.created_at, "
              "h.received_at, h.sent_at, h.version, h.camera, h.printer, h.clock_skew_ms, h.unfinished, h.last_error, "
              "h.journal_seq, h.journal_hash "
              "FROM terminals t LEFT JOIN heartbeats h ON h.terminal_id = t.terminal_id "
              "ORDER BY t.created_at, t.terminal_id");
  std::vector<TerminalHealth> out;
  while (s.step()) {
    TerminalHealth th;
    th.terminal = {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6)};
    if (s.integer(7) > 0) {
      HealthRow row;
      row.terminal_id = th.terminal.terminal_id;
      row.received_at_ms = s.integer(7);
      row.sent_at_ms = s.integer(8);
      row.health = {s.text(9), s.text(10), s.text(11), s.integer(12), s.integer(13), s.text(14), std::nullopt};
      if (s.integer(15) > 0) row.health.journal_head = messages::JournalHead{s.integer(15), s.text(16)};
      th.latest = row;
    }
    out.push_back(std::move(th));
  }
  return out;
}

}  // namespace qrpos::acquirer
