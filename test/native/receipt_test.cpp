#include "qrpos/receipt.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "qrpos/gb18030.hpp"

namespace qrpos::receipt {
namespace {

Sale payment() {
  Sale s;
  s.merchant_name = "一号店 Noodle Bar";
  s.store_name = "南京西路店";
  s.terminal_id = "T-0A1B2C3D4E5F6071";
  s.time_ms = 1'795'689'347'000;  // 2026-11-26 10:35:47 UTC = 18:35:47 in China
  s.amount = 2372;
  s.currency = "CNY";
  s.scheme = "wechat";
  s.auth_code_masked = "13************6789";
  s.out_trade_no = "2026112610354765a8bdeb31ba01dd";
  s.transaction_id = "QP1795689347289c3f5f488";
  s.lookup_code = "QRPOSR1:T-0A1B2C3D4E5F6071:2026112610354765a8bdeb31ba01dd";
  return s;
}

Sale refund() {
  Sale s = payment();
  s.kind = Kind::refund;
  s.time_ms += 3'600'000;
  s.amount = 500;
  s.original_amount = 2372;
  s.out_refund_no = "20261126113547a0b1c2d3e4f5a6b7";
  s.refund_id = "RF1795692947289aa01";
  return s;
}

DailyReport report() {
  DailyReport r;
  r.merchant_name = "一号店 Noodle Bar";
  r.terminal_id = "T-0A1B2C3D4E5F6071";
  r.date = "2026-11-26";
  r.printed_at_ms = 1'795'710'000'000;
  r.currency = "CNY";
  r.sales = {{"wechat", 12, 48'800}, {"alipay", 7, 21'550}, {"unionpay", 1, 9'900}};
  r.refund_count = 2;
  r.refund_amount = 1'500;
  return r;
}

Printer printer(int dots) {
  Printer p;
  p.dots = dots;
  return p;
}

std::string text(const Result<Document>& doc, int cols) { return render_text(doc.value(), cols); }

TEST(Receipt, PaymentInChineseReadsAsAReceipt) {
  const auto doc = layout(payment(), Language::zh_CN);
  ASSERT_TRUE(doc.ok());
  const std::string t = text(doc, 32);
  EXPECT_NE(t.find("交易凭证"), std::string::npos) << t;
  EXPECT_NE(t.find("支付方式                微信支付"), std::string::npos) << t;
  EXPECT_NE(t.find("2026-11-26 18:35:47"), std::string::npos) << "shop time, UTC+8\n" << t;
  EXPECT_NE(t.find("\xEF\xBF\xA5"
                   "23.72"),
            std::string::npos)
      << "fullwidth yen prints on GB2312 fonts\n"
      << t;
  EXPECT_NE(t.find("[QR]"), std::string::npos) << t;
  EXPECT_NE(t.find("QRPOSR1:T-0A1B2C3D4E5F6071:"), std::string::npos) << t;
  EXPECT_EQ(t.find("134567"), std::string::npos) << "only the masked code";
  // Every row fits the paper.
  std::istringstream rows(t);
  for (std::string row; std::getline(rows, row);) {
    if (row.rfind("[QR]", 0) == std::string::npos && row.find("[QR]") == std::string::npos) {
      EXPECT_LE(gb18030::display_width(row), 32u) << row;
    }
  }
}

TEST(Receipt, RefundAndEnglish) {
  const std::string t = text(layout(refund(), Language::en), 48);
  EXPECT_NE(t.find("REFUND RECEIPT"), std::string::npos) << t;
  EXPECT_NE(t.find("CNY -5.00"), std::string::npos) << t;
  EXPECT_NE(t.find("Sale amount"), std::string::npos) << t;
  EXPECT_NE(t.find("CNY 23.72"), std::string::npos) << t;
  EXPECT_NE(t.find("Refund no."), std::string::npos) << t;
}

TEST(Receipt, DailyReportTotalsPerSchemeRefundsAndNet) {
  const std::string zh = text(layout(report(), Language::zh_CN), 32);
  EXPECT_NE(zh.find("日结报表"), std::string::npos) << zh;
  EXPECT_NE(zh.find("微信支付 12笔"), std::string::npos) << zh;
  EXPECT_NE(zh.find("收款 20笔"), std::string::npos) << zh;
  EXPECT_NE(zh.find("\xEF\xBF\xA5"
                    "802.50"),
            std::string::npos)
      << "488 + 215.50 + 99\n"
      << zh;
  EXPECT_NE(zh.find("-\xEF\xBF\xA5"
                    "15.00"),
            std::string::npos)
      << zh;
  EXPECT_NE(zh.find("\xEF\xBF\xA5"
                    "787.50"),
            std::string::npos)
      << "net\n"
      << zh;
  const std::string en = text(layout(report(), Language::en), 48);
  EXPECT_NE(en.find("Net"), std::string::npos);
  EXPECT_NE(en.find("CNY 787.50"), std::string::npos) << en;
}

TEST(Receipt, LongTextWrapsAndPairsBreakRatherThanOverflow) {
  Sale s = payment();
  s.merchant_name = std::string(20, 'M') + "很长很长的商户名称";
  s.store_name = "这是一个非常非常非常长的门店名称需要换行";
  const std::string t = text(layout(s, Language::zh_CN), 32);
  std::istringstream rows(t);
  for (std::string row; std::getline(rows, row);) {
    if (row.find("[QR]") == std::string::npos) EXPECT_LE(gb18030::display_width(row), 32u) << row;
  }
  EXPECT_NE(t.find("门店\n"), std::string::npos) << "the value moves to its own row\n" << t;
}

TEST(Receipt, RefusesWhatCannotBePrintedTruthfully) {
  Sale s = payment();
  s.currency = "XXX";
  EXPECT_EQ(layout(s, Language::en).error().code, ErrorCode::unknown_currency);
  s = payment();
  s.out_trade_no.clear();
  EXPECT_EQ(layout(s, Language::en).error().code, ErrorCode::invalid_field);
  Printer raster = printer(384);
  raster.text_mode = TextMode::raster;
  EXPECT_EQ(encode(layout(payment(), Language::en).value(), raster).error().code, ErrorCode::invalid_field);
}

TEST(Receipt, EscPosStartsInChineseModeEndsWithCutAndCarriesTheQr) {
  const auto bytes = encode(layout(payment(), Language::zh_CN).value(), printer(384));
  ASSERT_TRUE(bytes.ok());
  const std::string& b = bytes.value();
  EXPECT_EQ(b.substr(0, 4), "\x1B\x40\x1C\x26");
  EXPECT_NE(b.find("\xBD\xBB\xD2\xD7\xC6\xBE\xD6\xA4"), std::string::npos) << "交易凭证 in GB18030";
  EXPECT_NE(b.find("\x31\x50\x30QRPOSR1:T-0A1B2C3D4E5F6071:"), std::string::npos);
  EXPECT_EQ(b.substr(b.size() - 4), "\x1D\x56\x42\x18");
  Printer kick = printer(576);
  kick.drawer_kick = true;
  const std::string k = encode(layout(payment(), Language::en).value(), kick).value();
  EXPECT_EQ(k.substr(k.size() - 5), std::string("\x1B\x70\x00\x32\xFA", 5));
}

TEST(Receipt, RasterJobIsInitStripsAndCut) {
  Printer p = printer(384);
  p.text_mode = TextMode::raster;
  escpos::Bitmap image{384, 300, std::string(48 * 300, '\x0F')};
  const auto job = encode_raster(image, p);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job.value().substr(0, 5), "\x1B\x40\x1B\x61\x01");
  EXPECT_EQ(job.value().size(), 5 + 2 * 8 + 48u * 300 + 4);
  EXPECT_EQ(encode_raster(escpos::Bitmap{576, 10, std::string(72 * 10, '\0')}, p).error().code,
            ErrorCode::invalid_field)
      << "wider than the paper";
  EXPECT_EQ(encode_raster(escpos::Bitmap{384, 10, std::string(5, '\0')}, p).error().code, ErrorCode::invalid_field);
}

TEST(Receipt, RowsAreWhatTheRasterDrawerDraws) {
  const auto rows = render_rows(layout(payment(), Language::zh_CN).value(), 32);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].size, 2);
  EXPECT_TRUE(rows[0].bold);
  int qr = 0;
  for (const auto& r : rows) {
    if (!r.qr.empty()) {
      ++qr;
      EXPECT_EQ(r.qr, payment().lookup_code);
      EXPECT_EQ(r.text, "");
    } else {
      EXPECT_LE(gb18030::display_width(r.text) * r.size, 32u) << r.text;
    }
  }
  EXPECT_EQ(qr, 1);
}

TEST(Receipt, HtmlIsEscaped) {
  Sale s = payment();
  s.merchant_name = "<script>alert('x')</script> & Co";
  const std::string html = render_html(layout(s, Language::en).value(), Language::en);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"qr\" data-qr=\"QRPOSR1:"), std::string::npos);
  EXPECT_EQ(html.rfind("<div class=\"receipt\" lang=\"en\">", 0), 0u);
}

// The committed sample receipts: byte-exact, so any change to what prints is seen in
// review. QRPOS_WRITE_RECEIPTS=1 rewrites them after a deliberate change (and
// `npm run receipts` redraws docs/receipts from them).
TEST(Receipt, GoldenBytes) {
  struct Case {
    const char* name;
    Result<Document> doc;
    int dots;
  };
  const Case cases[] = {
      {"payment-zh-CN-58", layout(payment(), Language::zh_CN), 384},
      {"payment-zh-CN-80", layout(payment(), Language::zh_CN), 576},
      {"payment-en-58", layout(payment(), Language::en), 384},
      {"payment-en-80", layout(payment(), Language::en), 576},
      {"refund-zh-CN-58", layout(refund(), Language::zh_CN), 384},
      {"refund-zh-CN-80", layout(refund(), Language::zh_CN), 576},
      {"refund-en-58", layout(refund(), Language::en), 384},
      {"refund-en-80", layout(refund(), Language::en), 576},
      {"report-zh-CN-58", layout(report(), Language::zh_CN), 384},
      {"report-zh-CN-80", layout(report(), Language::zh_CN), 576},
      {"report-en-58", layout(report(), Language::en), 384},
      {"report-en-80", layout(report(), Language::en), 576},
  };
  const bool rewrite = std::getenv("QRPOS_WRITE_RECEIPTS") != nullptr;
  for (const auto& c : cases) {
    ASSERT_TRUE(c.doc.ok()) << c.name;
    const auto bytes = encode(c.doc.value(), printer(c.dots));
    ASSERT_TRUE(bytes.ok()) << c.name;
    const std::string path = std::string(QRPOS_TEST_VECTORS) + "/receipts/" + c.name + ".bin";
    if (rewrite) {
      std::ofstream(path, std::ios::binary) << bytes.value();
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(bytes.value(), golden.str())
        << c.name << " differs; rerun with QRPOS_WRITE_RECEIPTS=1 after a deliberate change";
  }
}

}  // namespace
}  // namespace qrpos::receipt
