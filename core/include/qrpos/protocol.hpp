// Terminal <-> acquirer protocol v1 (docs/protocol.md is the contract): the signed
// envelope around the message bodies of qrpos/messages.hpp. Both the terminal
// (through wasm) and the sandbox acquirer use this one implementation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/result.hpp"

namespace qrpos::protocol {

inline constexpr const char* kHeaderTerminal = "Qrpos-Terminal";
inline constexpr const char* kHeaderTimestamp = "Qrpos-Timestamp";
inline constexpr const char* kHeaderNonce = "Qrpos-Nonce";
inline constexpr const char* kHeaderSignature = "Qrpos-Signature";
inline constexpr const char* kPayPath = messages::kPaymentsPath;
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kMaxBodySize = 16 * 1024;
// Requests and answers more than this far from the reader's clock are refused.
constexpr std::int64_t kTimestampWindowMs = 5 * 60 * 1000;

// METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(SHA-256(body)): what a terminal signs.
// PATH includes the query string, exactly as sent.
std::string canonical_request(std::string_view method, std::string_view path, std::int64_t timestamp_ms,
                              std::string_view nonce, std::string_view body);
// STATUS \n TIMESTAMP \n REQUEST_NONCE \n hex(SHA-256(body)): what the acquirer signs,
// binding each answer to the one request it answers.
std::string canonical_response(int http_status, std::int64_t timestamp_ms, std::string_view request_nonce,
                               std::string_view body);

struct RequestAuth {
  std::string terminal_id;
  std::int64_t timestamp_ms = 0;
  std::string nonce;  // 32 lowercase hex characters
};

struct SignedRequest {
  std::string method;
  std::string path;
  std::string body;
  RequestAuth auth;
  std::string signature;  // base64 Ed25519 over canonical_request()
};

// Signs a request as `terminal_id` at `now_ms` with a fresh nonce from `entropy`.
SignedRequest sign_request(const crypto::SigningKey& key, std::string_view terminal_id, std::int64_t now_ms,
                           crypto::Entropy& entropy, std::string method, std::string path, std::string body);
// Same, with the auth fields given (worked examples, tests).
SignedRequest sign_request(const crypto::SigningKey& key, RequestAuth auth, std::string method, std::string path,
                           std::string body);
// Acquirer side: ok only if the signature is the terminal's over exactly these fields.
Result<bool> verify_request(const crypto::PublicKey& terminal_key, const SignedRequest& request);
// stale_timestamp if `timestamp_ms` is more than `window_ms` away from `now_ms`.
Result<bool> check_timestamp(std::int64_t timestamp_ms, std::int64_t now_ms, std::int64_t window_ms = kTimestampWindowMs);

// 32 hex characters from 16 bytes of entropy.
std::string make_nonce(crypto::Entropy& entropy);
Result<std::string> make_nonce(std::string_view entropy16);
// "YYYYMMDDhhmmss" (UTC) + 16 hex characters from 8 bytes of entropy: unique per
// terminal, sortable, within WeChat's 32-character out_trade_no rule. Also used for
// out_refund_no.
std::string make_out_trade_no(std::int64_t now_ms, crypto::Entropy& entropy);
Result<std::string> make_out_trade_no(std::int64_t now_ms, std::string_view entropy8);

// A signed HTTP answer as the terminal received it.
struct SignedResponse {
  int http_status = 0;
  std::int64_t timestamp_ms = 0;
  std::string signature;  // base64
  std::string body;
};

// An answer whose signature verified: either a message body (2xx) or the acquirer's
// typed error (4xx/5xx).
struct VerifiedAnswer {
  int http_status = 0;
  std::string body;                           // for 2xx
  std::optional<messages::ErrorBody> error;  // for anything else
};

// Terminal side: checks the acquirer's signature over the answer to the request
// with `request_nonce` (bad_signature), then splits message from error. An answer
// that does not verify must be treated as no answer at all.
Result<VerifiedAnswer> verify_response(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                       const SignedResponse& response);

// Acquirer side: the signature for an answer.
std::string sign_response(const crypto::SigningKey& acquirer_key, int http_status, std::int64_t timestamp_ms,
                          std::string_view request_nonce, std::string_view body);

// What the terminal asks the acquirer to charge.
struct PayOrder {
  std::string out_trade_no;
  std::int64_t amount = 0;  // minor units
  std::string currency;     // ISO 4217 alpha
  std::string auth_code;    // the customer's payment code: a bearer token
};

// Builds POST /v1/payments: the payment code sealed to the acquirer, only its mask
// in clear. not_payable if `auth_code` is not exactly a payable code.
Result<messages::PayRequest> make_pay_request(const PayOrder& order, const crypto::PublicKey& acquirer_key,
                                              crypto::Entropy& entropy);

// Terminal side, for one pay call: verifies the answer and, for a trade, that it is
// for this order (out_trade_no, amount, currency); a genuine answer for another
// order is malformed_message, so nothing mismatched ever reads as paid.
struct TradeAnswer {
  int http_status = 0;
  std::optional<messages::Trade> trade;
  std::optional<messages::ErrorBody> error;
};
Result<TradeAnswer> verify_trade_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                        std::string_view out_trade_no, std::int64_t amount, std::string_view currency,
                                        const SignedResponse& response);

}  // namespace qrpos::protocol
