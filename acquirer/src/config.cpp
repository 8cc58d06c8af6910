#include "config.hpp"

#include <cstdlib>
#include <filesystem>

#include "secrets.hpp"

namespace qrpos::acquirer {
namespace {

std::optional<long> parse_number(const std::string& text, long lo, long hi) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  char* end = nullptr;
  const long n = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || n < lo || n > hi) return std::nullopt;
  return n;
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

const char* usage_text() {
  return "usage: qrpos-acquirer [serve flags]\n"
         "       qrpos-acquirer issue-activation-code --merchant NAME [--merchant-id ID] [--currency CNY]\n"
         "                                            [--valid-hours 24] [--db FILE] [--keys DIR]\n"
         "       qrpos-acquirer admin-token [--db FILE] [--keys DIR]\n"
         "\n"
         "serve flags (environment variable in brackets):\n"
         "  --db FILE            SQLite ledger, created if missing (QRPOS_DB; default qrpos-sandbox.db)\n"
         "  --keys DIR           key folder: DIR/acquirer-keys.json is made on first start (QRPOS_KEYS;\n"
         "                       default: the file <db>.keys beside the ledger), encrypted with\n"
         "                       QRPOS_KEY_PASSPHRASE (unset: a fixed sandbox passphrase, with a warning)\n"
         "  --host HOST          address to listen on (QRPOS_HOST; default 127.0.0.1)\n"
         "  --port N             port, 0 picks a free one (QRPOS_PORT; default 8080)\n"
         "  --tls-cert FILE      serve HTTPS with this PEM certificate (QRPOS_TLS_CERT)\n"
         "  --tls-key FILE       ... and this PEM private key (QRPOS_TLS_KEY)\n"
         "  --insecure-http      allow plain HTTP on a non-loopback host\n"
         "  --admin-token TOKEN  token for /admin endpoints (QRPOS_ADMIN_TOKEN; default: generated\n"
         "                       and kept in the key folder, shown by `qrpos-acquirer admin-token`)\n"
         "  --fault SPEC         start with a fault, repeatable: kind[=value][,path=P][,count=N]\n"
         "                       [,probability=F]; kinds: latency=MS, drop_after_commit,\n"
         "                       server_error[=500|503], reset_before_processing, corrupt_signature,\n"
         "                       stale_response (docs/sandbox.md \"Fault injection\")\n"
         "  --static DIR         serve the kiosk web app from DIR at /\n"
         "  --demo               provision the demo terminal and publish its key at /demo/terminal.json\n"
         "  --help               this text\n";
}

std::optional<Config> parse_config(int argc, char** argv, std::string& error) {
  Config c;
  // Environment first, so flags override it.
  if (const char* v = env("QRPOS_DB")) c.db = v;
  if (const char* v = env("QRPOS_KEYS")) c.keys_dir = v;
  if (const char* v = env("QRPOS_HOST")) c.server.host = v;
  if (const char* v = env("QRPOS_TLS_CERT")) c.server.tls_cert = v;
  if (const char* v = env("QRPOS_TLS_KEY")) c.server.tls_key = v;
  if (const char* v = env("QRPOS_ADMIN_TOKEN")) c.server.admin_token = v;
  std::string port_text;
  if (const char* v = env("QRPOS_PORT")) port_text = v;

  int i = 1;
  if (argc > 1) {
    const std::string first = argv[1];
    if (first == "issue-activation-code") {
      c.command = Command::issue_activation_code;
      i = 2;
    } else if (first == "admin-token") {
      c.command = Command::show_admin_token;
      i = 2;
    }
  }
  std::string valid_hours_text;
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      c.command = Command::help;
      return c;
    }
    if (arg == "--demo") {
      c.server.demo = true;
      continue;
    }
    if (arg == "--insecure-http") {
      c.insecure_http = true;
      continue;
    }
    std::string* target = nullptr;
    std::string fault_spec;
    if (arg == "--db")
      target = &c.db;
    else if (arg == "--keys")
      target = &c.keys_dir;
    else if (arg == "--host")
      target = &c.server.host;
    else if (arg == "--port")
      target = &port_text;
    else if (arg == "--static")
      target = &c.server.static_dir;
    else if (arg == "--tls-cert")
      target = &c.server.tls_cert;
    else if (arg == "--tls-key")
      target = &c.server.tls_key;
    else if (arg == "--admin-token")
      target = &c.server.admin_token;
    else if (arg == "--fault")
      target = &fault_spec;
    else if (arg == "--merchant")
      target = &c.merchant_name;
    else if (arg == "--merchant-id")
      target = &c.merchant_id;
    else if (arg == "--currency")
      target = &c.currency;
    else if (arg == "--valid-hours")
      target = &valid_hours_text;
    if (!target) {
      error = "unknown argument: " + arg + " (see --help)";
      return std::nullopt;
    }
    if (i + 1 >= argc) {
      error = "missing value after " + arg;
      return std::nullopt;
    }
    *target = argv[++i];
    if (arg == "--fault") {
      auto fault = parse_fault_spec(fault_spec, error);
      if (!fault) {
        error = "bad --fault " + fault_spec + ": " + error;
        return std::nullopt;
      }
      c.server.faults.push_back(*fault);
    }
  }

  if (!port_text.empty()) {
    auto port = parse_number(port_text, 0, 65535);
    if (!port) {
      error = "bad port \"" + port_text + "\": use a number from 0 to 65535";
      return std::nullopt;
    }
    c.server.port = static_cast<int>(*port);
  }
  if (!valid_hours_text.empty()) {
    auto hours = parse_number(valid_hours_text, 1, 720);
    if (!hours) {
      error = "--valid-hours takes a number from 1 to 720";
      return std::nullopt;
    }
    c.valid_hours = *hours;
  }
  if (c.command == Command::issue_activation_code && c.merchant_name.empty()) {
    error = "issue-activation-code needs --merchant NAME";
    return std::nullopt;
  }
  if (c.server.tls_cert.empty() != c.server.tls_key.empty()) {
    error = "TLS needs both --tls-cert and --tls-key";
    return std::nullopt;
  }
  for (const std::string* file : {&c.server.tls_cert, &c.server.tls_key}) {
    std::error_code ec;
    if (!file->empty() && !std::filesystem::is_regular_file(*file, ec)) {
      error = "TLS file not found: " + *file;
      return std::nullopt;
    }
  }
  if (c.command == Command::serve && c.server.tls_cert.empty() && !is_loopback(c.server.host) && !c.insecure_http) {
    error = "listening on " + c.server.host +
            " without TLS sends payment traffic in clear: give --tls-cert and --tls-key, or --insecure-http";
    return std::nullopt;
  }
  c.key_file = key_file_path(c.keys_dir, c.db);
  if (const char* v = env("QRPOS_KEY_PASSPHRASE")) {
    c.passphrase = v;
  } else {
    c.passphrase = kSandboxPassphrase;
    c.sandbox_passphrase = true;
  }
  return c;
}

}  // namespace qrpos::acquirer
