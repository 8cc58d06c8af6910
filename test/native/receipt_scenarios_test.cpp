// Receipts of merchant scenarios (core/src/receipt_layout.cpp): a member's points, a
// tipped table bill, a looked-up bill, and the card that stands on the table.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "qrpos/gb18030.hpp"
#include "qrpos/receipt.hpp"

namespace qrpos::receipt {
namespace {

Sale payment() {
  Sale s;
  s.merchant_name = "一号店 Noodle Bar";
  s.terminal_id = "T-0A1B2C3D4E5F6071";
  s.time_ms = 1'795'689'347'000;
  s.amount = 28800;
  s.currency = "CNY";
  s.scheme = "wechat";
  s.out_trade_no = "2026112610354765a8bdeb31ba01dd";
  s.transaction_id = "QP1795689347289c3f5f488";
  return s;
}

Sale loyal() {
  Sale s = payment();
  s.member_id_masked = "VI*******1234";
  s.has_loyalty = true;
  s.points_earned = 288;
  s.points_balance = 1288;
  return s;
}

std::string text_of(const Sale& s, Language lang, int cols = 32) { return render_text(layout(s, lang).value(), cols); }

void expect_fits(const std::string& t, int cols) {
  std::istringstream rows(t);
  for (std::string row; std::getline(rows, row);) {
    if (row.find("[QR]") == std::string::npos) EXPECT_LE(gb18030::display_width(row), std::size_t(cols)) << row;
  }
}

TEST(ReceiptScenarios, AMembersPointsPrintInBothLanguages) {
  const std::string zh = text_of(loyal(), Language::zh_CN);
  EXPECT_NE(zh.find("会员"), std::string::npos) << zh;
  EXPECT_NE(zh.find("VI*******1234"), std::string::npos) << zh;
  EXPECT_NE(zh.find("本次积分"), std::string::npos) << zh;
  EXPECT_NE(zh.find("+288"), std::string::npos) << zh;
  EXPECT_NE(zh.find("积分余额"), std::string::npos) << zh;
  EXPECT_NE(zh.find("1288"), std::string::npos) << zh;
  expect_fits(zh, 32);
  const std::string en = text_of(loyal(), Language::en, 48);
  for (const char* want : {"Member", "VI*******1234", "Points earned", "+288", "Points balance", "1288"}) {
    EXPECT_NE(en.find(want), std::string::npos) << want << "\n" << en;
  }
}

TEST(ReceiptScenarios, AMemberIdGivenInClearIsMaskedAnyway) {
  Sale s = loyal();
  s.member_id_masked = "VIP0000001234";
  const std::string t = text_of(s, Language::en, 48);
  EXPECT_EQ(t.find("VIP0000001234"), std::string::npos) << t;
  EXPECT_NE(t.find("VI*******1234"), std::string::npos) << t;
}

TEST(ReceiptScenarios, AMemberWithoutLoyaltyShowsNoPoints) {
  Sale s = loyal();
  s.has_loyalty = false;
  const std::string t = text_of(s, Language::en, 48);
  EXPECT_NE(t.find("Member"), std::string::npos) << t;
  EXPECT_EQ(t.find("Points"), std::string::npos) << t;
  s.kind = Kind::refund;
  s.has_loyalty = true;
  EXPECT_EQ(text_of(s, Language::en, 48).find("Points"), std::string::npos) << "a refund takes no points";
}

TEST(ReceiptScenarios, ATippedBillShowsBillTipAndTheTotalPaid) {
  Sale s = payment();
  s.tip_amount = 2880;
  s.table = "5";
  const std::string zh = text_of(s, Language::zh_CN);
  EXPECT_NE(zh.find("账单金额"), std::string::npos) << zh;
  EXPECT_NE(zh.find("小费"), std::string::npos) << zh;
  EXPECT_NE(zh.find("\xEF\xBF\xA5"
                    "28.80"),
            std::string::npos)
      << zh;
  EXPECT_NE(zh.find("实付金额"), std::string::npos) << zh;
  EXPECT_NE(zh.find("\xEF\xBF\xA5"
                    "316.80"),
            std::string::npos)
      << "288 + 28.80\n"
      << zh;
  EXPECT_NE(zh.find("桌号"), std::string::npos) << zh;
  expect_fits(zh, 32);
  const std::string en = text_of(s, Language::en, 48);
  for (const char* want : {"Bill", "CNY 288.00", "Tip", "CNY 28.80", "Total paid", "CNY 316.80", "Table"}) {
    EXPECT_NE(en.find(want), std::string::npos) << want << "\n" << en;
  }
}

TEST(ReceiptScenarios, WithoutATipTheAmountIsTheBill) {
  const std::string en = text_of(payment(), Language::en, 48);
  EXPECT_NE(en.find("Amount"), std::string::npos) << en;
  EXPECT_EQ(en.find("Tip"), std::string::npos) << en;
  EXPECT_EQ(en.find("Total paid"), std::string::npos) << en;
}

TEST(ReceiptScenarios, ALookedUpBillSaysWhatWasPaidFor) {
  Sale s = payment();
  s.description = "晚餐 Dinner";
  s.reference = "BILL-0042";
  EXPECT_NE(text_of(s, Language::zh_CN).find("晚餐 Dinner (BILL-0042)"), std::string::npos)
      << text_of(s, Language::zh_CN);
  EXPECT_NE(text_of(s, Language::en, 48).find("For"), std::string::npos);
  s.description.clear();
  EXPECT_NE(text_of(s, Language::en, 48).find("BILL-0042"), std::string::npos);
  EXPECT_EQ(text_of(s, Language::en, 48).find("()"), std::string::npos);
}

TableCard card() {
  return TableCard{"一号店 Noodle Bar", "5", "https://sandbox.example/t/T-1/5?tip=01", "小费随意 Tip as you like"};
}

TEST(ReceiptScenarios, ATableCardIsTheTableTheQrAndWhatToDo) {
  const auto zh = layout(card(), Language::zh_CN);
  ASSERT_TRUE(zh.ok()) << zh.error().detail;
  const std::string t = render_text(zh.value(), 32);
  EXPECT_NE(t.find("5号桌"), std::string::npos) << t;
  EXPECT_NE(t.find("[QR]"), std::string::npos) << t;
  EXPECT_NE(t.find("扫码付款"), std::string::npos) << t;
  EXPECT_NE(t.find("小费随意"), std::string::npos) << t;
  int qr = 0, big = 0;
  for (const auto& line : zh.value()) {
    if (line.type == Line::Type::qr) {
      ++qr;
      EXPECT_EQ(line.text, card().qr_payload);
    }
    if (line.size == 2) {
      ++big;
      EXPECT_EQ(line.text, "5号桌");
    }
  }
  EXPECT_EQ(qr, 1);
  EXPECT_EQ(big, 1);
  const std::string en = render_text(layout(card(), Language::en).value(), 48);
  EXPECT_NE(en.find("Table 5"), std::string::npos) << en;
  EXPECT_NE(en.find("Scan to pay your bill"), std::string::npos) << en;
  const auto bytes = encode(zh.value(), Printer{});
  ASSERT_TRUE(bytes.ok());
  EXPECT_NE(bytes.value().find("https://sandbox.example/t/T-1/5?tip=01"), std::string::npos) << "a native QR";
}

TEST(ReceiptScenarios, ATableCardRefusesWhatCannotBeATableCode) {
  TableCard c = card();
  c.table = "";
  EXPECT_EQ(layout(c, Language::en).error().code, ErrorCode::invalid_field);
  c.table = "5 6";
  EXPECT_EQ(layout(c, Language::en).error().code, ErrorCode::invalid_field);
  c = card();
  c.qr_payload.clear();
  EXPECT_EQ(layout(c, Language::en).error().code, ErrorCode::invalid_field);
  c.qr_payload = std::string(513, 'q');
  EXPECT_EQ(layout(c, Language::en).error().code, ErrorCode::invalid_field);
  c = card();
  c.tip_text.clear();
  EXPECT_TRUE(layout(c, Language::en).ok());
}

// Committed samples, byte-exact like receipt_test.cpp's: a member's tipped table bill
// and a table card. QRPOS_WRITE_RECEIPTS=1 rewrites them after a deliberate change.
TEST(ReceiptScenarios, GoldenBytes) {
  Sale scenario = loyal();
  scenario.tip_amount = 2880;
  scenario.table = "5";
  scenario.description = "晚餐 Dinner";
  scenario.reference = "BILL-0042";
  scenario.lookup_code = "QRPOSR1:T-0A1B2C3D4E5F6071:2026112610354765a8bdeb31ba01dd";
  struct Case {
    const char* name;
    Result<Document> doc;
    int dots;
  };
  const Case cases[] = {
      {"scenario-zh-CN-58", layout(scenario, Language::zh_CN), 384},
      {"scenario-en-80", layout(scenario, Language::en), 576},
      {"table-card-zh-CN-58", layout(card(), Language::zh_CN), 384},
      {"table-card-en-80", layout(card(), Language::en), 576},
  };
  const bool rewrite = std::getenv("QRPOS_WRITE_RECEIPTS") != nullptr;
  for (const auto& c : cases) {
    ASSERT_TRUE(c.doc.ok()) << c.name;
    Printer p;
    p.dots = c.dots;
    const auto bytes = encode(c.doc.value(), p);
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
