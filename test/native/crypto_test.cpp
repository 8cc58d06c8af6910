#include "qrpos/crypto.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace qrpos::crypto {
namespace {

class Crypto : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(init()); }
};

TEST_F(Crypto, Rfc8032Vectors) {
  const auto doc = test::load_vectors("ed25519_rfc8032.json");
  ASSERT_EQ(doc["vectors"].size(), 3u);
  for (const auto& v : doc["vectors"]) {
    auto key = SigningKey::from_seed(test::unhex(v["seed"]));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(to_hex(key.value().public_key()), v["public_key"].get<std::string>());
    const std::string message = test::unhex(v["message_hex"]);
    const Signature sig = key.value().sign(message);
    EXPECT_EQ(to_hex(sig), v["signature"].get<std::string>());
    EXPECT_TRUE(verify(key.value().public_key(), message, sig));
  }
}

TEST_F(Crypto, AnyFlippedBitFailsVerification) {
  auto key = SigningKey::from_seed(std::string(32, '\x07'));
  ASSERT_TRUE(key.ok());
  const std::string message = "POST\n/v1/payments\n1\nabc\ndef";
  const Signature sig = key.value().sign(message);
  for (std::size_t i = 0; i < sig.size(); ++i) {
    Signature bad = sig;
    bad[i] ^= 0x01;
    EXPECT_FALSE(verify(key.value().public_key(), message, bad)) << "signature byte " << i;
  }
  for (std::size_t i = 0; i < message.size(); ++i) {
    std::string bad = message;
    bad[i] ^= 0x01;
    EXPECT_FALSE(verify(key.value().public_key(), bad, sig)) << "message byte " << i;
  }
}

TEST_F(Crypto, SeedMustBe32Bytes) {
  EXPECT_EQ(SigningKey::from_seed("short").error().code, ErrorCode::invalid_key);
  EXPECT_EQ(SigningKey::from_seed(std::string(33, 'x')).error().code, ErrorCode::invalid_key);
}

TEST_F(Crypto, SealedBoxOpensOnlyForItsRecipient) {
  auto acquirer = SigningKey::from_seed(std::string(32, '\x01')).value();
  auto other = SigningKey::from_seed(std::string(32, '\x02')).value();
  DeterministicEntropy entropy("seal test");
  auto box = seal("134567890123456789", acquirer.public_key(), entropy);
  ASSERT_TRUE(box.ok());
  auto opened = acquirer.open_sealed(box.value());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened.value(), "134567890123456789");
  EXPECT_FALSE(other.open_sealed(box.value()).ok());
  Bytes tampered = box.value();
  tampered.back() ^= 0x80;
  EXPECT_FALSE(acquirer.open_sealed(tampered).ok());
  EXPECT_FALSE(acquirer.open_sealed(Bytes(10)).ok());
}

TEST_F(Crypto, SealIsDeterministicUnderDeterministicEntropyAndFreshOtherwise) {
  auto acquirer = SigningKey::from_seed(std::string(32, '\x01')).value();
  DeterministicEntropy a("same"), b("same");
  EXPECT_EQ(seal("x", acquirer.public_key(), a).value(), seal("x", acquirer.public_key(), b).value());
  // A second seal from the same generator uses new bytes.
  EXPECT_NE(seal("x", acquirer.public_key(), a).value(), seal("x", acquirer.public_key(), b = DeterministicEntropy("other")).value());
}

TEST_F(Crypto, GeneratedKeysDifferAndSign) {
  DeterministicEntropy entropy("keys");
  const SigningKey k1 = SigningKey::generate(entropy), k2 = SigningKey::generate(entropy);
  EXPECT_NE(k1.public_key(), k2.public_key());
  EXPECT_TRUE(verify(k1.public_key(), "m", k1.sign("m")));
  EXPECT_FALSE(verify(k2.public_key(), "m", k1.sign("m")));
}

TEST_F(Crypto, ByteEntropyNeverInventsBytes) {
  ByteEntropy entropy(std::string(8, '\x05'));
  std::uint8_t out[16];
  entropy.fill(out, 8);
  EXPECT_FALSE(entropy.exhausted());
  entropy.fill(out, 16);
  EXPECT_TRUE(entropy.exhausted());
}

TEST_F(Crypto, FingerprintIsShortGroupedHex) {
  auto key = SigningKey::from_seed(std::string(32, '\x01')).value();
  const std::string fp = fingerprint(key.public_key());
  EXPECT_EQ(fp.size(), 19u);
  EXPECT_EQ(fp[4], ' ');
  EXPECT_EQ(fp.substr(0, 4), sha256_hex(std::string(key.public_key().begin(), key.public_key().end())).substr(0, 4));
}

TEST_F(Crypto, ConstantTimeCompare) {
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "abcd"));
  EXPECT_TRUE(equal_constant_time("", ""));
}

TEST_F(Crypto, Sha256KnownAnswer) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Crypto, HexAndBase64RejectGarbage) {
  EXPECT_EQ(from_hex("abc").error().code, ErrorCode::invalid_encoding);
  EXPECT_EQ(from_hex("zz").error().code, ErrorCode::invalid_encoding);
  EXPECT_EQ(from_base64("@@@@").error().code, ErrorCode::invalid_encoding);
  EXPECT_EQ(to_base64(from_base64("aGVsbG8=").value()), "aGVsbG8=");
  EXPECT_EQ(public_key_from_hex("00").error().code, ErrorCode::invalid_key);
  EXPECT_EQ(signature_from_base64("aGVsbG8=").error().code, ErrorCode::bad_signature);
}

}  // namespace
}  // namespace qrpos::crypto
