// verify(): the rules are in journal_chain.hpp; this file only applies them in order.
#include <algorithm>

#include "qrpos/journal_chain.hpp"

namespace qrpos::journal_chain {
namespace {

ChainReport problem_at(std::size_t entries, ChainProblem problem, std::size_t index, std::int64_t seq,
                       std::string detail) {
  ChainReport report;
  report.entries = entries;
  report.problem = problem;
  report.index = index;
  report.seq = seq;
  report.detail = std::move(detail);
  return report;
}

std::string_view view_of(const Hash& hash) { return {reinterpret_cast<const char*>(hash.data()), hash.size()}; }

// A gap before `seq_missing` is a move rather than a removal when that seq turns up
// later. Only seqs are compared: an entry that fails its own checks is reported
// there when the scan reaches it.
bool appears_after(const std::vector<ChainEntry>& entries, std::size_t index, std::int64_t seq_missing) {
  return std::any_of(entries.begin() + static_cast<std::ptrdiff_t>(index) + 1, entries.end(),
                     [&](const ChainEntry& e) { return e.seq == seq_missing; });
}

}  // namespace

const char* problem_name(ChainProblem problem) {
  switch (problem) {
#define QRPOS_CHAIN_NAME_ITEM(name) \
  case ChainProblem::name:          \
    return #name;
    QRPOS_CHAIN_PROBLEMS(QRPOS_CHAIN_NAME_ITEM)
#undef QRPOS_CHAIN_NAME_ITEM
  }
  return "unknown";
}

ChainReport verify(const crypto::PublicKey& public_key, const std::vector<std::string>& lines,
                   const std::optional<ChainHead>& expected_head, const ChainHead& after) {
  const std::size_t n = lines.size();
  if (n == 0) return problem_at(0, ChainProblem::empty, 0, 0, "no entries");

  // Every entry on its own first: a damaged entry is reported as damaged even when it
  // also sits in the wrong place.
  std::vector<ChainEntry> entries;
  entries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto parsed = parse_entry(lines[i]);
    if (!parsed.ok()) return problem_at(n, ChainProblem::malformed, i, 0, parsed.error().detail);
    const ChainEntry& e = parsed.value();
    if (content_hash(e) != e.hash)
      return problem_at(n, ChainProblem::changed, i, e.seq, "hash does not match contents");
    if (!crypto::verify(public_key, view_of(e.hash), e.signature)) {
      return problem_at(n, ChainProblem::bad_signature, i, e.seq, "not signed by the terminal key");
    }
    entries.push_back(std::move(parsed).value());
  }

  ChainHead previous = after;  // by default the empty chain's head
  for (std::size_t i = 0; i < n; ++i) {
    const ChainEntry& e = entries[i];
    const std::int64_t wanted = previous.seq + 1;
    if (e.seq < wanted) return problem_at(n, ChainProblem::reordered, i, e.seq, "seq goes backwards");
    if (e.seq > wanted) {
      if (appears_after(entries, i, wanted)) {
        return problem_at(n, ChainProblem::reordered, i, e.seq, "entry found before seq " + std::to_string(wanted));
      }
      return problem_at(n, ChainProblem::removed, i, wanted, "seq " + std::to_string(wanted) + " is missing");
    }
    if (e.prev_hash != previous.hash) {
      return problem_at(n, ChainProblem::removed, i, e.seq, "does not follow the previous entry's hash");
    }
    previous = head_of(e);
  }

  if (expected_head) {
    if (previous.seq < expected_head->seq) {
      return problem_at(n, ChainProblem::removed, n, previous.seq + 1, "entries missing at the end");
    }
    if (previous.seq != expected_head->seq || previous.hash != expected_head->hash) {
      return problem_at(n, ChainProblem::changed, n - 1, previous.seq, "last entry is not the expected head");
    }
  }
  ChainReport report;
  report.ok = true;
  report.entries = n;
  return report;
}

}  // namespace qrpos::journal_chain
