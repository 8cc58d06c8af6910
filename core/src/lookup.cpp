#include "qrpos/lookup.hpp"

#include <string>

namespace qrpos::lookup {

Result<protocol::SignedRequest> make_lookup_request(const crypto::SigningKey& key, std::string_view terminal_id,
                                                    std::string_view code, std::int64_t now_ms,
                                                    crypto::Entropy& entropy) {
  // Refuse here what the acquirer would refuse, so a bad code is the caller's error
  // and not a request that only ever fails.
  if (!messages::is_valid_code(code)) {
    return make_error(ErrorCode::invalid_field, "code must be 1-64 printable ASCII characters");
  }
  std::string body = messages::to_json(messages::LookupRequest{std::string(code)});
  return protocol::sign_request(key, terminal_id, now_ms, entropy, "POST", messages::kLookupsPath, std::move(body));
}

Result<LookupAnswer> read_lookup_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                        std::string_view code, const protocol::SignedResponse& response) {
  auto verified = protocol::verify_response(acquirer_key, request_nonce, response);
  if (!verified.ok()) return verified.error();
  LookupAnswer answer;
  answer.http_status = verified.value().http_status;
  if (verified.value().error) {
    answer.error = verified.value().error;
    return answer;
  }
  auto lookup = messages::parse_lookup(verified.value().body);
  if (!lookup.ok()) return lookup.error();
  if (lookup.value().code != code) return make_error(ErrorCode::malformed_message, "the answer is for another code");
  answer.lookup = std::move(lookup).value();
  return answer;
}

}  // namespace qrpos::lookup
