#include "qrpos/scan.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace qrpos::scan {
namespace {

TEST(Scan, ClassifiesEveryPaycodeVector) {
  const auto doc = test::load_vectors("paycode.json");
  ASSERT_TRUE(doc.is_object());
  ASSERT_GE(doc["vectors"].size(), 30u);
  for (const auto& v : doc["vectors"]) {
    const std::string text = v["text"];
    const Scan scan = classify(text);
    SCOPED_TRACE(text.substr(0, 60));
    EXPECT_EQ(kind_name(scan.kind), v["kind"].get<std::string>());
    if (v.contains("scheme")) {
      ASSERT_TRUE(scan.scheme.has_value());
      EXPECT_EQ(paycode::scheme_name(*scan.scheme), v["scheme"].get<std::string>());
    } else {
      EXPECT_FALSE(scan.scheme.has_value());
    }
  }
}

TEST(Scan, PayableCodeIsTrimmedAndCarriesNoMessage) {
  const Scan scan = classify("\r\n134567890123456789\r\n");
  EXPECT_EQ(scan.kind, Kind::payment_code);
  EXPECT_EQ(scan.code, "134567890123456789");
  EXPECT_TRUE(scan.message_key.empty());
}

TEST(Scan, MerchantCodesTellThePersonWhatToDo) {
  EXPECT_EQ(classify("weixin://wxpay/bizpayurl?pr=abc").message_key, "scan.merchant_code");
  EXPECT_EQ(classify("000201010211").message_key, "scan.merchant_code");
  EXPECT_EQ(classify("hello").message_key, "scan.unknown");
  EXPECT_TRUE(classify("hello").code.empty());
}

TEST(Scan, OverlongInputIsUnknownWithoutWork) {
  const std::string huge(kMaxScanLength + 1, '1');
  EXPECT_EQ(classify(huge).kind, Kind::unknown);
}

}  // namespace
}  // namespace qrpos::scan
