#include "server.hpp"

#include <httplib.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "activation.hpp"
#include "admin.hpp"
#include "api.hpp"
#include "log.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "request_log.hpp"

namespace qrpos::acquirer {
namespace {

// Each keep-alive connection holds a worker while open: room for many terminals.
constexpr std::size_t kWorkerThreads = 64;

using nlohmann::json;
namespace proto = qrpos::protocol;
namespace msg = qrpos::messages;

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return crypto::to_hex(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
}

// The demo terminal's seed lives in the ledger (the sandbox demo publishes it anyway):
// created once, then read back. The acquirer's own secrets are in the key folder.
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

}  // namespace

Server::Server(Ledger& ledger, ServerOptions options, const Secrets& secrets, std::function<std::int64_t()> clock_ms)
    : ledger_(ledger), options_(std::move(options)), clock_ms_(std::move(clock_ms)) {
  if (!crypto::init()) throw std::runtime_error("libsodium failed to initialise");
  if (!options_.tls_cert.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(), options_.tls_key.c_str());
    if (!tls->is_valid()) {
      throw std::runtime_error("cannot load the TLS certificate " + options_.tls_cert + " with key " +
                               options_.tls_key);
    }
    http_ = std::move(tls);
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  auto seed = crypto::SigningKey::from_seed(secrets.acquirer_seed);
  if (!seed.ok()) throw std::runtime_error("the key folder holds a malformed acquirer seed");
  key_ = std::make_unique<crypto::SigningKey>(seed.value());
  api_ = std::make_unique<Api>(ledger_, *key_, secrets.fingerprint_key, options_.timestamp_window_ms, clock_ms_);
  admin_token_ = options_.admin_token.empty() ? secrets.admin_token : options_.admin_token;
  faults_.set(options_.faults);
  if (options_.demo) {
    auto demo = crypto::SigningKey::from_seed(unhex(ledger_secret(ledger_, "demo_terminal_seed"))).value();
    Terminal terminal;
    terminal.terminal_id = kDemoTerminalId;
    terminal.public_key_hex = crypto::to_hex(demo.public_key());
    terminal.merchant_name = "qrpos demo shop 演示商户";
    ledger_.upsert_terminal(terminal);
  }

  auto& http = *http_;
  http.set_payload_max_length(proto::kMaxBodySize);
  // Short keep-alive: stop() waits for idle connections, and Ctrl+C should be quick.
  http.set_keep_alive_timeout(2);
  // cpp-httplib's defaults cost every answer ~40 ms (Nagle + delayed ACK: head and
  // body go out in two writes), reconnect every 5 requests, and let 8 idle keep-alive
  // connections hold all 8 workers (bench/results/acquirer.md).
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(10'000);
  http.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  // The kiosk's web app manifest (installable offline shell); httplib has no type for it.
  http.set_file_extension_and_mimetype_mapping("webmanifest", "application/manifest+json");
  if (!options_.static_dir.empty() && !http.set_mount_point("/", options_.static_dir)) {
    throw std::runtime_error("static folder not found: " + options_.static_dir);
  }
  // Vite names everything under /assets/ by its content hash: a kiosk restarting keeps
  // them from its cache instead of having each one compressed again here. The pages and
  // qrpos-config.json keep their names across versions, so they are revalidated.
  http.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
    const bool hashed = req.path.rfind("/assets/", 0) == 0;
    res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  });

  auto reject = [this](httplib::Response& res, msg::AcquirerError error, const std::string& nonce,
                       const std::string& message) { api_->reply_error(res, error, nonce, message); };

  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });

  http.Get("/v1/acquirer", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"public_key", crypto::to_hex(key_->public_key())}, {"protocol", "qrpos/1"}}.dump(),
                    "application/json");
  });

  // The kiosk's deployment file: which acquirer to trust. Served by the same origin
  // as the app itself, so it is exactly as trustworthy as the code that reads it;
  // an app served from elsewhere (a merchant portal) is given the key as an attribute.
  http.Get("/qrpos-config.json", [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(json{{"acquirer_url", ""},
                         {"acquirer_public_key", crypto::to_hex(key_->public_key())},
                         {"demo", options_.demo}}
                        .dump(),
                    "application/json");
  });

  if (options_.demo) {
    // Sandbox only: a fresh one-time code, so the `npm start` kiosk activates itself
    // through the real activation path.
    http.Post("/demo/activation-code", [this](const httplib::Request&, httplib::Response& res) {
      ActivationCodeRequest request;
      request.merchant_name = "qrpos demo shop 演示商户";
      request.valid_hours = 1;
      std::string error;
      auto issued = issue_activation_code(api_->ledger, api_->fingerprint_key, request, api_->now_ms(), error);
      res.set_header("Cache-Control", "no-store");
      if (!issued) {
        res.status = 500;
        return res.set_content(json{{"error", error}}.dump(), "application/json");
      }
      res.status = 201;
      res.set_content(json{{"activation_code", issued->code}}.dump(), "application/json");
    });
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

  add_payment_routes(http, *api_);
  add_order_routes(http, *api_, origin_);
  add_refund_and_report_routes(http, *api_);
  add_customer_routes(http, *api_);
  add_heartbeat_routes(http, *api_);
  add_table_routes(http, *api_);
  add_lookup_routes(http, *api_);
  add_activation_routes(http, *api_);
  add_admin_routes(http, *api_, admin_token_, faults_);
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    stamp_request_start(req);
    return apply_faults_before(*api_, faults_, req, res) ? httplib::Server::HandlerResponse::Handled
                                                         : httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_post_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { apply_faults_after(faults_, req, res); });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });

  http.set_exception_handler([reject](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_event("error", "internal_error", {{"path", req.path}, {"what", what}});
    reject(res, msg::AcquirerError::internal_error, req.get_header_value(proto::kHeaderNonce),
           "the acquirer failed; the payment state is unknown: query it");
  });
  http.set_error_handler([reject](const httplib::Request& req, httplib::Response& res) {
    // httplib calls this for every status >= 400, ours included: only fill in its own.
    if (!res.body.empty()) return;
    if (res.status == 413) {
      reject(res, msg::AcquirerError::body_too_large, req.get_header_value(proto::kHeaderNonce),
             "request body is too large");
    } else if (res.status == 404 && req.path.rfind("/v1/", 0) == 0) {
      reject(res, msg::AcquirerError::not_found, req.get_header_value(proto::kHeaderNonce), "no such endpoint");
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
  origin_ =
      std::string(options_.tls_cert.empty() ? "http://" : "https://") + options_.host + ":" + std::to_string(port);
  return port;
}

void Server::run() { http_->listen_after_bind(); }
void Server::stop() {
  api_->stop_pauses();
  http_->stop();
}

}  // namespace qrpos::acquirer
