// The terminal's heartbeat (docs/protocol.md "Heartbeat"): a signed POST of its health
// to the acquirer, whose signed answer also tells the terminal how far its clock is
// off. The answer's time is read from the signed Qrpos-Timestamp, so even a refused
// heartbeat (stale_timestamp: the very case of a wrong clock) yields the skew.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/result.hpp"

namespace qrpos::heartbeat {

// A terminal whose clock is further off than this warns its cashier: the acquirer
// refuses requests more than protocol::kTimestampWindowMs (5 min) away.
inline constexpr std::int64_t kClockWarningMs = 2 * 60 * 1000;

// POST /v1/terminals/heartbeat with `health` as the body, signed as `terminal_id` at
// `now_ms`; invalid_field / malformed_message if `health` would not parse at the acquirer.
Result<protocol::SignedRequest> make_heartbeat_request(const crypto::SigningKey& key, std::string_view terminal_id,
                                                       const messages::Heartbeat& health, std::int64_t now_ms,
                                                       crypto::Entropy& entropy);

struct HeartbeatReply {
  bool accepted = false;            // 200 with a well-formed body
  std::int64_t server_time_ms = 0;  // the acquirer's signed time of its answer
  // now_ms - server_time_ms: positive when the terminal's clock is ahead. It includes
  // the answer's travel time, so it overstates a true skew by at most one round trip.
  std::int64_t clock_skew_ms = 0;
  std::optional<messages::ErrorBody> error;  // the acquirer's refusal, when not accepted
};

// The verified answer to the heartbeat with `request_nonce`, received at `now_ms`:
// bad_signature (or malformed_message) when it cannot be trusted, which tells nothing
// about the clock.
Result<HeartbeatReply> read_heartbeat_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                             const protocol::SignedResponse& response, std::int64_t now_ms);

// True when `clock_skew_ms` is past kClockWarningMs either way.
bool clock_off(std::int64_t clock_skew_ms);

}  // namespace qrpos::heartbeat
