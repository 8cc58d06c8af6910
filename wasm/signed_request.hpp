// A signed request as the web shell passes it to fetch, shared by the activation,
// heartbeat and lookup bindings so the module links one copy of this JSON.
#pragma once

#include <string>

#include "common/dto.hpp"
#include "qrpos/protocol.hpp"

namespace qrpos::wasm {

// { method, path, body, nonce, headers: { Content-Type, Qrpos-Terminal, Qrpos-Timestamp,
// Qrpos-Nonce, Qrpos-Signature } } as JSON text.
std::string signed_request_json(const protocol::SignedRequest& request);

// The steps every request binding shares: the terminal key from `seed_hex`, 16 bytes of
// entropy from `entropy_hex` for the nonce, `make(key, entropy)` -> Result<SignedRequest>,
// then the request as signed_request_json text.
template <typename Make>
TextResult signed_request_text(const std::string& seed_hex, const std::string& entropy_hex, Make make) {
  auto key = signing_key(seed_hex);
  if (!key.ok()) return text_error(key.error());
  auto bytes = unhex(entropy_hex);
  if (!bytes.ok()) return text_error(bytes.error());
  crypto::ByteEntropy entropy(bytes.value());
  auto request = make(key.value(), entropy);
  if (!request.ok()) return text_error(request.error());
  if (entropy.exhausted()) return text_error(make_error(ErrorCode::invalid_key, "entropyHex must have 16 bytes"));
  return text_ok(signed_request_json(request.value()));
}

}  // namespace qrpos::wasm
