// Binding for qrpos/journal_chain.hpp's verify: for the CLI, tests and back-office
// screens; the kiosk only appends (wasm/bind_journal_chain.cpp).
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>

#include "common/dto.hpp"
#include "json_text.hpp"
#include "qrpos/journal_chain.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using nlohmann::json;

Result<std::optional<journal_chain::ChainHead>> head_from_json(const std::string& text) {
  if (text.empty()) return std::optional<journal_chain::ChainHead>();
  const json j = parse_json(text);
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() || !j.contains("hash") ||
      !j["hash"].is_string()) {
    return make_error(ErrorCode::malformed_message, "expected head must be {\"seq\": n, \"hash\": \"<64 hex>\"}");
  }
  auto hash = crypto::from_hex(j["hash"].get<std::string>());
  journal_chain::ChainHead head;
  if (!hash.ok() || hash.value().size() != head.hash.size()) {
    return make_error(ErrorCode::invalid_encoding, "expected head hash must be 64 hex characters");
  }
  head.seq = j["seq"].get<std::int64_t>();
  std::copy(hash.value().begin(), hash.value().end(), head.hash.begin());
  return std::optional<journal_chain::ChainHead>(head);
}

// { ok, entries, problem, index, seq, detail } (ChainReport); the result fails only
// for arguments that are not a key, a JSON array of strings or a head.
TextResult verify_journal_chain(const std::string& public_key_hex, const std::string& lines_json,
                                const std::string& expected_head_json) {
  auto key = crypto::public_key_from_hex(public_key_hex);
  if (!key.ok()) return text_error(key.error());
  auto expected = head_from_json(expected_head_json);
  if (!expected.ok()) return text_error(expected.error());
  const json list = parse_json(lines_json);
  if (!list.is_array()) return text_error(make_error(ErrorCode::malformed_message, "lines must be a JSON array"));
  std::vector<std::string> lines;
  for (const auto& item : list) {
    if (!item.is_string()) return text_error(make_error(ErrorCode::malformed_message, "a line is not a string"));
    lines.push_back(item.get<std::string>());
  }
  const auto r = journal_chain::verify(key.value(), lines, expected.value());
  return text_ok(json{
      {"ok", r.ok},
      {"entries", r.entries},
      {"problem", journal_chain::problem_name(r.problem)},
      {"index", r.index},
      {"seq", r.seq},
      {"detail",
       r.detail}}.dump());
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_tools_journal_chain) { emscripten::function("verifyJournalChain", &verify_journal_chain); }
