#include "qrpos/tlv.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "vectors.hpp"

namespace qrpos::tlv {
namespace {

std::vector<Node> parsed(std::string_view text) {
  auto r = parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().detail);
  return r.ok() ? r.value() : std::vector<Node>{};
}

Error rejected(std::string_view text) {
  auto r = parse(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? Error{ErrorCode::invalid_state, "parsed", 0} : r.error();
}

ErrorCode encode_error(const std::vector<Node>& nodes) {
  auto r = encode(nodes);
  EXPECT_FALSE(r.ok());
  return r.ok() ? ErrorCode::invalid_state : r.error().code;
}

TEST(Tlv, Crc16IsCcittFalseWithItsCheckValue) {
  const auto doc = test::load_vectors("emv_mpm.json");
  const auto check =
      static_cast<std::uint16_t>(std::strtoul(doc["check_crc_123456789"].get<std::string>().c_str(), nullptr, 16));
  EXPECT_EQ(check, 0x29B1);
  EXPECT_EQ(crc16("123456789"), check);
  EXPECT_EQ(crc16(""), 0xFFFF);  // the initial value, no final XOR
}

TEST(Tlv, ParsesPrimitivesInOrder) {
  const auto nodes = parsed("000201010211");
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0], Node::primitive("00", "01"));
  EXPECT_EQ(nodes[1], Node::primitive("01", "11"));
  EXPECT_TRUE(parsed("").empty());
}

TEST(Tlv, ParsesTemplatesWhereTheMpmLayoutHasThem) {
  EXPECT_TRUE(is_template_id("", "26") && is_template_id("", "51") && is_template_id("", "62"));
  EXPECT_TRUE(is_template_id("", "64") && is_template_id("", "80") && is_template_id("", "99"));
  EXPECT_FALSE(is_template_id("", "15") || is_template_id("", "25") || is_template_id("", "52"));
  EXPECT_FALSE(is_template_id("", "63") || is_template_id("", "65") || is_template_id("", "79"));
  EXPECT_TRUE(is_template_id("62", "50") && is_template_id("62", "99"));
  EXPECT_FALSE(is_template_id("62", "49") || is_template_id("26", "50") || is_template_id("64", "50"));

  const auto nodes = parsed("62160503abc50050001x5203abc");
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0],
            Node::templated("62", {Node::primitive("05", "abc"), Node::templated("50", {Node::primitive("00", "x")})}));
  EXPECT_EQ(nodes[1], Node::primitive("52", "abc"));
  // Inside a merchant account template nothing nests further.
  EXPECT_EQ(parsed("29095005abcde")[0], Node::templated("29", {Node::primitive("50", "abcde")}));
}

TEST(Tlv, LengthsCountCharactersNotBytes) {
  const auto nodes = parsed("0104最佳运输0202北京");
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].value, "最佳运输");
  EXPECT_EQ(nodes[1].value, "北京");
  EXPECT_EQ(parsed("64200002ZH0104最佳运输0202北京")[0].children.size(), 3u);
  EXPECT_EQ(count_chars("最佳运输"), 4u);
  EXPECT_EQ(count_chars("a\xF0\x9F\x98\x80"), 2u);  // U+1F600 is one character
  EXPECT_EQ(encode({Node::primitive("01", "最佳运输")}).value(), "0104最佳运输");
}

TEST(Tlv, InvalidUtf8IsMalformed) {
  for (const char* bad : {"0101\xC3(", "0101\xC0\xAF", "0101\xED\xA0\x80", "0101\xF4\x90\x80\x80", "0101\x80",
                          "0101\xFF", "0102a\xE4\xB8"}) {
    EXPECT_EQ(rejected(bad).code, ErrorCode::malformed) << bad;
  }
  EXPECT_FALSE(count_chars("\xE4\xB8").has_value());
  EXPECT_EQ(rejected("0002010101\xC3(").offset, 10u);
}

TEST(Tlv, HeadersMustBeDigitsAndLengthsNonZero) {
  EXPECT_EQ(rejected("0X0201").code, ErrorCode::malformed);
  EXPECT_EQ(rejected("00X201").code, ErrorCode::malformed);
  EXPECT_EQ(rejected("0a").code, ErrorCode::malformed);
  EXPECT_EQ(rejected("000201 1").code, ErrorCode::malformed);
  EXPECT_EQ(rejected("0100").code, ErrorCode::malformed);
  const Error e = rejected("0002010Y02ab");
  EXPECT_EQ(e.code, ErrorCode::malformed);
  EXPECT_EQ(e.offset, 7u);
}

TEST(Tlv, ValuesAndHeadersRunningPastTheEndAreTruncated) {
  EXPECT_EQ(rejected("0").code, ErrorCode::truncated);
  EXPECT_EQ(rejected("000").code, ErrorCode::truncated);
  EXPECT_EQ(rejected("0105abc").code, ErrorCode::truncated);
  EXPECT_EQ(rejected("0102最").code, ErrorCode::truncated);
  // A child running past the end of its template, pointed at in the whole text.
  const Error e = rejected("00020162050103abc");
  EXPECT_EQ(e.code, ErrorCode::truncated);
  EXPECT_EQ(e.offset, 10u);
}

TEST(Tlv, DuplicateIdsAreKeptForThePayloadToJudge) { EXPECT_EQ(parsed("0101a0101b").size(), 2u); }

TEST(Tlv, BoundsTheInputBeforeAnyWork) {
  EXPECT_EQ(rejected(std::string(kMaxTextBytes + 1, '0')).code, ErrorCode::input_too_long);
  std::string longest;
  while (longest.size() + 103 <= kMaxTextBytes) longest += "0199" + std::string(99, 'x');
  EXPECT_FALSE(parsed(longest).empty());
}

TEST(Tlv, EncodeInvertsParseForEveryVectorPayload) {
  const auto doc = test::load_vectors("emv_mpm.json");  // a temporary would die before the loop
  for (const auto& v : doc["vectors"]) {
    auto nodes = parse(v["payload"].get<std::string>());
    if (!nodes.ok()) continue;
    auto text = encode(nodes.value());
    ASSERT_TRUE(text.ok()) << v["name"];
    EXPECT_EQ(text.value(), v["payload"].get<std::string>()) << v["name"];
  }
}

TEST(Tlv, EncodeWritesTwoDigitCharacterLengths) {
  const std::vector<Node> nodes{Node::primitive("00", "01"),
                                Node::templated("62", {Node::primitive("01", std::string(9, 'b'))}),
                                Node::primitive("59", std::string(99, 'n'))};
  EXPECT_EQ(encode(nodes).value(), "00020162130109bbbbbbbbb5999" + std::string(99, 'n'));
}

TEST(Tlv, EncodeRejectsWhatCannotBeWritten) {
  EXPECT_EQ(encode_error({Node::primitive("59", std::string(100, 'n'))}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::primitive("59", "")}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::primitive("5", "x")}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::primitive("5a", "x")}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::primitive("59", "\xC3(")}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::primitive("62", "0101x")}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::templated("52", {Node::primitive("00", "x")})}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::templated("62", {})}), ErrorCode::invalid_field);
  EXPECT_EQ(encode_error({Node::templated("62", {Node::primitive("01", std::string(96, 'x'))})}),
            ErrorCode::invalid_field);  // 4 + 96 = 100 characters
  EXPECT_EQ(encode_error({Node::templated("62", {Node::templated("50", {Node::templated("00", {})})})}),
            ErrorCode::invalid_field);
  Node both = Node::templated("62", {Node::primitive("01", "x")});
  both.value = "0101x";
  EXPECT_EQ(encode_error({both}), ErrorCode::invalid_field);
  Node primitive_with_children = Node::primitive("52", "4111");
  primitive_with_children.children = {Node::primitive("00", "x")};
  EXPECT_EQ(encode_error({primitive_with_children}), ErrorCode::invalid_field);
  EXPECT_TRUE(encode({Node::templated("62", {Node::primitive("01", std::string(95, 'x'))})}).ok());
}

TEST(Tlv, TreesRoundTripThroughJsonInTheVectorsShape) {
  const auto doc = test::load_vectors("emv_mpm.json");  // a temporary would die before the loop
  for (const auto& v : doc["vectors"]) {
    if (!v["valid"]) continue;
    const auto nodes = parsed(v["payload"].get<std::string>());
    EXPECT_EQ(nlohmann::json::parse(to_json(nodes)), v["objects"]) << v["name"];
    EXPECT_EQ(from_json(v["objects"].dump()).value(), nodes) << v["name"];
  }
  EXPECT_EQ(to_json({Node::primitive("00", "01"), Node::templated("62", {Node::primitive("05", "***")})}),
            R"([{"id":"00","value":"01"},{"id":"62","children":[{"id":"05","value":"***"}]}])");
}

TEST(Tlv, TreesReadFromJsonAreShapedAndBoundedInDepth) {
  EXPECT_TRUE(from_json(R"([{"id":"62","children":[{"id":"50","children":[{"id":"00","value":"x"}]}]}])").ok());
  auto deep = from_json(
      R"([{"id":"62","children":[{"id":"50","children":[{"id":"00","children":[{"id":"00","value":"x"}]}]}]}])");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().code, ErrorCode::malformed_message);
  for (const char* bad : {"{}", "[1]", R"([{"id":"00"}])", R"([{"id":0,"value":"01"}])", R"([{"id":"00","value":1}])",
                          R"([{"id":"00","value":"01","children":[]}])", R"([{"id":"62","children":{}}])", "[", ""}) {
    auto r = from_json(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::malformed_message) << bad;
  }
  EXPECT_EQ(from_json(std::string(kMaxJsonBytes + 1, ' ')).error().code, ErrorCode::input_too_long);
  std::string nested(5000, '[');
  EXPECT_FALSE(from_json(nested + std::string(5000, ']')).ok());
}

}  // namespace
}  // namespace qrpos::tlv
