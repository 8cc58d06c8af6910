#include "qrpos/activation.hpp"

#include <cctype>

namespace qrpos::activation {

std::string new_seed(crypto::Entropy& entropy) { return crypto::random_bytes(entropy, 32); }

Result<std::string> normalise_code(std::string_view typed) {
  if (typed.size() > 32) return make_error(ErrorCode::invalid_field, "activation code too long");
  std::string digits;
  for (const char c : typed) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != '-' && c != ' ')
      return make_error(ErrorCode::invalid_field, "activation code has a character other than digits and dashes");
  }
  if (digits.size() != 12) return make_error(ErrorCode::invalid_field, "activation code must have 12 digits");
  return digits;
}

Result<protocol::SignedRequest> make_activate_request(const crypto::SigningKey& key, std::string_view code,
                                                      std::string_view device, std::int64_t now_ms,
                                                      crypto::Entropy& entropy) {
  auto digits = normalise_code(code);
  if (!digits.ok()) return digits.error();
  messages::ActivateRequest body;
  body.activation_code = digits.value();
  body.public_key = crypto::to_hex(key.public_key());
  // The acquirer bounds free text; a long or exotic user agent must not cost the
  // activation, so keep printable ASCII and cut it short.
  for (const char c : device.substr(0, 64)) {
    if (c >= 0x20 && c < 0x7f) body.device += c;
  }
  return protocol::sign_request(key, "", now_ms, entropy, "POST", messages::kActivatePath, messages::to_json(body));
}

Result<Answer> read_activate_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                    const protocol::SignedResponse& response) {
  auto verified = protocol::verify_response(acquirer_key, request_nonce, response);
  if (!verified.ok()) return verified.error();
  Answer answer;
  if (verified.value().error) {
    answer.error = verified.value().error;
    return answer;
  }
  auto terminal = messages::parse_activate_response(verified.value().body);
  if (!terminal.ok()) return terminal.error();
  if (terminal.value().acquirer_public_key != crypto::to_hex(acquirer_key)) {
    return make_error(ErrorCode::invalid_field, "the answer names another acquirer key");
  }
  answer.terminal = std::move(terminal).value();
  return answer;
}

}  // namespace qrpos::activation
