// The heartbeat bodies (a terminal's health, the acquirer's answer) on arbitrary bytes.
// Invariants: whatever parses re-encodes to JSON that parses to the same encoding, and
// an accepted heartbeat keeps the protocol's bounds (the admin page shows its text).
//
// fuzz-max-len: 1100 (just past kMaxHeartbeatSize)
#include <cstdint>
#include <string>

#include "qrpos/messages.hpp"

namespace {

using namespace qrpos::messages;

template <class Parse>
void round_trip(const std::string& text, Parse parse) {
  auto first = parse(text);
  if (!first.ok()) return;
  const std::string encoded = to_json(first.value());
  auto second = parse(encoded);
  if (!second.ok() || to_json(second.value()) != encoded) __builtin_trap();
}

bool printable(const std::string& s) {
  for (const unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  round_trip(text, parse_heartbeat);
  round_trip(text, parse_heartbeat_answer);
  if (auto h = parse_heartbeat(text); h.ok()) {
    const Heartbeat& b = h.value();
    if (b.version.empty() || b.version.size() > 32 || b.last_error.size() > 64) __builtin_trap();
    if (!printable(b.version) || !printable(b.last_error) || b.unfinished < 0) __builtin_trap();
    if (b.journal_head && (b.journal_head->seq < 1 || b.journal_head->hash.size() != 64)) __builtin_trap();
  }
  return 0;
}
