#include "qrpos/scan.hpp"

#include <gtest/gtest.h>

#include <initializer_list>

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
  EXPECT_EQ(classify(huge).message_key, "scan.unknown");
  // The bound applies before trimming: padding cannot smuggle a code past it.
  const std::string padded = std::string(kMaxScanLength, ' ') + "134567890123456789";
  EXPECT_EQ(classify(padded).kind, Kind::unknown);
}

TEST(Scan, OnlyLeadingAndTrailingWhitespaceIsTrimmed) {
  EXPECT_EQ(classify(" \t134567890123456789\f\v ").kind, Kind::payment_code);
  EXPECT_EQ(classify("134567890\n123456789").kind, Kind::unknown);
  const std::string no_break_space = "\xC2\xA0";  // not ASCII whitespace: not trimmed
  EXPECT_EQ(classify(no_break_space + "134567890123456789").kind, Kind::unknown);
  EXPECT_EQ(classify(" \r\n ").kind, Kind::unknown);
}

TEST(Scan, EveryNotPayableKindCarriesAMessageAndNoCode) {
  for (const char* text :
       {"", "hello", "https://qr.alipay.com/bax0", "000201010211", "QRPOSR1:T-1:20261126", "QRPOSR1:bad id:1"}) {
    const Scan scan = classify(text);
    SCOPED_TRACE(text);
    EXPECT_FALSE(scan.message_key.empty());
    EXPECT_TRUE(scan.code.empty());
    EXPECT_FALSE(scan.scheme.has_value());
  }
}

TEST(Scan, ReadsOurReceiptCode) {
  const Scan scan = classify("QRPOSR1:SH-0001:202611260800000102030405060708\r\n");
  EXPECT_EQ(scan.kind, Kind::receipt);
  EXPECT_STREQ(kind_name(scan.kind), "receipt");
  EXPECT_EQ(scan.message_key, "scan.receipt");
  EXPECT_TRUE(scan.code.empty());  // not a payment code: never submitted as one
  ASSERT_TRUE(scan.receipt.has_value());
  EXPECT_EQ(scan.receipt->terminal_id, "SH-0001");
  EXPECT_EQ(scan.receipt->out_trade_no, "202611260800000102030405060708");
  EXPECT_FALSE(classify("134567890123456789").receipt.has_value());
  EXPECT_STREQ(kind_name(static_cast<Kind>(99)), "");
}

TEST(Scan, ReceiptPartsMayUseTheirWholeCharacterSets) {
  const std::string tid(32, 'Z'), otn = "aZ09_-" + std::string(26, 'x');
  const Scan scan = classify("QRPOSR1:" + tid + ":" + otn);
  ASSERT_EQ(scan.kind, Kind::receipt);
  EXPECT_EQ(scan.receipt->terminal_id, tid);
  EXPECT_EQ(scan.receipt->out_trade_no, otn);
  EXPECT_EQ(classify("QRPOSR1:a-Z-0:-").kind, Kind::receipt);
}

TEST(Scan, MalformedReceiptCodesAreUnknown) {
  for (const std::string& text : std::initializer_list<std::string>{
           "QRPOSR1:", "QRPOSR1::", "QRPOSR1:T1", "QRPOSR1:T1:", "QRPOSR1::123",
           "QRPOSR1:T_1:123",  // '_' is not allowed in a terminal id
           "QRPOSR1:T1:12.3", "QRPOSR1:T1:12:3", "QRPOSR1:T1:12 3", "QRPOSR1:T 1:123",
           "QRPOSR1:T1:\xE5\x8F\xB7",  // UTF-8 outside the set
           "QRPOSR1:" + std::string(33, 'T') + ":1", "QRPOSR1:T1:" + std::string(33, '1'), "qrposr1:T1:123",
           "QRPOSR2:T1:123", "QRPOSR1 T1:123", " QRPOSR1:T1:123 x", std::string("QRPOSR1:T1:12\0", 14)}) {
    SCOPED_TRACE(text);
    const Scan scan = classify(text);
    EXPECT_EQ(scan.kind, Kind::unknown);
    EXPECT_EQ(scan.message_key, "scan.unknown");
    EXPECT_FALSE(scan.receipt.has_value());
  }
}

TEST(Scan, MakesReceiptCodesThatClassifyBack) {
  auto made = make_receipt_code("SH-0001", "20261126_a-b");
  ASSERT_TRUE(made.ok()) << made.error().detail;
  EXPECT_EQ(made.value(), "QRPOSR1:SH-0001:20261126_a-b");
  const Scan scan = classify(made.value());
  ASSERT_EQ(scan.kind, Kind::receipt);
  EXPECT_EQ(scan.receipt->terminal_id, "SH-0001");
  EXPECT_EQ(scan.receipt->out_trade_no, "20261126_a-b");
  EXPECT_TRUE(make_receipt_code(std::string(32, 'T'), std::string(32, '9')).ok());
}

TEST(Scan, MakeReceiptCodeRejectsBadParts) {
  struct Case {
    std::string terminal_id, out_trade_no;
    std::size_t offset;
  };
  for (const Case& c : std::initializer_list<Case>{{"", "1", 0},
                                                   {"T1", "", 0},
                                                   {"T_1", "1", 1},
                                                   {"T:1", "1", 1},
                                                   {"T1", "1:2", 1},
                                                   {"T1", "12 ", 2},
                                                   {std::string(33, 'T'), "1", 32},
                                                   {"T1", std::string(33, '1'), 32},
                                                   {"T1", std::string(31, '1') + "\n" + "1", 31}}) {
    SCOPED_TRACE(c.terminal_id + " / " + c.out_trade_no);
    auto r = make_receipt_code(c.terminal_id, c.out_trade_no);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::invalid_field);
    EXPECT_EQ(r.error().offset, c.offset);
  }
}

MerchantPatterns patterns_of(const nlohmann::json& doc) {
  MerchantPatterns patterns;
  patterns.member = code_pattern::compile(doc["member"].get<std::string>()).value();
  for (const auto& source : doc["lookups"]) {
    patterns.lookups.push_back(code_pattern::compile(source.get<std::string>()).value());
  }
  return patterns;
}

TEST(Scan, MerchantPatternsComeAfterPaymentAndReceiptCodes) {
  const auto doc = test::load_vectors("code_pattern.json");
  for (const char* section : {"classify", "classify_greedy"}) {
    const auto& set = doc[section];
    const MerchantPatterns patterns = patterns_of(set);
    ASSERT_GE(set["cases"].size(), 3u);
    for (const auto& v : set["cases"]) {
      const std::string text = v["text"];
      SCOPED_TRACE(std::string(section) + ": " + text);
      const Scan scan = classify(text, patterns);
      EXPECT_EQ(kind_name(scan.kind), v["kind"].get<std::string>());
      EXPECT_EQ(scan.pattern_index, v["index"].get<std::size_t>());
      const std::string kind = v["kind"];
      if (kind == "member" || kind == "lookup") {
        EXPECT_EQ(scan.code, v.value("code", text));
        EXPECT_TRUE(scan.message_key.empty());
        EXPECT_FALSE(scan.scheme.has_value());
      }
    }
  }
}

TEST(Scan, WithoutPatternsNothingIsAMerchantCode) {
  EXPECT_EQ(classify("VIP0000001234").kind, Kind::unknown);
  EXPECT_EQ(classify("VIP0000001234", MerchantPatterns{}).kind, Kind::unknown);
  MerchantPatterns lookups_only;
  lookups_only.lookups.push_back(code_pattern::compile("VIP##########").value());
  const Scan scan = classify("VIP0000001234", lookups_only);
  EXPECT_EQ(scan.kind, Kind::lookup);
  EXPECT_EQ(scan.pattern_index, 0u);
}

TEST(Scan, TheMemberPatternWinsOverALookupThatAlsoFits) {
  MerchantPatterns patterns;
  patterns.member = code_pattern::compile("*****").value();
  patterns.lookups = {code_pattern::compile("RM-##").value(), code_pattern::compile("#####").value()};
  EXPECT_EQ(classify("12345", patterns).kind, Kind::member);
  EXPECT_EQ(classify("RM-12", patterns).kind, Kind::lookup);
  patterns.member.reset();
  EXPECT_EQ(classify("12345", patterns).pattern_index, 1u);
}

TEST(Scan, APatternCannotTakeAnEmvOrBrokenReceiptCode) {
  MerchantPatterns patterns;
  patterns.member = code_pattern::compile("QRPOSR1:*").value();
  EXPECT_EQ(classify("QRPOSR1:X", patterns).kind, Kind::unknown) << "a broken receipt code stays unknown";
  patterns.member = code_pattern::compile("hQVDUFY*").value();
  EXPECT_EQ(classify("hQVDUFYx", patterns).kind, Kind::emv_cpm);
}

}  // namespace
}  // namespace qrpos::scan
