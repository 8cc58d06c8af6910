// Receipt and daily-report layout: what is printed, in which order, in both languages.
#include <cstdio>

#include "qrpos/messages.hpp"
#include "qrpos/money.hpp"
#include "qrpos/paycode.hpp"
#include "qrpos/receipt.hpp"

namespace qrpos::receipt {
namespace {

using escpos::Align;

struct Label {
  const char* zh;
  const char* en;
};

#define QRPOS_RECEIPT_LABELS(X)                            \
  X(title_payment, "交易凭证", "RECEIPT")                  \
  X(title_refund, "退款凭证", "REFUND RECEIPT")            \
  X(title_report, "日结报表", "DAILY REPORT")              \
  X(reprint, "重打印", "REPRINT")                          \
  X(store, "门店", "Store")                                \
  X(terminal, "终端号", "Terminal")                        \
  X(time, "时间", "Time")                                  \
  X(date, "日期", "Date")                                  \
  X(printed, "打印时间", "Printed")                        \
  X(scheme, "支付方式", "Paid with")                       \
  X(code, "付款码", "Payment code")                        \
  X(order, "商户订单号", "Order no.")                      \
  X(transaction, "交易流水号", "Transaction")              \
  X(refund_no, "退款单号", "Refund no.")                   \
  X(refund_id, "退款流水号", "Refund ref.")                \
  X(original, "原交易金额", "Sale amount")                 \
  X(amount, "金额", "Amount")                              \
  X(refund_amount, "退款金额", "Refunded")                 \
  X(lookup, "扫码查询或退款", "Scan to look up or refund") \
  X(sales, "收款", "Sales")                                \
  X(refunds, "退款", "Refunds")                            \
  X(net, "净额", "Net")                                    \
  X(count, "笔", "x")                                      \
  X(keep, "请妥善保管本凭证", "Please keep this receipt")  \
  X(member, "会员", "Member")                              \
  X(points_earned, "本次积分", "Points earned")            \
  X(points_balance, "积分余额", "Points balance")          \
  X(bill, "账单金额", "Bill")                              \
  X(tip, "小费", "Tip")                                    \
  X(total, "实付金额", "Total paid")                       \
  X(table, "桌号", "Table")                                \
  X(paid_for, "项目", "For")                               \
  X(scan_to_pay, "扫码付款", "Scan to pay your bill")

enum class L {
#define QRPOS_ENUM_ITEM(name, zh, en) name,
  QRPOS_RECEIPT_LABELS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

constexpr Label kLabels[] = {
#define QRPOS_LABEL_ITEM(name, zh, en) {zh, en},
    QRPOS_RECEIPT_LABELS(QRPOS_LABEL_ITEM)
#undef QRPOS_LABEL_ITEM
};

std::string label(L l, Language lang) {
  const Label& x = kLabels[static_cast<int>(l)];
  return lang == Language::zh_CN ? x.zh : x.en;
}

std::string scheme_name(const std::string& scheme, Language lang) {
  struct Name {
    const char* id;
    const char* zh;
    const char* en;
  };
  static constexpr Name kNames[] = {{"wechat", "微信支付", "WeChat Pay"},
                                    {"alipay", "支付宝", "Alipay"},
                                    {"unionpay", "云闪付", "UnionPay"},
                                    {"ecny", "数字人民币", "e-CNY"},
                                    {"emv_cpm", "银行卡付款码", "Card payment code"}};
  for (const auto& n : kNames) {
    if (scheme == n.id) return lang == Language::zh_CN ? n.zh : n.en;
  }
  return scheme;
}

// Cheap Chinese printers have GB2312 fonts: the fullwidth ￥ (A3 A4) prints where the
// Latin-1 ¥ (a four-byte GB18030 code) would not; English receipts use the ISO code.
std::string money_text(std::int64_t minor, const money::Currency& c, Language lang) {
  if (lang == Language::en) return std::string(c.alpha) + " " + money::format_amount(minor, c);
  std::string s = money::format_display(minor, c, money::Locale::zh_CN);
  const std::string yen = "\xC2\xA5", fullwidth = "\xEF\xBF\xA5";
  if (const auto at = s.find(yen); at != std::string::npos) s.replace(at, yen.size(), fullwidth);
  return s;
}

// "YYYY-MM-DD hh:mm:ss" of `ms` shifted by the offset (days-from-civil inverted, so no
// time zone database and no clock).
std::string local_time(std::int64_t ms, int offset_minutes, bool with_time = true) {
  const std::int64_t secs = ms / 1000 + static_cast<std::int64_t>(offset_minutes) * 60;
  std::int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) rem += 86400, days -= 1;
  const std::int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[64];
  if (with_time) {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem % 3600 / 60), static_cast<long long>(rem % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                  static_cast<long long>(d));
  }
  return buf;
}

Line text(std::string s, Align a = Align::left, bool bold = false, int size = 1) {
  Line l;
  l.type = Line::Type::text;
  l.text = std::move(s);
  l.align = a;
  l.bold = bold;
  l.size = size;
  return l;
}

Line pair(std::string left, std::string right, bool bold = false) {
  Line l;
  l.type = Line::Type::pair;
  l.text = std::move(left);
  l.right = std::move(right);
  l.bold = bold;
  return l;
}

Line of(Line::Type type, std::string data = {}) {
  Line l;
  l.type = type;
  l.text = std::move(data);
  l.align = Align::center;
  return l;
}

void header(Document& doc, const std::string& merchant, L title, bool reprint, Language lang) {
  doc.push_back(text(merchant, Align::center, true, 2));
  doc.push_back(text(label(title, lang) + (reprint ? " (" + label(L::reprint, lang) + ")" : ""), Align::center, true));
  doc.push_back(of(Line::Type::rule));
}

// The bill's description and its code on one line: "晚餐 Dinner (BILL-0042)".
std::string paid_for(const Sale& sale) {
  if (sale.description.empty()) return sale.reference;
  if (sale.reference.empty()) return sale.description;
  return sale.description + " (" + sale.reference + ")";
}

void scenario_lines(Document& doc, const Sale& sale, Language lang) {
  if (!sale.table.empty()) doc.push_back(pair(label(L::table, lang), sale.table));
  if (const std::string what = paid_for(sale); !what.empty()) doc.push_back(pair(label(L::paid_for, lang), what));
}

// Amount, or for a tipped payment the bill, the tip and what was paid in all.
void amount_lines(Document& doc, const Sale& sale, const money::Currency& currency, Language lang) {
  const bool refund = sale.kind == Kind::refund;
  const bool tipped = !refund && sale.tip_amount > 0;
  if (tipped) {
    doc.push_back(pair(label(L::bill, lang), money_text(sale.amount, currency, lang)));
    doc.push_back(pair(label(L::tip, lang), money_text(sale.tip_amount, currency, lang)));
  }
  const L title = refund ? L::refund_amount : tipped ? L::total : L::amount;
  const std::int64_t shown = refund ? -sale.amount : sale.amount + (tipped ? sale.tip_amount : 0);
  doc.push_back(text(label(title, lang), Align::center));
  doc.push_back(text(money_text(shown, currency, lang), Align::center, true, 2));
}

void member_lines(Document& doc, const Sale& sale, Language lang) {
  if (sale.member_id_masked.empty()) return;
  // Masked again: masking is idempotent, and a caller's slip must not print an id.
  doc.push_back(pair(label(L::member, lang), paycode::mask_code(sale.member_id_masked)));
  if (sale.has_loyalty && sale.kind == Kind::payment) {
    doc.push_back(pair(label(L::points_earned, lang), "+" + std::to_string(sale.points_earned)));
    doc.push_back(pair(label(L::points_balance, lang), std::to_string(sale.points_balance)));
  }
  doc.push_back(of(Line::Type::rule));
}

}  // namespace

Result<Document> layout(const Sale& sale, Language lang) {
  const auto currency = money::find_currency(sale.currency);
  if (!currency) return make_error(ErrorCode::unknown_currency, "receipt currency is not supported");
  if (sale.terminal_id.empty() || sale.out_trade_no.empty()) {
    return make_error(ErrorCode::invalid_field, "a receipt needs the terminal and the order number");
  }
  const bool refund = sale.kind == Kind::refund;
  Document doc;
  header(doc, sale.merchant_name, refund ? L::title_refund : L::title_payment, sale.reprint, lang);
  if (!sale.store_name.empty()) doc.push_back(pair(label(L::store, lang), sale.store_name));
  doc.push_back(pair(label(L::terminal, lang), sale.terminal_id));
  doc.push_back(pair(label(L::time, lang), local_time(sale.time_ms, sale.utc_offset_minutes)));
  if (!sale.scheme.empty()) doc.push_back(pair(label(L::scheme, lang), scheme_name(sale.scheme, lang)));
  if (!sale.auth_code_masked.empty()) doc.push_back(pair(label(L::code, lang), sale.auth_code_masked));
  doc.push_back(pair(label(L::order, lang), sale.out_trade_no));
  if (!sale.transaction_id.empty()) doc.push_back(pair(label(L::transaction, lang), sale.transaction_id));
  if (refund) {
    if (!sale.out_refund_no.empty()) doc.push_back(pair(label(L::refund_no, lang), sale.out_refund_no));
    if (!sale.refund_id.empty()) doc.push_back(pair(label(L::refund_id, lang), sale.refund_id));
    if (sale.original_amount > 0) {
      doc.push_back(pair(label(L::original, lang), money_text(sale.original_amount, *currency, lang)));
    }
  }
  scenario_lines(doc, sale, lang);
  doc.push_back(of(Line::Type::rule));
  amount_lines(doc, sale, *currency, lang);
  doc.push_back(of(Line::Type::rule));
  member_lines(doc, sale, lang);
  if (!sale.lookup_code.empty()) {
    doc.push_back(of(Line::Type::qr, sale.lookup_code));
    doc.push_back(text(label(L::lookup, lang), Align::center));
  }
  doc.push_back(text(sale.footer.empty() ? label(L::keep, lang) : sale.footer, Align::center));
  return doc;
}

Result<Document> layout(const DailyReport& report, Language lang) {
  const auto currency = money::find_currency(report.currency);
  if (!currency) return make_error(ErrorCode::unknown_currency, "report currency is not supported");
  Document doc;
  header(doc, report.merchant_name, L::title_report, false, lang);
  doc.push_back(pair(label(L::terminal, lang), report.terminal_id));
  doc.push_back(pair(label(L::date, lang), report.date));
  doc.push_back(pair(label(L::printed, lang), local_time(report.printed_at_ms, report.utc_offset_minutes)));
  doc.push_back(of(Line::Type::rule));
  std::int64_t count = 0, total = 0;
  for (const auto& s : report.sales) {
    count += s.count;
    total += s.amount;
    doc.push_back(pair(scheme_name(s.scheme, lang) + " " + std::to_string(s.count) + label(L::count, lang),
                       money_text(s.amount, *currency, lang)));
  }
  doc.push_back(of(Line::Type::rule));
  doc.push_back(pair(label(L::sales, lang) + " " + std::to_string(count) + label(L::count, lang),
                     money_text(total, *currency, lang)));
  doc.push_back(pair(label(L::refunds, lang) + " " + std::to_string(report.refund_count) + label(L::count, lang),
                     money_text(-report.refund_amount, *currency, lang)));
  doc.push_back(pair(label(L::net, lang), money_text(total - report.refund_amount, *currency, lang), true));
  return doc;
}

Result<Document> layout(const TableCard& card, Language lang) {
  if (!messages::is_valid_table(card.table)) {
    return make_error(ErrorCode::invalid_field, "a table is 1-16 characters of [A-Za-z0-9_-]");
  }
  if (card.qr_payload.empty() || card.qr_payload.size() > 512) {
    return make_error(ErrorCode::invalid_field, "the table code must be 1-512 bytes");
  }
  Document doc;
  doc.push_back(text(card.merchant_name, Align::center, true));
  doc.push_back(of(Line::Type::rule));
  doc.push_back(text(lang == Language::zh_CN ? card.table + "号桌" : "Table " + card.table, Align::center, true, 2));
  doc.push_back(of(Line::Type::feed));
  doc.push_back(of(Line::Type::qr, card.qr_payload));
  doc.push_back(text(label(L::scan_to_pay, lang), Align::center, true));
  if (!card.tip_text.empty()) doc.push_back(text(card.tip_text, Align::center));
  return doc;
}

}  // namespace qrpos::receipt
