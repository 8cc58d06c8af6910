// Bindings for qrpos/lookup.hpp: the signed lookup of a ticket, room or bill code and
// its verified answer. In the boot core like the heartbeat: a kiosk with lookup
// patterns needs it at every such scan.
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>

#include "common/dto.hpp"
#include "qrpos/lookup.hpp"
#include "signed_request.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using nlohmann::json;

// { method, path, nonce, headers, body } for fetch (signed_request.hpp); invalid_field for a code the
// acquirer would refuse.
TextResult lookup_request(const std::string& terminal_id, const std::string& seed_hex, const std::string& code,
                          double now_ms, const std::string& entropy_hex) {
  return signed_request_text(seed_hex, entropy_hex, [&](const crypto::SigningKey& key, crypto::Entropy& entropy) {
    return lookup::make_lookup_request(key, terminal_id, code, static_cast<std::int64_t>(now_ms), entropy);
  });
}

// The verified Lookup as its protocol JSON { code, status, amount, currency,
// description, out_trade_no } (every key present). Not ok: bad_signature or
// malformed_message when the answer cannot be trusted (or names another code); the
// acquirer's own error code (retry_later, unknown_terminal...) when it refused.
TextResult read_lookup_answer(const std::string& acquirer_public_key_hex, const std::string& request_nonce,
                              const std::string& code, double http_status, double timestamp_ms,
                              const std::string& signature, const std::string& body) {
  auto acquirer = crypto::public_key_from_hex(acquirer_public_key_hex);
  if (!acquirer.ok()) return text_error(acquirer.error());
  const protocol::SignedResponse response{static_cast<int>(http_status), static_cast<std::int64_t>(timestamp_ms),
                                          signature, body};
  auto answer = lookup::read_lookup_answer(acquirer.value(), request_nonce, code, response);
  if (!answer.ok()) return text_error(answer.error());
  const auto& a = answer.value();
  if (!a.lookup) return TextResult{false, {}, ErrorDto{a.error->code, a.error->message, 0}};
  const messages::Lookup& l = *a.lookup;
  return text_ok(json{{"code", l.code},
                      {"status", messages::status_name(l.status)},
                      {"amount", l.amount},
                      {"currency", l.currency},
                      {"description", l.description},
                      {"out_trade_no", l.out_trade_no}}
                     .dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_lookup) {
  emscripten::function("lookupRequest", &lookup_request);
  emscripten::function("readLookupAnswer", &read_lookup_answer);
}
