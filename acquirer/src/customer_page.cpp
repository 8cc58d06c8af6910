#include "customer_page.hpp"

#include "qrpos/html.hpp"
#include "qrpos/money.hpp"

namespace qrpos::acquirer {

std::string customer_page_shell(const std::string& body) {
  return "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>付款 Pay · qrpos sandbox</title><link rel=\"stylesheet\" href=\"/pay/pay.css\"></head>\n<body>" +
         body + "<p class=\"note\">qrpos 沙箱钱包 · sandbox wallet: no real money moves</p></body></html>\n";
}

namespace {

// The status line for a final or pending order, in both languages.
const char* status_text(messages::TradeStatus s) {
  switch (s) {
    case messages::TradeStatus::SUCCESS:
      return "支付成功 Paid";
    case messages::TradeStatus::CLOSED:
      return "订单已关闭 Order closed";
    case messages::TradeStatus::REVERSED:
      return "订单已撤销 Order cancelled";
    case messages::TradeStatus::FAILED:
      return "支付失败 Payment failed";
    case messages::TradeStatus::USERPAYING:
      return "等待确认 Waiting for confirmation";
    case messages::TradeStatus::NOTPAY:
      return "待支付 Awaiting payment";
  }
  return "";
}

}  // namespace

const char* const kCustomerPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

const char* const kCustomerPageScript = R"js(// The sandbox wallet's pay button: POST, then show what the acquirer says.
'use strict';
const TEXT = {
  SUCCESS: '支付成功 Paid',
  CLOSED: '订单已关闭 Order closed',
  REVERSED: '订单已撤销 Order cancelled',
  FAILED: '支付失败 Payment failed',
  NOTPAY: '待支付 Awaiting payment',
  USERPAYING: '等待确认 Waiting for confirmation',
};
const button = document.getElementById('pay');
const status = document.getElementById('status');
if (button) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = '处理中… Processing…';
    try {
      const res = await fetch(`/customer/orders/${encodeURIComponent(button.dataset.order)}/pay`, { method: 'POST' });
      const body = await res.json();
      const state = body.status ?? 'FAILED';
      status.textContent = TEXT[state] ?? state;
      status.dataset.status = state;
      button.hidden = true;
    } catch {
      status.textContent = '网络错误，请重试 Network error, try again';
      button.disabled = false;
    }
  });
}
)js";

const char* const kCustomerPageStyle =
    R"css(body { font: 18px/1.5 system-ui, sans-serif; margin: 0; padding: 24px; text-align: center; color: #111; }
.merchant { font-size: 20px; margin-top: 24px; }
.amount { font-size: 44px; font-weight: 700; margin: 16px 0 4px; }
.amount-en { color: #555; margin-bottom: 32px; }
#pay { width: 100%; max-width: 420px; min-height: 64px; font-size: 24px; border: 0; border-radius: 12px; background: #07c160; color: #fff; }
#pay:disabled { background: #9ad9b5; }
#status { font-size: 24px; margin: 24px 0; min-height: 36px; }
#status[data-status=SUCCESS] { color: #07a050; }
.note { color: #777; font-size: 14px; margin-top: 48px; }
.table-name { font-size: 28px; font-weight: 700; margin-top: 8px; }
.description { color: #333; margin-bottom: 16px; }
#tips { margin: 16px auto; max-width: 420px; }
.tip { min-width: 72px; min-height: 48px; margin: 4px; font-size: 18px; border: 1px solid #07c160; border-radius: 8px; background: #fff; }
.tip[aria-pressed=true] { background: #07c160; color: #fff; }
#tip-other { font-size: 20px; width: 8em; margin: 8px; }
#total { font-size: 22px; font-weight: 600; margin: 16px 0; }
#payload { width: 100%; max-width: 420px; font: 16px monospace; }
#scan { min-width: 200px; min-height: 56px; font-size: 22px; border: 0; border-radius: 12px; background: #07c160; color: #fff; margin-top: 12px; }
)css";

std::string render_customer_page(const TradeRow& order, const std::string& merchant_name, bool payable) {
  std::string zh = order.currency + " " + std::to_string(order.amount);
  std::string en = zh;
  if (const auto currency = money::find_currency(order.currency)) {
    zh = money::format_display(order.amount, *currency, money::Locale::zh_CN);
    en = money::format_display(order.amount, *currency, money::Locale::en);
  }
  std::string body = "<div class=\"merchant\">" + html::escape(merchant_name) + "</div>";
  body += "<div class=\"amount\" data-testid=\"amount\">" + html::escape(zh) + "</div>";
  body += "<div class=\"amount-en\">" + html::escape(en) + "</div>";
  body += "<div id=\"status\" data-status=\"" + std::string(messages::status_name(order.status)) + "\">" +
          (payable ? "" : status_text(order.status)) + "</div>";
  if (payable) {
    body +=
        "<button id=\"pay\" type=\"button\" data-order=\"" + html::escape(order.out_trade_no) + "\">付款 Pay</button>";
  }
  body += "<script src=\"/pay/pay.js\"></script>";
  return customer_page_shell(body);
}

std::string render_customer_missing_page() {
  return customer_page_shell("<div id=\"status\" data-status=\"NOT_FOUND\">找不到订单 Order not found</div>");
}

}  // namespace qrpos::acquirer
