// The acquirer's secrets, encrypted at rest: its Ed25519 seed, the fingerprint
// secret (keyed hashes of payment and activation codes) and the generated admin
// token. One JSON file sealed with crypto_secretbox under a key derived from a
// passphrase by crypto_pwhash (Argon2id): <--keys DIR>/acquirer-keys.json, or by
// default the file <db>.keys beside the ledger (a file, not a folder, so the ledger's
// folder holds only files).
#pragma once

#include <string>

#include "ledger.hpp"

namespace qrpos::acquirer {

struct Secrets {
  std::string acquirer_seed;    // 32 bytes
  std::string fingerprint_key;  // 32 bytes
  std::string admin_token;      // text; the generated one, used when none is configured
};

// Used when QRPOS_KEY_PASSPHRASE is unset: sandbox keys guard no money, and a fixed
// passphrase lets `npm start` run without setup. Operators are warned on start.
inline constexpr const char* kSandboxPassphrase = "qrpos sandbox passphrase: set QRPOS_KEY_PASSPHRASE";

// Where the key file is: inside `keys_dir` when one is given, else beside the ledger.
std::string key_file_path(const std::string& keys_dir, const std::string& db_path);

// Opens the key file with `passphrase`, creating it (0600, and its folder 0700 when
// that is missing) on first use. Secrets an older acquirer kept in the ledger's settings
// (acquirer_seed, fingerprint_key) are moved into the file, then deleted from the
// ledger, so existing terminals keep trusting the same key. Throws
// std::runtime_error with a one-line reason (unreadable folder or file, wrong passphrase).
Secrets open_secrets(Ledger& ledger, const std::string& key_file, const std::string& passphrase);

}  // namespace qrpos::acquirer
