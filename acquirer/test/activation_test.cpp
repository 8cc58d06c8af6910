// Activation codes as people type them (acquirer/src/activation.hpp).
#include "activation.hpp"

#include <gtest/gtest.h>

#include "qrpos/crypto.hpp"

namespace qrpos::acquirer {
namespace {

TEST(ActivationCode, AcceptsDigitsWithOrWithoutDashesAndSpaces) {
  EXPECT_EQ(normalize_activation_code("1234-5678-9012"), "123456789012");
  EXPECT_EQ(normalize_activation_code("123456789012"), "123456789012");
  EXPECT_EQ(normalize_activation_code("1234 5678 9012"), "123456789012");
}

TEST(ActivationCode, RefusesAnythingElse) {
  EXPECT_EQ(normalize_activation_code(""), std::nullopt);
  EXPECT_EQ(normalize_activation_code("1234-5678-901"), std::nullopt);    // 11 digits
  EXPECT_EQ(normalize_activation_code("1234-5678-90123"), std::nullopt);  // 13
  EXPECT_EQ(normalize_activation_code("1234-5678-901a"), std::nullopt);
  EXPECT_EQ(normalize_activation_code("１２３４５６７８９０１２"), std::nullopt);  // full-width
}

TEST(ActivationCode, FormatsInGroupsOfFour) { EXPECT_EQ(format_activation_code("123456789012"), "1234-5678-9012"); }

TEST(ActivationCode, HashDependsOnKeyAndCode) {
  ASSERT_TRUE(crypto::init());
  const std::string key(32, 'k');
  const auto h = activation_code_hash(key, "123456789012");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, activation_code_hash(key, "123456789012"));
  EXPECT_NE(h, activation_code_hash(key, "123456789013"));
  EXPECT_NE(h, activation_code_hash(std::string(32, 'j'), "123456789012"));
  EXPECT_EQ(h.find("123456789012"), std::string::npos);
}

}  // namespace
}  // namespace qrpos::acquirer
