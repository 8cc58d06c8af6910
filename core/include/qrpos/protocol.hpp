// Terminal <-> acquirer protocol v1 (docs/protocol.md is the contract): message
// bodies, the canonical strings both sides sign, and their verification. Both the
// terminal (through wasm) and the sandbox acquirer use this one implementation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "qrpos/crypto.hpp"
#include "qrpos/result.hpp"

namespace qrpos::protocol {

inline constexpr const char* kHeaderTerminal = "Qrpos-Terminal";
inline constexpr const char* kHeaderTimestamp = "Qrpos-Timestamp";
inline constexpr const char* kHeaderNonce = "Qrpos-Nonce";
inline constexpr const char* kHeaderSignature = "Qrpos-Signature";
inline constexpr const char* kPayPath = "/v1/payments";
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kMaxBodySize = 16 * 1024;

// METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(SHA-256(body)): what a terminal signs.
std::string canonical_request(std::string_view method, std::string_view path, std::int64_t timestamp_ms,
                              std::string_view nonce, std::string_view body);
// STATUS \n TIMESTAMP \n REQUEST_NONCE \n hex(SHA-256(body)): what the acquirer signs,
// binding each answer to the one request it answers.
std::string canonical_response(int http_status, std::int64_t timestamp_ms, std::string_view request_nonce,
                               std::string_view body);

// The request-level fields every call carries, chosen by the shell: `now` from its
// clock, the nonce from 16 bytes of its entropy.
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

SignedRequest sign_request(const crypto::SigningKey& key, RequestAuth auth, std::string method, std::string path,
                           std::string body);
// Acquirer side: ok only if the signature is the terminal's over exactly these fields.
Result<bool> verify_request(const crypto::PublicKey& terminal_key, const SignedRequest& request);

// 32 hex characters from 16 bytes of the shell's entropy.
Result<std::string> make_nonce(std::string_view entropy16);
// "YYYYMMDDhhmmss" (UTC) + 16 hex characters from 8 bytes of entropy: unique per
// terminal, sortable, and within WeChat's 32-character out_trade_no rule.
Result<std::string> make_out_trade_no(std::int64_t now_ms, std::string_view entropy8);

// What the terminal asks the acquirer to charge.
struct PayOrder {
  std::string out_trade_no;
  std::int64_t amount = 0;  // minor units
  std::string currency;     // ISO 4217 alpha
  std::string auth_code;    // the customer's payment code: a bearer token
};

// Builds POST /v1/payments: the payment code sealed to the acquirer, only its mask
// in clear, signed with the terminal key.
Result<SignedRequest> build_pay_request(const crypto::SigningKey& terminal_key, const crypto::PublicKey& acquirer_key,
                                        const PayOrder& order, RequestAuth auth);

// The decoded, verified body of POST /v1/payments, as the acquirer sees it.
struct PayRequestBody {
  std::string out_trade_no;
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  crypto::Bytes auth_code_sealed;
};
Result<PayRequestBody> parse_pay_request_body(std::string_view body);

// A signed HTTP answer as the terminal received it.
struct SignedResponse {
  int http_status = 0;
  std::int64_t timestamp_ms = 0;
  std::string signature;  // base64
  std::string body;
};

// The acquirer's verified word on a payment. status is "SUCCESS", "USERPAYING" or
// "FAILED" for a payment answer, "ERROR" for a rejected request (see error_code).
struct PayResult {
  std::string status;
  std::string out_trade_no;
  std::string transaction_id;
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  std::int64_t paid_at_ms = 0;
  std::string error_code;
  std::string error_message;
};

// Terminal side: verifies the acquirer's signature over the response to the request
// with `request_nonce`, then decodes it. A SUCCESS for another order or amount than
// `order` is malformed_message: nothing unverified or mismatched ever reads as paid.
Result<PayResult> verify_pay_response(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                      const PayOrder& order, const SignedResponse& response);

// Acquirer side: the body of an answer, and its signature.
std::string pay_result_body(const PayResult& result);
std::string error_body(std::string_view code, std::string_view message);
std::string sign_response(const crypto::SigningKey& acquirer_key, int http_status, std::int64_t timestamp_ms,
                          std::string_view request_nonce, std::string_view body);

}  // namespace qrpos::protocol
