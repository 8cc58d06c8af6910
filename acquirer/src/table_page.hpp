// The customer's side of a restaurant table code (docs/sandbox.md "Table codes"):
// the table's open bill with the tip the code asks for, and the wallet's scanner
// page. Bilingual (zh-CN, English), no external resources, no inline script or
// style, every text HTML-escaped; the CSPs are in customer_page.hpp and below.
#pragma once

#include <optional>
#include <string>

#include "ledger.hpp"
#include "table_code.hpp"

namespace qrpos::acquirer {

// /t/table.js: tip choice, total, and the pay it posts.
extern const char* const kTablePageScript;
// The wallet page posts a plain form to /customer/scan: the customer-page CSP with
// form-action 'self'.
extern const char* const kWalletPageCsp;

// The table page: `bill` is the open order, or none ("no open bill").
std::string render_table_page(const std::string& merchant_name, const std::string& table,
                              const std::optional<TradeRow>& bill, const TipRule& tip);
// An unknown terminal's table.
std::string render_table_missing_page();

// GET /wallet: one text field for what the camera read, and a button.
std::string render_wallet_page();
// What the wallet shows for text that is not a qrpos table code.
std::string render_not_table_code_page();

}  // namespace qrpos::acquirer
