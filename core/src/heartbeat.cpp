#include "qrpos/heartbeat.hpp"

namespace qrpos::heartbeat {

Result<protocol::SignedRequest> make_heartbeat_request(const crypto::SigningKey& key, std::string_view terminal_id,
                                                       const messages::Heartbeat& health, std::int64_t now_ms,
                                                       crypto::Entropy& entropy) {
  std::string body = messages::to_json(health);
  // Refuse here what the acquirer would refuse, so a bad field is the caller's error
  // and not a request that only ever fails.
  auto checked = messages::parse_heartbeat(body);
  if (!checked.ok()) return checked.error();
  return protocol::sign_request(key, terminal_id, now_ms, entropy, "POST", messages::kHeartbeatPath, std::move(body));
}

Result<HeartbeatReply> read_heartbeat_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                             const protocol::SignedResponse& response, std::int64_t now_ms) {
  auto verified = protocol::verify_response(acquirer_key, request_nonce, response);
  if (!verified.ok()) return verified.error();
  HeartbeatReply reply;
  reply.server_time_ms = response.timestamp_ms;
  reply.clock_skew_ms = now_ms - response.timestamp_ms;
  if (verified.value().error) {
    reply.error = verified.value().error;
    return reply;
  }
  auto answer = messages::parse_heartbeat_answer(verified.value().body);
  if (!answer.ok()) return answer.error();
  reply.accepted = verified.value().http_status == 200;
  return reply;
}

bool clock_off(std::int64_t clock_skew_ms) {
  return clock_skew_ms > kClockWarningMs || clock_skew_ms < -kClockWarningMs;
}

}  // namespace qrpos::heartbeat
