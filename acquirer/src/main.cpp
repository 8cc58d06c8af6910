// qrpos-acquirer: the sandbox acquirer integrators develop and test against, and its
// two admin subcommands (issue-activation-code, admin-token).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include "activation.hpp"
#include "config.hpp"
#include "ledger.hpp"
#include "log.hpp"
#include "secrets.hpp"
#include "server.hpp"

namespace {

using namespace qrpos::acquirer;

// Exit codes: 2 a bad configuration (flags, environment, key folder, certificate,
// port in use), 1 a failure while running.
constexpr int kExitFailure = 1;
constexpr int kExitBadConfig = 2;

Server* g_server = nullptr;  // for the signal handler only

void on_signal(int) {
  if (g_server) g_server->stop();
}

std::int64_t wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The key folder is configuration: when it cannot be opened the operator must fix
// a path or passphrase, so this is exit 2 like any other bad setting.
std::optional<Secrets> load_secrets(Ledger& ledger, const Config& config) {
  try {
    return open_secrets(ledger, config.key_file, config.passphrase);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qrpos-acquirer: key file %s: %s\n", config.key_file.c_str(), e.what());
    return std::nullopt;
  }
}

int issue_code(Ledger& ledger, const Secrets& secrets, const Config& config) {
  ActivationCodeRequest request{config.merchant_name, config.merchant_id, config.currency, config.valid_hours};
  std::string error;
  auto issued = issue_activation_code(ledger, secrets.fingerprint_key, request, wall_clock_ms(), error);
  if (!issued) {
    std::fprintf(stderr, "qrpos-acquirer: %s\n", error.c_str());
    return kExitBadConfig;
  }
  // The code alone on stdout, so scripts can capture it.
  std::printf("%s\n", issued->code.c_str());
  std::fprintf(stderr, "activation code for %s (%s, %s), valid %ld h: enter it on the terminal once\n",
               issued->stored.merchant_name.c_str(), issued->stored.merchant_id.c_str(),
               issued->stored.currency.c_str(), config.valid_hours);
  return 0;
}

int serve(Ledger& ledger, const Secrets& secrets, const Config& config) {
  const bool tls = !config.server.tls_cert.empty();
  if (config.sandbox_passphrase) {
    log_event("warn", "sandbox_key_passphrase",
              {{"message",
                "key folder encrypted with the fixed sandbox passphrase: set QRPOS_KEY_PASSPHRASE "
                "before the first start to choose your own"},
               {"keys", config.key_file}});
  }
  if (!tls && config.insecure_http) {
    log_event("warn", "insecure_http",
              {{"message", "serving plain HTTP on " + config.server.host + ": use --tls-cert/--tls-key"}});
  }
  if (config.server.admin_token.empty()) {
    log_event("info", "admin_token",
              {{"message",
                "admin endpoints need the token kept in the key folder; print it with: qrpos-acquirer "
                "admin-token --db " +
                    config.db + (config.keys_dir.empty() ? "" : " --keys " + config.keys_dir)}});
  }
  std::unique_ptr<Server> server_holder;
  int port = 0;
  try {
    // Failing here means a setting to fix (certificate, static folder, port in use).
    server_holder = std::make_unique<Server>(ledger, config.server, secrets, wall_clock_ms);
    port = server_holder->bind();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qrpos-acquirer: %s\n", e.what());
    return kExitBadConfig;
  }
  try {
    Server& server = *server_holder;
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::printf("qrpos-acquirer listening on %s://%s:%d (ledger %s)\n", tls ? "https" : "http",
                config.server.host.c_str(), port, config.db.c_str());
    std::fflush(stdout);
    server.run();
    g_server = nullptr;
    std::printf("qrpos-acquirer stopped\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qrpos-acquirer: %s\n", e.what());
    return kExitFailure;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  auto config = parse_config(argc, argv, error);
  if (!config) {
    std::fprintf(stderr, "qrpos-acquirer: %s\n", error.c_str());
    return kExitBadConfig;
  }
  if (config->command == Command::help) {
    std::fputs(usage_text(), stdout);
    return 0;
  }
  if (!qrpos::crypto::init()) {
    std::fprintf(stderr, "qrpos-acquirer: libsodium failed to initialise\n");
    return kExitFailure;
  }
  try {
    Ledger ledger(config->db);
    auto secrets = load_secrets(ledger, *config);
    if (!secrets) return kExitBadConfig;
    switch (config->command) {
      case Command::issue_activation_code:
        return issue_code(ledger, *secrets, *config);
      case Command::show_admin_token:
        std::printf("%s\n", secrets->admin_token.c_str());
        return 0;
      default:
        return serve(ledger, *secrets, *config);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qrpos-acquirer: %s\n", e.what());
    return kExitFailure;
  }
}
