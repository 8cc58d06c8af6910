// Terminal activation (docs/protocol.md, "Activate a terminal"): the terminal makes
// its own key, proves it holds it by signing the activation request with it, and
// learns who it is from the acquirer's signed answer. The seed leaves the core only
// to be stored wrapped by the shell; nothing here keeps it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/result.hpp"

namespace qrpos::activation {

// A new terminal key's 32-byte seed from `entropy`.
std::string new_seed(crypto::Entropy& entropy);

// The 12 digits of an activation code typed or scanned as "1234-5678-9012",
// "1234 5678 9012" or "123456789012"; invalid_field for anything else.
Result<std::string> normalise_code(std::string_view typed);

// POST /v1/terminals/activate for `code`, signed by `key` with an empty terminal id.
// `device` is free text (browser, model), cut to what the protocol allows.
Result<protocol::SignedRequest> make_activate_request(const crypto::SigningKey& key, std::string_view code,
                                                      std::string_view device, std::int64_t now_ms,
                                                      crypto::Entropy& entropy);

// The acquirer's word on an activation: who the terminal now is, or why not.
struct Answer {
  std::optional<messages::ActivateResponse> terminal;
  std::optional<messages::ErrorBody> error;  // e.g. invalid_activation_code
};

// bad_signature unless `acquirer_key` signed this answer to the request with
// `request_nonce`; a 2xx body must be an ActivateResponse naming `acquirer_key`
// itself (invalid_field otherwise), so a terminal never switches to a key it was
// not set up to trust.
Result<Answer> read_activate_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                    const protocol::SignedResponse& response);

}  // namespace qrpos::activation
