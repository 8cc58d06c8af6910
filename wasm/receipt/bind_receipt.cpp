// qrpos_receipt.mjs: receipts and ESC/POS (qrpos/receipt.hpp) in their own module, so
// the GB18030 table (~50 KB gzip) loads only on a terminal that prints. Inputs cross
// as one JSON object, bytes as Uint8Array copies; failures as { ok: false, error }.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include "qrpos/receipt.hpp"

namespace {

using namespace qrpos;
using emscripten::val;
using nlohmann::json;

struct Input {
  receipt::Language language = receipt::Language::zh_CN;
  receipt::Printer printer;
  Result<receipt::Document> document = make_error(ErrorCode::malformed_message, "no receipt");
};

std::string str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}
std::int64_t num(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number() ? static_cast<std::int64_t>(j[key].get<double>()) : 0;
}

receipt::Sale sale_from(const json& j, bool refund) {
  receipt::Sale s;
  s.kind = refund ? receipt::Kind::refund : receipt::Kind::payment;
  s.merchant_name = str(j, "merchantName");
  s.store_name = str(j, "storeName");
  s.terminal_id = str(j, "terminalId");
  s.time_ms = num(j, "timeMs");
  if (j.contains("utcOffsetMinutes")) s.utc_offset_minutes = static_cast<int>(num(j, "utcOffsetMinutes"));
  s.amount = num(j, "amount");
  s.currency = str(j, "currency");
  s.scheme = str(j, "scheme");
  s.auth_code_masked = str(j, "authCodeMasked");
  s.out_trade_no = str(j, "outTradeNo");
  s.transaction_id = str(j, "transactionId");
  s.out_refund_no = str(j, "outRefundNo");
  s.refund_id = str(j, "refundId");
  s.original_amount = num(j, "originalAmount");
  s.lookup_code = str(j, "lookupCode");
  s.footer = str(j, "footer");
  s.reprint = j.contains("reprint") && j["reprint"].is_boolean() && j["reprint"].get<bool>();
  s.member_id_masked = str(j, "memberIdMasked");
  s.has_loyalty = j.contains("hasLoyalty") && j["hasLoyalty"].is_boolean() && j["hasLoyalty"].get<bool>();
  s.points_earned = num(j, "pointsEarned");
  s.points_balance = num(j, "pointsBalance");
  s.tip_amount = num(j, "tipAmount");
  s.reference = str(j, "reference");
  s.description = str(j, "description");
  s.table = str(j, "table");
  return s;
}

receipt::TableCard table_card_from(const json& j) {
  return {str(j, "merchantName"), str(j, "table"), str(j, "qrPayload"), str(j, "tipText")};
}

receipt::DailyReport report_from(const json& j) {
  receipt::DailyReport r;
  r.merchant_name = str(j, "merchantName");
  r.terminal_id = str(j, "terminalId");
  r.date = str(j, "date");
  r.printed_at_ms = num(j, "printedAtMs");
  if (j.contains("utcOffsetMinutes")) r.utc_offset_minutes = static_cast<int>(num(j, "utcOffsetMinutes"));
  r.currency = str(j, "currency");
  if (j.contains("sales") && j["sales"].is_array()) {
    for (const auto& s : j["sales"]) r.sales.push_back({str(s, "scheme"), num(s, "count"), num(s, "amount")});
  }
  r.refund_count = num(j, "refundCount");
  r.refund_amount = num(j, "refundAmount");
  return r;
}

// {kind: payment|refund|report|table_card, language: zh-CN|en, printer: {dots, textMode, cut, drawerKick},
//  sale|report|tableCard}
Input read_input(const std::string& text) {
  Input in;
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return in;
  in.language = str(j, "language") == "en" ? receipt::Language::en : receipt::Language::zh_CN;
  if (j.contains("printer") && j["printer"].is_object()) {
    const json& p = j["printer"];
    if (num(p, "dots") > 0) in.printer.dots = static_cast<int>(num(p, "dots"));
    in.printer.text_mode = str(p, "textMode") == "raster" ? receipt::TextMode::raster : receipt::TextMode::gb18030;
    in.printer.cut = !(p.contains("cut") && p["cut"].is_boolean() && !p["cut"].get<bool>());
    in.printer.drawer_kick = p.contains("drawerKick") && p["drawerKick"].is_boolean() && p["drawerKick"].get<bool>();
  }
  const std::string kind = str(j, "kind");
  if (kind == "report" && j.contains("report")) in.document = receipt::layout(report_from(j["report"]), in.language);
  if (kind == "table_card" && j.contains("tableCard")) {
    in.document = receipt::layout(table_card_from(j["tableCard"]), in.language);
  }
  if ((kind == "payment" || kind == "refund") && j.contains("sale")) {
    in.document = receipt::layout(sale_from(j["sale"], kind == "refund"), in.language);
  }
  return in;
}

val failure(const Error& e) {
  val out = val::object();
  out.set("ok", false);
  val error = val::object();
  error.set("code", std::string(error_name(e.code)));
  error.set("detail", e.detail);
  out.set("error", error);
  return out;
}

val bytes_result(const std::string& bytes) {
  val out = val::object();
  out.set("ok", true);
  // A copy: the view into wasm memory dies with the next allocation.
  out.set("bytes",
          val::global("Uint8Array")
              .new_(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()))));
  return out;
}

const char* align_name(escpos::Align a) {
  return a == escpos::Align::center ? "center" : a == escpos::Align::right ? "right" : "left";
}
const char* type_name(receipt::Line::Type t) {
  switch (t) {
    case receipt::Line::Type::text:
      return "text";
    case receipt::Line::Type::pair:
      return "pair";
    case receipt::Line::Type::rule:
      return "rule";
    case receipt::Line::Type::qr:
      return "qr";
    case receipt::Line::Type::barcode:
      return "barcode";
    case receipt::Line::Type::feed:
      return "feed";
  }
  return "text";
}

// { ok, lines: [{type, align, bold, size, text, right}], text, html, columns } as JSON text.
val receipt_document(const std::string& input) {
  const Input in = read_input(input);
  if (!in.document.ok()) return failure(in.document.error());
  json lines = json::array();
  for (const auto& l : in.document.value()) {
    lines.push_back({{"type", type_name(l.type)},
                     {"align", align_name(l.align)},
                     {"bold", l.bold},
                     {"size", l.size},
                     {"text", l.text},
                     {"right", l.right}});
  }
  const int cols = receipt::columns(in.printer);
  json rows = json::array();
  for (const auto& r : receipt::render_rows(in.document.value(), cols)) {
    rows.push_back({{"text", r.text}, {"size", r.size}, {"bold", r.bold}, {"qr", r.qr}, {"barcode", r.barcode}});
  }
  const json out = {{"lines", lines},
                    {"rows", rows},
                    {"columns", cols},
                    {"text", receipt::render_text(in.document.value(), cols)},
                    {"html", receipt::render_html(in.document.value(), in.language)}};
  val result = val::object();
  result.set("ok", true);
  result.set("value", out.dump(-1, ' ', false, json::error_handler_t::replace));
  return result;
}

val receipt_escpos(const std::string& input) {
  const Input in = read_input(input);
  if (!in.document.ok()) return failure(in.document.error());
  auto bytes = receipt::encode(in.document.value(), in.printer);
  return bytes.ok() ? bytes_result(bytes.value()) : failure(bytes.error());
}

// `bits`: the drawn receipt, 1 bit a dot, rows of (width + 7) / 8 bytes, MSB leftmost.
val receipt_raster(const val& bits, double width, double height, const std::string& input) {
  const Input in = read_input(input);
  escpos::Bitmap image;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  const auto data = emscripten::convertJSArrayToNumberVector<std::uint8_t>(bits);
  image.bits.assign(data.begin(), data.end());
  auto bytes = receipt::encode_raster(image, in.printer);
  return bytes.ok() ? bytes_result(bytes.value()) : failure(bytes.error());
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_receipt) {
  emscripten::function("receiptDocument", &receipt_document);
  emscripten::function("receiptEscPos", &receipt_escpos);
  emscripten::function("receiptRaster", &receipt_raster);
}
