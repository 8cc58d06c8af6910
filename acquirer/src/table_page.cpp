#include "table_page.hpp"

#include <algorithm>
#include <limits>

#include "customer_page.hpp"
#include "qrpos/html.hpp"
#include "qrpos/money.hpp"

namespace qrpos::acquirer {
namespace {

// Both locales' display of an amount: "¥8.80" and "CN¥8.80".
struct Shown {
  std::string zh;
  std::string en;
};

Shown show(std::int64_t minor, const std::string& currency_code) {
  const auto currency = money::find_currency(currency_code);
  if (!currency) return {currency_code + " " + std::to_string(minor), currency_code + " " + std::to_string(minor)};
  return {money::format_display(minor, *currency, money::Locale::zh_CN),
          money::format_display(minor, *currency, money::Locale::en)};
}

std::string table_heading(const std::string& merchant_name, const std::string& table) {
  const std::string t = html::escape(table);
  return "<div class=\"merchant\">" + html::escape(merchant_name) +
         "</div><div class=\"table-name\" data-testid=\"table\">" + t + "号桌 · Table " + t + "</div>";
}

std::string tip_button(std::int64_t tip, const std::string& label, bool pressed) {
  return "<button type=\"button\" class=\"tip\" data-tip=\"" + std::to_string(tip) + "\" aria-pressed=\"" +
         (pressed ? "true" : "false") + "\">" + html::escape(label) + "</button>";
}

// The tip part of the page, and the tip it starts with.
std::string tips_section(const TradeRow& bill, const TipRule& rule, std::int64_t& initial_tip) {
  initial_tip = 0;
  switch (rule.mode) {
    case emv_mpm::Tip::none:
      return "";
    case emv_mpm::Tip::prompt: {
      std::string out = "<div id=\"tips\" data-mode=\"prompt\"><p>加点小费？ Add a tip?</p>";
      out += tip_button(0, "不加 No tip", true);
      for (const char* pct : {"10", "15", "20"}) {
        const std::int64_t tip = percent_of(bill.amount, pct).value_or(0);
        out += tip_button(tip, std::string(pct) + "% " + show(tip, bill.currency).zh, false);
      }
      out +=
          "<div><label for=\"tip-other\">其他金额 Other amount</label> "
          "<input id=\"tip-other\" inputmode=\"decimal\" autocomplete=\"off\" maxlength=\"12\"></div>";
      return out + "</div>";
    }
    case emv_mpm::Tip::fixed_fee: {
      initial_tip = tip_for(rule, bill.amount, bill.currency);
      const Shown fee = show(initial_tip, bill.currency);
      return "<div id=\"tips\" data-mode=\"fixed_fee\"><p class=\"fee\" data-tip=\"" + std::to_string(initial_tip) +
             "\">服务费 " + html::escape(fee.zh) + " · Convenience fee " + html::escape(fee.en) + "</p></div>";
    }
    case emv_mpm::Tip::percentage_fee: {
      initial_tip = tip_for(rule, bill.amount, bill.currency);
      const Shown fee = show(initial_tip, bill.currency);
      const std::string pct = html::escape(rule.pct) + "%";
      return "<div id=\"tips\" data-mode=\"percentage_fee\"><p class=\"fee\" data-tip=\"" +
             std::to_string(initial_tip) + "\">服务费 " + pct + " " + html::escape(fee.zh) + " · Convenience fee " +
             pct + " " + html::escape(fee.en) + "</p></div>";
    }
  }
  return "";
}

int exponent_of(const std::string& currency_code) {
  const auto currency = money::find_currency(currency_code);
  return currency ? currency->exponent : 0;
}

// What stands before the digits in `locale` ("¥", "CN¥", "MOP "), so the script
// shows a changed total the way the server shows amounts.
std::string symbol_of(const std::string& currency_code, money::Locale locale) {
  const auto currency = money::find_currency(currency_code);
  if (!currency) return currency_code + " ";
  const std::string zero = money::format_display(0, *currency, locale);
  const std::string digits = money::format_amount(0, *currency);
  return zero.substr(0, zero.size() - std::min(zero.size(), digits.size()));
}

}  // namespace

const char* const kWalletPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

const char* const kTablePageScript = R"js(// The sandbox wallet's table bill: choose a tip, see the total, pay.
'use strict';
const TEXT = {
  SUCCESS: '支付成功 Paid',
  CLOSED: '账单已关闭 Bill closed',
  REVERSED: '账单已撤销 Bill cancelled',
  FAILED: '支付失败 Payment failed',
  NOTPAY: '待支付 Awaiting payment',
  USERPAYING: '等待确认 Waiting for confirmation',
};
const button = document.getElementById('pay');
const status = document.getElementById('status');
const total = document.getElementById('total');
const other = document.getElementById('tip-other');
if (button) {
  const amount = Number(button.dataset.amount);
  const exponent = Number(button.dataset.exponent);
  // Minor units as the server shows them, without floating point: 123450 -> "1,234.50".
  const major = (minor) => {
    const digits = String(minor).padStart(exponent + 1, '0');
    const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return exponent === 0 ? whole : `${whole}.${digits.slice(-exponent)}`;
  };
  const setTip = (tip) => {
    button.dataset.tip = String(tip);
    const sum = major(amount + tip);
    total.textContent = `合计 Total ${button.dataset.zh}${sum} · ${button.dataset.en}${sum}`;
    button.disabled = false;
  };
  // "8", "8.5", "8.50" -> minor units; null for anything else.
  const parseMajor = (text) => {
    const m = /^(\d{1,9})(?:\.(\d*))?$/.exec(text.trim());
    if (!m || (m[2] ?? '').length > exponent) return null;
    return Number(m[1]) * 10 ** exponent + Number((m[2] ?? '').padEnd(exponent, '0') || '0');
  };
  for (const choice of document.querySelectorAll('button.tip')) {
    choice.addEventListener('click', () => {
      for (const b of document.querySelectorAll('button.tip')) b.setAttribute('aria-pressed', String(b === choice));
      if (other) other.value = '';
      setTip(Number(choice.dataset.tip));
    });
  }
  other?.addEventListener('input', () => {
    for (const b of document.querySelectorAll('button.tip')) b.setAttribute('aria-pressed', 'false');
    const tip = other.value.trim() === '' ? 0 : parseMajor(other.value);
    if (tip === null || tip > amount) {
      total.textContent = '小费金额无效 Invalid tip amount';
      button.disabled = true;
      return;
    }
    setTip(tip);
  });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = '处理中… Processing…';
    try {
      const res = await fetch(`/customer/orders/${encodeURIComponent(button.dataset.order)}/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tip_amount: Number(button.dataset.tip) }),
      });
      const body = await res.json();
      if (res.status === 400) {
        status.textContent = '小费金额无效 Invalid tip amount';
        button.disabled = false;
        return;
      }
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

std::string render_table_page(const std::string& merchant_name, const std::string& table,
                              const std::optional<TradeRow>& bill, const TipRule& tip) {
  std::string body = table_heading(merchant_name, table);
  if (!bill) {
    body += "<div id=\"status\" data-status=\"NO_BILL\">本桌暂无待付账单，请联系服务员 No open bill for this table: ask the staff</div>";
    return customer_page_shell(body);
  }
  const Shown amount = show(bill->amount, bill->currency);
  body += "<div class=\"amount\" data-testid=\"amount\">" + html::escape(amount.zh) + "</div>";
  body += "<div class=\"amount-en\">" + html::escape(amount.en) + "</div>";
  if (!bill->description.empty()) {
    body += "<div class=\"description\">" + html::escape(bill->description) + "</div>";
  }
  std::int64_t initial_tip = 0;
  body += tips_section(*bill, tip, initial_tip);
  // A fee cannot make the total overflow (amounts are not capped by the protocol).
  if (initial_tip > std::numeric_limits<std::int64_t>::max() - bill->amount) initial_tip = 0;
  const Shown total = show(bill->amount + initial_tip, bill->currency);
  body += "<div id=\"total\" data-testid=\"total\">合计 Total " + html::escape(total.zh) + " · " +
          html::escape(total.en) + "</div>";
  body += "<div id=\"status\" data-status=\"" + std::string(messages::status_name(bill->status)) + "\"></div>";
  body += "<button id=\"pay\" type=\"button\" data-order=\"" + html::escape(bill->out_trade_no) + "\" data-amount=\"" +
          std::to_string(bill->amount) + "\" data-exponent=\"" + std::to_string(exponent_of(bill->currency)) +
          "\" data-zh=\"" + html::escape(symbol_of(bill->currency, money::Locale::zh_CN)) + "\" data-en=\"" +
          html::escape(symbol_of(bill->currency, money::Locale::en)) + "\" data-tip=\"" + std::to_string(initial_tip) +
          "\">付款 Pay</button>";
  body += "<script src=\"/t/table.js\"></script>";
  return customer_page_shell(body);
}

std::string render_table_missing_page() {
  return customer_page_shell("<div id=\"status\" data-status=\"NOT_FOUND\">找不到这张桌台 Table not found</div>");
}

std::string render_wallet_page() {
  return customer_page_shell(
      "<div class=\"merchant\">扫一扫 Scan</div>"
      "<form method=\"post\" action=\"/customer/scan\">"
      "<p><label for=\"payload\">扫到的内容 Scanned text</label></p>"
      "<textarea id=\"payload\" name=\"payload\" rows=\"5\" maxlength=\"512\" required></textarea>"
      "<div><button id=\"scan\" type=\"submit\">打开 Open</button></div></form>");
}

std::string render_not_table_code_page() {
  return customer_page_shell(
      "<div id=\"status\" data-status=\"NOT_TABLE_CODE\">这不是 qrpos 桌台码 This is not a qrpos table code</div>"
      "<p><a href=\"/wallet\">再扫一次 Scan again</a></p>");
}

}  // namespace qrpos::acquirer
