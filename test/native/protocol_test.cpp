#include "qrpos/protocol.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "vectors.hpp"

namespace qrpos::protocol {
namespace {

class Protocol : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    doc = test::load_vectors("protocol_v1.json");
    ASSERT_TRUE(doc.is_object());
  }
  crypto::SigningKey terminal() const { return crypto::SigningKey::from_seed(test::unhex(doc["terminal_seed"])).value(); }
  crypto::SigningKey acquirer() const { return crypto::SigningKey::from_seed(test::unhex(doc["acquirer_seed"])).value(); }
  const nlohmann::json& order() const { return doc["response"]["order"]; }
  Result<TradeAnswer> verify(const SignedResponse& res, std::string_view nonce, std::int64_t amount) const {
    return verify_trade_answer(acquirer().public_key(), nonce, order()["out_trade_no"].get<std::string>(), amount,
                               "CNY", res);
  }
  SignedResponse response() const {
    const auto& r = doc["response"];
    return SignedResponse{r["http_status"], r["timestamp_ms"], r["signature"], r["body"]};
  }
  std::string nonce() const { return doc["response"]["request_nonce"]; }
  nlohmann::json doc;
};

TEST_F(Protocol, RequestSignatureMatchesIndependentVector) {
  const auto& r = doc["request"];
  EXPECT_EQ(canonical_request(r["method"].get<std::string>(), r["path"].get<std::string>(), r["timestamp_ms"],
                              r["nonce"].get<std::string>(), r["body"].get<std::string>()),
            r["canonical"].get<std::string>());
  const SignedRequest req = sign_request(terminal(), {"T1", r["timestamp_ms"], r["nonce"]}, r["method"], r["path"], r["body"]);
  EXPECT_EQ(req.signature, r["signature"].get<std::string>());
  EXPECT_TRUE(verify_request(terminal().public_key(), req).ok());
}

TEST_F(Protocol, TamperedRequestFails) {
  const auto& r = doc["request"];
  SignedRequest req = sign_request(terminal(), {"T1", r["timestamp_ms"], r["nonce"]}, r["method"], r["path"], r["body"]);
  for (std::size_t i = 0; i < req.body.size(); i += 7) {
    SignedRequest bad = req;
    bad.body[i] ^= 0x01;
    EXPECT_EQ(verify_request(terminal().public_key(), bad).error().code, ErrorCode::bad_signature) << i;
  }
  SignedRequest later = req;
  later.auth.timestamp_ms += 1;
  EXPECT_FALSE(verify_request(terminal().public_key(), later).ok());
  SignedRequest other_path = req;
  other_path.path = "/v1/refunds";
  EXPECT_FALSE(verify_request(terminal().public_key(), other_path).ok());
  EXPECT_FALSE(verify_request(acquirer().public_key(), req).ok());
}

TEST_F(Protocol, ResponseVerifiesAgainstIndependentVector) {
  const auto& r = doc["response"];
  EXPECT_EQ(canonical_response(r["http_status"], r["timestamp_ms"], nonce(), r["body"].get<std::string>()),
            r["canonical"].get<std::string>());
  EXPECT_EQ(sign_response(acquirer(), r["http_status"], r["timestamp_ms"], nonce(), r["body"].get<std::string>()),
            r["signature"].get<std::string>());
  auto result = verify(response(), nonce(), 2372);
  ASSERT_TRUE(result.ok()) << result.error().detail;
  ASSERT_TRUE(result.value().trade.has_value());
  EXPECT_EQ(result.value().trade->status, messages::TradeStatus::SUCCESS);
  EXPECT_EQ(result.value().trade->transaction_id, "QP20261126000001");
}

TEST_F(Protocol, AnyTamperedResponseByteFails) {
  const SignedResponse good = response();
  for (std::size_t i = 0; i < good.body.size(); ++i) {
    SignedResponse bad = good;
    bad.body[i] ^= 0x01;
    EXPECT_EQ(verify(bad, nonce(), 2372).error().code, ErrorCode::bad_signature);
  }
  SignedResponse wrong_status = good;
  wrong_status.http_status = 201;
  EXPECT_FALSE(verify(wrong_status, nonce(), 2372).ok());
  SignedResponse wrong_time = good;
  wrong_time.timestamp_ms += 1;
  EXPECT_FALSE(verify(wrong_time, nonce(), 2372).ok());
}

TEST_F(Protocol, ReplayedAnswerToAnotherRequestFails) {
  EXPECT_EQ(verify(response(), "ffeeddccbbaa99887766554433221100", 2372).error().code, ErrorCode::bad_signature);
}

TEST_F(Protocol, AnswerSignedByAnyoneElseFails) {
  EXPECT_FALSE(verify_response(terminal().public_key(), nonce(), response()).ok());
}

TEST_F(Protocol, GenuineAnswerForAnotherOrderIsNeverPaid) {
  EXPECT_EQ(verify(response(), nonce(), 2373).error().code, ErrorCode::malformed_message);
}

TEST_F(Protocol, SignedErrorAnswerDecodes) {
  const std::string body = messages::to_json(messages::ErrorBody{"retry_later", "busy", 1500});
  SignedResponse res{429, 5, sign_response(acquirer(), 429, 5, nonce(), body), body};
  auto answer = verify_response(acquirer().public_key(), nonce(), res);
  ASSERT_TRUE(answer.ok());
  ASSERT_TRUE(answer.value().error.has_value());
  EXPECT_EQ(answer.value().error->code, "retry_later");
  EXPECT_EQ(answer.value().error->retry_after_ms, 1500);
}

TEST_F(Protocol, SignedGarbageIsMalformedNotBadSignature) {
  const std::string bodies[] = {"", "[]", "{", "{\"status\":\"SUCCESS\"}", "{\"error\":1}", std::string(kMaxBodySize + 1, ' ')};
  for (int status : {200, 500}) {
    for (const std::string& body : bodies) {
      SignedResponse res{status, 5, sign_response(acquirer(), status, 5, nonce(), body), body};
      auto result = verify(res, nonce(), 2372);
      ASSERT_FALSE(result.ok()) << body.substr(0, 20);
      EXPECT_NE(result.error().code, ErrorCode::bad_signature);
    }
  }
}

TEST_F(Protocol, PayRequestSealsTheCodeAndRoundTrips) {
  crypto::DeterministicEntropy entropy("pay");
  PayOrder o{order()["out_trade_no"], 2372, "CNY", "134567890123456789"};
  auto body = make_pay_request(o, acquirer().public_key(), entropy);
  ASSERT_TRUE(body.ok()) << body.error().detail;
  const std::string json = messages::to_json(body.value());
  EXPECT_EQ(json.find("134567890123456789"), std::string::npos) << "the code must never travel in clear";
  auto parsed = messages::parse_pay_request(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  EXPECT_EQ(parsed.value().scheme, "wechat");
  EXPECT_EQ(parsed.value().auth_code_masked, "13************6789");
  EXPECT_EQ(acquirer().open_sealed(parsed.value().auth_code_sealed).value(), "134567890123456789");
  const SignedRequest req = sign_request(terminal(), "T1", 1000, entropy, "POST", kPayPath, json);
  EXPECT_EQ(req.auth.nonce.size(), 32u);
  EXPECT_TRUE(verify_request(terminal().public_key(), req).ok());
}

TEST_F(Protocol, PayRequestRefusesWhatIsNotPayable) {
  crypto::DeterministicEntropy entropy("pay");
  PayOrder bad{"A1", 100, "CNY", "https://qr.alipay.com/bax0"};
  EXPECT_EQ(make_pay_request(bad, acquirer().public_key(), entropy).error().code, ErrorCode::not_payable);
  bad.auth_code = " 134567890123456789";  // the shell passes the trimmed code
  EXPECT_EQ(make_pay_request(bad, acquirer().public_key(), entropy).error().code, ErrorCode::not_payable);
  bad.auth_code = "134567890123456789";
  bad.amount = 0;
  EXPECT_EQ(make_pay_request(bad, acquirer().public_key(), entropy).error().code, ErrorCode::invalid_amount);
  bad.amount = 1;
  bad.out_trade_no = "has space";
  EXPECT_EQ(make_pay_request(bad, acquirer().public_key(), entropy).error().code, ErrorCode::invalid_field);
}

TEST_F(Protocol, TimestampWindow) {
  EXPECT_TRUE(check_timestamp(1000, 1000).ok());
  EXPECT_TRUE(check_timestamp(1000 + kTimestampWindowMs, 1000).ok());
  EXPECT_EQ(check_timestamp(1001 + kTimestampWindowMs, 1000).error().code, ErrorCode::stale_timestamp);
  EXPECT_EQ(check_timestamp(0, kTimestampWindowMs + 1).error().code, ErrorCode::stale_timestamp);
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max(), kMin = std::numeric_limits<std::int64_t>::min();
  EXPECT_FALSE(check_timestamp(kMax, kMin).ok());
  EXPECT_FALSE(check_timestamp(kMin, kMax).ok());
}

TEST_F(Protocol, IdsAreDatedUniqueAndValid) {
  auto id = make_out_trade_no(1795680000000, std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value(), "202611260800000102030405060708");
  EXPECT_TRUE(messages::is_valid_id(id.value()));
  EXPECT_FALSE(make_out_trade_no(1, "short").ok());
  crypto::DeterministicEntropy entropy("ids");
  EXPECT_NE(make_out_trade_no(1795680000000, entropy), make_out_trade_no(1795680000000, entropy));
  EXPECT_EQ(make_nonce(std::string(16, '\xff')).value(), std::string(32, 'f'));
  EXPECT_NE(make_nonce(entropy), make_nonce(entropy));
}

}  // namespace
}  // namespace qrpos::protocol
