#include "qrpos/escpos.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace qrpos::escpos {
namespace {

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char b : bytes) {
    if (!out.empty()) out += ' ';
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

TEST(EscPos, TextCommandsAreTheDocumentedBytes) {
  Writer w;
  w.init().chinese_mode(true).chinese_mode(false).align(Align::center).bold(true).underline(true).size(2, 2);
  w.size(9, 0).text("A").newline().feed(3);
  EXPECT_EQ(hex(w.bytes()), "1B 40 1C 26 1C 2E 1B 61 01 1B 45 01 1B 2D 01 1D 21 11 1D 21 70 41 0A 1B 64 03");
}

TEST(EscPos, CutAndDrawerKick) {
  Writer w;
  w.cut(Cut::partial, 24).cut(Cut::full).drawer_kick();
  // 100 ms on / 500 ms off in 2 ms units: 0x32 / 0xFA (facts §3.1).
  EXPECT_EQ(hex(w.bytes()), "1D 56 42 18 1D 56 41 00 1B 70 00 32 FA");
}

TEST(EscPos, QrStoresLengthPlusThree) {
  Writer w;
  ASSERT_TRUE(w.qr("https://example.com/r/123", 6, QrLevel::M).ok());
  // The worked example of facts §3.2: 25 bytes -> pL 0x1C.
  EXPECT_EQ(hex(w.bytes()),
            "1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 "
            "1D 28 6B 1C 00 31 50 30 " +
                hex("https://example.com/r/123") + " 1D 28 6B 03 00 31 51 30");
  Writer big;
  ASSERT_TRUE(big.qr(std::string(300, 'x')).ok());
  EXPECT_NE(big.bytes().find(std::string("\x1D\x28\x6B\x2F\x01\x31\x50\x30", 8)), std::string::npos) << "303 = 0x012F";
}

TEST(EscPos, QrAndCode128RefuseWhatPrintersCannotTake) {
  Writer w;
  EXPECT_EQ(w.qr("").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(w.qr(std::string(kMaxQrBytes + 1, 'x')).error().code, ErrorCode::invalid_field);
  EXPECT_EQ(w.code128("").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(w.code128("caf\xC3\xA9").error().code, ErrorCode::invalid_field);
  EXPECT_EQ(w.code128(std::string(254, '1')).error().code, ErrorCode::invalid_field);
  EXPECT_EQ(w.bytes(), "") << "nothing written on refusal";
}

TEST(EscPos, Code128IsFunctionBInCodeSetB) {
  Writer w;
  ASSERT_TRUE(w.code128("ORDER-42", 80, 2, true).ok());
  // The worked example of facts §3.3, after height, module width and HRI below.
  EXPECT_EQ(hex(w.bytes()), "1D 68 50 1D 77 02 1D 48 02 1D 6B 49 0A 7B 42 4F 52 44 45 52 2D 34 32");
  Writer brace;
  ASSERT_TRUE(brace.code128("a{b").ok());
  EXPECT_NE(brace.bytes().find("\x06{Ba{{b"), std::string::npos) << "a literal brace is doubled";
}

TEST(EscPos, RasterIsSplitIntoStripsOf256Rows) {
  Bitmap image{384, 600, std::string(48 * 600, '\x55')};
  Writer w;
  w.raster(image);
  // 256 + 256 + 88 rows, each a whole GS v 0 with its own header.
  ASSERT_EQ(w.bytes().size(), 3 * 8 + 48u * 600);
  EXPECT_EQ(hex(w.bytes().substr(0, 8)), "1D 76 30 00 30 00 00 01");
  EXPECT_EQ(hex(w.bytes().substr(8 + 48 * 256, 8)), "1D 76 30 00 30 00 00 01");
  EXPECT_EQ(hex(w.bytes().substr(2 * (8 + 48 * 256), 8)), "1D 76 30 00 30 00 58 00");
  // The facts' example: 384 x 100 -> 1D 76 30 00 30 00 64 00 + 4800 bytes.
  Writer one;
  one.raster(Bitmap{384, 100, std::string(4800, '\xFF')});
  EXPECT_EQ(hex(one.bytes().substr(0, 8)), "1D 76 30 00 30 00 64 00");
  EXPECT_EQ(one.bytes().size(), 4808u);
  Writer bad;
  bad.raster(Bitmap{384, 100, std::string(10, '\0')});
  EXPECT_EQ(bad.bytes(), "") << "a bitmap shorter than its size says is not sent";
}

}  // namespace
}  // namespace qrpos::escpos
