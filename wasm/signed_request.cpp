#include "signed_request.hpp"

#include <nlohmann/json.hpp>

namespace qrpos::wasm {

std::string signed_request_json(const protocol::SignedRequest& r) {
  const nlohmann::json out = {{"method", r.method},
                              {"path", r.path},
                              {"body", r.body},
                              {"nonce", r.auth.nonce},
                              {"headers",
                               {{"Content-Type", "application/json"},
                                {protocol::kHeaderTerminal, r.auth.terminal_id},
                                {protocol::kHeaderTimestamp, std::to_string(r.auth.timestamp_ms)},
                                {protocol::kHeaderNonce, r.auth.nonce},
                                {protocol::kHeaderSignature, r.signature}}}};
  return out.dump();
}

}  // namespace qrpos::wasm
