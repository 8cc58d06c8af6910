#include "qrpos/gb18030.hpp"

#include <cstdint>
#include <iterator>

namespace qrpos::gb18030 {
namespace {

// A run of four-byte codes whose linear indexes and BMP code points both count up.
struct FourByteRange {
  std::uint16_t linear;  // linear index of the first code (0 = 0x81308130)
  std::uint16_t cp;      // its code point
  std::uint16_t length;  // codes in the run
};

// kTwoByte (23,940 code points, one per two-byte code; 0 = no canonical character)
// and kFourByteRanges (~210 runs), generated from TextDecoder by
// scripts/gen-gb18030.mjs. Decoding is a table look-up; encoding searches them, which
// keeps the data at ~48 KB instead of doubling it with a reverse index (a 300-hanzi
// receipt encodes in ~0.3 ms natively, a few ms in wasm without SIMD).
#include "gb18030_table.inc"

constexpr std::size_t kTrailsPerLead = 190;  // 0x40..0x7E, 0x80..0xFE
constexpr std::uint32_t kFourByteBmpCount = 39420;
constexpr std::uint32_t kSupplementaryLinear = 189000;  // 0x90308130
constexpr std::uint32_t kNoCode = 0;

// Linear index of a four-byte code b1 b2 b3 b4 (b1, b3 in 0x81..0xFE; b2, b4 digits).
std::uint32_t linear_index(unsigned b1, unsigned b2, unsigned b3, unsigned b4) {
  return (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
}

void append_four_byte(std::string& out, std::uint32_t linear) {
  const char b4 = static_cast<char>(0x30 + linear % 10);
  const char b3 = static_cast<char>(0x81 + linear / 10 % 126);
  const char b2 = static_cast<char>(0x30 + linear / 1260 % 10);
  const char b1 = static_cast<char>(0x81 + linear / 12600);
  out += {b1, b2, b3, b4};
}

// The two-byte code of a BMP character (lead << 8 | trail), or kNoCode. A scan, as the
// table is in code order, not character order: fixed-size blocks with a branch-free
// inner loop that compilers vectorise, then the hit's block. It starts at lead 0xB0,
// where GB2312's 6,763 common hanzi are (most of a Chinese receipt), and wraps round.
std::uint32_t two_byte_code(std::uint32_t cp) {
  constexpr std::size_t kBlock = 64;
  constexpr std::size_t kBlocks = (kTwoByteCount + kBlock - 1) / kBlock;
  constexpr std::size_t kFirstBlock = (0xB0 - 0x81) * kTrailsPerLead / kBlock;
  const auto key = static_cast<std::uint16_t>(cp);
  for (std::size_t k = 0; k < kBlocks; ++k) {
    const std::size_t base = (kFirstBlock + k) % kBlocks * kBlock;
    const std::size_t n = kTwoByteCount - base < kBlock ? kTwoByteCount - base : kBlock;
    if (n == kBlock) {
      unsigned hit = 0;
      for (std::size_t i = 0; i < kBlock; ++i) hit |= kTwoByte[base + i] == key;
      if (!hit) continue;
    }
    for (std::size_t i = base; i < base + n; ++i) {
      if (kTwoByte[i] != key) continue;
      const std::size_t trail = i % kTrailsPerLead;
      return static_cast<std::uint32_t>((0x81 + i / kTrailsPerLead) << 8 |
                                        (trail < 0x3F ? 0x40 + trail : 0x41 + trail));
    }
  }
  return kNoCode;
}

// The scalar values no GB18030 code decodes to (the header's list): a width check
// needs no table scan. gb18030_test checks this list against append_code_point.
bool is_unmappable(std::uint32_t cp) {
  static constexpr std::uint16_t kNone[] = {0xE5E5, 0xE81E, 0xE826, 0xE82B, 0xE82C, 0xE832, 0xE843, 0xE854, 0xE864};
  if (cp >= 0xE78D && cp <= 0xE796) return true;
  for (const auto none : kNone) {
    if (cp == none) return true;
  }
  return false;
}

// Appends the GB18030 bytes of a Unicode scalar value; false if it has none.
bool append_code_point(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return true;
  }
  if (cp >= 0x10000) {
    append_four_byte(out, kSupplementaryLinear + (cp - 0x10000));
    return true;
  }
  // The runs hold only characters without a two-byte code, so try them first: they
  // are few, and most non-CJK text is in them.
  for (const FourByteRange& r : kFourByteRanges) {
    if (cp >= r.cp && cp < std::uint32_t{r.cp} + r.length) {
      append_four_byte(out, r.linear + (cp - r.cp));
      return true;
    }
  }
  const std::uint32_t code = two_byte_code(cp);
  if (code == kNoCode) return false;
  out += {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  return true;
}

// The scalar value of the strict UTF-8 sequence at text[pos] and its length in bytes;
// length 0 if the bytes there are not one (RFC 3629 §4: the second byte's range
// excludes overlong forms, surrogates and values above U+10FFFF).
struct Decoded {
  std::uint32_t cp;
  std::size_t length;
};
Decoded next_utf8(std::string_view text, std::size_t pos) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned b0 = at(0);
  if (b0 < 0x80) return {b0, 1};
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xBF;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, cp = b0 & 0x0F;
    lo = b0 == 0xE0 ? 0xA0 : lo;
    hi = b0 == 0xED ? 0x9F : hi;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, cp = b0 & 0x07;
    lo = b0 == 0xF0 ? 0x90 : lo;
    hi = b0 == 0xF4 ? 0x8F : hi;
  } else {
    return {0, 0};  // continuation byte, C0/C1 (always overlong) or F5..FF
  }
  if (text.size() - pos < n || at(1) < lo || at(1) > hi) return {0, 0};
  for (std::size_t i = 1; i < n; ++i) {
    if (at(i) < 0x80 || at(i) > 0xBF) return {0, 0};
    cp = cp << 6 | (at(i) & 0x3F);
  }
  return {cp, n};
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += {static_cast<char>(0xC0 | cp >> 6), static_cast<char>(0x80 | (cp & 0x3F))};
  } else if (cp < 0x10000) {
    out += {static_cast<char>(0xE0 | cp >> 12), static_cast<char>(0x80 | (cp >> 6 & 0x3F)),
            static_cast<char>(0x80 | (cp & 0x3F))};
  } else {
    out += {static_cast<char>(0xF0 | cp >> 18), static_cast<char>(0x80 | (cp >> 12 & 0x3F)),
            static_cast<char>(0x80 | (cp >> 6 & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  }
}

// The BMP code point of a linear index below kFourByteBmpCount, or kNoCode where no
// run holds it (an alias of a two-byte character, or unassigned). Binary search: the
// runs are in linear order.
std::uint32_t four_byte_bmp(std::uint32_t linear) {
  std::size_t lo = 0, hi = std::size(kFourByteRanges);
  while (lo < hi) {  // first run starting after `linear`
    const std::size_t mid = (lo + hi) / 2;
    if (kFourByteRanges[mid].linear <= linear)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return kNoCode;
  const FourByteRange& r = kFourByteRanges[lo - 1];
  return linear < std::uint32_t{r.linear} + r.length ? r.cp + (linear - r.linear) : kNoCode;
}

bool is_digit(unsigned b) { return b >= 0x30 && b <= 0x39; }
bool is_lead(unsigned b) { return b >= 0x81 && b <= 0xFE; }

}  // namespace

Result<std::string> encode(std::string_view utf8, const EncodeOptions& options) {
  std::string out;
  out.reserve(utf8.size());  // CJK: 3 UTF-8 bytes become 2
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = next_utf8(utf8, pos);
    if (d.length == 0) return make_error(ErrorCode::invalid_encoding, "not UTF-8", pos);
    if (!append_code_point(out, d.cp)) {
      if (options.unmappable == Unmappable::fail) {
        return make_error(ErrorCode::invalid_encoding, "character has no GB18030 code", pos);
      }
      out += options.replacement;
    }
    pos += d.length;
  }
  return out;
}

Result<std::string> decode(std::string_view gb) {
  std::string out;
  out.reserve(gb.size() + gb.size() / 2);
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(gb[i]); };
  for (std::size_t pos = 0; pos < gb.size();) {
    const unsigned b1 = byte(pos);
    if (b1 < 0x80) {
      out += static_cast<char>(b1);
      ++pos;
      continue;
    }
    if (!is_lead(b1)) return make_error(ErrorCode::invalid_encoding, "0x80 or 0xFF is not a lead byte", pos);
    if (pos + 1 == gb.size()) return make_error(ErrorCode::invalid_encoding, "lead byte at the end", pos);
    const unsigned b2 = byte(pos + 1);
    std::uint32_t cp = kNoCode;
    std::size_t length = 2;
    if (is_digit(b2)) {
      length = 4;
      if (gb.size() - pos < 4) return make_error(ErrorCode::invalid_encoding, "four-byte code cut short", pos);
      const unsigned b3 = byte(pos + 2), b4 = byte(pos + 3);
      if (!is_lead(b3) || !is_digit(b4)) return make_error(ErrorCode::invalid_encoding, "bad four-byte code", pos);
      const std::uint32_t linear = linear_index(b1, b2, b3, b4);
      if (linear < kFourByteBmpCount) {
        cp = four_byte_bmp(linear);
      } else if (linear >= kSupplementaryLinear && linear - kSupplementaryLinear < 0x100000) {
        cp = 0x10000 + (linear - kSupplementaryLinear);
      }
    } else if (b2 >= 0x40 && b2 <= 0xFE && b2 != 0x7F) {
      cp = kTwoByte[(b1 - 0x81) * kTrailsPerLead + (b2 < 0x7F ? b2 - 0x40 : b2 - 0x41)];
    } else {
      return make_error(ErrorCode::invalid_encoding, "bad trail byte", pos);
    }
    if (cp == kNoCode) return make_error(ErrorCode::invalid_encoding, "code has no character", pos);
    append_utf8(out, cp);
    pos += length;
  }
  return out;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t columns = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = next_utf8(utf8, pos);
    if (d.length == 0) {
      ++columns, ++pos;  // shown as one replacement character per bad byte
      continue;
    }
    pos += d.length;
    if (d.cp < 0x80) {
      columns += d.cp >= 0x20 && d.cp != 0x7F;
    } else {
      columns += is_unmappable(d.cp) ? 1 : 2;
    }
  }
  return columns;
}

}  // namespace qrpos::gb18030
