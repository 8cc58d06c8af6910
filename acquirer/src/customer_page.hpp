// The customer's side of a merchant-presented order, as a phone shows it: a small
// bilingual (zh-CN, English) page that needs no external resources and runs under a
// strict Content-Security-Policy (no inline script or style).
#pragma once

#include <string>

#include "ledger.hpp"

namespace qrpos::acquirer {

// The CSP every customer page answer carries.
extern const char* const kCustomerPageCsp;
// /pay/pay.js and /pay/pay.css.
extern const char* const kCustomerPageScript;
extern const char* const kCustomerPageStyle;

// The page for `order` of `merchant_name`; `payable` shows the pay button. All text
// is HTML-escaped.
std::string render_customer_page(const TradeRow& order, const std::string& merchant_name, bool payable);
// `body` in the customer pages' document: head, /pay/pay.css, the sandbox note.
std::string customer_page_shell(const std::string& body);

// The page for an order that cannot be shown (unknown, ambiguous number).
std::string render_customer_missing_page();

}  // namespace qrpos::acquirer
