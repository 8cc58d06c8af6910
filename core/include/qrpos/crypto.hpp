// Keys, signatures, hashes and sealed boxes, all from libsodium. Randomness comes
// in through one door, Entropy, which the caller supplies: the shell wires the
// platform's generator, tests a deterministic one.
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

// The core's only source of randomness. Implementations must fill `size` bytes
// with cryptographically secure random bytes (or, in tests, reproducible ones).
class Entropy {
 public:
  virtual ~Entropy() = default;
  virtual void fill(std::uint8_t* out, std::size_t size) = 0;
};

// Entropy from a fixed 32-byte seed (libsodium's randombytes_buf_deterministic with a
// counter): reproducible, for tests and worked examples only.
class DeterministicEntropy final : public Entropy {
 public:
  explicit DeterministicEntropy(std::string_view seed);
  void fill(std::uint8_t* out, std::size_t size) override;

 private:
  std::array<std::uint8_t, 32> seed_{};
  std::uint64_t counter_ = 0;
};

// Entropy handed over as bytes (e.g. from crypto.getRandomValues in the browser).
// Each byte is used once; asking for more than is left fails the caller's operation.
class ByteEntropy final : public Entropy {
 public:
  explicit ByteEntropy(std::string bytes) : bytes_(std::move(bytes)) {}
  void fill(std::uint8_t* out, std::size_t size) override;
  bool exhausted() const { return exhausted_; }

 private:
  std::string bytes_;
  std::size_t used_ = 0;
  bool exhausted_ = false;
};

// An Ed25519 key pair. The secret half is wiped when the object goes away.
class SigningKey {
 public:
  // Derives the key pair from a 32-byte seed (RFC 8032's "secret key").
  static Result<SigningKey> from_seed(std::string_view seed);
  // A new key pair from 32 bytes of `entropy`.
  static SigningKey generate(Entropy& entropy);
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

// Anonymous sealed box to the X25519 twin of an Ed25519 public key, so one published
// key both verifies the acquirer and receives sealed payment codes. The output is
// crypto_box_seal's format (opened by crypto_box_seal_open), with the ephemeral key
// drawn from `entropy` instead of libsodium's global generator.
Result<Bytes> seal(std::string_view plaintext, const PublicKey& recipient, Entropy& entropy);

// A short, human-comparable fingerprint of a public key: the first 8 bytes of its
// SHA-256 as four groups of hex ("1a2b 3c4d 5e6f 7081"), for settings screens.
std::string fingerprint(const PublicKey& key);

// Compares without leaking where the inputs differ (sodium_memcmp); false when the
// sizes differ.
[[nodiscard]] bool equal_constant_time(std::string_view a, std::string_view b);

// `size` random bytes from `entropy`, as a string.
std::string random_bytes(Entropy& entropy, std::size_t size);

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
