// What the sandbox wallet makes of a scanned table code (acquirer/src/table_code.hpp,
// docs/sandbox.md "Table codes"): EMV and URL styles, the tip rule, and that any
// other text, however odd, is simply not a table code.
#include "table_code.hpp"

#include <gtest/gtest.h>

#include <random>

#include "qrpos/emv_mpm.hpp"

namespace qrpos::acquirer {
namespace {

std::string emv_table_code(const std::string& url, emv_mpm::Tip tip = emv_mpm::Tip::none, std::string fee = "",
                           std::string pct = "") {
  emv_mpm::MerchantCode code;
  code.initiation = emv_mpm::Initiation::static_code;
  code.merchant_accounts = {
      tlv::Node::templated("26", {tlv::Node::primitive("00", "COM.QRPOS.SANDBOX"), tlv::Node::primitive("01", url)})};
  code.mcc = "5812";
  code.currency = "156";
  code.tip = tip;
  code.fee_fixed = std::move(fee);
  code.fee_percentage = std::move(pct);
  code.country = "CN";
  code.merchant_name = "qrpos demo shop";
  code.merchant_city = "Shanghai";
  auto built = emv_mpm::build_payload(code);
  EXPECT_TRUE(built.ok());
  return built.ok() ? built.value() : "";
}

TEST(TableCode, EmvStaticCodeGivesTheTableAndItsTip) {
  const std::string url = "http://192.168.1.5:8080/t/T-DEMO-0001/5";
  auto plain = read_table_code(emv_table_code(url));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->terminal_id, "T-DEMO-0001");
  EXPECT_EQ(plain->table, "5");
  EXPECT_EQ(table_path(*plain), "/t/T-DEMO-0001/5");
  auto prompt = read_table_code(emv_table_code(url, emv_mpm::Tip::prompt));
  ASSERT_TRUE(prompt);
  EXPECT_EQ(table_path(*prompt), "/t/T-DEMO-0001/5?tip=01");
  auto fixed = read_table_code(emv_table_code(url, emv_mpm::Tip::fixed_fee, "5.00"));
  ASSERT_TRUE(fixed);
  EXPECT_EQ(table_path(*fixed), "/t/T-DEMO-0001/5?tip=02&fee=5.00");
  auto pct = read_table_code(emv_table_code(url + "?tip=01", emv_mpm::Tip::percentage_fee, "", "10.00"));
  ASSERT_TRUE(pct);
  EXPECT_EQ(table_path(*pct), "/t/T-DEMO-0001/5?tip=03&pct=10.00") << "the payload's own tip wins";
}

TEST(TableCode, UrlCodesAreTakenWithTheirTipQuery) {
  auto link = read_table_code("  https://pos.example.com/t/T-1/A_12?utm=x&tip=03&pct=12.5\r\n");
  ASSERT_TRUE(link);
  EXPECT_EQ(table_path(*link), "/t/T-1/A_12?tip=03&pct=12.5");
  auto bad_tip = read_table_code("http://h/t/T-1/7?tip=02&fee=5%2000");
  ASSERT_TRUE(bad_tip);
  EXPECT_EQ(table_path(*bad_tip), "/t/T-1/7") << "a malformed tip is no tip";
}

TEST(TableCode, EverythingElseIsNotATableCode) {
  for (const std::string text :
       {"", "hello", "134567890123456789", "http://h/pay/2026112610000012", "http://h/t/T-1", "http://h/t/T-1/",
        "http://h/t/T-1/5/6", "http://h/t/T 1/5", "http:///t/T-1/5", "ftp://h/t/T-1/5", "javascript:x//t/T-1/5",
        "http://h/t/T-1/12345678901234567", "http://h\"/t/T-1/5"}) {
    EXPECT_FALSE(read_table_code(text)) << text;
  }
  EXPECT_FALSE(read_table_code(emv_table_code("http://h/pay/123"))) << "an order code is not a table code";
  std::string tampered = emv_table_code("http://h/t/T-1/5");
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(read_table_code(tampered)) << "CRC";
  EXPECT_FALSE(read_table_code("http://h/t/T-1/5?" + std::string(kMaxScannedChars, 'x')));
}

TEST(TableCode, RandomTextNeverCrashes) {
  std::mt19937 rng(20261126);
  const std::string seed = emv_table_code("http://h/t/T-1/5", emv_mpm::Tip::fixed_fee, "5.00");
  for (int i = 0; i < 5000; ++i) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) text[rng() % text.size()] = static_cast<char>(rng() % 256);
    (void)read_table_code(text);
    (void)read_table_code(text.substr(0, rng() % text.size()));
  }
}

TEST(TipRule, QueryValuesAreCheckedAndPercentagesRoundHalfUp) {
  EXPECT_EQ(tip_rule_from_query("01", "", "").mode, emv_mpm::Tip::prompt);
  EXPECT_EQ(tip_rule_from_query("02", "5.00", "").mode, emv_mpm::Tip::fixed_fee);
  EXPECT_EQ(tip_rule_from_query("02", "", "").mode, emv_mpm::Tip::none);
  EXPECT_EQ(tip_rule_from_query("03", "", "99.99").mode, emv_mpm::Tip::percentage_fee);
  EXPECT_EQ(tip_rule_from_query("03", "", "100").mode, emv_mpm::Tip::none);
  EXPECT_EQ(tip_rule_from_query("03", "", "0.00").mode, emv_mpm::Tip::none);
  EXPECT_EQ(tip_rule_from_query("04", "5", "5").mode, emv_mpm::Tip::none);
  EXPECT_EQ(percent_of(8850, "10"), 885);
  EXPECT_EQ(percent_of(8850, "15.00"), 1328);  // 1327.5 rounds up
  EXPECT_EQ(percent_of(8850, "12.5"), 1106);   // 1106.25
  EXPECT_EQ(percent_of(1, "0.01"), 0);
  EXPECT_FALSE(percent_of(100, "1.234"));
  EXPECT_FALSE(percent_of(100, "1.2.3"));
  EXPECT_EQ(tip_for({emv_mpm::Tip::fixed_fee, "5.00", ""}, 8800, "CNY"), 500);
  EXPECT_EQ(tip_for({emv_mpm::Tip::fixed_fee, "500", ""}, 8800, "JPY"), 500);
  EXPECT_EQ(tip_for({emv_mpm::Tip::percentage_fee, "", "10.00"}, 8800, "CNY"), 880);
  EXPECT_EQ(tip_for({emv_mpm::Tip::prompt, "", ""}, 8800, "CNY"), 0);
}

}  // namespace
}  // namespace qrpos::acquirer
