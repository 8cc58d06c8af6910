#include "qrpos/activation.hpp"

#include <gtest/gtest.h>

namespace qrpos::activation {
namespace {

class Activation : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }
  crypto::DeterministicEntropy entropy{std::string(32, 'e')};
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, 'a')).value();
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(new_seed(entropy)).value();
  std::string welcome_body() const {
    messages::ActivateResponse r{"T-0042", "M-7", "Noodle Bar 面馆", "CNY", crypto::to_hex(acquirer.public_key())};
    return messages::to_json(r);
  }
  protocol::SignedResponse answer(int status, const std::string& nonce, const std::string& body,
                                  const crypto::SigningKey& signer) const {
    return {status, 1'800'000'000'000, protocol::sign_response(signer, status, 1'800'000'000'000, nonce, body), body};
  }
};

TEST_F(Activation, CodesAreTwelveDigitsWithOrWithoutSeparators) {
  EXPECT_EQ(normalise_code("1234-5678-9012").value(), "123456789012");
  EXPECT_EQ(normalise_code("1234 5678 9012").value(), "123456789012");
  EXPECT_EQ(normalise_code("123456789012").value(), "123456789012");
  for (const char* bad : {"", "1234-5678-901", "1234-5678-90123", "1234-5678-901x", "１２３４５６７８９０１２"}) {
    EXPECT_EQ(normalise_code(bad).error().code, ErrorCode::invalid_field) << bad;
  }
  EXPECT_EQ(normalise_code(std::string(1000, '1')).error().code, ErrorCode::invalid_field);
}

TEST_F(Activation, NewSeedsDifferAndMakeWorkingKeys) {
  const auto a = new_seed(entropy), b = new_seed(entropy);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(crypto::SigningKey::from_seed(a).ok());
}

TEST_F(Activation, RequestIsSignedByTheNewKeyWithNoTerminalId) {
  auto req =
      make_activate_request(terminal, "1234-5678-9012", "Chromium 156 \xe2\x98\x83 kiosk", 1'800'000'000'000, entropy);
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req.value().method, "POST");
  EXPECT_EQ(req.value().path, "/v1/terminals/activate");
  EXPECT_EQ(req.value().auth.terminal_id, "");
  EXPECT_TRUE(protocol::verify_request(terminal.public_key(), req.value()).ok());
  auto body = messages::parse_activate_request(req.value().body);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body.value().activation_code, "123456789012");
  EXPECT_EQ(body.value().public_key, crypto::to_hex(terminal.public_key()));
  EXPECT_EQ(body.value().device, "Chromium 156  kiosk") << "non-ASCII dropped, not mangled";
  EXPECT_EQ(make_activate_request(terminal, "12", "", 0, entropy).error().code, ErrorCode::invalid_field);
}

TEST_F(Activation, AWelcomeSignedByTheTrustedAcquirerNamesTheTerminal) {
  auto read = read_activate_answer(acquirer.public_key(), "00112233445566778899aabbccddeeff",
                                   answer(200, "00112233445566778899aabbccddeeff", welcome_body(), acquirer));
  ASSERT_TRUE(read.ok()) << read.error().detail;
  ASSERT_TRUE(read.value().terminal);
  EXPECT_EQ(read.value().terminal->terminal_id, "T-0042");
  EXPECT_EQ(read.value().terminal->merchant_name, "Noodle Bar 面馆");
  EXPECT_FALSE(read.value().error);
}

TEST_F(Activation, ARefusalIsTheAcquirersTypedError) {
  const std::string body = R"({"error":{"code":"invalid_activation_code","message":"used"}})";
  auto read = read_activate_answer(acquirer.public_key(), "n1", answer(403, "n1", body, acquirer));
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read.value().error);
  EXPECT_EQ(read.value().error->code, "invalid_activation_code");
  EXPECT_FALSE(read.value().terminal);
}

TEST_F(Activation, ForgedReplayedOrForeignAnswersAreRejected) {
  const auto impostor = crypto::SigningKey::from_seed(std::string(32, 'i')).value();
  EXPECT_EQ(read_activate_answer(acquirer.public_key(), "n1", answer(200, "n1", welcome_body(), impostor)).error().code,
            ErrorCode::bad_signature);
  EXPECT_EQ(read_activate_answer(acquirer.public_key(), "n2", answer(200, "n1", welcome_body(), acquirer)).error().code,
            ErrorCode::bad_signature)
      << "an answer to another request";
  auto tampered = answer(200, "n1", welcome_body(), acquirer);
  tampered.body.replace(tampered.body.find("T-0042"), 6, "T-0043");
  EXPECT_EQ(read_activate_answer(acquirer.public_key(), "n1", tampered).error().code, ErrorCode::bad_signature);
  // Genuinely signed, but it would switch the terminal to a key it was not set up to trust.
  messages::ActivateResponse other{"T-0042", "M-7", "x", "CNY", crypto::to_hex(impostor.public_key())};
  EXPECT_EQ(read_activate_answer(acquirer.public_key(), "n1", answer(200, "n1", messages::to_json(other), acquirer))
                .error()
                .code,
            ErrorCode::invalid_field);
  EXPECT_EQ(read_activate_answer(acquirer.public_key(), "n1", answer(200, "n1", "{}", acquirer)).error().code,
            ErrorCode::malformed_message);
}

}  // namespace
}  // namespace qrpos::activation
