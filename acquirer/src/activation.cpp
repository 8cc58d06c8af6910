#include "activation.hpp"

#include <httplib.h>
#include <sodium.h>

#include <cstdlib>

#include "api.hpp"
#include "log.hpp"
#include "qrpos/money.hpp"
#include "qrpos/protocol.hpp"

namespace qrpos::acquirer {
namespace {

namespace proto = qrpos::protocol;
using messages::AcquirerError;

// Hashing a code under its own label keeps it apart from payment-code fingerprints
// made with the same secret.
constexpr std::string_view kHashLabel = "qrpos activation code v1:";

std::string new_code_digits() {
  std::string digits;
  // randombytes_uniform avoids the modulo bias of reducing random bytes by hand.
  for (std::size_t i = 0; i < kActivationCodeDigits; ++i) digits += static_cast<char>('0' + randombytes_uniform(10));
  return digits;
}

std::string new_terminal_id() {
  std::string raw(8, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string id = "T-" + crypto::to_hex(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return id;
}

// Like Api::authenticate, but the terminal does not exist yet: the key that signed is
// the one in the body, and the nonce is remembered only if activation succeeds (so a
// refused activation records nothing; the spent code stops a replay anyway).
void activate(Api& api, const httplib::Request& req, httplib::Response& res) {
  const std::string nonce = req.get_header_value(proto::kHeaderNonce);
  proto::SignedRequest signed_req{req.method, req.target, req.body, {}, req.get_header_value(proto::kHeaderSignature)};
  signed_req.auth.nonce = nonce;
  if (!req.get_header_value(proto::kHeaderTerminal).empty() || nonce.size() != 2 * proto::kNonceBytes ||
      signed_req.signature.empty() ||
      !parse_timestamp(req.get_header_value(proto::kHeaderTimestamp), signed_req.auth.timestamp_ms)) {
    return api.reply_error(res, AcquirerError::missing_auth_headers, nonce,
                           "activation needs Qrpos-Timestamp, Qrpos-Nonce (32 hex), Qrpos-Signature and an empty "
                           "Qrpos-Terminal");
  }
  auto body = messages::parse_activate_request(req.body);
  if (!body.ok()) return api.reply_error(res, AcquirerError::malformed_message, nonce, body.error().detail);
  auto terminal_key = crypto::public_key_from_hex(body.value().public_key);
  if (!terminal_key.ok()) {
    return api.reply_error(res, AcquirerError::malformed_message, nonce, "public_key must be 64 hex characters");
  }
  const std::int64_t now = api.now_ms();
  if (!proto::check_timestamp(signed_req.auth.timestamp_ms, now, api.timestamp_window_ms()).ok()) {
    return api.reply_error(res, AcquirerError::stale_timestamp, nonce,
                           "request time is outside the window: check the terminal clock");
  }
  if (!proto::verify_request(terminal_key.value(), signed_req).ok()) {
    return api.reply_error(res, AcquirerError::bad_signature, nonce,
                           "request signature does not verify with the public_key in the body");
  }
  auto digits = normalize_activation_code(body.value().activation_code);
  std::optional<Terminal> created;
  if (digits) {
    Terminal t;
    t.terminal_id = new_terminal_id();
    t.public_key_hex = crypto::to_hex(terminal_key.value());
    t.device = body.value().device.substr(0, 128);
    created = api.ledger.activate_terminal(activation_code_hash(api.fingerprint_key, *digits), t, nonce, now);
  }
  if (!created) {
    log_event("info", "activation_refused", {{"status", 403}});
    return api.reply_error(res, AcquirerError::invalid_activation_code, nonce,
                           "this activation code is unknown, used or expired: ask for a new one");
  }
  log_event("info", "terminal_activated", {{"terminal", created->terminal_id}, {"merchant_id", created->merchant_id}});
  messages::ActivateResponse answer{created->terminal_id, created->merchant_id, created->merchant_name,
                                    created->currency, crypto::to_hex(api.key.public_key())};
  api.reply(res, 200, nonce, messages::to_json(answer));
}

}  // namespace

std::optional<std::string> normalize_activation_code(std::string_view typed) {
  std::string digits;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c < '0' || c > '9' || digits.size() == kActivationCodeDigits) return std::nullopt;
    digits += c;
  }
  if (digits.size() != kActivationCodeDigits) return std::nullopt;
  return digits;
}

std::string format_activation_code(std::string_view digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += digits[i];
  }
  return out;
}

std::string activation_code_hash(std::string_view fingerprint_key, std::string_view digits) {
  return crypto::keyed_hash_hex(fingerprint_key, std::string(kHashLabel) + std::string(digits));
}

std::optional<IssuedActivationCode> issue_activation_code(Ledger& ledger, std::string_view fingerprint_key,
                                                          const ActivationCodeRequest& request, std::int64_t now_ms,
                                                          std::string& error) {
  if (request.merchant_name.empty() || request.merchant_name.size() > 64) {
    error = "merchant name must be 1-64 bytes";
    return std::nullopt;
  }
  if (!request.merchant_id.empty() && !messages::is_valid_id(request.merchant_id)) {
    error = "merchant id must be 1-32 of A-Z a-z 0-9 _ -";
    return std::nullopt;
  }
  if (!money::find_currency(request.currency)) {
    error = "unknown currency: " + request.currency;
    return std::nullopt;
  }
  if (request.valid_hours < 1 || request.valid_hours > kMaxActivationValidHours) {
    error = "valid hours must be 1-" + std::to_string(kMaxActivationValidHours);
    return std::nullopt;
  }
  IssuedActivationCode issued;
  const std::string digits = new_code_digits();
  issued.code = format_activation_code(digits);
  ActivationCode& c = issued.stored;
  c.code_hash = activation_code_hash(fingerprint_key, digits);
  c.merchant_id = request.merchant_id.empty() ? "M-" + crypto::sha256_hex(request.merchant_name).substr(0, 16)
                                              : request.merchant_id;
  c.merchant_name = request.merchant_name;
  c.currency = request.currency;
  c.created_at_ms = now_ms;
  c.expires_at_ms = now_ms + request.valid_hours * 3'600'000;
  ledger.add_activation_code(c);
  return issued;
}

void add_activation_routes(httplib::Server& http, Api& api) {
  http.Post(messages::kActivatePath,
            [&api](const httplib::Request& req, httplib::Response& res) { activate(api, req, res); });
}

}  // namespace qrpos::acquirer
