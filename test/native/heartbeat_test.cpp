#include "qrpos/heartbeat.hpp"

#include <gtest/gtest.h>

namespace qrpos::heartbeat {
namespace {

class Heartbeat : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }

  protocol::SignedRequest request(const messages::Heartbeat& health) {
    crypto::DeterministicEntropy entropy("heartbeat");
    auto r = make_heartbeat_request(terminal, "T-1", health, kNow, entropy);
    EXPECT_TRUE(r.ok()) << r.error().detail;
    return r.value();
  }

  // The acquirer's signed answer at its own time `at_ms`.
  protocol::SignedResponse answer(int status, std::int64_t at_ms, const std::string& nonce, const std::string& body) {
    return {status, at_ms, protocol::sign_response(acquirer, status, at_ms, nonce, body), body};
  }

  static constexpr std::int64_t kNow = 1'795'680'000'000;
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(std::string(32, 't')).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, 'a')).value();
  messages::Heartbeat health{"1.4.0", "ok", "none", 0, 0, "", std::nullopt};
};

TEST_F(Heartbeat, TheRequestIsASignedPostOfTheBody) {
  const auto r = request(health);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v1/terminals/heartbeat");
  EXPECT_EQ(r.auth.terminal_id, "T-1");
  EXPECT_EQ(r.auth.timestamp_ms, kNow);
  EXPECT_EQ(r.auth.nonce.size(), 32u);
  EXPECT_TRUE(protocol::verify_request(terminal.public_key(), r).ok());
  EXPECT_EQ(messages::to_json(messages::parse_heartbeat(r.body).value()), r.body);
}

TEST_F(Heartbeat, ABodyTheAcquirerWouldRefuseIsNotSigned) {
  crypto::DeterministicEntropy entropy("heartbeat");
  health.camera = "broken";
  auto r = make_heartbeat_request(terminal, "T-1", health, kNow, entropy);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_field);
}

TEST_F(Heartbeat, AnAcceptedAnswerGivesTheSkew) {
  const auto r = request(health);
  const std::int64_t server = kNow - 150'000;  // the terminal is 2.5 min ahead
  auto reply =
      read_heartbeat_answer(acquirer.public_key(), r.auth.nonce,
                            answer(200, server, r.auth.nonce, "{\"server_time_ms\":1795679850000}"), kNow + 40);
  ASSERT_TRUE(reply.ok()) << reply.error().detail;
  EXPECT_TRUE(reply.value().accepted);
  EXPECT_EQ(reply.value().server_time_ms, server);
  EXPECT_EQ(reply.value().clock_skew_ms, 150'040);
  EXPECT_FALSE(reply.value().error);
  EXPECT_TRUE(clock_off(reply.value().clock_skew_ms));
}

TEST_F(Heartbeat, AStaleTimestampRefusalStillGivesTheSkew) {
  const auto r = request(health);
  const std::int64_t server = kNow + 3'600'000;  // the terminal is an hour behind
  const std::string body = messages::to_json(messages::ErrorBody{"stale_timestamp", "check the clock", 0});
  auto reply =
      read_heartbeat_answer(acquirer.public_key(), r.auth.nonce, answer(401, server, r.auth.nonce, body), kNow);
  ASSERT_TRUE(reply.ok()) << reply.error().detail;
  EXPECT_FALSE(reply.value().accepted);
  ASSERT_TRUE(reply.value().error);
  EXPECT_EQ(reply.value().error->code, "stale_timestamp");
  EXPECT_EQ(reply.value().clock_skew_ms, -3'600'000);
}

TEST_F(Heartbeat, AnAnswerThatDoesNotVerifySaysNothingAboutTheClock) {
  const auto r = request(health);
  const std::string body = "{\"server_time_ms\":1}";
  auto forged = answer(200, kNow, r.auth.nonce, body);
  forged.timestamp_ms += 1;
  EXPECT_EQ(read_heartbeat_answer(acquirer.public_key(), r.auth.nonce, forged, kNow).error().code,
            ErrorCode::bad_signature);
  auto other_request = answer(200, kNow, std::string(32, '0'), body);
  EXPECT_EQ(read_heartbeat_answer(acquirer.public_key(), r.auth.nonce, other_request, kNow).error().code,
            ErrorCode::bad_signature);
  auto by_terminal = answer(200, kNow, r.auth.nonce, body);
  EXPECT_EQ(read_heartbeat_answer(terminal.public_key(), r.auth.nonce, by_terminal, kNow).error().code,
            ErrorCode::bad_signature);
  auto garbage = answer(200, kNow, r.auth.nonce, "{}");
  EXPECT_EQ(read_heartbeat_answer(acquirer.public_key(), r.auth.nonce, garbage, kNow).error().code,
            ErrorCode::malformed_message);
}

TEST_F(Heartbeat, TheClockWarningStartsPastTwoMinutesEitherWay) {
  EXPECT_FALSE(clock_off(0));
  EXPECT_FALSE(clock_off(kClockWarningMs));
  EXPECT_FALSE(clock_off(-kClockWarningMs));
  EXPECT_TRUE(clock_off(kClockWarningMs + 1));
  EXPECT_TRUE(clock_off(-kClockWarningMs - 1));
}

}  // namespace
}  // namespace qrpos::heartbeat
