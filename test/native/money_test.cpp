#include "qrpos/money.hpp"

#include <gtest/gtest.h>

namespace qrpos::money {
namespace {

std::int64_t parsed(const char* text, const char* currency = "CNY") {
  auto r = parse_amount(text, currency);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? r.value() : -1;
}

ErrorCode rejected(const char* text, const char* currency = "CNY") {
  auto r = parse_amount(text, currency);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? ErrorCode::crypto_failure : r.error().code;
}

TEST(Money, ParsesCashierInputExactly) {
  EXPECT_EQ(parsed("23.72"), 2372);
  EXPECT_EQ(parsed("5"), 500);
  EXPECT_EQ(parsed("0.5"), 50);
  EXPECT_EQ(parsed("0.01"), 1);
  EXPECT_EQ(parsed("100000000"), 10'000'000'000);
  EXPECT_EQ(parsed("1500", "JPY"), 1500);
}

TEST(Money, RejectsWhatCannotBeChargedExactly) {
  EXPECT_EQ(rejected("23.725"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1.5", "JPY"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("-1"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("0"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("0.00"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected(""), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected(".5"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("5."), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1,000"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected(" 5"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("100000000.01"), ErrorCode::amount_too_large);
  EXPECT_EQ(rejected("99999999999999999999999"), ErrorCode::amount_too_large);
  EXPECT_EQ(rejected("1", "XXX"), ErrorCode::unknown_currency);
  EXPECT_EQ(rejected(std::string(40, '1').c_str()), ErrorCode::input_too_long);
}

TEST(Money, ErrorsPointAtTheOffendingCharacter) {
  auto r = parse_amount("12a4", "CNY");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 2u);
}

TEST(Money, FormatsInTheCurrencyExponent) {
  const Currency cny = *find_currency("CNY");
  EXPECT_EQ(format_amount(2372, cny), "23.72");
  EXPECT_EQ(format_amount(5, cny), "0.05");
  EXPECT_EQ(format_amount(0, cny), "0.00");
  EXPECT_EQ(format_amount(-150, cny), "-1.50");
  EXPECT_EQ(format_amount(1500, *find_currency("JPY")), "1500");
}

}  // namespace
}  // namespace qrpos::money
