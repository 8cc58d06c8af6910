// Bindings for qrpos/heartbeat.hpp: the signed heartbeat request and its verified
// answer (with the clock skew). In the boot core: every kiosk sends one every few
// minutes, and the tools module is too big to load for it.
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>

#include "common/dto.hpp"
#include "qrpos/heartbeat.hpp"
#include "signed_request.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using nlohmann::json;

// { method, path, nonce, headers, body } for fetch (signed_request.hpp). `heartbeat_json`: the protocol
// body (docs/protocol.md "Heartbeat"), checked as the acquirer will check it.
TextResult build_heartbeat_request(const std::string& terminal_id, const std::string& seed_hex,
                                   const std::string& heartbeat_json, double now_ms, const std::string& entropy_hex) {
  auto health = messages::parse_heartbeat(heartbeat_json);
  if (!health.ok()) return text_error(health.error());
  return signed_request_text(seed_hex, entropy_hex, [&](const crypto::SigningKey& key, crypto::Entropy& entropy) {
    return heartbeat::make_heartbeat_request(key, terminal_id, health.value(), static_cast<std::int64_t>(now_ms),
                                             entropy);
  });
}

// { accepted, serverTimeMs, clockSkewMs, clockOff, errorCode } once the answer
// verified (a refusal such as stale_timestamp included); bad_signature or
// malformed_message when it cannot be trusted, and then nothing is known of the clock.
TextResult read_heartbeat_answer(const std::string& acquirer_public_key_hex, const std::string& request_nonce,
                                 double http_status, double timestamp_ms, const std::string& signature,
                                 const std::string& body, double now_ms) {
  auto acquirer = crypto::public_key_from_hex(acquirer_public_key_hex);
  if (!acquirer.ok()) return text_error(acquirer.error());
  const protocol::SignedResponse response{static_cast<int>(http_status), static_cast<std::int64_t>(timestamp_ms),
                                          signature, body};
  auto reply =
      heartbeat::read_heartbeat_answer(acquirer.value(), request_nonce, response, static_cast<std::int64_t>(now_ms));
  if (!reply.ok()) return text_error(reply.error());
  const auto& r = reply.value();
  return text_ok(json{{"accepted", r.accepted},
                      {"serverTimeMs", r.server_time_ms},
                      {"clockSkewMs", r.clock_skew_ms},
                      {"clockOff", heartbeat::clock_off(r.clock_skew_ms)},
                      {"errorCode", r.error ? r.error->code : ""}}
                     .dump());
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_tools_heartbeat) {
  emscripten::function("buildHeartbeatRequest", &build_heartbeat_request);
  emscripten::function("readHeartbeatAnswer", &read_heartbeat_answer);
}
