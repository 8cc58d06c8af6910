// receipt layout and every rendering on arbitrary text fields and amounts. Invariants:
// nothing crashes; every text row fits the paper; the ESC/POS stream starts with init
// and ends with the cut.
//
// fuzz-max-len: 512 (every field of a receipt, each past its printable width)
#include <cstdint>
#include <string>

#include "qrpos/gb18030.hpp"
#include "qrpos/receipt.hpp"

namespace {

// Splits the input at NUL bytes into the receipt's text fields.
std::string take(const std::uint8_t*& p, const std::uint8_t* end) {
  std::string out;
  while (p < end && *p != 0) out += static_cast<char>(*p++);
  if (p < end) ++p;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qrpos::receipt;
  if (size < 10) return 0;
  const std::uint8_t* p = data + 10;
  const std::uint8_t* end = data + size;
  Sale s;
  s.kind = data[0] & 1 ? Kind::refund : Kind::payment;
  s.amount = static_cast<std::int64_t>(data[1]) << 24 | data[2] << 16 | data[3] << 8 | data[4];
  s.time_ms = static_cast<std::int64_t>(data[5]) << 40 | static_cast<std::int64_t>(data[6]) << 32;
  s.utc_offset_minutes = static_cast<int>(data[7]) * 8 - 720;
  s.currency = data[8] & 1 ? "CNY" : "JPY";
  s.merchant_name = take(p, end);
  s.store_name = take(p, end);
  s.terminal_id = take(p, end) + "T";
  s.scheme = take(p, end);
  s.auth_code_masked = take(p, end);
  s.out_trade_no = take(p, end) + "1";
  s.transaction_id = take(p, end);
  s.lookup_code = take(p, end);
  s.footer = take(p, end);
  const Language lang = data[9] & 1 ? Language::en : Language::zh_CN;
  auto doc = layout(s, lang);
  if (!doc.ok()) return 0;
  for (const int dots : {384, 576}) {
    Printer printer;
    printer.dots = dots;
    printer.drawer_kick = data[9] & 2;
    const int cols = columns(printer);
    for (const auto& row : render_rows(doc.value(), cols)) {
      if (row.qr.empty() && row.barcode.empty() &&
          qrpos::gb18030::display_width(row.text) * static_cast<std::size_t>(row.size) >
              static_cast<std::size_t>(cols)) {
        // A single glyph wider than the line is the only allowed overflow.
        if (row.text.size() > 4) __builtin_trap();
      }
    }
    auto bytes = encode(doc.value(), printer);
    if (bytes.ok() && bytes.value().rfind("\x1B\x40\x1C\x26", 0) != 0) __builtin_trap();
    (void)render_text(doc.value(), cols);
    (void)render_html(doc.value(), lang);
  }
  return 0;
}
