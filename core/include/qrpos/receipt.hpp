// Receipts (交易凭证) and the daily report: a model, laid out once into a Document of
// lines, which every rendering draws the same way — ESC/POS bytes for a text-mode
// printer (GB18030 in Chinese mode, native QR), a raster job for any ESC/POS printer
// (the shell draws the document with its fonts; the core packs the bitmap), plain text
// and HTML for the screen and the browser's print dialog.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qrpos/escpos.hpp"
#include "qrpos/result.hpp"

namespace qrpos::receipt {

enum class Language { zh_CN, en };

enum class Kind { payment, refund };

// One payment or refund, as printed.
struct Sale {
  Kind kind = Kind::payment;
  std::string merchant_name;
  std::string store_name;  // optional
  std::string terminal_id;
  std::int64_t time_ms = 0;      // paid (or refunded) at, UTC
  int utc_offset_minutes = 480;  // printed in the shop's time: China Standard Time by default
  std::int64_t amount = 0;       // minor units: the payment, or the refund
  std::string currency;          // ISO 4217
  std::string scheme;            // wechat, alipay, unionpay, ecny, emv_cpm
  std::string auth_code_masked;  // never the full code
  std::string out_trade_no;
  std::string transaction_id;        // the acquirer's reference
  std::string out_refund_no;         // refunds
  std::string refund_id;             // refunds: the acquirer's reference
  std::int64_t original_amount = 0;  // refunds: what the payment was
  std::string lookup_code;           // QR text for lookup and refund ("QRPOSR1:...")
  std::string footer;                // the merchant's line ("Thank you")
  bool reprint = false;
  // Merchant scenarios, each printed only when set.
  std::string member_id_masked;  // printed masked (first 2 + last 4) even if given in clear
  bool has_loyalty = false;      // print points_earned and points_balance
  std::int64_t points_earned = 0;
  std::int64_t points_balance = 0;
  std::int64_t tip_amount = 0;  // payments: paid on top of `amount`; the total printed is amount + tip
  std::string reference;        // the ticket, room or bill paid for
  std::string description;      // what that was ("晚餐 Dinner")
  std::string table;
};

// The card that stands on a restaurant table: the table's static QR, which the
// customer scans to pay the table's open bill.
struct TableCard {
  std::string merchant_name;
  std::string table;       // 1-16 of [A-Za-z0-9_-]: "5" prints "5号桌" / "Table 5"
  std::string qr_payload;  // the table code (EMV MPM or URL), 1-512 bytes
  std::string tip_text;    // optional: how tipping works, as the merchant words it
};

struct SchemeTotal {
  std::string scheme;
  std::int64_t count = 0;
  std::int64_t amount = 0;
};

// The end-of-day summary: counts and totals per scheme, refunds, net.
struct DailyReport {
  std::string merchant_name;
  std::string terminal_id;
  std::string date;  // YYYY-MM-DD, the shop's day
  std::int64_t printed_at_ms = 0;
  int utc_offset_minutes = 480;
  std::string currency;
  std::vector<SchemeTotal> sales;
  std::int64_t refund_count = 0;
  std::int64_t refund_amount = 0;
};

enum class TextMode {
  gb18030,  // text as GB18030 in the printer's Chinese mode, QR by GS ( k
  raster,   // everything as one image (any language, any ESC/POS printer)
};

struct Printer {
  int dots = 384;  // 58 mm paper: 384; 80 mm: 576
  TextMode text_mode = TextMode::gb18030;
  bool cut = true;
  bool drawer_kick = false;  // open the cash drawer after the receipt
};

// Font A is 12 dots a column: 32 columns on 58 mm, 48 on 80 mm.
inline int columns(const Printer& p) { return p.dots / 12; }

struct Line {
  enum class Type { text, pair, rule, qr, barcode, feed };
  Type type = Type::text;
  escpos::Align align = escpos::Align::left;
  bool bold = false;
  int size = 1;       // 1 normal, 2 double width and height
  std::string text;   // text; pair: the label; qr / barcode: the data
  std::string right;  // pair: the value, set flush right
};
using Document = std::vector<Line>;

// invalid_field for an unknown currency or a missing terminal or out_trade_no.
Result<Document> layout(const Sale& sale, Language language);
Result<Document> layout(const DailyReport& report, Language language);
// invalid_field for a table outside its alphabet or an empty or overlong payload.
Result<Document> layout(const TableCard& card, Language language);

// ESC/POS bytes for a text-mode printer (Printer::text_mode gb18030): init, Chinese
// mode, the lines, feed and cut, drawer kick. Characters GB18030 cannot carry print
// as '?'.
Result<std::string> encode(const Document& document, const Printer& printer);

// ESC/POS bytes for raster mode: `image` is the document as the shell drew it,
// `printer.dots` wide; strips of at most 256 rows, then feed, cut and drawer kick.
// invalid_field if the image is wider than the paper or empty.
Result<std::string> encode_raster(const escpos::Bitmap& image, const Printer& printer);

// One printed row: text already wrapped and aligned with spaces to `columns` (CJK
// characters take 2), or a QR / barcode symbol. What the raster drawer draws.
struct Row {
  std::string text;
  int size = 1;
  bool bold = false;
  std::string qr;       // non-empty: draw this QR centered instead of text
  std::string barcode;  // non-empty: draw this Code 128 centered
};
std::vector<Row> render_rows(const Document& document, int columns);

// The document as `columns`-wide plain text lines; a QR prints as "[QR] <data>".
std::string render_text(const Document& document, int columns);

// The document as an HTML fragment (escaped), for the screen and the print dialog:
// <div class="receipt">, one element per line, QR as <div class="qr" data-qr="...">.
std::string render_html(const Document& document, Language language);

}  // namespace qrpos::receipt
