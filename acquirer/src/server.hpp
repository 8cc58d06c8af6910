// The sandbox acquirer's HTTP face: protocol v1 endpoints over cpp-httplib, the
// kiosk's static files, the simulated customer wallet for orders (/pay/{id}), and
// (in demo mode) the demo terminal's credentials.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "faults.hpp"
#include "ledger.hpp"
#include "qrpos/crypto.hpp"
#include "secrets.hpp"

namespace httplib {
class Server;
}

namespace qrpos::acquirer {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: pick a free port
  std::string static_dir;  // served at "/" when set
  bool demo = false;       // provision and publish the demo terminal
  std::int64_t timestamp_window_ms = 5 * 60 * 1000;
  std::string tls_cert, tls_key;  // both set: serve HTTPS (httplib::SSLServer)
  std::string admin_token;        // "" : the generated one from the key folder
  std::vector<Fault> faults;      // active from the start (--fault)
};

inline constexpr const char* kDemoTerminalId = "T-DEMO-0001";

class Api;

class Server {
 public:
  // Throws std::runtime_error saying why when the options cannot work (e.g. a TLS
  // certificate that does not load).
  Server(Ledger& ledger, ServerOptions options, const Secrets& secrets, std::function<std::int64_t()> clock_ms);
  ~Server();
  // Binds the port (returned) or throws std::runtime_error saying why.
  int bind();
  // Serves until stop(); blocks.
  void run();
  void stop();
  const crypto::PublicKey& public_key() const { return key_->public_key(); }

 private:
  Ledger& ledger_;
  ServerOptions options_;
  std::function<std::int64_t()> clock_ms_;
  std::unique_ptr<crypto::SigningKey> key_;
  std::unique_ptr<Api> api_;
  std::string admin_token_;
  FaultInjector faults_;
  std::string origin_;  // http(s)://host:port once bound: code_url's fallback origin
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace qrpos::acquirer
