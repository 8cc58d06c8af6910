#include "qrpos/lookup.hpp"

#include <gtest/gtest.h>

namespace qrpos::lookup {
namespace {

class Lookup : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(crypto::init()); }

  protocol::SignedRequest request(std::string_view code) {
    crypto::DeterministicEntropy entropy("lookup");
    auto r = make_lookup_request(terminal, "T-1", code, kNow, entropy);
    EXPECT_TRUE(r.ok()) << r.error().detail;
    return r.value();
  }

  // The acquirer's signed answer.
  protocol::SignedResponse answer(int status, const std::string& nonce, const std::string& body) {
    return {status, kNow, protocol::sign_response(acquirer, status, kNow, nonce, body), body};
  }

  static constexpr std::int64_t kNow = 1'795'680'000'000;
  crypto::SigningKey terminal = crypto::SigningKey::from_seed(std::string(32, 't')).value();
  crypto::SigningKey acquirer = crypto::SigningKey::from_seed(std::string(32, 'a')).value();
  messages::Lookup bill{"BILL-0042", messages::LookupStatus::open, 8800, "CNY", "晚餐 Dinner", ""};
};

TEST_F(Lookup, TheRequestIsASignedPostOfTheCode) {
  const auto r = request("BILL-0042");
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/v1/lookups");
  EXPECT_EQ(r.body, R"({"code":"BILL-0042"})");
  EXPECT_EQ(r.auth.terminal_id, "T-1");
  EXPECT_EQ(r.auth.timestamp_ms, kNow);
  EXPECT_EQ(r.auth.nonce.size(), 32u);
  EXPECT_TRUE(protocol::verify_request(terminal.public_key(), r).ok());
  EXPECT_EQ(messages::parse_lookup_request(r.body).value().code, "BILL-0042");
}

TEST_F(Lookup, ACodeTheAcquirerWouldRefuseIsNotSigned) {
  for (std::string_view code : {std::string_view(""), std::string_view("RM 301"), std::string_view("房301")}) {
    crypto::DeterministicEntropy entropy("lookup");
    auto r = make_lookup_request(terminal, "T-1", code, kNow, entropy);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_field);
  }
}

TEST_F(Lookup, AnOpenBillIsReadWithItsPrice) {
  const auto r = request("BILL-0042");
  auto read = read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042",
                                 answer(200, r.auth.nonce, messages::to_json(bill)));
  ASSERT_TRUE(read.ok()) << read.error().detail;
  EXPECT_EQ(read.value().http_status, 200);
  ASSERT_TRUE(read.value().lookup);
  EXPECT_EQ(read.value().lookup->status, messages::LookupStatus::open);
  EXPECT_EQ(read.value().lookup->amount, 8800);
  EXPECT_EQ(read.value().lookup->description, "晚餐 Dinner");
  EXPECT_FALSE(read.value().error);
}

TEST_F(Lookup, PaidAndUnknownCodesAreAnswersToo) {
  const auto r = request("BILL-0042");
  messages::Lookup paid = bill;
  paid.status = messages::LookupStatus::paid;
  paid.out_trade_no = "20261126080000a1b2c3d4e5f60718";
  auto read = read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042",
                                 answer(200, r.auth.nonce, messages::to_json(paid)));
  ASSERT_TRUE(read.ok()) << read.error().detail;
  EXPECT_EQ(read.value().lookup->status, messages::LookupStatus::paid);
  EXPECT_EQ(read.value().lookup->out_trade_no, paid.out_trade_no);
  const messages::Lookup unknown{"BILL-0042", messages::LookupStatus::unknown, 0, "", "", ""};
  read = read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042",
                            answer(200, r.auth.nonce, messages::to_json(unknown)));
  ASSERT_TRUE(read.ok()) << read.error().detail;
  EXPECT_EQ(read.value().lookup->status, messages::LookupStatus::unknown);
}

TEST_F(Lookup, ARefusalIsTheAcquirersTypedError) {
  const auto r = request("BILL-0042");
  const std::string body = messages::to_json(messages::ErrorBody{"retry_later", "busy", 1500});
  auto read = read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042", answer(429, r.auth.nonce, body));
  ASSERT_TRUE(read.ok()) << read.error().detail;
  EXPECT_EQ(read.value().http_status, 429);
  EXPECT_FALSE(read.value().lookup);
  ASSERT_TRUE(read.value().error);
  EXPECT_EQ(read.value().error->code, "retry_later");
  EXPECT_EQ(read.value().error->retry_after_ms, 1500);
}

TEST_F(Lookup, AnAnswerThatCannotBeTrustedOrIsForAnotherCodeIsRefused) {
  const auto r = request("BILL-0042");
  const std::string body = messages::to_json(bill);
  auto forged = answer(200, r.auth.nonce, body);
  forged.body = messages::to_json(messages::Lookup{"BILL-0042", messages::LookupStatus::open, 1, "CNY", "", ""});
  EXPECT_EQ(read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042", forged).error().code,
            ErrorCode::bad_signature);
  auto other_request = answer(200, std::string(32, '0'), body);
  EXPECT_EQ(read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042", other_request).error().code,
            ErrorCode::bad_signature);
  auto by_terminal = answer(200, r.auth.nonce, body);
  EXPECT_EQ(read_lookup_answer(terminal.public_key(), r.auth.nonce, "BILL-0042", by_terminal).error().code,
            ErrorCode::bad_signature);
  EXPECT_EQ(read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0043", answer(200, r.auth.nonce, body))
                .error()
                .code,
            ErrorCode::malformed_message)
      << "a genuine answer about another code";
  EXPECT_EQ(read_lookup_answer(acquirer.public_key(), r.auth.nonce, "BILL-0042", answer(200, r.auth.nonce, "{}"))
                .error()
                .code,
            ErrorCode::malformed_message);
}

}  // namespace
}  // namespace qrpos::lookup
