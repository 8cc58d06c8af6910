// Merchant code lookups (docs/protocol.md "Lookup"): a signed POST of a scanned
// ticket, room or bill code to the acquirer, whose signed answer says what it costs
// and whether it is still to be paid. No money moves: the terminal then starts an
// ordinary payment with `reference` = the code, so a lookup is not a session.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/result.hpp"

namespace qrpos::lookup {

// POST /v1/lookups with {"code": code}, signed as `terminal_id` at `now_ms`;
// invalid_field if `code` is not messages::is_valid_code (the acquirer would refuse it).
Result<protocol::SignedRequest> make_lookup_request(const crypto::SigningKey& key, std::string_view terminal_id,
                                                    std::string_view code, std::int64_t now_ms,
                                                    crypto::Entropy& entropy);

struct LookupAnswer {
  int http_status = 0;
  std::optional<messages::Lookup> lookup;    // 200: open, paid or unknown
  std::optional<messages::ErrorBody> error;  // the acquirer's refusal (retry_later, unknown_terminal...)
};

// The verified answer to the lookup of `code` with `request_nonce`: bad_signature when
// it cannot be trusted; malformed_message (or invalid_field) for a body that is not a
// Lookup, or a genuine Lookup of another code, so no answer is ever read as the price
// of a code it does not name.
Result<LookupAnswer> read_lookup_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                        std::string_view code, const protocol::SignedResponse& response);

}  // namespace qrpos::lookup
