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

DeterministicEntropy::DeterministicEntropy(std::string_view seed) {
  crypto_generichash(seed_.data(), seed_.size(), bytes(seed), seed.size(), nullptr, 0);
}

void DeterministicEntropy::fill(std::uint8_t* out, std::size_t size) {
  // A fresh stream per call: hash the seed with a counter into this call's seed.
  std::array<std::uint8_t, randombytes_SEEDBYTES> call_seed{};
  std::array<std::uint8_t, 40> input{};
  std::copy(seed_.begin(), seed_.end(), input.begin());
  for (int i = 0; i < 8; ++i) input[32 + i] = static_cast<std::uint8_t>(counter_ >> (8 * i));
  ++counter_;
  crypto_generichash(call_seed.data(), call_seed.size(), input.data(), input.size(), nullptr, 0);
  randombytes_buf_deterministic(out, size, call_seed.data());
}

void ByteEntropy::fill(std::uint8_t* out, std::size_t size) {
  if (bytes_.size() - used_ < size) {
    // Never hand out predictable bytes: zeros plus a flag the caller checks.
    exhausted_ = true;
    std::fill(out, out + size, 0);
    return;
  }
  std::copy(bytes_.begin() + static_cast<std::ptrdiff_t>(used_),
            bytes_.begin() + static_cast<std::ptrdiff_t>(used_ + size), out);
  used_ += size;
}

std::string random_bytes(Entropy& entropy, std::size_t size) {
  std::string out(size, '\0');
  entropy.fill(reinterpret_cast<std::uint8_t*>(out.data()), size);
  return out;
}

Result<SigningKey> SigningKey::from_seed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) return make_error(ErrorCode::invalid_key, "seed must be 32 bytes");
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_.data(), bytes(seed));
  return key;
}

SigningKey SigningKey::generate(Entropy& entropy) {
  std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
  entropy.fill(seed.data(), seed.size());
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
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
  const int rc =
      crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), box.data(), box.size(), box_pk, box_sk);
  sodium_memzero(box_sk, sizeof box_sk);
  if (rc != 0) return make_error(ErrorCode::invalid_encoding, "sealed box did not open");
  return plain;
}

bool verify(const PublicKey& public_key, std::string_view message, const Signature& signature) {
  return crypto_sign_verify_detached(signature.data(), bytes(message), message.size(), public_key.data()) == 0;
}

Result<Bytes> seal(std::string_view plaintext, const PublicKey& recipient, Entropy& entropy) {
  unsigned char box_pk[crypto_box_PUBLICKEYBYTES];
  if (crypto_sign_ed25519_pk_to_curve25519(box_pk, recipient.data()) != 0) {
    return make_error(ErrorCode::invalid_key, "recipient key has no X25519 twin");
  }
  // crypto_box_seal's construction, with the ephemeral key from our entropy:
  // ephemeral_pk || crypto_box(m, nonce = BLAKE2b-192(ephemeral_pk || recipient_pk)).
  std::array<std::uint8_t, crypto_box_SEEDBYTES> seed{};
  entropy.fill(seed.data(), seed.size());
  unsigned char eph_pk[crypto_box_PUBLICKEYBYTES], eph_sk[crypto_box_SECRETKEYBYTES];
  crypto_box_seed_keypair(eph_pk, eph_sk, seed.data());
  sodium_memzero(seed.data(), seed.size());
  unsigned char nonce[crypto_box_NONCEBYTES];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof nonce);
  crypto_generichash_update(&state, eph_pk, sizeof eph_pk);
  crypto_generichash_update(&state, box_pk, sizeof box_pk);
  crypto_generichash_final(&state, nonce, sizeof nonce);
  Bytes box(crypto_box_PUBLICKEYBYTES + crypto_box_MACBYTES + plaintext.size());
  std::copy(eph_pk, eph_pk + sizeof eph_pk, box.begin());
  const int rc = crypto_box_easy(box.data() + crypto_box_PUBLICKEYBYTES, bytes(plaintext), plaintext.size(), nonce,
                                 box_pk, eph_sk);
  sodium_memzero(eph_sk, sizeof eph_sk);
  if (rc != 0) return make_error(ErrorCode::crypto_failure, "crypto_box_easy failed");
  return box;
}

std::string fingerprint(const PublicKey& key) {
  std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), key.data(), key.size());
  std::string hex = to_hex(digest.data(), 8);
  for (std::size_t pos = 12; pos > 0; pos -= 4) hex.insert(pos, 1, ' ');
  return hex;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
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
  if (hex.empty()) return Bytes{};  // sodium_hex2bin must not see the null data of an empty view
  Bytes out(hex.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 || sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
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
    return make_error(ErrorCode::invalid_encoding, "not base64",
                      end ? static_cast<std::size_t>(end - base64.data()) : 0);
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
