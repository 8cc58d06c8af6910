#include "qrpos/money.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

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

std::int64_t emv(const char* text, const char* currency = "CNY") {
  auto r = parse_emv_amount(text, *find_currency(currency));
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? r.value() : -1;
}

ErrorCode emv_rejected(const char* text, const char* currency = "CNY") {
  auto r = parse_emv_amount(text, *find_currency(currency));
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? ErrorCode::crypto_failure : r.error().code;
}

std::string display(std::int64_t minor, const char* currency, Locale locale) {
  return format_display(minor, *find_currency(currency), locale);
}

// ISO 4217 (list one, as published by the SIX maintenance agency), written out here
// independently of the table in money.cpp.
struct Iso {
  const char* alpha;
  const char* numeric;
  int exponent;
  const char* zh_cn_123456;  // format_display(123456, ..., zh_CN)
  const char* en_123456;     // format_display(123456, ..., en)
};
const std::vector<Iso> kIso = {
    {"CNY", "156", 2, "¥1,234.56", "CN¥1,234.56"},     {"HKD", "344", 2, "HK$1,234.56", "HK$1,234.56"},
    {"MOP", "446", 2, "MOP 1,234.56", "MOP 1,234.56"}, {"TWD", "901", 2, "NT$1,234.56", "NT$1,234.56"},
    {"USD", "840", 2, "US$1,234.56", "$1,234.56"},     {"EUR", "978", 2, "€1,234.56", "€1,234.56"},
    {"GBP", "826", 2, "£1,234.56", "£1,234.56"},       {"JPY", "392", 0, "JP¥123,456", "¥123,456"},
    {"KRW", "410", 0, "₩123,456", "₩123,456"},         {"SGD", "702", 2, "SGD 1,234.56", "SGD 1,234.56"},
    {"THB", "764", 2, "THB 1,234.56", "THB 1,234.56"}, {"MYR", "458", 2, "MYR 1,234.56", "MYR 1,234.56"},
    {"IDR", "360", 2, "IDR 1,234.56", "IDR 1,234.56"}, {"VND", "704", 0, "₫123,456", "₫123,456"},
    {"PHP", "608", 2, "PHP 1,234.56", "₱1,234.56"},    {"AUD", "036", 2, "AU$1,234.56", "A$1,234.56"},
    {"CAD", "124", 2, "CA$1,234.56", "CA$1,234.56"},   {"CHF", "756", 2, "CHF 1,234.56", "CHF 1,234.56"},
    {"NZD", "554", 2, "NZ$1,234.56", "NZ$1,234.56"},   {"KHR", "116", 2, "KHR 1,234.56", "KHR 1,234.56"},
    {"LAK", "418", 2, "LAK 1,234.56", "LAK 1,234.56"}, {"BRL", "986", 2, "R$1,234.56", "R$1,234.56"},
    {"AED", "784", 2, "AED 1,234.56", "AED 1,234.56"}, {"KWD", "414", 3, "KWD 123.456", "KWD 123.456"},
};

TEST(Money, EveryCurrencyHasItsIsoNumericAndExponent) {
  for (const Iso& iso : kIso) {
    SCOPED_TRACE(iso.alpha);
    const auto by_alpha = find_currency(iso.alpha);
    ASSERT_TRUE(by_alpha.has_value());
    EXPECT_STREQ(by_alpha->alpha, iso.alpha);
    EXPECT_EQ(by_alpha->numeric, std::stoi(iso.numeric));
    EXPECT_EQ(by_alpha->exponent, iso.exponent);
    const auto by_numeric = find_currency_by_numeric(iso.numeric);
    ASSERT_TRUE(by_numeric.has_value());
    EXPECT_STREQ(by_numeric->alpha, iso.alpha);
  }
}

TEST(Money, FindsOnlyExactCodes) {
  EXPECT_FALSE(find_currency("cny"));
  EXPECT_FALSE(find_currency("CNY "));
  EXPECT_FALSE(find_currency(""));
  EXPECT_FALSE(find_currency("XXX"));
  EXPECT_FALSE(find_currency_by_numeric("36"));  // tag 53 is always three digits
  EXPECT_FALSE(find_currency_by_numeric("0156"));
  EXPECT_FALSE(find_currency_by_numeric("15a"));
  EXPECT_FALSE(find_currency_by_numeric(" 156"));
  EXPECT_FALSE(find_currency_by_numeric("999"));
  EXPECT_FALSE(find_currency_by_numeric(""));
}

TEST(Money, ParsesCashierInputExactly) {
  EXPECT_EQ(parsed("23.72"), 2372);
  EXPECT_EQ(parsed("5"), 500);
  EXPECT_EQ(parsed("0.5"), 50);
  EXPECT_EQ(parsed("0.01"), 1);
  EXPECT_EQ(parsed("007.10"), 710);
  EXPECT_EQ(parsed("100000000"), 10'000'000'000);
  EXPECT_EQ(parsed("1500", "JPY"), 1500);
  EXPECT_EQ(parsed("0.001", "KWD"), 1);
  EXPECT_EQ(parsed("1.5", "KWD"), 1500);
}

TEST(Money, RejectsWhatCannotBeChargedExactly) {
  EXPECT_EQ(rejected("23.725"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1.5", "JPY"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1.", "JPY"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("-1"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("+1"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("0"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("0.00"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected(""), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("."), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected(".5"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("5."), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1.2.3"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1,000"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1 000"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1'000"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("1e3"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected(" 5"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("5\n"), ErrorCode::invalid_amount);
  EXPECT_EQ(rejected("５"), ErrorCode::invalid_amount);  // full-width digit
  EXPECT_EQ(rejected("100000000.01"), ErrorCode::amount_too_large);
  EXPECT_EQ(rejected("99999999999999999999999"), ErrorCode::amount_too_large);
  EXPECT_EQ(rejected("1", "XXX"), ErrorCode::unknown_currency);
  EXPECT_EQ(rejected("1", "cny"), ErrorCode::unknown_currency);
  EXPECT_EQ(rejected(std::string(40, '1').c_str()), ErrorCode::input_too_long);
}

TEST(Money, ErrorsPointAtTheOffendingCharacter) {
  auto r = parse_amount("12a4", "CNY");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 2u);
  auto decimals = parse_amount("1.234", "CNY");
  ASSERT_FALSE(decimals.ok());
  EXPECT_EQ(decimals.error().offset, 4u);
  auto large = parse_amount("1000000000", "CNY");
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().offset, 9u);
}

TEST(Money, TheMaximumIsInclusiveForEveryCurrency) {
  for (const Iso& iso : kIso) {
    SCOPED_TRACE(iso.alpha);
    std::int64_t scale = 1;
    for (int d = 0; d < iso.exponent; ++d) scale *= 10;
    const std::string max = std::to_string(kMaxMajorUnits);
    EXPECT_EQ(parsed(max.c_str(), iso.alpha), kMaxMajorUnits * scale);
    if (iso.exponent > 0) {
      const std::string zeros(iso.exponent, '0');
      EXPECT_EQ(parsed((max + "." + zeros).c_str(), iso.alpha), kMaxMajorUnits * scale);
      const std::string over = max + "." + std::string(iso.exponent - 1, '0') + "1";
      EXPECT_EQ(rejected(over.c_str(), iso.alpha), ErrorCode::amount_too_large);
      const std::string smallest = "0." + std::string(iso.exponent - 1, '0') + "1";
      EXPECT_EQ(parsed(smallest.c_str(), iso.alpha), 1);
      EXPECT_EQ(rejected((smallest + "0").c_str(), iso.alpha), ErrorCode::invalid_amount);
    } else {
      EXPECT_EQ(rejected("100000001", iso.alpha), ErrorCode::amount_too_large);
      EXPECT_EQ(parsed("1", iso.alpha), 1);
    }
  }
}

TEST(Money, Int64OverflowIsTooLargeNotWrapped) {
  EXPECT_EQ(rejected("9223372036854775807"), ErrorCode::amount_too_large);
  EXPECT_EQ(rejected("9223372036854775808"), ErrorCode::amount_too_large);
  EXPECT_EQ(rejected("18446744073709551616"), ErrorCode::amount_too_large);
  // Within the length bound, leading zeros never count as magnitude.
  EXPECT_EQ(parsed("0000000000000000000000000001.00"), 100);
  EXPECT_EQ(rejected(std::string(33, '0').c_str()), ErrorCode::input_too_long);
}

TEST(Money, FormatsInTheCurrencyExponent) {
  const Currency cny = *find_currency("CNY");
  EXPECT_EQ(format_amount(2372, cny), "23.72");
  EXPECT_EQ(format_amount(5, cny), "0.05");
  EXPECT_EQ(format_amount(0, cny), "0.00");
  EXPECT_EQ(format_amount(-150, cny), "-1.50");
  EXPECT_EQ(format_amount(1500, *find_currency("JPY")), "1500");
  EXPECT_EQ(format_amount(1, *find_currency("KWD")), "0.001");
  EXPECT_EQ(format_amount(std::numeric_limits<std::int64_t>::max(), cny), "92233720368547758.07");
  EXPECT_EQ(format_amount(std::numeric_limits<std::int64_t>::min(), cny), "-92233720368547758.08");
}

TEST(Money, FormattedAmountsParseBack) {
  for (const Iso& iso : kIso) {
    const Currency c = *find_currency(iso.alpha);
    std::int64_t max = kMaxMajorUnits;
    for (int d = 0; d < iso.exponent; ++d) max *= 10;
    for (std::int64_t minor : {std::int64_t{1}, std::int64_t{9}, std::int64_t{10}, std::int64_t{99}, std::int64_t{100},
                               std::int64_t{2372}, std::int64_t{99'999'999}, max}) {
      SCOPED_TRACE(std::string(iso.alpha) + " " + std::to_string(minor));
      EXPECT_EQ(parsed(format_amount(minor, c).c_str(), iso.alpha), minor);
    }
  }
}

TEST(Money, ParsesEmvTransactionAmounts) {
  EXPECT_EQ(emv("98.73"), 9873);
  EXPECT_EQ(emv("98.7"), 9870);
  EXPECT_EQ(emv("98."), 9800);
  EXPECT_EQ(emv("98"), 9800);
  EXPECT_EQ(emv(".5"), 50);
  EXPECT_EQ(emv("23.72"), 2372);
  EXPECT_EQ(emv("10.00", "USD"), 1000);
  EXPECT_EQ(emv("100", "JPY"), 100);
  EXPECT_EQ(emv("100.", "JPY"), 100);
  EXPECT_EQ(emv("9999999999999"), 999'999'999'999'900);
  EXPECT_EQ(emv("9999999999999", "KWD"), 9'999'999'999'999'000);
  EXPECT_EQ(emv_rejected("98,73"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("3 705"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("0"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("0.00"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("."), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected(""), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("1.2.3"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("-1"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("1.234"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("1.0", "JPY"), ErrorCode::invalid_amount);
  EXPECT_EQ(emv_rejected("12345678901234"), ErrorCode::input_too_long);
}

TEST(Money, LocaleTagsAreExact) {
  EXPECT_EQ(locale_from_tag("zh-CN"), Locale::zh_CN);
  EXPECT_EQ(locale_from_tag("en"), Locale::en);
  EXPECT_FALSE(locale_from_tag("zh"));
  EXPECT_FALSE(locale_from_tag("zh_CN"));
  EXPECT_FALSE(locale_from_tag("EN"));
  EXPECT_FALSE(locale_from_tag(""));
  EXPECT_STREQ(locale_tag(Locale::zh_CN), "zh-CN");
  EXPECT_STREQ(locale_tag(Locale::en), "en");
  EXPECT_STREQ(locale_tag(static_cast<Locale>(99)), "");
}

TEST(Money, DisplaysEveryCurrencyInEachLocale) {
  for (const Iso& iso : kIso) {
    SCOPED_TRACE(iso.alpha);
    EXPECT_EQ(display(123456, iso.alpha, Locale::zh_CN), iso.zh_cn_123456);
    EXPECT_EQ(display(123456, iso.alpha, Locale::en), iso.en_123456);
    EXPECT_EQ(display(-123456, iso.alpha, Locale::zh_CN), std::string("-") + iso.zh_cn_123456);
    EXPECT_EQ(display(-123456, iso.alpha, Locale::en), std::string("-") + iso.en_123456);
  }
}

TEST(Money, DisplayGroupsTheIntegerPartByThree) {
  EXPECT_EQ(display(2372, "CNY", Locale::zh_CN), "¥23.72");
  EXPECT_EQ(display(2372, "CNY", Locale::en), "CN¥23.72");
  EXPECT_EQ(display(-500, "CNY", Locale::zh_CN), "-¥5.00");
  EXPECT_EQ(display(-500, "CNY", Locale::en), "-CN¥5.00");
  EXPECT_EQ(display(0, "CNY", Locale::zh_CN), "¥0.00");
  EXPECT_EQ(display(7, "CNY", Locale::zh_CN), "¥0.07");
  EXPECT_EQ(display(99999, "CNY", Locale::zh_CN), "¥999.99");
  EXPECT_EQ(display(100000, "CNY", Locale::zh_CN), "¥1,000.00");
  EXPECT_EQ(display(123450, "USD", Locale::en), "$1,234.50");
  EXPECT_EQ(display(10'000'000'000, "CNY", Locale::zh_CN), "¥100,000,000.00");
  EXPECT_EQ(display(999, "JPY", Locale::zh_CN), "JP¥999");
  EXPECT_EQ(display(1000, "JPY", Locale::zh_CN), "JP¥1,000");
  EXPECT_EQ(display(1500, "JPY", Locale::en), "¥1,500");
  EXPECT_EQ(display(1'000'000, "KRW", Locale::en), "₩1,000,000");
  EXPECT_EQ(display(1200, "MOP", Locale::zh_CN), "MOP 12.00");
  EXPECT_EQ(display(-1200, "MOP", Locale::en), "-MOP 12.00");
  EXPECT_EQ(display(1234500, "KWD", Locale::en), "KWD 1,234.500");
  EXPECT_EQ(display(std::numeric_limits<std::int64_t>::min(), "CNY", Locale::zh_CN), "-¥92,233,720,368,547,758.08");
  EXPECT_EQ(display(std::numeric_limits<std::int64_t>::max(), "JPY", Locale::en), "¥9,223,372,036,854,775,807");
}

TEST(Money, CallerBuiltCurrenciesNeverBreakFormatting) {
  const Currency odd{"XTS", 963, 2};
  EXPECT_EQ(format_display(123456, odd, Locale::en), "XTS 1,234.56");
  const Currency wild{nullptr, 0, 99};
  EXPECT_EQ(format_amount(1, wild), "0.0001");
  EXPECT_EQ(format_display(-1, Currency{"X", 0, -5}, Locale::zh_CN), "-X 1");
  auto r = parse_emv_amount("9999999999999", wild);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 99'999'999'999'990'000);
}

}  // namespace
}  // namespace qrpos::money
