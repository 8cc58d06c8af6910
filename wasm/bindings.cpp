// Embind bindings: convert, call the core once, convert back. No logic lives here.
// Bytes cross as hex, 64-bit integers as doubles (amounts and epoch milliseconds
// stay far below 2^53). Failures come back as { ok: false, error } values; the TS
// facade (web/src/sdk/core.ts) turns them into typed QrposError throws.
// This file: the shared DTOs (dto.hpp), crypto and protocol; bind_<module>.cpp the rest.
#include <emscripten/bind.h>

#include <string>

#include "common/dto.hpp"
#include "qrpos/crypto.hpp"
#include "qrpos/protocol.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;
using emscripten::function;
using emscripten::value_object;

struct PayRequestInput {
  // entropyHex: 32 random bytes (hex) for sealing the payment code.
  std::string terminalId, terminalSeedHex, acquirerPublicKeyHex, outTradeNo, currency, authCode, nonce, entropyHex;
  double amount = 0, timestampMs = 0;
};
struct PayRequestDto {
  bool ok = false;
  ErrorDto error;
  std::string method, path, body, terminalId, nonce, signature;
  double timestampMs = 0;
};
struct PayResponseInput {
  std::string acquirerPublicKeyHex, requestNonce, outTradeNo, currency, signature, body;
  double amount = 0, httpStatus = 0, timestampMs = 0;
};
struct PayResultDto {
  bool ok = false;
  ErrorDto error;
  std::string status, outTradeNo, transactionId, currency, scheme, authCodeMasked, errorCode, errorMessage;
  double amount = 0, paidAtMs = 0;
};

template <class T>
TextResult text_result(const Result<T>& r, std::string (*show)(const T&)) {
  return r.ok() ? TextResult{true, show(r.value()), {}} : TextResult{false, {}, to_dto(r.error())};
}
std::string identity(const std::string& s) { return s; }
std::string bytes_as_text(const crypto::Bytes& b) { return std::string(b.begin(), b.end()); }

Result<std::string> decode_hex_text(const std::string& hex) {
  auto bytes = crypto::from_hex(hex);
  if (!bytes.ok()) return bytes.error();
  return bytes_as_text(bytes.value());
}

bool init() { return crypto::init(); }

std::string sha256_hex(const std::string& text) { return crypto::sha256_hex(text); }

TextResult public_key_from_seed(const std::string& seed_hex) {
  auto seed = decode_hex_text(seed_hex);
  if (!seed.ok()) return {false, {}, to_dto(seed.error())};
  auto key = crypto::SigningKey::from_seed(seed.value());
  if (!key.ok()) return {false, {}, to_dto(key.error())};
  return {true, crypto::to_hex(key.value().public_key()), {}};
}

// Test-vector access to raw Ed25519 (hex in, hex out).
TextResult sign_hex(const std::string& seed_hex, const std::string& message_hex) {
  auto seed = decode_hex_text(seed_hex);
  auto message = decode_hex_text(message_hex);
  if (!seed.ok() || !message.ok()) return {false, {}, to_dto(seed.ok() ? message.error() : seed.error())};
  auto key = crypto::SigningKey::from_seed(seed.value());
  if (!key.ok()) return {false, {}, to_dto(key.error())};
  return {true, crypto::to_hex(key.value().sign(message.value())), {}};
}

bool verify_hex(const std::string& public_key_hex, const std::string& message_hex, const std::string& signature_hex) {
  auto pk = crypto::public_key_from_hex(public_key_hex);
  auto message = decode_hex_text(message_hex);
  auto sig = crypto::from_hex(signature_hex);
  if (!pk.ok() || !message.ok() || !sig.ok() || sig.value().size() != crypto::Signature{}.size()) return false;
  crypto::Signature s{};
  std::copy(sig.value().begin(), sig.value().end(), s.begin());
  return crypto::verify(pk.value(), message.value(), s);
}

std::string canonical_request(const std::string& method, const std::string& path, double timestamp_ms,
                              const std::string& nonce, const std::string& body) {
  return protocol::canonical_request(method, path, static_cast<std::int64_t>(timestamp_ms), nonce, body);
}

std::string canonical_response(double status, double timestamp_ms, const std::string& nonce, const std::string& body) {
  return protocol::canonical_response(static_cast<int>(status), static_cast<std::int64_t>(timestamp_ms), nonce, body);
}

TextResult make_nonce(const std::string& entropy_hex) {
  auto entropy = decode_hex_text(entropy_hex);
  if (!entropy.ok()) return {false, {}, to_dto(entropy.error())};
  return text_result(protocol::make_nonce(entropy.value()), identity);
}

TextResult make_out_trade_no(double now_ms, const std::string& entropy_hex) {
  auto entropy = decode_hex_text(entropy_hex);
  if (!entropy.ok()) return {false, {}, to_dto(entropy.error())};
  return text_result(protocol::make_out_trade_no(static_cast<std::int64_t>(now_ms), entropy.value()), identity);
}

PayRequestDto build_pay_request(const PayRequestInput& in) {
  PayRequestDto out;
  auto seed = decode_hex_text(in.terminalSeedHex);
  auto key = seed.ok() ? crypto::SigningKey::from_seed(seed.value()) : Result<crypto::SigningKey>(seed.error());
  auto acquirer = crypto::public_key_from_hex(in.acquirerPublicKeyHex);
  auto entropy_bytes = decode_hex_text(in.entropyHex);
  if (!key.ok() || !acquirer.ok() || !entropy_bytes.ok()) {
    out.error = to_dto(!key.ok() ? key.error() : !acquirer.ok() ? acquirer.error() : entropy_bytes.error());
    return out;
  }
  crypto::ByteEntropy entropy(entropy_bytes.value());
  const protocol::PayOrder order{in.outTradeNo, static_cast<std::int64_t>(in.amount), in.currency, in.authCode};
  auto body = protocol::make_pay_request(order, acquirer.value(), entropy);
  if (!body.ok() || entropy.exhausted()) {
    out.error = to_dto(body.ok() ? make_error(ErrorCode::invalid_key, "entropyHex too short") : body.error());
    return out;
  }
  const auto r = protocol::sign_request(key.value(), {in.terminalId, static_cast<std::int64_t>(in.timestampMs), in.nonce},
                                        "POST", messages::kPaymentsPath, messages::to_json(body.value()));
  out.ok = true;
  out.method = r.method;
  out.path = r.path;
  out.body = r.body;
  out.terminalId = r.auth.terminal_id;
  out.timestampMs = static_cast<double>(r.auth.timestamp_ms);
  out.nonce = r.auth.nonce;
  out.signature = r.signature;
  return out;
}

PayResultDto verify_pay_response(const PayResponseInput& in) {
  PayResultDto out;
  auto acquirer = crypto::public_key_from_hex(in.acquirerPublicKeyHex);
  if (!acquirer.ok()) {
    out.error = to_dto(acquirer.error());
    return out;
  }
  const protocol::SignedResponse response{static_cast<int>(in.httpStatus), static_cast<std::int64_t>(in.timestampMs),
                                          in.signature, in.body};
  auto r = protocol::verify_trade_answer(acquirer.value(), in.requestNonce, in.outTradeNo,
                                         static_cast<std::int64_t>(in.amount), in.currency, response);
  if (!r.ok()) {
    out.error = to_dto(r.error());
    return out;
  }
  out.ok = true;
  if (r.value().error) {
    out.status = "ERROR";
    out.errorCode = r.value().error->code;
    out.errorMessage = r.value().error->message;
    return out;
  }
  const auto& t = *r.value().trade;
  out.status = messages::status_name(t.status);
  out.outTradeNo = t.out_trade_no;
  out.transactionId = t.transaction_id;
  out.amount = static_cast<double>(t.amount);
  out.currency = t.currency;
  out.scheme = t.scheme;
  out.authCodeMasked = t.auth_code_masked;
  out.paidAtMs = static_cast<double>(t.paid_at_ms);
  out.errorCode = t.reason;
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_core) {
  value_object<PayRequestInput>("PayRequestInput")
      .field("terminalId", &PayRequestInput::terminalId)
      .field("terminalSeedHex", &PayRequestInput::terminalSeedHex)
      .field("acquirerPublicKeyHex", &PayRequestInput::acquirerPublicKeyHex)
      .field("outTradeNo", &PayRequestInput::outTradeNo)
      .field("amount", &PayRequestInput::amount)
      .field("currency", &PayRequestInput::currency)
      .field("authCode", &PayRequestInput::authCode)
      .field("timestampMs", &PayRequestInput::timestampMs)
      .field("nonce", &PayRequestInput::nonce)
      .field("entropyHex", &PayRequestInput::entropyHex);
  value_object<PayRequestDto>("PayRequestDto")
      .field("ok", &PayRequestDto::ok)
      .field("error", &PayRequestDto::error)
      .field("method", &PayRequestDto::method)
      .field("path", &PayRequestDto::path)
      .field("body", &PayRequestDto::body)
      .field("terminalId", &PayRequestDto::terminalId)
      .field("timestampMs", &PayRequestDto::timestampMs)
      .field("nonce", &PayRequestDto::nonce)
      .field("signature", &PayRequestDto::signature);
  value_object<PayResponseInput>("PayResponseInput")
      .field("acquirerPublicKeyHex", &PayResponseInput::acquirerPublicKeyHex)
      .field("requestNonce", &PayResponseInput::requestNonce)
      .field("outTradeNo", &PayResponseInput::outTradeNo)
      .field("amount", &PayResponseInput::amount)
      .field("currency", &PayResponseInput::currency)
      .field("httpStatus", &PayResponseInput::httpStatus)
      .field("timestampMs", &PayResponseInput::timestampMs)
      .field("signature", &PayResponseInput::signature)
      .field("body", &PayResponseInput::body);
  value_object<PayResultDto>("PayResultDto")
      .field("ok", &PayResultDto::ok)
      .field("error", &PayResultDto::error)
      .field("status", &PayResultDto::status)
      .field("outTradeNo", &PayResultDto::outTradeNo)
      .field("transactionId", &PayResultDto::transactionId)
      .field("amount", &PayResultDto::amount)
      .field("currency", &PayResultDto::currency)
      .field("scheme", &PayResultDto::scheme)
      .field("authCodeMasked", &PayResultDto::authCodeMasked)
      .field("paidAtMs", &PayResultDto::paidAtMs)
      .field("errorCode", &PayResultDto::errorCode)
      .field("errorMessage", &PayResultDto::errorMessage);

  function("init", &init);
  function("sha256Hex", &sha256_hex);
  function("publicKeyFromSeed", &public_key_from_seed);
  function("signHex", &sign_hex);
  function("verifyHex", &verify_hex);
  function("canonicalRequest", &canonical_request);
  function("canonicalResponse", &canonical_response);
  function("makeNonce", &make_nonce);
  function("makeOutTradeNo", &make_out_trade_no);
  function("buildPayRequest", &build_pay_request);
  function("verifyPayResponse", &verify_pay_response);
}
