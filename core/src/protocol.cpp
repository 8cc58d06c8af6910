#include "qrpos/protocol.hpp"

#include <cstdlib>

#include "qrpos/paycode.hpp"
#include "qrpos/scan.hpp"

namespace qrpos::protocol {
namespace {

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm, public domain).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

std::string two(unsigned v) { return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }

std::string hex_of(std::string_view raw) {
  return crypto::to_hex(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
}

std::string dated_id(std::int64_t now_ms, std::string_view entropy8) {
  const std::int64_t secs = (now_ms < 0 ? 0 : now_ms) / 1000;
  int y = 0;
  unsigned mo = 0, d = 0;
  civil_from_days(secs / 86400, y, mo, d);
  const auto sod = static_cast<unsigned>(secs % 86400);
  return std::to_string(y) + two(mo) + two(d) + two(sod / 3600) + two(sod / 60 % 60) + two(sod % 60) +
         hex_of(entropy8);
}

}  // namespace

std::string canonical_request(std::string_view method, std::string_view path, std::int64_t timestamp_ms,
                              std::string_view nonce, std::string_view body) {
  std::string s;
  s.append(method).append("\n").append(path).append("\n").append(std::to_string(timestamp_ms)).append("\n");
  s.append(nonce).append("\n").append(crypto::sha256_hex(body));
  return s;
}

std::string canonical_response(int http_status, std::int64_t timestamp_ms, std::string_view request_nonce,
                               std::string_view body) {
  std::string s = std::to_string(http_status) + "\n" + std::to_string(timestamp_ms) + "\n";
  s.append(request_nonce).append("\n").append(crypto::sha256_hex(body));
  return s;
}

SignedRequest sign_request(const crypto::SigningKey& key, RequestAuth auth, std::string method, std::string path,
                           std::string body) {
  SignedRequest req{std::move(method), std::move(path), std::move(body), std::move(auth), {}};
  req.signature = crypto::to_base64(
      key.sign(canonical_request(req.method, req.path, req.auth.timestamp_ms, req.auth.nonce, req.body)));
  return req;
}

SignedRequest sign_request(const crypto::SigningKey& key, std::string_view terminal_id, std::int64_t now_ms,
                           crypto::Entropy& entropy, std::string method, std::string path, std::string body) {
  return sign_request(key, RequestAuth{std::string(terminal_id), now_ms, make_nonce(entropy)}, std::move(method),
                      std::move(path), std::move(body));
}

Result<bool> verify_request(const crypto::PublicKey& terminal_key, const SignedRequest& request) {
  auto sig = crypto::signature_from_base64(request.signature);
  if (!sig.ok()) return sig.error();
  const std::string message =
      canonical_request(request.method, request.path, request.auth.timestamp_ms, request.auth.nonce, request.body);
  if (!crypto::verify(terminal_key, message, sig.value())) {
    return make_error(ErrorCode::bad_signature, "request signature does not verify");
  }
  return true;
}

Result<bool> check_timestamp(std::int64_t timestamp_ms, std::int64_t now_ms, std::int64_t window_ms) {
  // Unsigned difference: exact for any pair of int64 values, where signed could overflow.
  const auto a = static_cast<std::uint64_t>(timestamp_ms), b = static_cast<std::uint64_t>(now_ms);
  const std::uint64_t distance = timestamp_ms > now_ms ? a - b : b - a;
  const bool too_far = window_ms < 0 || distance > static_cast<std::uint64_t>(window_ms);
  if (too_far) return make_error(ErrorCode::stale_timestamp, "timestamp outside the window");
  return true;
}

std::string make_nonce(crypto::Entropy& entropy) { return hex_of(crypto::random_bytes(entropy, kNonceBytes)); }

Result<std::string> make_nonce(std::string_view entropy16) {
  if (entropy16.size() != kNonceBytes) return make_error(ErrorCode::invalid_key, "nonce needs 16 bytes of entropy");
  return hex_of(entropy16);
}

std::string make_out_trade_no(std::int64_t now_ms, crypto::Entropy& entropy) {
  return dated_id(now_ms, crypto::random_bytes(entropy, 8));
}

Result<std::string> make_out_trade_no(std::int64_t now_ms, std::string_view entropy8) {
  if (entropy8.size() != 8) return make_error(ErrorCode::invalid_key, "out_trade_no needs 8 bytes of entropy");
  if (now_ms < 0) return make_error(ErrorCode::invalid_field, "time before 1970");
  return dated_id(now_ms, entropy8);
}

Result<VerifiedAnswer> verify_response(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                       const SignedResponse& response) {
  auto sig = crypto::signature_from_base64(response.signature);
  if (!sig.ok()) return sig.error();
  const std::string message =
      canonical_response(response.http_status, response.timestamp_ms, request_nonce, response.body);
  if (!crypto::verify(acquirer_key, message, sig.value())) {
    return make_error(ErrorCode::bad_signature, "response signature does not verify");
  }
  VerifiedAnswer answer{response.http_status, {}, std::nullopt};
  if (response.http_status >= 200 && response.http_status < 300) {
    answer.body = response.body;
    return answer;
  }
  auto error = messages::parse_error_body(response.body);
  if (!error.ok()) return error.error();
  answer.error = std::move(error).value();
  return answer;
}

std::string sign_response(const crypto::SigningKey& acquirer_key, int http_status, std::int64_t timestamp_ms,
                          std::string_view request_nonce, std::string_view body) {
  return crypto::to_base64(acquirer_key.sign(canonical_response(http_status, timestamp_ms, request_nonce, body)));
}

Result<messages::PayRequest> make_pay_request(const PayOrder& order, const crypto::PublicKey& acquirer_key,
                                              crypto::Entropy& entropy) {
  const scan::Scan scanned = scan::classify(order.auth_code);
  if (!scanned.scheme || scanned.code != order.auth_code) {
    return make_error(ErrorCode::not_payable, "auth_code is not a payment code");
  }
  if (order.amount <= 0) return make_error(ErrorCode::invalid_amount, "amount must be above zero");
  if (!messages::is_valid_id(order.out_trade_no)) return make_error(ErrorCode::invalid_field, "out_trade_no");
  auto sealed = crypto::seal(order.auth_code, acquirer_key, entropy);
  if (!sealed.ok()) return sealed.error();
  messages::PayRequest req;
  req.out_trade_no = order.out_trade_no;
  req.amount = order.amount;
  req.currency = order.currency;
  req.scheme = paycode::scheme_name(*scanned.scheme);
  req.auth_code_masked = paycode::mask_code(order.auth_code);
  req.auth_code_sealed = std::move(sealed).value();
  return req;
}

Result<TradeAnswer> verify_trade_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                        std::string_view out_trade_no, std::int64_t amount, std::string_view currency,
                                        const SignedResponse& response) {
  auto verified = verify_response(acquirer_key, request_nonce, response);
  if (!verified.ok()) return verified.error();
  TradeAnswer answer{verified.value().http_status, std::nullopt, verified.value().error};
  if (answer.error) return answer;
  auto trade = messages::parse_trade(verified.value().body);
  if (!trade.ok()) return trade.error();
  if (trade.value().out_trade_no != out_trade_no || trade.value().amount != amount ||
      trade.value().currency != currency) {
    return make_error(ErrorCode::malformed_message, "answer is for another order or amount");
  }
  answer.trade = std::move(trade).value();
  return answer;
}

}  // namespace qrpos::protocol
