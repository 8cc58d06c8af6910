// A signed request as the web shell passes it to fetch, shared by the activation,
// heartbeat and lookup bindings so the module links one copy of this JSON.
#pragma once

#include <string>

#include "qrpos/protocol.hpp"

namespace qrpos::wasm {

// { method, path, body, nonce, headers: { Content-Type, Qrpos-Terminal, Qrpos-Timestamp,
// Qrpos-Nonce, Qrpos-Signature } } as JSON text.
std::string signed_request_json(const protocol::SignedRequest& request);

}  // namespace qrpos::wasm
