// The tamper-evident journal: an append-only log of every journal write, each entry
// hash-chained to the one before and signed by the terminal key, so anyone holding
// the terminal's public key can tell whether an exported log was edited, cut or
// shuffled. The journal records themselves (journal.hpp) stay what resume and
// reconcile read; the chain is the evidence beside them.
//
// Entry hash: SHA-256 over a canonical encoding (the domain tag "qrpos.journal_chain.v1",
// then seq and at_ms as 8-byte big-endian integers, then session_id, record and
// prev_hash, each as an 8-byte big-endian length followed by its bytes). The
// signature is Ed25519 over the 32 raw hash bytes.
//
// An entry is one JSON line:
//   {"seq":1,"at_ms":...,"session":"...","record":"...","prev":"<64 hex>","hash":"<64 hex>","sig":"<base64>"}
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/crypto.hpp"
#include "qrpos/result.hpp"

namespace qrpos::journal_chain {

using Hash = std::array<std::uint8_t, 32>;

// Bounds on what append() writes and parse_entry() reads.
constexpr std::size_t kMaxSessionIdSize = 64;
constexpr std::size_t kMaxRecordSize = 8 * 1024;  // journal::kMaxRecordSize
// A record escaped into JSON can grow (quotes, control characters): room for that.
constexpr std::size_t kMaxEntrySize = 6 * kMaxRecordSize + 1024;

// The last entry of a chain; the empty chain's head is {0, all zero}.
struct ChainHead {
  std::int64_t seq = 0;
  Hash hash{};
};

struct ChainEntry {
  std::int64_t seq = 0;  // 1 for the first entry, then +1 per entry
  std::int64_t at_ms = 0;
  std::string session_id;
  std::string record;
  Hash prev_hash{};  // the previous entry's hash; all zero for the first
  Hash hash{};
  crypto::Signature signature{};
};

// The next entry after `head`: invalid_field for an empty or too long session id, a
// negative time or head, input_too_long for a record over kMaxRecordSize.
Result<ChainEntry> append(const ChainHead& head, const crypto::SigningKey& key, std::int64_t at_ms,
                          std::string_view session_id, std::string_view record);

// The canonical hash of an entry's contents (seq, at_ms, session_id, record,
// prev_hash); its stored `hash` is not read.
Hash content_hash(const ChainEntry& entry);

ChainHead head_of(const ChainEntry& entry);

std::string to_json(const ChainEntry& entry);

// One entry line: input_too_long past kMaxEntrySize, malformed_message for anything
// not shaped like an entry, invalid_field for a field that breaks its bound. It does
// not check the hash, the signature or the chain: verify() does.
Result<ChainEntry> parse_entry(std::string_view line);

// Why a chain is not intact; the names reach JS through the tools binding.
#define QRPOS_CHAIN_PROBLEMS(X)                                                      \
  X(none)          /* intact */                                                      \
  X(empty)         /* no entries at all */                                           \
  X(malformed)     /* a line that is not an entry */                                 \
  X(changed)       /* the hash does not match the contents (or the expected head) */ \
  X(bad_signature) /* the hash is not signed by the terminal key */                  \
  X(removed)       /* an entry is missing before this one (or at the end) */         \
  X(reordered)     /* this entry is out of order */

enum class ChainProblem {
#define QRPOS_CHAIN_ENUM_ITEM(name) name,
  QRPOS_CHAIN_PROBLEMS(QRPOS_CHAIN_ENUM_ITEM)
#undef QRPOS_CHAIN_ENUM_ITEM
};

const char* problem_name(ChainProblem problem);

struct ChainReport {
  bool ok = false;
  std::size_t entries = 0;  // lines read
  // The first problem found (none when ok): the line's index and the seq it carries
  // (or, for a removal, the seq that is missing).
  ChainProblem problem = ChainProblem::none;
  std::size_t index = 0;
  std::int64_t seq = 0;
  std::string detail;  // for people; never holds a record's contents
};

// Checks `lines` in order, stopping at the first problem. Each line must parse
// (malformed), its hash must match its contents (changed) and be signed by
// `public_key` (bad_signature). Then the chain: the first entry must be seq 1 after
// the zero hash, and each next one seq + 1 after the previous entry's hash.
//   - seq not above the previous entry's: reordered.
//   - a seq gap (the first entry included, if above 1): reordered if the missing seq
//     appears later in the list (the entries were moved), removed if it appears nowhere.
//   - the right seq but a prev hash that is not the previous entry's: removed (what
//     it followed is gone, e.g. a removed entry and everything renumbered and re-signed
//     by the terminal key cannot be told from a fork).
// Only an entry at the end can be removed without trace: pass `expected_head` (a
// head the caller trusts, e.g. from a heartbeat) to detect that. A last entry below
// the expected seq is removed (index = entries, seq = the first missing); any other
// mismatch with it is changed. Without it a cut at the end is not detected.
// `after`: verify a segment that continues a chain already verified up to that head
// (its first line must then be after.seq + 1 following after.hash); a move across
// segments reads as removed, since the look-ahead sees this segment only.
// Lines are not bounded in number; callers bound what they read. Pure and
// thread-safe, like everything here (crypto::init() must have succeeded once).
ChainReport verify(const crypto::PublicKey& public_key, const std::vector<std::string>& lines,
                   const std::optional<ChainHead>& expected_head = std::nullopt, const ChainHead& after = ChainHead{});

}  // namespace qrpos::journal_chain
