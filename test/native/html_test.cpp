#include "qrpos/html.hpp"

#include <gtest/gtest.h>

#include <string>

namespace qrpos::html {
namespace {

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(escape("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
  EXPECT_EQ(escape("<a href=\"x\">Tom & Jerry's</a>"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(HtmlEscape, KeepsEverythingElse) {
  EXPECT_EQ(escape(""), "");
  EXPECT_EQ(escape("CNY 23.72 ￥ 交易凭证"), "CNY 23.72 ￥ 交易凭证");
  EXPECT_EQ(escape(std::string("a\0b", 3)), std::string("a\0b", 3));
}

TEST(HtmlEscape, EscapesAnAlreadyEscapedAmpersandAgain) { EXPECT_EQ(escape("&amp;"), "&amp;amp;"); }

}  // namespace
}  // namespace qrpos::html
