// Bindings for qrpos/activation.hpp. Requests and answers cross as JSON text.
#include <emscripten/bind.h>

#include <nlohmann/json.hpp>

#include "common/dto.hpp"
#include "qrpos/activation.hpp"
#include "signed_request.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using nlohmann::json;

TextResult new_terminal_seed(const std::string& entropy_hex) {
  auto bytes = unhex(entropy_hex);
  if (!bytes.ok()) return text_error(bytes.error());
  crypto::ByteEntropy entropy(bytes.value());
  const std::string seed = activation::new_seed(entropy);
  if (entropy.exhausted()) return text_error(make_error(ErrorCode::invalid_key, "entropyHex must have 32 bytes"));
  return text_ok(crypto::to_hex(reinterpret_cast<const std::uint8_t*>(seed.data()), seed.size()));
}

// { method, path, body, nonce, headers } ready for fetch.
TextResult build_activate_request(const std::string& seed_hex, const std::string& code, const std::string& device,
                                  double now_ms, const std::string& entropy_hex) {
  return signed_request_text(seed_hex, entropy_hex, [&](const crypto::SigningKey& key, crypto::Entropy& entropy) {
    return activation::make_activate_request(key, code, device, static_cast<std::int64_t>(now_ms), entropy);
  });
}

// { terminal: {terminalId, merchantId, merchantName, currency, acquirerPublicKey} }
// or { error: {code, message} }.
TextResult read_activate_answer(const std::string& acquirer_public_key_hex, const std::string& request_nonce,
                                double http_status, double timestamp_ms, const std::string& signature,
                                const std::string& body) {
  auto acquirer = crypto::public_key_from_hex(acquirer_public_key_hex);
  if (!acquirer.ok()) return text_error(acquirer.error());
  const protocol::SignedResponse response{static_cast<int>(http_status), static_cast<std::int64_t>(timestamp_ms),
                                          signature, body};
  auto answer = activation::read_activate_answer(acquirer.value(), request_nonce, response);
  if (!answer.ok()) return text_error(answer.error());
  json out = json::object();
  if (const auto& t = answer.value().terminal) {
    out["terminal"] = {{"terminalId", t->terminal_id},
                       {"merchantId", t->merchant_id},
                       {"merchantName", t->merchant_name},
                       {"currency", t->currency},
                       {"acquirerPublicKey", t->acquirer_public_key}};
  }
  if (const auto& e = answer.value().error) out["error"] = {{"code", e->code}, {"message", e->message}};
  return text_ok(out.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_activation) {
  emscripten::function("newTerminalSeed", &new_terminal_seed);
  emscripten::function("buildActivateRequest", &build_activate_request);
  emscripten::function("readActivateAnswer", &read_activate_answer);
}
