// Binding for qrpos/journal_chain.hpp's append: the kiosk chains every journal write,
// so it lives in the boot core; verifying chains is in the tools module.
#include <emscripten/bind.h>

#include "common/dto.hpp"
#include "qrpos/journal_chain.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

// The entry after the head {headSeq, headHashHex} (0 and "" for the first) as its
// JSON line; the new head is that line's seq and hash.
TextResult chain_journal_entry(const std::string& seed_hex, double head_seq, const std::string& head_hash_hex,
                               double at_ms, const std::string& session_id, const std::string& record) {
  auto key = signing_key(seed_hex);
  if (!key.ok()) return text_error(key.error());
  journal_chain::ChainHead head;
  head.seq = static_cast<std::int64_t>(head_seq);
  if (!head_hash_hex.empty()) {
    auto hash = crypto::from_hex(head_hash_hex);
    if (!hash.ok() || hash.value().size() != head.hash.size()) {
      return text_error(make_error(ErrorCode::invalid_encoding, "headHashHex must be 64 hex characters"));
    }
    std::copy(hash.value().begin(), hash.value().end(), head.hash.begin());
  }
  auto entry = journal_chain::append(head, key.value(), static_cast<std::int64_t>(at_ms), session_id, record);
  return entry.ok() ? text_ok(journal_chain::to_json(entry.value())) : text_error(entry.error());
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_journal_chain) { emscripten::function("chainJournalEntry", &chain_journal_entry); }
