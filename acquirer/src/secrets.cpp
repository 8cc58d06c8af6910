#include "secrets.hpp"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "qrpos/crypto.hpp"

namespace qrpos::acquirer {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kFileName = "acquirer-keys.json";
// The ledger settings that held secrets before the key folder existed.
constexpr const char* kLegacySeed = "acquirer_seed";
constexpr const char* kLegacyFingerprint = "fingerprint_key";

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string hex(const std::string& raw) {
  return crypto::to_hex(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
}

std::string unhex(const std::string& text, const char* what) {
  auto bytes = crypto::from_hex(text);
  if (!bytes.ok()) throw std::runtime_error(std::string("key file holds a malformed ") + what);
  return std::string(bytes.value().begin(), bytes.value().end());
}

struct Kdf {
  unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
};

std::string derive_key(const std::string& passphrase, const std::string& salt, const Kdf& kdf) {
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), key.size(), passphrase.data(), passphrase.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), kdf.ops, kdf.mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("not enough memory to derive the key-folder key");
  }
  return key;
}

json seal(const Secrets& s, const std::string& passphrase) {
  const json plain = {{"acquirer_seed", hex(s.acquirer_seed)},
                      {"fingerprint_key", hex(s.fingerprint_key)},
                      {"admin_token", s.admin_token}};
  const std::string text = plain.dump();
  const Kdf kdf;
  const std::string salt = random_bytes(crypto_pwhash_SALTBYTES);
  const std::string nonce = random_bytes(crypto_secretbox_NONCEBYTES);
  std::string key = derive_key(passphrase, salt, kdf);
  std::string box(text.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(
      reinterpret_cast<unsigned char*>(box.data()), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
      reinterpret_cast<const unsigned char*>(nonce.data()), reinterpret_cast<const unsigned char*>(key.data()));
  sodium_memzero(key.data(), key.size());
  return json{{"format", "qrpos-acquirer-keys/1"},
              {"kdf", "argon2id13"},
              {"opslimit", kdf.ops},
              {"memlimit", kdf.mem},
              {"salt", hex(salt)},
              {"nonce", hex(nonce)},
              {"box", hex(box)}};
}

Secrets open_box(const json& file, const std::string& passphrase) {
  if (file.value("format", "") != "qrpos-acquirer-keys/1") throw std::runtime_error("key file has an unknown format");
  Kdf kdf;
  kdf.ops = file.value("opslimit", kdf.ops);
  kdf.mem = file.value("memlimit", kdf.mem);
  const std::string salt = unhex(file.value("salt", ""), "salt");
  const std::string nonce = unhex(file.value("nonce", ""), "nonce");
  const std::string box = unhex(file.value("box", ""), "box");
  if (salt.size() != crypto_pwhash_SALTBYTES || nonce.size() != crypto_secretbox_NONCEBYTES ||
      box.size() < crypto_secretbox_MACBYTES) {
    throw std::runtime_error("key file is damaged");
  }
  std::string key = derive_key(passphrase, salt, kdf);
  std::string text(box.size() - crypto_secretbox_MACBYTES, '\0');
  const int rc = crypto_secretbox_open_easy(
      reinterpret_cast<unsigned char*>(text.data()), reinterpret_cast<const unsigned char*>(box.data()), box.size(),
      reinterpret_cast<const unsigned char*>(nonce.data()), reinterpret_cast<const unsigned char*>(key.data()));
  sodium_memzero(key.data(), key.size());
  if (rc != 0) throw std::runtime_error("cannot open the key file: wrong QRPOS_KEY_PASSPHRASE?");
  const json plain = json::parse(text, nullptr, false);
  sodium_memzero(text.data(), text.size());
  if (!plain.is_object()) throw std::runtime_error("key file is damaged");
  Secrets s{unhex(plain.value("acquirer_seed", ""), "seed"), unhex(plain.value("fingerprint_key", ""), "secret"),
            plain.value("admin_token", "")};
  if (s.acquirer_seed.size() != crypto::kSeedSize || s.fingerprint_key.size() != crypto::kSeedSize) {
    throw std::runtime_error("key file is damaged");
  }
  return s;
}

// Writes beside the target and renames, so a crash never leaves half a key file.
void write_file(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
    out << text;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  ::chmod(tmp.c_str(), 0600);
  fs::rename(tmp, path);
}

std::string new_admin_token() { return "qadm_" + hex(random_bytes(24)); }

}  // namespace

std::string key_file_path(const std::string& keys_dir, const std::string& db_path) {
  return keys_dir.empty() ? db_path + ".keys" : (fs::path(keys_dir) / kFileName).string();
}

Secrets open_secrets(Ledger& ledger, const std::string& key_file, const std::string& passphrase) {
  std::error_code ec;
  const fs::path file(key_file);
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::exists(dir, ec)) {
    if (!fs::create_directories(dir, ec)) {
      throw std::runtime_error("cannot create key folder " + dir.string() + ": " + ec.message());
    }
    ::chmod(dir.c_str(), 0700);
  } else if (!fs::is_directory(dir, ec)) {
    throw std::runtime_error(dir.string() + " is not a folder");
  }
  // Fail now, with the reason, rather than after a first start half-wrote the file.
  if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0) {
    throw std::runtime_error("cannot use key folder " + dir.string() + ": " + std::strerror(errno));
  }
  Secrets secrets;
  if (fs::exists(file, ec)) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read key file " + file.string() + ": " + std::strerror(errno));
    std::stringstream text;
    text << in.rdbuf();
    const json sealed = json::parse(text.str(), nullptr, false);
    if (!sealed.is_object()) throw std::runtime_error("key file " + file.string() + " is not JSON");
    secrets = open_box(sealed, passphrase);
  } else {
    // First start with this folder: adopt the ledger's old secrets so activated
    // terminals keep verifying our answers, or make new ones.
    auto seed = ledger.setting(kLegacySeed);
    auto fingerprint = ledger.setting(kLegacyFingerprint);
    secrets.acquirer_seed = seed ? unhex(*seed, "seed") : random_bytes(crypto::kSeedSize);
    secrets.fingerprint_key = fingerprint ? unhex(*fingerprint, "secret") : random_bytes(crypto::kSeedSize);
    secrets.admin_token = new_admin_token();
    write_file(file, seal(secrets, passphrase).dump(2) + "\n");
  }
  if (secrets.admin_token.empty()) {
    secrets.admin_token = new_admin_token();
    write_file(file, seal(secrets, passphrase).dump(2) + "\n");
  }
  // Only once the file holds them: a crash before this point loses nothing.
  ledger.delete_setting(kLegacySeed);
  ledger.delete_setting(kLegacyFingerprint);
  return secrets;
}

}  // namespace qrpos::acquirer
