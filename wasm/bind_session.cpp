// Bindings for qrpos/session.hpp and qrpos/journal.hpp. The state crosses as its
// journal record (the same text the shell stores), events and commands as JSON.
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>

#include "common/dto.hpp"
#include "json_text.hpp"
#include "qrpos/journal.hpp"
#include "qrpos/session.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using nlohmann::json;

Result<session::Event> event_from_json(const std::string& text) {
  json j = parse_json(text);
  if (j.is_discarded() || !j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    return make_error(ErrorCode::malformed_message, "event must be an object with a type");
  }
  static const std::pair<const char*, session::Event::Type> kTypes[] = {
      {"start_pay", session::Event::Type::start_pay},     {"start_refund", session::Event::Type::start_refund},
      {"start_order", session::Event::Type::start_order}, {"answer", session::Event::Type::answer},
      {"transport_error", session::Event::Type::transport_error}, {"timer", session::Event::Type::timer},
      {"cancel", session::Event::Type::cancel},           {"resume", session::Event::Type::resume}};
  session::Event e;
  const std::string type = j["type"].get<std::string>();
  bool known = false;
  for (const auto& [name, value] : kTypes) {
    if (type == name) e.type = value, known = true;
  }
  if (!known) return make_error(ErrorCode::invalid_field, "unknown event type");
  auto text_field = [&j](const char* key, std::string& out) {
    if (j.contains(key) && j[key].is_string()) out = j[key].get<std::string>();
  };
  auto int_field = [&j](const char* key, std::int64_t& out) {
    if (j.contains(key) && j[key].is_number()) out = static_cast<std::int64_t>(j[key].get<double>());
  };
  int_field("amount", e.amount);
  int_field("requestId", e.request_id);
  int_field("timestampMs", e.timestamp_ms);
  std::int64_t status = 0;
  int_field("httpStatus", status);
  e.http_status = static_cast<int>(status);
  text_field("currency", e.currency);
  text_field("authCode", e.auth_code);
  text_field("outTradeNo", e.out_trade_no);
  text_field("description", e.description);
  text_field("signature", e.signature);
  text_field("body", e.body);
  text_field("transportError", e.transport_error);
  text_field("memberId", e.member_id);
  text_field("reference", e.reference);
  text_field("table", e.table);
  int_field("expiresInMs", e.expires_in_ms);
  return e;
}

json command_to_json(const session::Command& c) {
  json j = {{"type", session::command_name(c.type)}};
  switch (c.type) {
    case session::Command::Type::send:
      j["requestId"] = c.request_id;
      j["method"] = c.method;
      j["path"] = c.path;
      j["body"] = c.body;
      j["headers"] = {{"Qrpos-Terminal", c.terminal_id},
                      {"Qrpos-Timestamp", std::to_string(c.timestamp_ms)},
                      {"Qrpos-Nonce", c.nonce},
                      {"Qrpos-Signature", c.signature}};
      j["timeoutMs"] = c.timeout_ms;
      break;
    case session::Command::Type::wait_until:
      j["atMs"] = c.at_ms;
      break;
    case session::Command::Type::write_journal:
      j["record"] = c.record;
      j["final"] = c.final;
      break;
    case session::Command::Type::show:
    case session::Command::Type::print_receipt:
      break;
  }
  return j;
}

// One step: { state: <journal record>, commands: [...] } as JSON text.
TextResult session_step(const std::string& terminal_id, const std::string& seed_hex,
                        const std::string& acquirer_public_key_hex, const std::string& state_record,
                        const std::string& event_json, double now_ms, const std::string& entropy_hex) {
  auto seed = unhex(seed_hex);
  auto key = seed.ok() ? crypto::SigningKey::from_seed(seed.value()) : Result<crypto::SigningKey>(seed.error());
  auto acquirer = crypto::public_key_from_hex(acquirer_public_key_hex);
  auto state = state_record.empty() ? Result<session::State>(session::State{}) : journal::restore(state_record);
  auto event = event_from_json(event_json);
  auto entropy_bytes = unhex(entropy_hex);
  if (!key.ok()) return text_error(key.error());
  if (!acquirer.ok()) return text_error(acquirer.error());
  if (!state.ok()) return text_error(state.error());
  if (!event.ok()) return text_error(event.error());
  if (!entropy_bytes.ok()) return text_error(entropy_bytes.error());
  crypto::ByteEntropy entropy(entropy_bytes.value());
  const session::Context context{terminal_id, key.value(), acquirer.value(), session::Timing{}};
  const auto result = session::step(context, state.value(), event.value(), static_cast<std::int64_t>(now_ms), entropy);
  if (entropy.exhausted()) return text_error(make_error(ErrorCode::invalid_key, "entropyHex too short for this step"));
  json commands = json::array();
  for (const auto& c : result.commands) commands.push_back(command_to_json(c));
  const json out = {{"state", journal::encode(result.state)}, {"commands", commands}};
  return text_ok(out.dump(-1, ' ', false, json::error_handler_t::replace));
}

TextResult journal_restore(const std::string& record) {
  auto state = journal::restore(record);
  return state.ok() ? text_ok(journal::encode(state.value())) : text_error(state.error());
}

TextResult key_fingerprint(const std::string& public_key_hex) {
  auto key = crypto::public_key_from_hex(public_key_hex);
  return key.ok() ? text_ok(crypto::fingerprint(key.value())) : text_error(key.error());
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_session) {
  emscripten::function("sessionStep", &session_step);
  emscripten::function("journalRestore", &journal_restore);
  emscripten::function("keyFingerprint", &key_fingerprint);
}
