#include "qrpos/emv_mpm.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace qrpos {
void PrintTo(ErrorCode code, std::ostream* os) { *os << error_name(code); }
}  // namespace qrpos

namespace qrpos::emv_mpm {
namespace {

using tlv::Node;

const nlohmann::json& vectors() {
  static const nlohmann::json doc = test::load_vectors("emv_mpm.json");
  return doc["vectors"];
}

std::string payload_of(const char* name) {
  for (const auto& v : vectors()) {
    if (v["name"] == name) return v["payload"];
  }
  ADD_FAILURE() << "no vector " << name;
  return {};
}

Payload parsed(std::string_view text) {
  auto r = parse_payload(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().detail);
  return r.ok() ? r.value() : Payload{};
}

ErrorCode rejected(std::string_view text) {
  auto r = parse_payload(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? ErrorCode::invalid_state : r.error().code;
}

// `body` (everything before "6304") with its correct CRC appended.
std::string with_crc(const std::string& body) { return body + "6304" + crc_hex(body + "6304"); }

// The body of a minimal valid static code; each case below breaks one rule of it.
// 000201 010211 0208mastercd 52045812 5303156 5802CN 5904Shop 6007Beijing
const std::string kBase = "0002010102110208mastercd5204581253031565802CN5904Shop6007Beijing";

// Characters of a UTF-8 string (each a whole code point).
std::vector<std::string> characters(const std::string& s) {
  std::vector<std::string> out;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80 || out.empty()) {
      out.emplace_back(1, static_cast<char>(c));
    } else {
      out.back() += static_cast<char>(c);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& chars) {
  std::string s;
  for (const auto& c : chars) s += c;
  return s;
}

TEST(EmvMpm, EveryValidVectorParsesToItsObjectTree) {
  int valid = 0;
  for (const auto& v : vectors()) {
    if (!v["valid"]) continue;
    ++valid;
    const Payload p = parsed(v["payload"].get<std::string>());
    EXPECT_EQ(nlohmann::json::parse(tlv::to_json(p.objects)), v["objects"]) << v["name"];
    EXPECT_EQ(p.objects, tlv::from_json(v["objects"].dump()).value()) << v["name"];
    EXPECT_EQ(p.crc, v["crc"]) << v["name"];
  }
  EXPECT_EQ(valid, 6);
}

TEST(EmvMpm, EveryValidVectorRebuildsToTheIdenticalString) {
  for (const auto& v : vectors()) {
    if (!v["valid"]) continue;
    auto tree = tlv::from_json(v["objects"].dump());
    ASSERT_TRUE(tree.ok()) << v["name"];
    auto text = encode_payload(tree.value());
    ASSERT_TRUE(text.ok()) << v["name"] << ": " << text.error().detail;
    EXPECT_EQ(text.value(), v["payload"]) << v["name"];
    // Without its CRC object the tree encodes the same: the CRC is always recomputed.
    auto without_crc = tree.value();
    without_crc.pop_back();
    EXPECT_EQ(encode_payload(without_crc).value(), v["payload"]) << v["name"];
  }
}

TEST(EmvMpm, EveryNegativeVectorFailsWithExactlyItsError) {
  int negative = 0;
  for (const auto& v : vectors()) {
    if (v["valid"]) continue;
    ++negative;
    auto r = parse_payload(v["payload"].get<std::string>());
    ASSERT_FALSE(r.ok()) << v["name"];
    EXPECT_EQ(error_name(r.error().code), v["error"].get<std::string>()) << v["name"] << ": " << r.error().detail;
  }
  EXPECT_EQ(negative, 7);
}

TEST(EmvMpm, AnnexBExampleReadsAsTypedFields) {
  const Payload p = parsed(payload_of("mpm-1"));
  const MerchantCode& f = p.fields;
  EXPECT_EQ(f.initiation, Initiation::dynamic_code);
  ASSERT_EQ(f.merchant_accounts.size(), 2u);
  EXPECT_EQ(f.merchant_accounts[0].id, "29");
  EXPECT_EQ(f.merchant_accounts[0].children[0].value, "D15600000000");
  EXPECT_EQ(f.merchant_accounts[1].id, "31");
  EXPECT_EQ(f.unionpay_id, "");
  EXPECT_EQ(f.mcc, "4111");
  EXPECT_EQ(f.currency, "156");
  EXPECT_EQ(f.amount, "23.72");
  EXPECT_EQ(f.tip, Tip::prompt);
  EXPECT_EQ(f.country, "CN");
  EXPECT_EQ(f.merchant_name, "BEST TRANSPORT");
  EXPECT_EQ(f.merchant_city, "BEIJING");
  EXPECT_EQ(f.additional.store_label, "1234");
  EXPECT_EQ(f.additional.customer_label, "***");
  EXPECT_EQ(f.additional.terminal_label, "A6008667");
  EXPECT_EQ(f.additional.consumer_data_request, "ME");
  EXPECT_EQ(f.alternate.language, "ZH");
  EXPECT_EQ(f.alternate.name, "最佳运输");
  EXPECT_EQ(f.alternate.city, "北京");
  ASSERT_EQ(f.unreserved.size(), 1u);
  EXPECT_EQ(f.unreserved[0].id, "91");
  EXPECT_EQ(p.crc, "A13A");
}

TEST(EmvMpm, UnionPayAndPixExamplesReadAsTypedFields) {
  const MerchantCode kh = parsed(payload_of("mpm-2")).fields;
  EXPECT_EQ(kh.unionpay_id, "37210116372101160123456789ABCDE");
  EXPECT_TRUE(kh.merchant_accounts.empty());
  EXPECT_EQ(kh.merchant_city, "Banteay Meanchey");  // 16 characters: accepted as printed
  EXPECT_EQ(kh.additional.bill_number, "12345678");
  EXPECT_EQ(kh.tip, Tip::none);

  const MerchantCode pix = parsed(payload_of("mpm-7")).fields;
  EXPECT_EQ(pix.initiation, Initiation::unspecified);
  EXPECT_EQ(pix.merchant_accounts.size(), 3u);  // 04, 26, 27
  EXPECT_EQ(pix.postal_code, "70074900");
  EXPECT_EQ(parsed(payload_of("mpm-8")).fields.additional.reference_label, "oooo");
  EXPECT_EQ(parsed(payload_of("mpm-4")).fields.initiation, Initiation::static_code);
}

TEST(EmvMpm, AcceptsLowerCaseCrcDigitsAndReportsUpperCase) {
  std::string text = payload_of("mpm-1");
  text.replace(text.size() - 4, 4, "a13a");
  EXPECT_EQ(parsed(text).crc, "A13A");
  EXPECT_EQ(encode_payload(parsed(text).objects).value(), payload_of("mpm-1"));
  // The Nepal UnionPay code as printed in the field (facts §4.7 #5).
  const char* nepal =
      "000201010212153127330524000203441005000000000015204729953035245406150.005802NP5915RAKESH SHRESTHA"
      "6009KATHMANDU62600120201809281708350113950520201809281708350113960708100505016304af24";
  EXPECT_EQ(parsed(nepal).crc, "AF24");
}

TEST(EmvMpm, EverySingleCharacterChangeOfAValidVectorFails) {
  const std::vector<std::string> substitutes{"0", "1", "2", "5", "9", "A", "F", "a", "z", " ", ".", "*", "中", "\x7F"};
  int mutations = 0;
  for (const auto& v : vectors()) {
    if (!v["valid"]) continue;
    const auto chars = characters(v["payload"]);
    const std::size_t crc_start = chars.size() - 4;
    for (std::size_t i = 0; i < chars.size(); ++i) {
      for (const std::string& s : substitutes) {
        if (s == chars[i]) continue;
        // Upper and lower case of one CRC digit are the same CRC.
        if (i >= crc_start && s.size() == 1 && std::toupper(s[0]) == std::toupper(chars[i][0])) continue;
        auto mutated = chars;
        mutated[i] = s;
        EXPECT_FALSE(parse_payload(joined(mutated)).ok()) << v["name"] << " char " << i << " -> " << s;
        ++mutations;
      }
      auto deleted = chars;
      deleted.erase(deleted.begin() + static_cast<std::ptrdiff_t>(i));
      EXPECT_FALSE(parse_payload(joined(deleted)).ok()) << v["name"] << " without char " << i;
      auto inserted = chars;
      inserted.insert(inserted.begin() + static_cast<std::ptrdiff_t>(i), "0");
      EXPECT_FALSE(parse_payload(joined(inserted)).ok()) << v["name"] << " with 0 before char " << i;
      mutations += 2;
    }
  }
  EXPECT_GT(mutations, 15000);
}

TEST(EmvMpm, EveryProperPrefixOfAValidVectorFails) {
  for (const auto& v : vectors()) {
    if (!v["valid"]) continue;
    const std::string text = v["payload"];
    for (std::size_t n = 0; n < text.size(); ++n) {
      EXPECT_FALSE(parse_payload(std::string_view(text).substr(0, n)).ok()) << v["name"] << " cut at " << n;
    }
  }
}

TEST(EmvMpm, CrcMustBePresentLastAndHex) {
  EXPECT_EQ(rejected(kBase), ErrorCode::malformed);
  EXPECT_EQ(rejected(with_crc(kBase) + "6101x"), ErrorCode::crc_not_last);
  EXPECT_EQ(rejected(kBase + "6304ZZZZ"), ErrorCode::crc_mismatch);
  EXPECT_EQ(rejected(kBase + "6303ABC"), ErrorCode::crc_mismatch);
  EXPECT_EQ(rejected(kBase + "6305ABCDE"), ErrorCode::crc_mismatch);
  EXPECT_TRUE(parse_payload(with_crc(kBase)).ok());
}

TEST(EmvMpm, FormatIndicatorMustBeFirstAndSayZeroOne) {
  EXPECT_EQ(rejected(with_crc("000202" + kBase.substr(6))), ErrorCode::format_indicator);
  EXPECT_EQ(rejected(with_crc(kBase.substr(6))), ErrorCode::format_indicator);
  EXPECT_EQ(rejected(with_crc("0001X" + kBase.substr(6))), ErrorCode::format_indicator);
}

TEST(EmvMpm, DuplicateIdsAtOneLevelFailButMayRepeatAcrossLevels) {
  EXPECT_EQ(rejected(with_crc(kBase + "5802CN")), ErrorCode::duplicate_id);
  EXPECT_EQ(rejected(with_crc(kBase + "62100101a0101b")), ErrorCode::duplicate_id);
  EXPECT_TRUE(parse_payload(with_crc(kBase + "62100101a0201b")).ok());
  EXPECT_TRUE(parse_payload(with_crc(kBase + "62050101a")).ok());  // 01 at the root and in 62
}

TEST(EmvMpm, FieldRulesFailAsInvalidField) {
  const auto replace = [](std::string from, const std::string& to) {
    std::string s = kBase;
    s.replace(s.find(from), from.size(), to);
    return with_crc(s);
  };
  const std::vector<std::string> bad{
      replace("010211", "010213"),                      // point of initiation
      replace("0208mastercd", ""),                      // no merchant account
      replace("0208mastercd", "26050101x"),             // template without GUI
      replace("52045812", "520458A2"),                  // MCC
      replace("52045812", "5203581"),                   // MCC
      replace("52045812", ""),                          // MCC missing
      replace("5303156", "530415.6"),                   // currency
      replace("5303156", ""),                           // currency missing
      replace("5802CN", "5802cn"),                      // country
      replace("5802CN", "5803CHN"),                     // country
      replace("5904Shop", ""),                          // name missing
      replace("6007Beijing", ""),                       // city missing
      with_crc(kBase + "54010"),                        // amount zero
      with_crc(kBase + "54040.00"),                     // amount zero
      with_crc(kBase + "54041,00"),                     // amount separator
      with_crc(kBase + "54051.2.3"),                    // two points
      with_crc(kBase + "5414" + std::string(14, '1')),  // over 13 characters
      with_crc(kBase + "550204"),                       // tip indicator
      with_crc(kBase + "550202"),                       // fixed fee missing
      with_crc(kBase + "560210"),                       // fee without indicator
      with_crc(kBase + "5502035703100"),                // percentage above 99.99
      with_crc(kBase + "55020357050.001"),              // three decimals
      with_crc(kBase + "5502025601157031.5"),           // both fees
      with_crc(kBase + "62060902MM"),                   // consumer data request twice
      with_crc(kBase + "62060902MX"),                   // unknown consumer data request
      with_crc(kBase + "64060002ZH"),                   // language template without a name
      with_crc(kBase + "64120003ZHO0101x"),             // language not two letters
      with_crc(kBase + "80050101x"),                    // unreserved template without GUI
      with_crc(kBase + "620950050101x"),                // 62/50 payment-system template without GUI
  };
  for (const auto& text : bad) EXPECT_EQ(rejected(text), ErrorCode::invalid_field) << text;

  for (const std::string& ok : std::vector<std::string>{
           "54023.", "5413" + std::string(13, '9'), "550201", "55020256021.", "550203570500.01", "550203570599.99",
           "55020357013", "62070903AME", "61100123456789", "6503rfu", "620950050001x", "80050001x"}) {
    EXPECT_TRUE(parse_payload(with_crc(kBase + ok)).ok()) << ok;
  }
}

TEST(EmvMpm, BoundsThePayloadBeforeAnyWork) {
  std::string text = kBase;
  while (text.size() < kMaxPayloadChars) text += "6599" + std::string(99, 'x');
  EXPECT_EQ(rejected(with_crc(text)), ErrorCode::input_too_long);
  EXPECT_EQ(rejected(std::string(100'000, '0')), ErrorCode::input_too_long);
  EXPECT_EQ(rejected(""), ErrorCode::truncated);
}

MerchantCode kh_dynamic() {
  MerchantCode c;
  c.initiation = Initiation::dynamic_code;
  c.unionpay_id = "37210116372101160123456789ABCDE";
  c.mcc = "4131";
  c.currency = "840";
  c.amount = "10.00";
  c.country = "KH";
  c.merchant_name = "Kuntheas Shop";
  c.merchant_city = "Phnom Penh";
  c.additional.bill_number = "12345678";
  return c;
}

TEST(EmvMpm, BuildsObjectsInAscendingIdOrderWithTheCrcLast) {
  // Expected text computed independently (Python, CRC-16/CCITT-FALSE).
  EXPECT_EQ(build_payload(kh_dynamic()).value(),
            "000201010212153137210116372101160123456789ABCDE520441315303840540510.005802KH5913Kuntheas Shop"
            "6010Phnom Penh62120108123456786304D149");
}

TEST(EmvMpm, BuiltCodesParseBackToTheirFields) {
  MerchantCode c = kh_dynamic();
  c.merchant_accounts = {
      Node::templated("29", {Node::primitive("05", "A93FO3230Q"), Node::primitive("00", "D15600000000")}),
      Node::primitive("04", "5412345678901234")};
  c.tip = Tip::percentage_fee;
  c.fee_percentage = "3.5";
  c.postal_code = "12000";
  c.additional.reference_label = "INV-0001";
  c.additional.terminal_label = "T1";
  c.additional.purpose = "***";
  c.additional.consumer_data_request = "EM";
  c.alternate = {"ZH", "最佳运输", "北京"};
  c.unreserved = {Node::templated("91", {Node::primitive("00", "A011223344998877")})};
  auto text = build_payload(c);
  ASSERT_TRUE(text.ok()) << text.error().detail;
  const Payload p = parsed(text.value());

  // Templates come back with their contents in ascending order, accounts by ID.
  std::swap(c.merchant_accounts[0], c.merchant_accounts[1]);
  std::swap(c.merchant_accounts[1].children[0], c.merchant_accounts[1].children[1]);
  const MerchantCode& f = p.fields;
  EXPECT_EQ(f.merchant_accounts, c.merchant_accounts);
  EXPECT_EQ(f.unreserved, c.unreserved);
  EXPECT_EQ(f.initiation, c.initiation);
  EXPECT_EQ(f.unionpay_id, c.unionpay_id);
  EXPECT_EQ(f.amount, c.amount);
  EXPECT_EQ(f.tip, c.tip);
  EXPECT_EQ(f.fee_percentage, c.fee_percentage);
  EXPECT_EQ(f.postal_code, c.postal_code);
  EXPECT_EQ(f.additional.reference_label, "INV-0001");
  EXPECT_EQ(f.additional.purpose, "***");
  EXPECT_EQ(f.additional.consumer_data_request, "EM");
  EXPECT_EQ(f.alternate.name, "最佳运输");
  EXPECT_EQ(f.alternate.city, "北京");
  std::string previous;
  for (const Node& n : p.objects) {
    EXPECT_LT(previous, n.id == "63" ? "99" : n.id);
    previous = n.id;
  }
  EXPECT_EQ(p.objects.back().id, "63");
}

TEST(EmvMpm, BuildsStaticCodesAndFixedFees) {
  MerchantCode c = kh_dynamic();
  c.initiation = Initiation::static_code;
  c.amount.clear();
  c.tip = Tip::fixed_fee;
  c.fee_fixed = "0.50";
  const Payload p = parsed(build_payload(c).value());
  EXPECT_EQ(p.fields.initiation, Initiation::static_code);
  EXPECT_EQ(p.fields.amount, "");
  EXPECT_EQ(p.fields.fee_fixed, "0.50");
  c.initiation = Initiation::unspecified;
  c.tip = Tip::prompt;
  c.fee_fixed.clear();
  EXPECT_EQ(parsed(build_payload(c).value()).fields.initiation, Initiation::unspecified);
}

TEST(EmvMpm, BuilderHoldsFieldsToTheSpec) {
  using Change = void (*)(MerchantCode&);
  const std::vector<std::pair<const char*, Change>> cases{
      {"amount 0", [](MerchantCode& c) { c.amount = "0"; }},
      {"amount 0.00", [](MerchantCode& c) { c.amount = "0.00"; }},
      {"amount -1", [](MerchantCode& c) { c.amount = "-1"; }},
      {"100-character name", [](MerchantCode& c) { c.merchant_name = std::string(100, 'n'); }},
      {"26-character name", [](MerchantCode& c) { c.merchant_name = std::string(26, 'n'); }},
      {"16-character city", [](MerchantCode& c) { c.merchant_city = "Banteay Meanchey"; }},
      {"name not in the common set", [](MerchantCode& c) { c.merchant_name = "最佳运输"; }},
      {"11-character postal code", [](MerchantCode& c) { c.postal_code = "01234567890"; }},
      {"tip 02 without 56", [](MerchantCode& c) { c.tip = Tip::fixed_fee; }},
      {"tip 03 without 57", [](MerchantCode& c) { c.tip = Tip::percentage_fee; }},
      {"56 without tip 02", [](MerchantCode& c) { c.fee_fixed = "1"; }},
      {"percentage 100", [](MerchantCode& c) { c.tip = Tip::percentage_fee, c.fee_percentage = "100"; }},
      {"no merchant account", [](MerchantCode& c) { c.unionpay_id.clear(); }},
      {"account 15 in the list", [](MerchantCode& c) { c.merchant_accounts = {Node::primitive("15", "x")}; }},
      {"account 52", [](MerchantCode& c) { c.merchant_accounts = {Node::primitive("52", "x")}; }},
      {"account 2", [](MerchantCode& c) { c.merchant_accounts = {Node::primitive("2", "x")}; }},
      {"template account as primitive", [](MerchantCode& c) { c.merchant_accounts = {Node::primitive("26", "x")}; }},
      {"primitive account as template",
       [](MerchantCode& c) { c.merchant_accounts = {Node::templated("04", {Node::primitive("00", "x")})}; }},
      {"template without GUI",
       [](MerchantCode& c) { c.merchant_accounts = {Node::templated("26", {Node::primitive("01", "x")})}; }},
      {"33-character GUI",
       [](MerchantCode& c) {
         c.merchant_accounts = {Node::templated("26", {Node::primitive("00", std::string(33, 'g'))})};
       }},
      {"bad child ID",
       [](MerchantCode& c) {
         c.merchant_accounts = {Node::templated("26", {Node::primitive("00", "g"), Node::primitive("x", "y")})};
       }},
      {"unreserved 70", [](MerchantCode& c) { c.unreserved = {Node::templated("70", {Node::primitive("00", "g")})}; }},
      {"26-character bill number", [](MerchantCode& c) { c.additional.bill_number = std::string(26, '1'); }},
      {"consumer data request X", [](MerchantCode& c) { c.additional.consumer_data_request = "X"; }},
      {"alternate name without language", [](MerchantCode& c) { c.alternate.name = "最佳运输"; }},
      {"language without name", [](MerchantCode& c) { c.alternate.language = "ZH"; }},
      {"26-character alternate name",
       [](MerchantCode& c) {
         c.alternate = {"ZH", std::string(26 * 3, 'x'), ""};
       }},
      {"MCC", [](MerchantCode& c) { c.mcc = "411"; }},
      {"currency", [](MerchantCode& c) { c.currency = "USD"; }},
      {"country", [](MerchantCode& c) { c.country = "kh"; }},
  };
  for (const auto& [what, change] : cases) {
    MerchantCode c = kh_dynamic();
    change(c);
    auto r = build_payload(c);
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_field) << what << ": " << r.error().detail;
  }
  MerchantCode twice = kh_dynamic();
  twice.merchant_accounts = {Node::primitive("04", "a"), Node::primitive("04", "b")};
  EXPECT_EQ(build_payload(twice).error().code, ErrorCode::duplicate_id);
  MerchantCode large = kh_dynamic();
  for (const char* id : {"26", "27", "28", "29", "30", "31"}) {
    large.merchant_accounts.push_back(Node::templated(
        id, {Node::primitive("00", std::string(32, 'g')), Node::primitive("01", std::string(50, 'v'))}));
  }
  EXPECT_EQ(build_payload(large).error().code, ErrorCode::input_too_long);
}

TEST(EmvMpm, EncodePayloadKeepsTheCrcLast) {
  auto tree = parsed(payload_of("mpm-2")).objects;
  std::swap(tree[tree.size() - 1], tree[tree.size() - 2]);
  EXPECT_EQ(encode_payload(tree).error().code, ErrorCode::crc_not_last);
}

TEST(EmvMpm, ReadsMerchantCodesFromJson) {
  auto c =
      merchant_code_from_json(R"({"pointOfInitiation":"dynamic_code","unionpayId":"37210116372101160123456789ABCDE",
    "mcc":"4131","currency":"840","amount":"10.00","countryCode":"KH","merchantName":"Kuntheas Shop",
    "merchantCity":"Phnom Penh","billNumber":"12345678","tipMode":"none","merchantAccounts":[]})");
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_EQ(build_payload(c.value()).value(), build_payload(kh_dynamic()).value());

  auto nested = merchant_code_from_json(
      R"({"merchantAccounts":[{"id":"26","children":[{"id":"00","value":"BR.GOV.BCB.PIX"}]}],"alternateName":"北京"})");
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested.value().merchant_accounts[0], Node::templated("26", {Node::primitive("00", "BR.GOV.BCB.PIX")}));
  EXPECT_EQ(nested.value().alternate.name, "北京");
  EXPECT_EQ(nested.value().initiation, Initiation::static_code);

  for (const char* bad :
       {"", "[]", "{", R"({"merchantname":"x"})", R"({"mcc":4131})", R"({"tipMode":"big"})",
        R"({"pointOfInitiation":"11"})", R"({"merchantAccounts":{}})", R"({"merchantAccounts":[{"id":"26"}]})",
        R"({"merchantAccounts":[{"id":"04","value":1}]})", R"({"merchantAccounts":[{"id":"04","value":"a","x":1}]})"}) {
    auto r = merchant_code_from_json(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::malformed_message) << bad;
  }
  EXPECT_EQ(merchant_code_from_json(std::string(tlv::kMaxJsonBytes + 1, ' ')).error().code, ErrorCode::input_too_long);
}

TEST(EmvMpm, NamesItsEnums) {
  EXPECT_STREQ(initiation_name(Initiation::static_code), "static_code");
  EXPECT_STREQ(initiation_name(Initiation::dynamic_code), "dynamic_code");
  EXPECT_STREQ(tip_name(Tip::percentage_fee), "percentage_fee");
  EXPECT_EQ(crc_hex("123456789"), "29B1");
}

}  // namespace
}  // namespace qrpos::emv_mpm
