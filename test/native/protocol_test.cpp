#include "qrpos/protocol.hpp"

#include <gtest/gtest.h>

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
  PayOrder order() const {
    const auto& o = doc["response"]["order"];
    return PayOrder{o["out_trade_no"], o["amount"], o["currency"], "134567890123456789"};
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
  const SignedRequest signed_req = sign_request(terminal(), {"T1", r["timestamp_ms"], r["nonce"]}, r["method"], r["path"], r["body"]);
  EXPECT_EQ(signed_req.signature, r["signature"].get<std::string>());
  EXPECT_TRUE(verify_request(terminal().public_key(), signed_req).ok());
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
  EXPECT_FALSE(verify_request(acquirer().public_key(), req).ok());
}

TEST_F(Protocol, ResponseVerifiesAgainstIndependentVector) {
  const auto& r = doc["response"];
  EXPECT_EQ(canonical_response(r["http_status"], r["timestamp_ms"], nonce(), r["body"].get<std::string>()),
            r["canonical"].get<std::string>());
  EXPECT_EQ(sign_response(acquirer(), r["http_status"], r["timestamp_ms"], nonce(), r["body"].get<std::string>()),
            r["signature"].get<std::string>());
  auto result = verify_pay_response(acquirer().public_key(), nonce(), order(), response());
  ASSERT_TRUE(result.ok()) << result.error().detail;
  EXPECT_EQ(result.value().status, "SUCCESS");
  EXPECT_EQ(result.value().transaction_id, "QP20261126000001");
  EXPECT_EQ(result.value().amount, 2372);
}

TEST_F(Protocol, AnyTamperedResponseByteFails) {
  const SignedResponse good = response();
  for (std::size_t i = 0; i < good.body.size(); ++i) {
    SignedResponse bad = good;
    bad.body[i] ^= 0x01;
    EXPECT_EQ(verify_pay_response(acquirer().public_key(), nonce(), order(), bad).error().code, ErrorCode::bad_signature);
  }
  SignedResponse wrong_status = good;
  wrong_status.http_status = 201;
  EXPECT_FALSE(verify_pay_response(acquirer().public_key(), nonce(), order(), wrong_status).ok());
}

TEST_F(Protocol, ReplayedAnswerToAnotherRequestFails) {
  EXPECT_EQ(verify_pay_response(acquirer().public_key(), "ffeeddccbbaa99887766554433221100", order(), response()).error().code,
            ErrorCode::bad_signature);
}

TEST_F(Protocol, AnswerSignedByAnyoneElseFails) {
  EXPECT_FALSE(verify_pay_response(terminal().public_key(), nonce(), order(), response()).ok());
}

TEST_F(Protocol, GenuineAnswerForAnotherOrderIsNeverPaid) {
  PayOrder other = order();
  other.amount += 1;
  EXPECT_EQ(verify_pay_response(acquirer().public_key(), nonce(), other, response()).error().code,
            ErrorCode::malformed_message);
}

TEST_F(Protocol, SignedErrorAnswerDecodes) {
  const std::string body = error_body("bad_signature", "request signature does not verify");
  SignedResponse res{401, 5, sign_response(acquirer(), 401, 5, nonce(), body), body};
  auto result = verify_pay_response(acquirer().public_key(), nonce(), order(), res);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().status, "ERROR");
  EXPECT_EQ(result.value().error_code, "bad_signature");
}

TEST_F(Protocol, SignedGarbageIsMalformed) {
  const std::string bodies[] = {"", "[]", "{", "{\"status\":\"SUCCESS\"}", "{\"error\":1}", std::string(kMaxBodySize + 1, ' ')};
  for (const std::string& body : bodies) {
    SignedResponse res{200, 5, sign_response(acquirer(), 200, 5, nonce(), body), body};
    auto result = verify_pay_response(acquirer().public_key(), nonce(), order(), res);
    ASSERT_FALSE(result.ok()) << body.substr(0, 20);
    EXPECT_NE(result.error().code, ErrorCode::bad_signature);
  }
}

TEST_F(Protocol, PayRequestSealsTheCodeAndRoundTrips) {
  auto req = build_pay_request(terminal(), acquirer().public_key(), order(), {"T1", 1000, std::string(32, 'a')});
  ASSERT_TRUE(req.ok()) << req.error().detail;
  EXPECT_EQ(req.value().path, "/v1/payments");
  EXPECT_EQ(req.value().body.find("134567890123456789"), std::string::npos) << "the code must never travel in clear";
  EXPECT_TRUE(verify_request(terminal().public_key(), req.value()).ok());
  auto body = parse_pay_request_body(req.value().body);
  ASSERT_TRUE(body.ok()) << body.error().detail;
  EXPECT_EQ(body.value().scheme, "wechat");
  EXPECT_EQ(body.value().auth_code_masked, "13************6789");
  EXPECT_EQ(acquirer().open_sealed(body.value().auth_code_sealed).value(), "134567890123456789");
}

TEST_F(Protocol, PayRequestRefusesWhatIsNotPayable) {
  PayOrder bad = order();
  bad.auth_code = "https://qr.alipay.com/bax0";
  EXPECT_EQ(build_pay_request(terminal(), acquirer().public_key(), bad, {}).error().code, ErrorCode::not_payable);
  bad = order();
  bad.auth_code = " 134567890123456789";  // the shell passes the trimmed code
  EXPECT_EQ(build_pay_request(terminal(), acquirer().public_key(), bad, {}).error().code, ErrorCode::not_payable);
  bad = order();
  bad.amount = 0;
  EXPECT_EQ(build_pay_request(terminal(), acquirer().public_key(), bad, {}).error().code, ErrorCode::invalid_amount);
}

TEST_F(Protocol, PayRequestBodyRejectsMalformedFields) {
  for (const char* body : {"{}", "not json", "{\"out_trade_no\":\"x\",\"amount\":\"5\"}",
                           "{\"out_trade_no\":\"x\",\"amount\":-5,\"currency\":\"CNY\"}",
                           "{\"out_trade_no\":\"x\",\"amount\":5,\"currency\":\"CNY\",\"scheme\":\"visa\","
                           "\"auth_code_masked\":\"\",\"auth_code_sealed\":\"\"}"}) {
    EXPECT_EQ(parse_pay_request_body(body).error().code, ErrorCode::malformed_message) << body;
  }
}

TEST_F(Protocol, OutTradeNoIsDatedAndUnique) {
  auto id = make_out_trade_no(1795680000000, std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value(), "202611260800000102030405060708");
  EXPECT_LE(id.value().size(), 32u);
  EXPECT_FALSE(make_out_trade_no(1, "short").ok());
  EXPECT_EQ(make_nonce(std::string(16, '\xff')).value(), std::string(32, 'f'));
}

}  // namespace
}  // namespace qrpos::protocol
