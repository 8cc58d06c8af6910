// The sandbox's magic values (acquirer/src/magic.hpp, docs/sandbox.md): which codes
// and amounts play which outcome, and that ordinary ones play none.
#include "magic.hpp"

#include <gtest/gtest.h>

namespace qrpos::acquirer::magic {
namespace {

TEST(PayMagic, SuffixesPickTheirOutcome) {
  EXPECT_EQ(pay_magic("134567890123000051").behaviour, PayBehaviour::decline);
  EXPECT_EQ(pay_magic("134567890123000051").decline_reason, "insufficient_funds");
  EXPECT_EQ(pay_magic("134567890123000054").decline_reason, "auth_code_expired");
  EXPECT_EQ(pay_magic("134567890123000059").decline_reason, "risk_declined");
  EXPECT_EQ(pay_magic("134567890123000060").decline_reason, "card_not_supported");
  EXPECT_EQ(pay_magic("134567890123000061").behaviour, PayBehaviour::code_used);
  EXPECT_EQ(pay_magic("134567890123000100").behaviour, PayBehaviour::confirm_then_approve);
  EXPECT_EQ(pay_magic("134567890123000100").delay_ms, 5000);
  EXPECT_EQ(pay_magic("134567890123000101").behaviour, PayBehaviour::confirm_forever);
  EXPECT_EQ(pay_magic("134567890123000500").behaviour, PayBehaviour::error_after_recording);
  EXPECT_EQ(pay_magic("134567890123000501").behaviour, PayBehaviour::error_nothing_recorded);
  EXPECT_EQ(pay_magic("134567890123000300").delay_ms, 3000);
  EXPECT_GT(pay_magic("134567890123000301").delay_ms, 10000);  // past the terminal's timeout
}

TEST(PayMagic, AnySchemeWithDigitsMatchesOnTheLastSixDigits) {
  EXPECT_EQ(pay_magic("2812345678000051").behaviour, PayBehaviour::decline);             // Alipay, 16 digits
  EXPECT_EQ(pay_magic("6212345678901000101").behaviour, PayBehaviour::confirm_forever);  // UnionPay
}

TEST(PayMagic, OrdinaryCodesApprove) {
  EXPECT_EQ(pay_magic("134567890123456789").behaviour, PayBehaviour::approve);
  EXPECT_EQ(pay_magic("134567890123100051").behaviour, PayBehaviour::approve);  // 6 digits, not 5
  EXPECT_EQ(pay_magic("000051").behaviour, PayBehaviour::approve);              // too short for a code
  EXPECT_EQ(pay_magic("hQVDUFYwMVpB000051").behaviour, PayBehaviour::approve);  // EMV base64 text
  EXPECT_EQ(pay_magic("").behaviour, PayBehaviour::approve);
}

TEST(OrderMagic, AmountsModuloTenThousand) {
  EXPECT_EQ(order_magic(9901).behaviour, OrderBehaviour::auto_pay);
  EXPECT_EQ(order_magic(129901).behaviour, OrderBehaviour::auto_pay);
  EXPECT_EQ(order_magic(9902).behaviour, OrderBehaviour::auto_decline);
  EXPECT_EQ(order_magic(9903).behaviour, OrderBehaviour::confirm_forever);
  EXPECT_EQ(order_magic(9903).delay_ms, 0);
  EXPECT_EQ(order_magic(4800).behaviour, OrderBehaviour::normal);
  EXPECT_EQ(order_magic(990).behaviour, OrderBehaviour::normal);
}

TEST(StoredNames, RoundTripAndPlainIsEmpty) {
  EXPECT_EQ(stored_name(PayBehaviour::approve), "");
  EXPECT_EQ(stored_name(OrderBehaviour::normal), "");
  EXPECT_EQ(pay_behaviour_from_stored(stored_name(PayBehaviour::slow_approve)), PayBehaviour::slow_approve);
  EXPECT_EQ(order_behaviour_from_stored(stored_name(OrderBehaviour::auto_decline)), OrderBehaviour::auto_decline);
  EXPECT_EQ(order_behaviour_from_stored(""), OrderBehaviour::normal);
  EXPECT_FALSE(pay_behaviour_from_stored("bogus").has_value());
}

}  // namespace
}  // namespace qrpos::acquirer::magic
