#include "qrpos/escpos.hpp"

#include <algorithm>

namespace qrpos::escpos {

Writer& Writer::put(std::initializer_list<int> bytes) {
  for (const int b : bytes) out_ += static_cast<char>(b & 0xFF);
  return *this;
}

Writer& Writer::init() { return put({0x1B, 0x40}); }
// Chinese clones power on in Chinese mode; FS . is the only way to get single bytes back.
Writer& Writer::chinese_mode(bool on) { return on ? put({0x1C, 0x26}) : put({0x1C, 0x2E}); }
Writer& Writer::align(Align a) { return put({0x1B, 0x61, static_cast<int>(a)}); }
Writer& Writer::bold(bool on) { return put({0x1B, 0x45, on ? 1 : 0}); }
Writer& Writer::underline(bool on) { return put({0x1B, 0x2D, on ? 1 : 0}); }

Writer& Writer::size(int width, int height) {
  const int w = std::clamp(width, 1, 8) - 1;
  const int h = std::clamp(height, 1, 8) - 1;
  return put({0x1D, 0x21, (w << 4) | h});
}

Writer& Writer::text(std::string_view raw) {
  out_.append(raw);
  return *this;
}

Writer& Writer::newline() { return put({0x0A}); }
Writer& Writer::feed(int lines) { return put({0x1B, 0x64, std::clamp(lines, 0, 255)}); }

// Function B feeds to the cutting position itself, so no guess of the cutter offset.
Writer& Writer::cut(Cut kind, int feed_dots) {
  return put({0x1D, 0x56, kind == Cut::full ? 65 : 66, std::clamp(feed_dots, 0, 255)});
}

// t1/t2 are in 2 ms units; 100/500 ms is what drawers are specified for.
Writer& Writer::drawer_kick(int pin, int on_ms, int off_ms) {
  return put({0x1B, 0x70, pin == 0 ? 0 : 1, std::clamp(on_ms / 2, 1, 255), std::clamp(off_ms / 2, 1, 255)});
}

Result<bool> Writer::qr(std::string_view data, int module, QrLevel level) {
  if (data.empty() || data.size() > kMaxQrBytes) {
    return make_error(ErrorCode::invalid_field, "QR data must be 1 to 7089 bytes");
  }
  const std::size_t stored = data.size() + 3;
  put({0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});                 // model 2
  put({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, std::clamp(module, 1, 16)});  // module size
  put({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, static_cast<int>(level)});    // error correction
  put({0x1D, 0x28, 0x6B, static_cast<int>(stored & 0xFF), static_cast<int>(stored >> 8), 0x31, 0x50, 0x30});
  out_.append(data);
  put({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});  // print
  return true;
}

Result<bool> Writer::code128(std::string_view data, int height, int module, bool text_below) {
  std::string body = "{B";
  for (const char c : data) {
    if (c < 0x20 || c > 0x7E) return make_error(ErrorCode::invalid_field, "Code 128 set B takes printable ASCII");
    body += c;
    if (c == '{') body += '{';  // a literal brace is doubled: '{' starts a code-set switch
  }
  if (data.empty() || body.size() > 255) {
    return make_error(ErrorCode::invalid_field, "Code 128 data must be 1 to 253 characters");
  }
  put({0x1D, 0x68, std::clamp(height, 1, 255)});
  put({0x1D, 0x77, std::clamp(module, 2, 6)});
  put({0x1D, 0x48, text_below ? 2 : 0});
  put({0x1D, 0x6B, 73, static_cast<int>(body.size())});
  out_.append(body);
  return true;
}

Writer& Writer::raster(const Bitmap& image) {
  const int row_bytes = (image.width + 7) / 8;
  if (row_bytes <= 0 || image.height <= 0 ||
      image.bits.size() < static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(image.height)) {
    return *this;
  }
  for (int top = 0; top < image.height; top += kMaxStripRows) {
    const int rows = std::min(kMaxStripRows, image.height - top);
    put({0x1D, 0x76, 0x30, 0x00, row_bytes & 0xFF, row_bytes >> 8, rows & 0xFF, rows >> 8});
    out_.append(image.bits, static_cast<std::size_t>(top) * row_bytes, static_cast<std::size_t>(rows) * row_bytes);
  }
  return *this;
}

}  // namespace qrpos::escpos
