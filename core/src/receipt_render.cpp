// Drawing a laid-out receipt: ESC/POS (text mode or a raster job), plain text, HTML.
#include <algorithm>

#include "qrpos/gb18030.hpp"
#include "qrpos/html.hpp"
#include "qrpos/receipt.hpp"

namespace qrpos::receipt {
namespace {

using escpos::Align;

int width(const std::string& s) { return static_cast<int>(gb18030::display_width(s)); }

// The UTF-8 prefix of `s` that fits `cols` columns, and the rest.
std::pair<std::string, std::string> split_at(const std::string& s, int cols) {
  std::size_t i = 0;
  int used = 0;
  while (i < s.size()) {
    std::size_t n = 1;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xF0)
      n = 4;
    else if (b >= 0xE0)
      n = 3;
    else if (b >= 0xC0)
      n = 2;
    n = std::min(n, s.size() - i);
    const int w = width(s.substr(i, n));
    if (used + w > cols) break;
    used += w;
    i += n;
  }
  if (i == 0 && !s.empty()) i = 1;  // never loop on a character wider than the line
  return {s.substr(0, i), s.substr(i)};
}

// A line as printed rows of `cols` columns: wrapped, aligned, pairs set flush right
// (the value on its own row when both halves do not fit).
std::vector<std::string> rows(const Line& line, int cols) {
  std::vector<std::string> out;
  const int usable = std::max(1, cols / line.size);
  auto place = [&](std::string s, Align a) {
    while (true) {
      auto [head, rest] = split_at(s, usable);
      // Break between words where the line has a space: "Noodle Bar", not "Noodle Ba" + "r".
      if (!rest.empty() && rest[0] != ' ') {
        const auto space = head.rfind(' ');
        if (space != std::string::npos && space > 0) {
          rest = head.substr(space + 1) + rest;
          head.resize(space);
        }
      }
      if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
      const int pad = usable - width(head);
      const int left = a == Align::center ? pad / 2 : a == Align::right ? pad : 0;
      out.push_back(std::string(static_cast<std::size_t>(left), ' ') + head);
      if (rest.empty()) break;
      s = rest;
    }
  };
  switch (line.type) {
    case Line::Type::text:
      place(line.text, line.align);
      break;
    case Line::Type::pair: {
      const int gap = usable - width(line.text) - width(line.right);
      if (gap >= 1) {
        out.push_back(line.text + std::string(static_cast<std::size_t>(gap), ' ') + line.right);
      } else {
        place(line.text, Align::left);
        place(line.right, Align::right);
      }
      break;
    }
    case Line::Type::rule:
      out.push_back(std::string(static_cast<std::size_t>(cols), '-'));
      break;
    case Line::Type::qr:
    case Line::Type::barcode:
      place("[" + std::string(line.type == Line::Type::qr ? "QR" : "|||") + "] " + line.text, Align::center);
      break;
    case Line::Type::feed:
      out.emplace_back();
      break;
  }
  return out;
}

// The printer's QR module: as large as fits a third of the paper for a short URL.
int qr_module(const Printer& p) { return p.dots >= 576 ? 8 : 6; }

void finish(escpos::Writer& w, const Printer& p) {
  if (p.cut)
    w.cut(escpos::Cut::partial, 24);
  else
    w.feed(4);
  if (p.drawer_kick) w.drawer_kick();
}

}  // namespace

Result<std::string> encode(const Document& doc, const Printer& printer) {
  if (printer.text_mode != TextMode::gb18030) {
    return make_error(ErrorCode::invalid_field, "raster printers take encode_raster()");
  }
  const int cols = columns(printer);
  escpos::Writer w;
  w.init().chinese_mode(true);
  for (const auto& line : doc) {
    if (line.type == Line::Type::qr) {
      w.align(Align::center);
      if (!w.qr(line.text, qr_module(printer)).ok()) return make_error(ErrorCode::invalid_field, "QR data too long");
      w.newline();
      continue;
    }
    if (line.type == Line::Type::barcode) {
      w.align(Align::center);
      if (!w.code128(line.text).ok()) return make_error(ErrorCode::invalid_field, "barcode data not printable");
      w.newline();
      continue;
    }
    // Alignment is done with spaces (rows()), so it is the same on paper, in text and
    // in the raster the shell draws; ESC a stays left.
    w.align(Align::left);
    if (line.bold) w.bold(true);
    if (line.size != 1) w.size(line.size, line.size);
    for (const auto& row : rows(line, cols)) {
      auto bytes = gb18030::encode(row);
      if (!bytes.ok()) return bytes.error();
      w.text(bytes.value()).newline();
    }
    if (line.size != 1) w.size(1, 1);
    if (line.bold) w.bold(false);
  }
  finish(w, printer);
  return w.bytes();
}

Result<std::string> encode_raster(const escpos::Bitmap& image, const Printer& printer) {
  if (image.width <= 0 || image.height <= 0 || image.width > printer.dots) {
    return make_error(ErrorCode::invalid_field, "the image must be 1 to printer.dots wide");
  }
  const std::size_t need = static_cast<std::size_t>((image.width + 7) / 8) * static_cast<std::size_t>(image.height);
  if (image.bits.size() != need) return make_error(ErrorCode::invalid_field, "bitmap size does not match");
  escpos::Writer w;
  w.init().align(Align::center).raster(image);
  finish(w, printer);
  return w.bytes();
}

std::vector<Row> render_rows(const Document& doc, int cols) {
  std::vector<Row> out;
  for (const auto& line : doc) {
    if (line.type == Line::Type::qr || line.type == Line::Type::barcode) {
      Row r;
      (line.type == Line::Type::qr ? r.qr : r.barcode) = line.text;
      out.push_back(std::move(r));
      continue;
    }
    for (auto& text : rows(line, cols)) out.push_back(Row{std::move(text), line.size, line.bold, {}, {}});
  }
  return out;
}

std::string render_text(const Document& doc, int cols) {
  std::string out;
  for (const auto& line : doc) {
    for (const auto& row : rows(line, cols)) out += row + "\n";
  }
  return out;
}

std::string render_html(const Document& doc, Language lang) {
  std::string out = std::string("<div class=\"receipt\" lang=\"") + (lang == Language::zh_CN ? "zh-CN" : "en") + "\">";
  for (const auto& line : doc) {
    const char* align = line.align == Align::center ? " center" : line.align == Align::right ? " right" : "";
    const std::string cls = std::string(align) + (line.bold ? " bold" : "") + (line.size > 1 ? " large" : "");
    switch (line.type) {
      case Line::Type::text:
        out += "<p class=\"line" + cls + "\">" + html::escape(line.text) + "</p>";
        break;
      case Line::Type::pair:
        out += "<p class=\"pair" + cls + "\"><span>" + html::escape(line.text) + "</span><span>" +
               html::escape(line.right) + "</span></p>";
        break;
      case Line::Type::rule:
        out += "<hr>";
        break;
      case Line::Type::qr:
        out += "<div class=\"qr\" data-qr=\"" + html::escape(line.text) + "\"></div>";
        break;
      case Line::Type::barcode:
        out += "<p class=\"barcode center\">" + html::escape(line.text) + "</p>";
        break;
      case Line::Type::feed:
        out += "<br>";
        break;
    }
  }
  return out + "</div>";
}

}  // namespace qrpos::receipt
