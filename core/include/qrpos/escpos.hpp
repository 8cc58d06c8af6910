// ESC/POS commands as bytes (shared/facts/printing-kiosk.md §3): a small writer the
// receipt layout drives. Only bytes out: the shell moves them over USB, and reads the
// printer's status itself (web/src/sdk/printer-status.ts), since only it talks to the device.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/result.hpp"

namespace qrpos::escpos {

enum class Align : std::uint8_t { left = 0, center = 1, right = 2 };
enum class QrLevel : std::uint8_t { L = 0x30, M = 0x31, Q = 0x32, H = 0x33 };
enum class Cut { full, partial };

// Largest raster strip sent in one GS v 0: many printers drop taller images.
inline constexpr int kMaxStripRows = 256;
// GS ( k stores at most this many bytes of QR data.
inline constexpr std::size_t kMaxQrBytes = 7089;

// A 1-bit image: `width` dots by `height` rows, row-major, 1 = black; each row is
// (width + 7) / 8 bytes, most significant bit = leftmost dot (as GS v 0 wants it).
struct Bitmap {
  int width = 0;
  int height = 0;
  std::string bits;
};

// Appends commands to `bytes()`. Methods never fail; the two that take data a printer
// bounds (qr, code128) return invalid_field and write nothing when it is out of bounds.
class Writer {
 public:
  Writer& init();                            // ESC @
  Writer& chinese_mode(bool on);             // FS & / FS .: bytes >= 0x80 are GB18030 while on
  Writer& align(Align a);                    // ESC a n
  Writer& bold(bool on);                     // ESC E n
  Writer& underline(bool on);                // ESC - n
  Writer& size(int width, int height);       // GS ! n, each 1..8 (clamped)
  Writer& text(std::string_view raw);        // bytes as they are: the caller encodes
  Writer& newline();                         // LF
  Writer& feed(int lines);                   // ESC d n
  Writer& cut(Cut kind, int feed_dots = 0);  // GS V 65/66 n (feeds to the cutter, then cuts)
  Writer& drawer_kick(int pin = 0, int on_ms = 100, int off_ms = 500);  // ESC p m t1 t2
  // GS ( k: model 2, `module` dots (1..16), error correction, store, print.
  Result<bool> qr(std::string_view data, int module = 6, QrLevel level = QrLevel::M);
  // GS k 73 (Code 128, function B) in code set B with GS h/w/H: `data` printable ASCII, 1..253 chars.
  Result<bool> code128(std::string_view data, int height = 80, int module = 2, bool text_below = true);
  // GS v 0 in strips of at most kMaxStripRows rows, each strip a complete command.
  Writer& raster(const Bitmap& image);

  const std::string& bytes() const { return out_; }

 private:
  Writer& put(std::initializer_list<int> bytes);
  std::string out_;
};

}  // namespace qrpos::escpos
