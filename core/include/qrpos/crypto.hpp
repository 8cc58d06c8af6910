// Keys, signatures, hashes and sealed boxes, all from libsodium. The only entropy
// the core uses is libsodium's randombytes (the shell wires it: /dev/urandom
// natively, crypto.getRandomValues in the browser), and only inside seal().
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/result.hpp"

namespace qrpos::crypto {

using Bytes = std::vector<std::uint8_t>;
using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;
constexpr std::size_t kSeedSize = 32;

// Must succeed once before any other function here; safe to call again.
[[nodiscard]] bool init();

// An Ed25519 key pair. The secret half is wiped when the object goes away.
class SigningKey {
 public:
  // Derives the key pair from a 32-byte seed (RFC 8032's "secret key").
  static Result<SigningKey> from_seed(std::string_view seed);
  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();

  const PublicKey& public_key() const { return public_key_; }
  Signature sign(std::string_view message) const;
  // Opens a box sealed to this key's X25519 twin (see seal()); invalid_encoding if
  // it was not sealed to this key or was altered.
  Result<std::string> open_sealed(const Bytes& box) const;

 private:
  SigningKey() = default;
  std::array<std::uint8_t, 64> secret_{};
  PublicKey public_key_{};
};

// True only if `signature` is a valid Ed25519 signature of `message` by `public_key`.
[[nodiscard]] bool verify(const PublicKey& public_key, std::string_view message, const Signature& signature);

// Anonymous sealed box (crypto_box_seal) to the X25519 twin of an Ed25519 public key,
// so one published key both verifies the acquirer and receives sealed payment codes.
Result<Bytes> seal(std::string_view plaintext, const PublicKey& recipient);

std::string sha256_hex(std::string_view data);
// Keyed BLAKE2b-256 (crypto_generichash): a fingerprint of a secret that cannot be
// reversed by guessing without the key, e.g. to recognise a reused payment code.
std::string keyed_hash_hex(std::string_view key, std::string_view data);

std::string to_hex(const std::uint8_t* data, std::size_t size);
template <class Container>
std::string to_hex(const Container& c) { return to_hex(c.data(), c.size()); }
Result<Bytes> from_hex(std::string_view hex);
std::string to_base64(const std::uint8_t* data, std::size_t size);
template <class Container>
std::string to_base64(const Container& c) { return to_base64(c.data(), c.size()); }
Result<Bytes> from_base64(std::string_view base64);

// Fixed-size decoders for keys and signatures in their usual text forms.
Result<PublicKey> public_key_from_hex(std::string_view hex);
Result<Signature> signature_from_base64(std::string_view base64);

}  // namespace qrpos::crypto
