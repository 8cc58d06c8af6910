// The command line and environment of qrpos-acquirer (docs/sandbox.md "Running
// it"): flags win over their QRPOS_* environment variables, which win over defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server.hpp"

namespace qrpos::acquirer {

enum class Command { serve, issue_activation_code, show_admin_token, help };

struct Config {
  Command command = Command::serve;
  std::string db = "qrpos-sandbox.db";
  std::string keys_dir;  // "" : the key file sits beside the ledger
  std::string key_file;  // resolved: key_file_path(keys_dir, db)
  std::string passphrase;
  bool sandbox_passphrase = false;  // QRPOS_KEY_PASSPHRASE was unset
  bool insecure_http = false;
  ServerOptions server;
  // issue-activation-code
  std::string merchant_name, merchant_id, currency = "CNY";
  long valid_hours = 24;
};

// Parses argv and the environment. On a bad configuration returns nullopt with a
// one-line `error` (the caller exits 2). Checks files it can check before starting:
// the TLS certificate and key exist and the port is a number.
std::optional<Config> parse_config(int argc, char** argv, std::string& error);

// Everything --help prints.
const char* usage_text();

}  // namespace qrpos::acquirer
