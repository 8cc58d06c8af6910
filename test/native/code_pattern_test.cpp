#include "qrpos/code_pattern.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace qrpos::code_pattern {
namespace {

TEST(CodePattern, CompilesEveryVectorOrSaysWhere) {
  const auto doc = test::load_vectors("code_pattern.json");
  ASSERT_GE(doc["compile"].size(), 10u);
  for (const auto& v : doc["compile"]) {
    const std::string source = v["source"];
    SCOPED_TRACE(source);
    auto p = compile(source);
    ASSERT_EQ(p.ok(), v["ok"].get<bool>());
    if (p.ok()) {
      EXPECT_EQ(p.value().source, source);
    } else {
      EXPECT_EQ(p.error().code, ErrorCode::invalid_field);
      EXPECT_EQ(p.error().offset, v["offset"].get<std::size_t>());
    }
  }
}

TEST(CodePattern, MatchesEveryVector) {
  const auto doc = test::load_vectors("code_pattern.json");
  ASSERT_GE(doc["match"].size(), 10u);
  for (const auto& v : doc["match"]) {
    const std::string source = v["pattern"], text = v["text"];
    SCOPED_TRACE(source + " / " + text);
    auto p = compile(source);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(matches(p.value(), text), v["match"].get<bool>());
  }
}

TEST(CodePattern, EachWildcardTakesExactlyItsClass) {
  const Pattern digit{"#"}, letter{"@"}, either{"*"};
  for (int c = 0; c < 256; ++c) {
    const std::string one(1, static_cast<char>(c));
    const bool is_digit = c >= '0' && c <= '9';
    const bool is_letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    EXPECT_EQ(matches(digit, one), is_digit) << c;
    EXPECT_EQ(matches(letter, one), is_letter) << c;
    EXPECT_EQ(matches(either, one), is_digit || is_letter) << c;
  }
}

TEST(CodePattern, AnEscapeIsOneLiteralCharacter) {
  EXPECT_TRUE(matches(compile("A\\#1").value(), "A#1"));
  EXPECT_FALSE(matches(compile("A\\#1").value(), "A51"));
  EXPECT_TRUE(matches(compile("\\A").value(), "A")) << "escaping an ordinary character is harmless";
  EXPECT_FALSE(matches(compile("\\A").value(), "\\A"));
}

TEST(CodePattern, AHandMadePatternIsCheckedNotTrusted) {
  EXPECT_FALSE(matches(Pattern{""}, ""));
  EXPECT_FALSE(matches(Pattern{"#\\"}, "1\\"));
  EXPECT_FALSE(matches(Pattern{"A B"}, "A B"));
  EXPECT_FALSE(matches(Pattern{std::string(65, '#')}, std::string(65, '1')));
}

}  // namespace
}  // namespace qrpos::code_pattern
