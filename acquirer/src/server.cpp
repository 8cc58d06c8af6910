#include "server.hpp"

#include <httplib.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "qrpos/messages.hpp"
#include "qrpos/money.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/scan.hpp"

namespace qrpos::acquirer {
namespace {

using nlohmann::json;
namespace proto = qrpos::protocol;
namespace msg = qrpos::messages;

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return crypto::to_hex(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
}

// A secret that lives in the ledger: created once, then read back.
std::string ledger_secret(Ledger& ledger, const std::string& name) {
  if (auto hex = ledger.setting(name)) return *hex;
  const std::string hex = random_hex(crypto::kSeedSize);
  ledger.set_setting(name, hex);
  return hex;
}

std::string unhex(const std::string& hex) {
  auto bytes = crypto::from_hex(hex);
  if (!bytes.ok()) throw std::runtime_error("ledger holds a malformed key");
  return std::string(bytes.value().begin(), bytes.value().end());
}

bool parse_int64(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

Server::Server(Ledger& ledger, ServerOptions options, std::function<std::int64_t()> clock_ms)
    : ledger_(ledger), options_(std::move(options)), clock_ms_(std::move(clock_ms)), http_(new httplib::Server) {
  if (!crypto::init()) throw std::runtime_error("libsodium failed to initialise");
  // Sandbox keys live in the ledger file in clear; encrypting them at rest is issue 4's.
  key_ = std::make_unique<crypto::SigningKey>(
      crypto::SigningKey::from_seed(unhex(ledger_secret(ledger_, "acquirer_seed"))).value());
  fingerprint_key_ = unhex(ledger_secret(ledger_, "fingerprint_key"));
  if (options_.demo) {
    auto demo = crypto::SigningKey::from_seed(unhex(ledger_secret(ledger_, "demo_terminal_seed"))).value();
    ledger_.upsert_terminal({kDemoTerminalId, crypto::to_hex(demo.public_key()), "qrpos demo shop 演示商户"});
  }

  auto& http = *http_;
  http.set_payload_max_length(proto::kMaxBodySize);
  // Short keep-alive: stop() waits for idle connections, and Ctrl+C should be quick.
  http.set_keep_alive_timeout(2);
  http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  if (!options_.static_dir.empty() && !http.set_mount_point("/", options_.static_dir)) {
    throw std::runtime_error("static folder not found: " + options_.static_dir);
  }

  // Every answer is signed over status, time, the request's nonce and the body.
  auto reply = [this](httplib::Response& res, int status, const std::string& nonce, const std::string& body) {
    const std::int64_t now = clock_ms_();
    res.status = status;
    res.set_header(proto::kHeaderTimestamp, std::to_string(now));
    res.set_header(proto::kHeaderSignature, proto::sign_response(*key_, status, now, nonce, body));
    res.set_header("Cache-Control", "no-store");
    res.set_content(body, "application/json");
  };
  auto reject = [reply](httplib::Response& res, int status, const std::string& nonce, const char* code,
                        const std::string& message) {
    reply(res, status, nonce, msg::to_json(msg::ErrorBody{code, message, 0}));
  };

  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });

  http.Get("/v1/acquirer", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"public_key", crypto::to_hex(key_->public_key())}, {"protocol", "qrpos/1"}}.dump(),
                    "application/json");
  });

  if (options_.demo) {
    // Sandbox only: hands the demo terminal its key so `npm start` pays at once.
    // Real terminals get theirs through activation (docs/protocol.md).
    http.Get("/demo/terminal.json", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      res.set_content(json{{"terminal_id", kDemoTerminalId},
                           {"seed", ledger_secret(ledger_, "demo_terminal_seed")},
                           {"acquirer_public_key", crypto::to_hex(key_->public_key())},
                           {"merchant_name", "qrpos demo shop 演示商户"},
                           {"currency", "CNY"}}
                          .dump(),
                      "application/json");
    });
  }

  http.Post(proto::kPayPath, [this, reply, reject](const httplib::Request& req, httplib::Response& res) {
    const std::string nonce = req.get_header_value(proto::kHeaderNonce);
    proto::SignedRequest signed_req{req.method, req.path, req.body, {}, req.get_header_value(proto::kHeaderSignature)};
    signed_req.auth.terminal_id = req.get_header_value(proto::kHeaderTerminal);
    signed_req.auth.nonce = nonce;
    if (signed_req.auth.terminal_id.empty() || nonce.size() != 2 * proto::kNonceBytes || signed_req.signature.empty() ||
        !parse_int64(req.get_header_value(proto::kHeaderTimestamp), signed_req.auth.timestamp_ms)) {
      return reject(res, 400, nonce, "missing_auth_headers",
                    "Qrpos-Terminal, Qrpos-Timestamp, Qrpos-Nonce (32 hex) and Qrpos-Signature are required");
    }
    const auto terminal = ledger_.find_terminal(signed_req.auth.terminal_id);
    if (!terminal) return reject(res, 401, nonce, "unknown_terminal", "this terminal is not activated here");
    const std::int64_t now = clock_ms_();
    if (std::llabs(now - signed_req.auth.timestamp_ms) > options_.timestamp_window_ms) {
      return reject(res, 401, nonce, "stale_timestamp", "request time is outside the window: check the terminal clock");
    }
    auto terminal_key = crypto::public_key_from_hex(terminal->public_key_hex);
    if (!terminal_key.ok() || !proto::verify_request(terminal_key.value(), signed_req).ok()) {
      return reject(res, 401, nonce, "bad_signature", "request signature does not verify");
    }
    auto body = msg::parse_pay_request(req.body);
    if (!body.ok()) return reject(res, 400, nonce, "malformed_message", body.error().detail);
    auto code = key_->open_sealed(body.value().auth_code_sealed);
    const scan::Scan scanned = scan::classify(code.ok() ? code.value() : std::string());
    if (!code.ok() || !scanned.scheme || paycode::scheme_name(*scanned.scheme) != body.value().scheme ||
        paycode::mask_code(code.value()) != body.value().auth_code_masked) {
      return reject(res, 400, nonce, "bad_auth_code", "the sealed payment code does not open or does not match");
    }
    if (!money::find_currency(body.value().currency)) {
      return reject(res, 400, nonce, "unknown_currency", "currency is not supported");
    }
    if (!ledger_.remember_nonce(terminal->terminal_id, nonce, now)) {
      return reject(res, 409, nonce, "replayed_nonce", "this request was already received");
    }

    Payment payment{terminal->terminal_id,
                    body.value().out_trade_no,
                    body.value().amount,
                    body.value().currency,
                    body.value().scheme,
                    body.value().auth_code_masked,
                    crypto::keyed_hash_hex(fingerprint_key_, code.value()),
                    "QP" + std::to_string(now) + random_hex(4),
                    "SUCCESS",
                    now,
                    now};
    Payment stored;
    switch (ledger_.record_payment(payment, stored)) {
      case Recorded::conflict:
        return reject(res, 409, nonce, "out_trade_no_conflict",
                      "this out_trade_no belongs to another sale: use a new one");
      case Recorded::code_used:
        return reject(res, 409, nonce, "auth_code_used",
                      "this payment code was already used: ask the customer to refresh it");
      case Recorded::created:
      case Recorded::existing:
        break;
    }
    std::fprintf(stderr, "[acquirer] pay %s %s %s %lld %s -> %s\n", stored.terminal_id.c_str(),
                 stored.out_trade_no.c_str(), stored.auth_code_masked.c_str(), static_cast<long long>(stored.amount),
                 stored.currency.c_str(), stored.status.c_str());
    msg::Trade result;
    result.status = msg::TradeStatus::SUCCESS;
    result.out_trade_no = stored.out_trade_no;
    result.transaction_id = stored.transaction_id;
    result.amount = stored.amount;
    result.currency = stored.currency;
    result.scheme = stored.scheme;
    result.auth_code_masked = stored.auth_code_masked;
    result.paid_at_ms = stored.paid_at_ms;
    reply(res, 200, nonce, msg::to_json(result));
  });

  http.set_exception_handler([reject](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "[acquirer] internal error on %s: %s\n", req.path.c_str(), what.c_str());
    reject(res, 500, req.get_header_value(proto::kHeaderNonce), "internal_error",
           "the acquirer failed; the payment state is unknown: query it");
  });
  http.set_error_handler([reject](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 413) {
      reject(res, 413, req.get_header_value(proto::kHeaderNonce), "body_too_large", "request body is too large");
    } else if (res.status == 404 && req.path.rfind("/v1/", 0) == 0) {
      reject(res, 404, req.get_header_value(proto::kHeaderNonce), "not_found", "no such endpoint");
    }
  });
}

Server::~Server() = default;

int Server::bind() {
  const int port = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                                      : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                             " (is another acquirer running? choose another --port)");
  }
  return port;
}

void Server::run() { http_->listen_after_bind(); }
void Server::stop() { http_->stop(); }

}  // namespace qrpos::acquirer
