// journal_chain on arbitrary bytes, two ways (first byte picks). Lines: every line
// that parses re-encodes to a line that parses to the same encoding, and verify() on
// the lines never crashes. Shuffles: the bytes pick entries of one honest chain (with
// repeats, gaps and any order); verify() with the honest head says intact exactly
// when the pick is the whole chain in order.
//
// fuzz-max-len: 51200 (just past the entry line bound, kMaxEntrySize)
#include <cstdint>
#include <string>
#include <vector>

#include "qrpos/journal_chain.hpp"

namespace {

using namespace qrpos::journal_chain;

constexpr std::size_t kHonestSize = 6;

const qrpos::crypto::SigningKey& terminal_key() {
  static const auto key = [] {
    if (!qrpos::crypto::init()) __builtin_trap();
    return qrpos::crypto::SigningKey::from_seed(std::string(32, 't')).value();
  }();
  return key;
}

struct Honest {
  std::vector<std::string> lines;
  ChainHead head;
};

const Honest& honest_chain() {
  static const Honest chain = [] {
    Honest h;
    for (std::size_t i = 0; i < kHonestSize; ++i) {
      auto entry = append(h.head, terminal_key(), 1000 + static_cast<std::int64_t>(i), "S", std::to_string(i));
      if (!entry.ok()) __builtin_trap();
      h.head = head_of(entry.value());
      h.lines.push_back(to_json(entry.value()));
    }
    return h;
  }();
  return chain;
}

void lines(const std::string& text) {
  std::vector<std::string> split;
  std::size_t start = 0;
  while (start <= text.size() && split.size() < 64) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    split.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  for (const auto& line : split) {
    auto first = parse_entry(line);
    if (!first.ok()) continue;
    const std::string encoded = to_json(first.value());
    auto second = parse_entry(encoded);
    if (!second.ok() || to_json(second.value()) != encoded) __builtin_trap();
  }
  (void)verify(terminal_key().public_key(), split);
}

void shuffles(const std::string& picks) {
  const Honest& h = honest_chain();
  std::vector<std::string> chain;
  bool in_order = picks.size() == kHonestSize;
  // Two chains' worth of picks: repeats, gaps and reorders, each pick costing a signature check.
  for (std::size_t i = 0; i < picks.size() && i < 2 * kHonestSize; ++i) {
    const std::size_t pick = static_cast<unsigned char>(picks[i]) % kHonestSize;
    in_order = in_order && pick == i;
    chain.push_back(h.lines[pick]);
  }
  const ChainReport report = verify(terminal_key().public_key(), chain, h.head);
  if (report.ok != in_order) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    shuffles(rest);
  } else {
    lines(rest);
  }
  return 0;
}
