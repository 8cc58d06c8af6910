// The sandbox acquirer's HTTP face: protocol v1 endpoints over cpp-httplib, the
// kiosk's static files, the simulated customer wallet for orders (/pay/{id}), and
// (in demo mode) the demo terminal's credentials.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ledger.hpp"
#include "qrpos/crypto.hpp"

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
};

inline constexpr const char* kDemoTerminalId = "T-DEMO-0001";

class Api;

class Server {
 public:
  Server(Ledger& ledger, ServerOptions options, std::function<std::int64_t()> clock_ms);
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
  std::string origin_;  // http://host:port once bound: code_url's fallback origin
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace qrpos::acquirer
