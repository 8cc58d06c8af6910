// Bindings for qrpos/reconcile.hpp: the day's totals from journal records against the
// acquirer's report; the signed report request and its verified answer.
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>

#include "common/dto.hpp"
#include "json_text.hpp"
#include "qrpos/journal.hpp"
#include "qrpos/reconcile.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using nlohmann::json;

json to_json_value(const messages::DailyReport& r) { return parse_json(messages::to_json(r)); }

// { terminal: <DailyReport>, differences: [{scheme, field, terminal, acquirer}] }.
// `records`: a JSON array of journal records (as stored); `report`: the acquirer's DailyReport body.
TextResult reconcile_day(const std::string& records, const std::string& report, const std::string& date,
                         const std::string& currency) {
  const json list = parse_json(records);
  if (list.is_discarded() || !list.is_array()) {
    return text_error(make_error(ErrorCode::malformed_message, "records must be a JSON array of journal records"));
  }
  std::vector<session::State> sessions;
  for (const auto& item : list) {
    if (!item.is_string()) return text_error(make_error(ErrorCode::malformed_message, "a record is not a string"));
    auto state = journal::restore(item.get<std::string>());
    if (!state.ok()) return text_error(state.error());
    sessions.push_back(std::move(state).value());
  }
  auto acquirer = messages::parse_daily_report(report);
  if (!acquirer.ok()) return text_error(acquirer.error());
  const auto terminal = reconcile::totals(sessions, date, currency);
  json differences = json::array();
  for (const auto& d : reconcile::compare(terminal, acquirer.value())) {
    differences.push_back(
        {{"scheme", d.scheme}, {"field", d.field}, {"terminal", d.terminal}, {"acquirer", d.acquirer}});
  }
  return text_ok(json{{"terminal", to_json_value(terminal)}, {"differences", differences}}.dump());
}

// { method, path, nonce, headers } for fetch.
TextResult build_report_request(const std::string& terminal_id, const std::string& seed_hex, const std::string& date,
                                double now_ms, const std::string& entropy_hex) {
  auto key = signing_key(seed_hex);
  auto bytes = unhex(entropy_hex);
  if (!key.ok()) return text_error(key.error());
  if (!bytes.ok()) return text_error(bytes.error());
  crypto::ByteEntropy entropy(bytes.value());
  const auto r =
      reconcile::make_report_request(key.value(), terminal_id, date, static_cast<std::int64_t>(now_ms), entropy);
  if (entropy.exhausted()) return text_error(make_error(ErrorCode::invalid_key, "entropyHex must have 16 bytes"));
  return text_ok(json{{"method", r.method},
                      {"path", r.path},
                      {"nonce", r.auth.nonce},
                      {"headers",
                       {{"Qrpos-Terminal", r.auth.terminal_id},
                        {"Qrpos-Timestamp", std::to_string(r.auth.timestamp_ms)},
                        {"Qrpos-Nonce", r.auth.nonce},
                        {"Qrpos-Signature", r.signature}}}}
                     .dump());
}

// The report body (protocol JSON), verified; invalid_state with the acquirer's code as detail when refused.
TextResult read_report_answer(const std::string& acquirer_public_key_hex, const std::string& request_nonce,
                              const std::string& date, double http_status, double timestamp_ms,
                              const std::string& signature, const std::string& body) {
  auto acquirer = crypto::public_key_from_hex(acquirer_public_key_hex);
  if (!acquirer.ok()) return text_error(acquirer.error());
  const protocol::SignedResponse response{static_cast<int>(http_status), static_cast<std::int64_t>(timestamp_ms),
                                          signature, body};
  auto report = reconcile::read_report_answer(acquirer.value(), request_nonce, date, response);
  return report.ok() ? text_ok(messages::to_json(report.value())) : text_error(report.error());
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_reconcile) {
  emscripten::function("reconcileDay", &reconcile_day);
  emscripten::function("buildReportRequest", &build_report_request);
  emscripten::function("readReportAnswer", &read_report_answer);
}
