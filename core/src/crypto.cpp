#include "qrpos/crypto.hpp"

#include <sodium.h>

#include <algorithm>

namespace qrpos::crypto {
namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Bounds for decoding untrusted text before allocating anything.
constexpr std::size_t kMaxDecodedSize = 64 * 1024;

}  // namespace

bool init() { return sodium_init() >= 0; }

Result<SigningKey> SigningKey::from_seed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) return make_error(ErrorCode::invalid_key, "seed must be 32 bytes");
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_.data(), bytes(seed));
  return key;
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

Signature SigningKey::sign(std::string_view message) const {
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, bytes(message), message.size(), secret_.data());
  return sig;
}

Result<std::string> SigningKey::open_sealed(const Bytes& box) const {
  if (box.size() < crypto_box_SEALBYTES || box.size() > kMaxDecodedSize) {
    return make_error(ErrorCode::invalid_encoding, "sealed box has an impossible size");
  }
  unsigned char box_pk[crypto_box_PUBLICKEYBYTES], box_sk[crypto_box_SECRETKEYBYTES];
  if (crypto_sign_ed25519_pk_to_curve25519(box_pk, public_key_.data()) != 0) {
    return make_error(ErrorCode::invalid_key, "public key has no X25519 twin");
  }
  crypto_sign_ed25519_sk_to_curve25519(box_sk, secret_.data());
  std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
  const int rc = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), box.data(), box.size(), box_pk, box_sk);
  sodium_memzero(box_sk, sizeof box_sk);
  if (rc != 0) return make_error(ErrorCode::invalid_encoding, "sealed box did not open");
  return plain;
}

bool verify(const PublicKey& public_key, std::string_view message, const Signature& signature) {
  return crypto_sign_verify_detached(signature.data(), bytes(message), message.size(), public_key.data()) == 0;
}

Result<Bytes> seal(std::string_view plaintext, const PublicKey& recipient) {
  unsigned char box_pk[crypto_box_PUBLICKEYBYTES];
  if (crypto_sign_ed25519_pk_to_curve25519(box_pk, recipient.data()) != 0) {
    return make_error(ErrorCode::invalid_key, "recipient key has no X25519 twin");
  }
  Bytes box(plaintext.size() + crypto_box_SEALBYTES);
  if (crypto_box_seal(box.data(), bytes(plaintext), plaintext.size(), box_pk) != 0) {
    return make_error(ErrorCode::crypto_failure, "crypto_box_seal failed");
  }
  return box;
}

std::string sha256_hex(std::string_view data) {
  std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes(data), data.size());
  return to_hex(digest);
}

std::string keyed_hash_hex(std::string_view key, std::string_view data) {
  std::array<std::uint8_t, crypto_generichash_BYTES> digest{};
  const std::size_t key_size = std::min<std::size_t>(key.size(), crypto_generichash_KEYBYTES_MAX);
  crypto_generichash(digest.data(), digest.size(), bytes(data), data.size(), bytes(key), key_size);
  return to_hex(digest);
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

Result<Bytes> from_hex(std::string_view hex) {
  if (hex.size() > 2 * kMaxDecodedSize) return make_error(ErrorCode::input_too_long, "hex too long");
  Bytes out(hex.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      end != hex.data() + hex.size()) {
    return make_error(ErrorCode::invalid_encoding, "not hex", end ? static_cast<std::size_t>(end - hex.data()) : 0);
  }
  out.resize(len);
  return out;
}

std::string to_base64(const std::uint8_t* data, std::size_t size) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.pop_back();
  return out;
}

Result<Bytes> from_base64(std::string_view base64) {
  if (base64.size() > 2 * kMaxDecodedSize) return make_error(ErrorCode::input_too_long, "base64 too long");
  Bytes out(base64.size() / 4 * 3 + 3);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), base64.data(), base64.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != base64.data() + base64.size()) {
    return make_error(ErrorCode::invalid_encoding, "not base64", end ? static_cast<std::size_t>(end - base64.data()) : 0);
  }
  out.resize(len);
  return out;
}

Result<PublicKey> public_key_from_hex(std::string_view hex) {
  auto raw = from_hex(hex);
  if (!raw.ok() || raw.value().size() != PublicKey{}.size()) {
    return make_error(ErrorCode::invalid_key, "public key must be 64 hex characters");
  }
  PublicKey key{};
  std::copy(raw.value().begin(), raw.value().end(), key.begin());
  return key;
}

Result<Signature> signature_from_base64(std::string_view base64) {
  auto raw = from_base64(base64);
  if (!raw.ok() || raw.value().size() != Signature{}.size()) {
    return make_error(ErrorCode::bad_signature, "signature must be 64 bytes in base64");
  }
  Signature sig{};
  std::copy(raw.value().begin(), raw.value().end(), sig.begin());
  return sig;
}

}  // namespace qrpos::crypto
