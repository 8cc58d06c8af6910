#include "qrpos/journal_chain.hpp"

#include <algorithm>
#include <limits>

#include "json_util.hpp"

namespace qrpos::journal_chain {
namespace {

using json_util::get_int;
using json_util::get_string;
using json_util::json;

constexpr std::string_view kDomain = "qrpos.journal_chain.v1";

// Fixed-width integers and length prefixes make the encoding unambiguous: no choice
// of field contents can make two different entries encode to the same bytes.
void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void put_field(std::string& out, std::string_view field) {
  put_u64(out, field.size());
  out.append(field);
}

std::string_view view_of(const Hash& hash) { return {reinterpret_cast<const char*>(hash.data()), hash.size()}; }

template <std::size_t N>
bool array_from_hex(const std::string& hex, std::array<std::uint8_t, N>& out) {
  if (hex.size() != 2 * N) return false;
  auto bytes = crypto::from_hex(hex);
  if (!bytes.ok() || bytes.value().size() != N) return false;
  std::copy(bytes.value().begin(), bytes.value().end(), out.begin());
  return true;
}

Error invalid(std::string detail) { return make_error(ErrorCode::invalid_field, std::move(detail)); }

}  // namespace

Hash content_hash(const ChainEntry& entry) {
  std::string encoded;
  encoded.reserve(kDomain.size() + 64 + entry.session_id.size() + entry.record.size());
  put_field(encoded, kDomain);
  put_u64(encoded, static_cast<std::uint64_t>(entry.seq));
  put_u64(encoded, static_cast<std::uint64_t>(entry.at_ms));
  put_field(encoded, entry.session_id);
  put_field(encoded, entry.record);
  put_field(encoded, view_of(entry.prev_hash));
  Hash hash{};
  // sha256_hex always yields 64 hex digits, so this cannot fail.
  (void)array_from_hex(crypto::sha256_hex(encoded), hash);
  return hash;
}

ChainHead head_of(const ChainEntry& entry) { return ChainHead{entry.seq, entry.hash}; }

Result<ChainEntry> append(const ChainHead& head, const crypto::SigningKey& key, std::int64_t at_ms,
                          std::string_view session_id, std::string_view record) {
  if (head.seq < 0 || head.seq == std::numeric_limits<std::int64_t>::max()) return invalid("head seq out of range");
  if (at_ms < 0) return invalid("time before 1970");
  if (session_id.empty() || session_id.size() > kMaxSessionIdSize) return invalid("session id empty or too long");
  if (record.size() > kMaxRecordSize) return make_error(ErrorCode::input_too_long, "record too large");
  ChainEntry entry;
  entry.seq = head.seq + 1;
  entry.at_ms = at_ms;
  entry.session_id = std::string(session_id);
  entry.record = std::string(record);
  entry.prev_hash = head.hash;
  entry.hash = content_hash(entry);
  entry.signature = key.sign(view_of(entry.hash));
  return entry;
}

std::string to_json(const ChainEntry& entry) {
  // Keys in a fixed order so one entry always has one line.
  json j = json::object();
  j["seq"] = entry.seq;
  j["at_ms"] = entry.at_ms;
  j["session"] = entry.session_id;
  j["record"] = entry.record;
  j["prev"] = crypto::to_hex(entry.prev_hash);
  j["hash"] = crypto::to_hex(entry.hash);
  j["sig"] = crypto::to_base64(entry.signature);
  return json_util::to_text(j);
}

Result<ChainEntry> parse_entry(std::string_view line) {
  auto parsed = json_util::parse_object(line, kMaxEntrySize);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  ChainEntry entry;
  std::string prev, hash, sig;
  if (!get_int(j, "seq", entry.seq) || !get_int(j, "at_ms", entry.at_ms) ||
      !get_string(j, "session", entry.session_id) || !get_string(j, "record", entry.record) ||
      !get_string(j, "prev", prev) || !get_string(j, "hash", hash) || !get_string(j, "sig", sig)) {
    return json_util::malformed("entry needs seq, at_ms, session, record, prev, hash, sig");
  }
  if (entry.seq < 1) return invalid("seq below 1");
  if (entry.at_ms < 0) return invalid("time before 1970");
  if (entry.session_id.empty() || entry.session_id.size() > kMaxSessionIdSize) return invalid("session id size");
  if (entry.record.size() > kMaxRecordSize) return make_error(ErrorCode::input_too_long, "record too large");
  if (!array_from_hex(prev, entry.prev_hash)) return invalid("prev is not 32 bytes of hex");
  if (!array_from_hex(hash, entry.hash)) return invalid("hash is not 32 bytes of hex");
  auto signature = crypto::signature_from_base64(sig);
  if (!signature.ok()) return invalid("sig is not a base64 Ed25519 signature");
  entry.signature = signature.value();
  return entry;
}

}  // namespace qrpos::journal_chain
