#include "qrpos/paycode.hpp"

#include <gtest/gtest.h>

namespace qrpos::paycode {
namespace {

TEST(Paycode, MaskKeepsFirstTwoAndLastFour) {
  EXPECT_EQ(mask_code("134567890123456789"), "13************6789");
  EXPECT_EQ(mask_code("6216786843353265020"), "62*************5020");
  EXPECT_EQ(mask_code("1234567"), "12*4567");
}

TEST(Paycode, ShortCodesAreMaskedCompletely) {
  EXPECT_EQ(mask_code("123456"), "******");
  EXPECT_EQ(mask_code(""), "");
}

TEST(Paycode, SchemeBoundaries) {
  EXPECT_EQ(detect_scheme("100000000000000000"), Scheme::wechat);
  EXPECT_EQ(detect_scheme("159999999999999999"), Scheme::wechat);
  EXPECT_EQ(detect_scheme("169999999999999999"), std::nullopt);
  EXPECT_EQ(detect_scheme("2500000000000000"), Scheme::alipay);
  EXPECT_EQ(detect_scheme("309999999999999999999999"), Scheme::alipay);
  EXPECT_EQ(detect_scheme("3109999999999999"), std::nullopt);
  EXPECT_EQ(detect_scheme("6200000000000000000"), Scheme::unionpay);
  EXPECT_EQ(detect_scheme("620000000000000000"), std::nullopt);
}

TEST(Paycode, SchemeNamesRoundTrip) {
  for (Scheme s : {Scheme::wechat, Scheme::alipay, Scheme::unionpay, Scheme::ecny, Scheme::emv_cpm}) {
    EXPECT_EQ(scheme_from_name(scheme_name(s)), s);
  }
  EXPECT_EQ(scheme_from_name("paypal"), std::nullopt);
}

}  // namespace
}  // namespace qrpos::paycode
