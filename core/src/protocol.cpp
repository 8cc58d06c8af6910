#include "qrpos/protocol.hpp"

#include <nlohmann/json.hpp>

#include "qrpos/paycode.hpp"
#include "qrpos/scan.hpp"

namespace qrpos::protocol {
namespace {

using nlohmann::json;

// Invalid UTF-8 from the outside is replaced, never a reason to abort.
std::string to_text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Error malformed(std::string detail) { return make_error(ErrorCode::malformed_message, std::move(detail)); }

// Parses untrusted JSON without exceptions: a discarded value means "not JSON".
Result<json> parse_object(std::string_view text) {
  if (text.size() > kMaxBodySize) return make_error(ErrorCode::input_too_long, "body too large");
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return malformed("body is not a JSON object");
  return j;
}

bool get_string(const json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool get_int(const json& j, const char* key, std::int64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  out = it->get<std::int64_t>();
  return true;
}

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
  req.signature =
      crypto::to_base64(key.sign(canonical_request(req.method, req.path, req.auth.timestamp_ms, req.auth.nonce, req.body)));
  return req;
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

Result<std::string> make_nonce(std::string_view entropy16) {
  if (entropy16.size() != kNonceBytes) return make_error(ErrorCode::invalid_key, "nonce needs 16 bytes of entropy");
  return crypto::to_hex(reinterpret_cast<const std::uint8_t*>(entropy16.data()), entropy16.size());
}

Result<std::string> make_out_trade_no(std::int64_t now_ms, std::string_view entropy8) {
  if (entropy8.size() != 8) return make_error(ErrorCode::invalid_key, "out_trade_no needs 8 bytes of entropy");
  if (now_ms < 0) return make_error(ErrorCode::malformed_message, "time before 1970");
  const std::int64_t secs = now_ms / 1000;
  int y = 0;
  unsigned mo = 0, d = 0;
  civil_from_days(secs / 86400, y, mo, d);
  const auto sod = static_cast<unsigned>(secs % 86400);
  return std::to_string(y) + two(mo) + two(d) + two(sod / 3600) + two(sod / 60 % 60) + two(sod % 60) +
         crypto::to_hex(reinterpret_cast<const std::uint8_t*>(entropy8.data()), entropy8.size());
}

Result<SignedRequest> build_pay_request(const crypto::SigningKey& terminal_key, const crypto::PublicKey& acquirer_key,
                                        const PayOrder& order, RequestAuth auth) {
  const scan::Scan scanned = scan::classify(order.auth_code);
  if (!scanned.scheme || scanned.code != order.auth_code) {
    return make_error(ErrorCode::not_payable, "auth_code is not a payment code");
  }
  if (order.amount <= 0) return make_error(ErrorCode::invalid_amount, "amount must be above zero");
  auto sealed = crypto::seal(order.auth_code, acquirer_key);
  if (!sealed.ok()) return sealed.error();
  const json body = {
      {"out_trade_no", order.out_trade_no},
      {"amount", order.amount},
      {"currency", order.currency},
      {"scheme", paycode::scheme_name(*scanned.scheme)},
      {"auth_code_masked", paycode::mask_code(order.auth_code)},
      {"auth_code_sealed", crypto::to_base64(sealed.value())},
  };
  return sign_request(terminal_key, std::move(auth), "POST", kPayPath, to_text(body));
}

Result<PayRequestBody> parse_pay_request_body(std::string_view text) {
  auto parsed = parse_object(text);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  PayRequestBody body;
  std::string sealed;
  if (!get_string(j, "out_trade_no", body.out_trade_no) || body.out_trade_no.empty() || body.out_trade_no.size() > 32) {
    return malformed("out_trade_no must be a string of 1-32 characters");
  }
  if (!get_int(j, "amount", body.amount) || body.amount <= 0) return malformed("amount must be a positive integer");
  if (!get_string(j, "currency", body.currency)) return malformed("currency must be a string");
  if (!get_string(j, "scheme", body.scheme) || !paycode::scheme_from_name(body.scheme)) {
    return malformed("scheme must be a known scheme name");
  }
  if (!get_string(j, "auth_code_masked", body.auth_code_masked)) return malformed("auth_code_masked must be a string");
  if (!get_string(j, "auth_code_sealed", sealed)) return malformed("auth_code_sealed must be a string");
  auto box = crypto::from_base64(sealed);
  if (!box.ok()) return malformed("auth_code_sealed is not base64");
  body.auth_code_sealed = std::move(box).value();
  return body;
}

Result<PayResult> verify_pay_response(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                      const PayOrder& order, const SignedResponse& response) {
  auto sig = crypto::signature_from_base64(response.signature);
  if (!sig.ok()) return sig.error();
  const std::string message = canonical_response(response.http_status, response.timestamp_ms, request_nonce, response.body);
  if (!crypto::verify(acquirer_key, message, sig.value())) {
    return make_error(ErrorCode::bad_signature, "response signature does not verify");
  }
  auto parsed = parse_object(response.body);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();

  PayResult result;
  if (auto err = j.find("error"); err != j.end()) {
    if (!err->is_object() || !get_string(*err, "code", result.error_code)) return malformed("error.code missing");
    get_string(*err, "message", result.error_message);
    result.status = "ERROR";
    return result;
  }
  if (!get_string(j, "status", result.status) || !get_string(j, "out_trade_no", result.out_trade_no) ||
      !get_int(j, "amount", result.amount) || !get_string(j, "currency", result.currency)) {
    return malformed("payment answer lacks status, out_trade_no, amount or currency");
  }
  if (result.status != "SUCCESS" && result.status != "USERPAYING" && result.status != "FAILED") {
    return malformed("unknown payment status");
  }
  if (result.out_trade_no != order.out_trade_no || result.amount != order.amount || result.currency != order.currency) {
    return malformed("answer is for another order or amount");
  }
  get_string(j, "transaction_id", result.transaction_id);
  get_string(j, "scheme", result.scheme);
  get_string(j, "auth_code_masked", result.auth_code_masked);
  get_int(j, "paid_at", result.paid_at_ms);
  if (result.status == "SUCCESS" && result.transaction_id.empty()) return malformed("SUCCESS without transaction_id");
  return result;
}

std::string pay_result_body(const PayResult& r) {
  json j = {
      {"status", r.status},           {"out_trade_no", r.out_trade_no},
      {"transaction_id", r.transaction_id}, {"amount", r.amount},
      {"currency", r.currency},       {"scheme", r.scheme},
      {"auth_code_masked", r.auth_code_masked},
  };
  if (r.paid_at_ms != 0) j["paid_at"] = r.paid_at_ms;
  return to_text(j);
}

std::string error_body(std::string_view code, std::string_view message) {
  return to_text(json{{"error", {{"code", code}, {"message", message}}}});
}

std::string sign_response(const crypto::SigningKey& acquirer_key, int http_status, std::int64_t timestamp_ms,
                          std::string_view request_nonce, std::string_view body) {
  return crypto::to_base64(acquirer_key.sign(canonical_response(http_status, timestamp_ms, request_nonce, body)));
}

}  // namespace qrpos::protocol
