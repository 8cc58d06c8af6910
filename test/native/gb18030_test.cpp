#include "qrpos/gb18030.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

namespace qrpos::gb18030 {
namespace {

struct FixtureCase {
  std::uint32_t cp;
  std::size_t size;
  std::uint8_t bytes[4];
};
// kFixture: 2,000 pseudo-random code points and their bytes, each checked by the
// generator with TextDecoder('gb18030') (build/<preset>/generated/).
#include "gb18030_fixture.inc"

// The 19 BMP code points the source decodes from no bytes (see the header).
const std::set<std::uint32_t> kUnmappable = {0xE5E5, 0xE78D, 0xE78E, 0xE78F, 0xE790, 0xE791, 0xE792,
                                             0xE793, 0xE794, 0xE795, 0xE796, 0xE81E, 0xE826, 0xE82B,
                                             0xE82C, 0xE832, 0xE843, 0xE854, 0xE864};

// UTF-8 of a scalar value, written out here so the test does not trust the core's.
std::string utf8(std::uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += char(cp);
  } else if (cp < 0x800) {
    s += char(0xC0 + (cp >> 6)), s += char(0x80 + cp % 64);
  } else if (cp < 0x10000) {
    s += char(0xE0 + (cp >> 12)), s += char(0x80 + (cp >> 6) % 64), s += char(0x80 + cp % 64);
  } else {
    s += char(0xF0 + (cp >> 18)), s += char(0x80 + (cp >> 12) % 64);
    s += char(0x80 + (cp >> 6) % 64), s += char(0x80 + cp % 64);
  }
  return s;
}

std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s += char(b);
  return s;
}

std::string encoded(std::string_view text) {
  auto r = encode(text, {Unmappable::fail});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return r.ok() ? r.value() : "";
}

Error encode_error(std::string_view text) {
  auto r = encode(text);
  EXPECT_FALSE(r.ok());
  return r.ok() ? Error{ErrorCode::invalid_state, "encoded", 0} : r.error();
}

Error decode_error(std::string_view gb) {
  auto r = decode(gb);
  EXPECT_FALSE(r.ok());
  return r.ok() ? Error{ErrorCode::invalid_state, "decoded", 0} : r.error();
}

TEST(Gb18030, KnownBytes) {
  EXPECT_EQ(encoded("中"), bytes({0xD6, 0xD0}));
  EXPECT_EQ(encoded("文"), bytes({0xCE, 0xC4}));
  EXPECT_EQ(encoded("¥"), bytes({0x81, 0x30, 0x84, 0x36}));
  EXPECT_EQ(encoded("€"), bytes({0xA2, 0xE3}));
  EXPECT_EQ(encoded("·"), bytes({0xA1, 0xA4}));
  EXPECT_EQ(encoded(utf8(0x3000)), bytes({0xA1, 0xA1}));
  EXPECT_EQ(encoded(utf8(0x80)), bytes({0x81, 0x30, 0x81, 0x30}));
  EXPECT_EQ(encoded(utf8(0xFFFF)), bytes({0x84, 0x31, 0xA4, 0x39}));
  EXPECT_EQ(encoded(utf8(0x10000)), bytes({0x90, 0x30, 0x81, 0x30}));
  EXPECT_EQ(encoded(utf8(0x10FFFF)), bytes({0xE3, 0x32, 0x9A, 0x35}));
  // GB18030-2022: vertical forms and CJK ideographs moved from the private use area.
  EXPECT_EQ(encoded(utf8(0xFE10)), bytes({0xA6, 0xD9}));
  EXPECT_EQ(encoded(utf8(0x9FB4)), bytes({0xFE, 0x59}));
  const std::string ascii = "Total: CNY 12.50\r\n\t~\x7F";
  EXPECT_EQ(encoded(ascii), ascii);
  EXPECT_EQ(encoded(std::string("a\0b", 3)), std::string("a\0b", 3));
  EXPECT_EQ(encoded("合计 ¥12.50"), bytes({0xBA, 0xCF, 0xBC, 0xC6, ' ', 0x81, 0x30, 0x84, 0x36}) + "12.50");
  EXPECT_EQ(encoded(""), "");
}

TEST(Gb18030, EveryBmpCharacterRoundTripsExceptTheUnmappable) {
  std::set<std::string> seen;
  for (std::uint32_t cp = 0; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string text = utf8(cp);
    auto r = encode(text, {Unmappable::fail});
    if (kUnmappable.count(cp)) {
      EXPECT_FALSE(r.ok()) << std::hex << cp;
      EXPECT_EQ(encode(text).value(), "?");
      EXPECT_EQ(display_width(text), 1u) << std::hex << cp;
      continue;
    }
    ASSERT_TRUE(r.ok()) << std::hex << cp;
    // The width needs no encoding, yet agrees with it: 2 columns for every multi-byte code.
    if (cp >= 0x80) ASSERT_EQ(display_width(text), 2u) << std::hex << cp;
    const std::string& gb = r.value();
    ASSERT_EQ(gb.size(), cp < 0x80 ? 1u : gb.size() == 2 ? 2u : 4u) << std::hex << cp;
    auto back = decode(gb);
    ASSERT_TRUE(back.ok()) << std::hex << cp;
    ASSERT_EQ(back.value(), text) << std::hex << cp;
    seen.insert(gb);
  }
  EXPECT_EQ(seen.size(), 0x10000u - 0x800 - kUnmappable.size());  // no two share a code
}

TEST(Gb18030, EverySupplementaryCharacterRoundTrips) {
  for (std::uint32_t cp = 0x10000; cp <= 0x10FFFF; ++cp) {
    const std::string text = utf8(cp);
    auto r = encode(text, {Unmappable::fail});
    ASSERT_TRUE(r.ok() && r.value().size() == 4) << std::hex << cp;
    auto back = decode(r.value());
    ASSERT_TRUE(back.ok() && back.value() == text) << std::hex << cp;
  }
}

// The other direction, exhaustively: a code decode() accepts is the one encode() makes.
TEST(Gb18030, EveryDecodableCodeIsCanonical) {
  std::size_t two = 0, four = 0;
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0; trail <= 0xFF; ++trail) {
      const std::string gb = bytes({lead, trail});
      auto r = decode(gb);
      if (trail >= 0x30 && trail <= 0x39) continue;  // a four-byte code's first half
      ASSERT_EQ(r.ok(), trail >= 0x40 && trail != 0x7F && trail != 0xFF && !(lead == 0xA3 && trail == 0xA0))
          << std::hex << lead << " " << trail;
      if (!r.ok()) continue;
      ASSERT_EQ(encoded(r.value()), gb) << std::hex << lead << " " << trail;
      ++two;
    }
  }
  for (int b1 = 0x81; b1 <= 0x84; ++b1) {
    for (int b2 = 0x30; b2 <= 0x39; ++b2) {
      for (int b3 = 0x81; b3 <= 0xFE; ++b3) {
        for (int b4 = 0x30; b4 <= 0x39; ++b4) {
          const std::string gb = bytes({b1, b2, b3, b4});
          auto r = decode(gb);
          if (!r.ok()) continue;
          ASSERT_EQ(encoded(r.value()), gb);
          ++four;
        }
      }
    }
  }
  EXPECT_EQ(two, 23939u);        // all but A3 A0 (an alias of A1 A1)
  EXPECT_EQ(four, 39420u - 18);  // all but aliases of two-byte characters
  EXPECT_EQ(128 + two + four, 0x10000u - 0x800 - kUnmappable.size());
}

TEST(Gb18030, MatchesTextDecoderFixture) {
  ASSERT_EQ(std::size(kFixture), 2000u);
  for (const FixtureCase& c : kFixture) {
    const std::string gb(reinterpret_cast<const char*>(c.bytes), c.size);
    EXPECT_EQ(encoded(utf8(c.cp)), gb) << std::hex << c.cp;
    auto r = decode(gb);
    EXPECT_TRUE(r.ok() && r.value() == utf8(c.cp)) << std::hex << c.cp;
  }
}

TEST(Gb18030, InvalidUtf8IsRejectedAtItsOffset) {
  const std::pair<std::string, std::size_t> cases[] = {
      {"ab\x80", 2},            // lone continuation byte
      {"\xE4\xB8", 0},          // truncated sequence
      {"x\xE4\xB8y", 1},        // truncated, followed by ASCII
      {"\xC0\x80", 0},          // overlong NUL
      {"\xE0\x80\xAF", 0},      // overlong '/'
      {"中\xED\xA0\x80", 3},    // surrogate U+D800
      {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
      {"\xFF", 0},
  };
  for (const auto& [text, offset] : cases) {
    const Error e = encode_error(text);
    EXPECT_EQ(e.code, ErrorCode::invalid_encoding);
    EXPECT_EQ(e.offset, offset) << testing::PrintToString(text);
  }
}

TEST(Gb18030, UnmappableIsReplacedOrFails) {
  const std::string text = "a" + utf8(0xE5E5) + "中";
  EXPECT_EQ(encode(text).value(), "a?" + bytes({0xD6, 0xD0}));
  EXPECT_EQ(encode(text, {Unmappable::replace, ' '}).value(), "a " + bytes({0xD6, 0xD0}));
  auto r = encode(text, {Unmappable::fail});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_encoding);
  EXPECT_EQ(r.error().offset, 1u);
}

TEST(Gb18030, BadGb18030IsRejectedAtItsOffset) {
  const std::pair<std::string, std::size_t> cases[] = {
      {bytes({'a', 0x81}), 1},               // lone lead byte at the end
      {bytes({0x80}), 0},                    // 0x80 alone
      {bytes({'a', 0xFF, 'b'}), 1},          // 0xFF is never a lead
      {bytes({0xD6, 0x7F}), 0},              // invalid trail
      {bytes({0xD6, 0x20}), 0},              // ASCII trail
      {bytes({0xD6, 0xFF}), 0},              // 0xFF trail
      {bytes({0xA3, 0xA0}), 0},              // alias of A1 A1 (U+3000)
      {bytes({0x81, 0x30, 0x81}), 0},        // four-byte code cut short
      {bytes({0x81, 0x30, 0x20, 0x30}), 0},  // bad third byte
      {bytes({0x81, 0x30, 0x81, 0x41}), 0},  // bad fourth byte
      {bytes({0x84, 0x31, 0xA5, 0x30}), 0},  // past U+FFFF's code, below 0x90308130
      {bytes({0x84, 0x31, 0x82, 0x36}), 0},  // four-byte alias of U+FE10 (A6 D9)
      {bytes({0xE3, 0x32, 0x9A, 0x36}), 0},  // past U+10FFFF
      {bytes({0xD6, 0xD0, 0xFE, 0x39, 0xFE, 0x39}), 2},
  };
  for (const auto& [gb, offset] : cases) {
    const Error e = decode_error(gb);
    EXPECT_EQ(e.code, ErrorCode::invalid_encoding);
    EXPECT_EQ(e.offset, offset) << testing::PrintToString(gb);
  }
  EXPECT_EQ(decode(bytes({'O', 'K', 0xD6, 0xD0, 0x81, 0x30, 0x84, 0x36})).value(), "OK中¥");
}

TEST(Gb18030, DisplayWidth) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("Total 12.50"), 11u);
  EXPECT_EQ(display_width("合计"), 4u);
  EXPECT_EQ(display_width("合计: ¥12.50"), 4u + 2 + 2 + 5);
  EXPECT_EQ(display_width("a\r\n\t\x7F"), 1u);
  EXPECT_EQ(display_width(utf8(0x20000)), 2u);
  EXPECT_EQ(display_width("a" + utf8(0xE5E5)), 2u);  // the unmappable prints as '?'
  EXPECT_EQ(display_width("\xE4\xB8"), 2u);          // two stray bytes
  // Font A: 48 columns on 80 mm paper = 24 CJK characters.
  std::string line;
  for (int i = 0; i < 24; ++i) line += "中";
  EXPECT_EQ(display_width(line) * 12, 576u);
}

}  // namespace
}  // namespace qrpos::gb18030
