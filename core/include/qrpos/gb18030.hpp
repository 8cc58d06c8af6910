// GB18030 text for receipt printers: Chinese ESC/POS printers take text as GB18030
// (GBK-compatible) bytes in their Chinese mode. The mapping is generated at build time
// from the ICU data behind Node's TextDecoder('gb18030') (scripts/gen-gb18030.mjs), so
// it is the WHATWG gb18030 mapping (GB18030-2022 for the two-byte codes):
//  - U+0000..U+007F: one byte, unchanged;
//  - the 23,939 BMP characters of the two-byte area: lead 0x81..0xFE, trail
//    0x40..0x7E or 0x80..0xFE (e.g. U+4E2D "中" = D6 D0, U+20AC "€" = A2 E3);
//  - every other BMP character: four bytes 0x81308130..0x8431A439;
//  - U+10000..U+10FFFF: four bytes from 0x90308130 (U+10FFFF = E3 32 9A 35).
// Unmappable: U+E5E5 and the 18 private-use code points that GB18030-2022 moved off
// the two-byte area (U+E78D..U+E796, U+E81E, U+E826, U+E82B, U+E82C, U+E832, U+E843,
// U+E854, U+E864): the decoder yields them for no byte sequence.
// Every other scalar value round-trips: decode(encode(s)) == s, and encode(decode(b))
// == b whenever decode(b) succeeds (decode accepts only the codes encode produces).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "qrpos/result.hpp"

namespace qrpos::gb18030 {

enum class Unmappable {
  replace,  // write EncodeOptions::replacement instead (a printer shows '?')
  fail,     // invalid_encoding, offset at the character's first UTF-8 byte
};

struct EncodeOptions {
  Unmappable unmappable = Unmappable::replace;
  char replacement = '?';  // one byte; should be ASCII
};

// UTF-8 -> GB18030 bytes. invalid_encoding, with the byte offset of the first byte of
// the offending sequence, when `utf8` is not strict UTF-8 (RFC 3629: no lone
// continuation or truncated sequences, overlong forms, surrogates or values above
// U+10FFFF), and, under Unmappable::fail, for an unmappable character.
Result<std::string> encode(std::string_view utf8, const EncodeOptions& options = {});

// GB18030 bytes -> UTF-8. invalid_encoding, with the offset of the first byte of the
// bad sequence, for: 0x80 or 0xFF as a lead byte; a lead byte with nothing after it;
// a bad second, third or fourth byte; a code with no character (unassigned four-byte
// codes, beyond U+10FFFF) or one encode() never produces (an alias such as A3 A0 for
// U+3000, whose code is A1 A1). Strict on purpose: tests and the receipt renderer
// want the bytes encode() made, not a lenient reading.
Result<std::string> decode(std::string_view gb);

// Columns `utf8` takes on a receipt in Chinese mode (font A: 12 dots per column):
// a character that encodes to one byte takes 1 column, except the C0 controls and
// DEL, which take none; every two- or four-byte character prints as a 24-dot glyph
// and takes 2. An unmappable character takes 1 (it prints as the replacement) and so
// does each byte that is not part of valid UTF-8.
std::size_t display_width(std::string_view utf8);

}  // namespace qrpos::gb18030
