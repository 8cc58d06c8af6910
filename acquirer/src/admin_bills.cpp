// Bills for lookups (docs/sandbox.md "Bills and lookups"): the operator creates the
// tickets, rooms and bills a terminal can look up and pay, and lists them with
// whether (and by which payment) each was paid; GET /admin/bills is the same as a page.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "admin.hpp"
#include "admin_page.hpp"
#include "api.hpp"
#include "log.hpp"
#include "qrpos/money.hpp"

namespace qrpos::acquirer {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDescriptionBytes = 128;

json bill_json(const BillRow& b) {
  return json{{"code", b.code},
              {"merchant_id", b.merchant_id},
              {"amount", b.amount},
              {"currency", b.currency},
              {"description", b.description},
              {"status", b.paid ? "paid" : "open"},
              {"out_trade_no", b.out_trade_no},
              {"terminal_id", b.terminal_id},
              {"created_at", b.created_at_ms},
              {"paid_at", b.paid_at_ms}};
}

// Checks the body; on failure `error` says what is wrong.
std::optional<BillRow> bill_from(const json& body, std::string& error) {
  BillRow bill;
  if (body.contains("amount") && !body["amount"].is_number_integer()) {
    error = "amount must be a positive integer in minor units";
    return std::nullopt;
  }
  try {
    bill.code = body.value("code", "");
    bill.merchant_id = body.value("merchant_id", "");
    bill.amount = body.value("amount", std::int64_t{0});
    bill.currency = body.value("currency", "CNY");
    bill.description = body.value("description", "");
  } catch (const json::exception&) {
    error = "code, currency, description and merchant_id are strings, amount an integer";
    return std::nullopt;
  }
  if (!messages::is_valid_code(bill.code)) {
    error = "code must be 1-64 printable ASCII characters without spaces";
  } else if (bill.amount <= 0) {
    error = "amount must be a positive integer in minor units";
  } else if (!money::find_currency(bill.currency)) {
    error = "currency is not supported";
  } else if (bill.description.size() > kMaxDescriptionBytes) {
    error = "description is at most 128 UTF-8 bytes";
  } else if (bill.merchant_id.size() > 64) {
    error = "merchant_id is at most 64 characters";
  } else {
    return bill;
  }
  return std::nullopt;
}

void add_bill(Api& api, const httplib::Request& req, httplib::Response& res) {
  // json::parse checks UTF-8, so every string kept is valid UTF-8.
  const json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return answer_error(res, 400, "malformed_message", "the body must be a JSON object");
  }
  std::string error;
  auto bill = bill_from(body, error);
  if (!bill) return answer_error(res, 400, "malformed_message", error);
  bill->created_at_ms = api.now_ms();
  if (api.ledger.add_bill(*bill) == BillAdded::exists) {
    return answer_error(res, 409, "bill_exists", "a bill with this code exists");
  }
  log_event("info", "bill_added", {{"code", bill->code}, {"amount", bill->amount}, {"currency", bill->currency}});
  answer(res, 201, bill_json(*bill));
}

const char* const kBillsScript = R"js(// The bills page: asks for the admin token, lists /admin/bills.json, adds bills.
'use strict';
const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('token');
const status = document.getElementById('status');
const rows = document.getElementById('rows');
const billForm = document.getElementById('bill-form');
let token = '';

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  tr.append(td);
}

async function call(method, body) {
  const res = await fetch(method === 'GET' ? '/admin/bills.json' : '/admin/bills', {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  return { status: res.status, json: await res.json() };
}

async function load() {
  try {
    const { status: code, json } = await call('GET');
    if (code === 401) {
      status.textContent = '管理令牌错误 Wrong admin token';
      return;
    }
    rows.replaceChildren();
    for (const b of json.bills) {
      const tr = document.createElement('tr');
      tr.dataset.code = b.code;
      cell(tr, b.code);
      cell(tr, `${b.amount} ${b.currency}`);
      cell(tr, b.description);
      cell(tr, b.merchant_id || '-');
      cell(tr, b.status === 'paid' ? '已付 Paid' : '待付 Open', b.status === 'paid' ? 'ok' : 'warn');
      cell(tr, b.out_trade_no ? `${b.terminal_id} ${b.out_trade_no}` : '-');
      rows.append(tr);
    }
    status.textContent = `${json.bills.length} 张账单 bills`;
  } catch {
    status.textContent = '网络错误 Network error';
  }
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  token = tokenInput.value;
  tokenInput.value = '';
  load();
});
billForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = (name) => billForm.elements.namedItem(name).value.trim();
  const body = { code: field('code'), amount: Number(field('amount')), currency: field('currency') || 'CNY' };
  if (field('description')) body.description = field('description');
  if (field('merchant_id')) body.merchant_id = field('merchant_id');
  try {
    const { status: code, json } = await call('POST', body);
    if (code !== 201) {
      status.textContent = `未添加 Not added: ${json.error?.message ?? code}`;
      return;
    }
    billForm.reset();
    await load();
  } catch {
    status.textContent = '网络错误 Network error';
  }
});
)js";

const char* const kBillsBody =
    "<form id=\"bill-form\" autocomplete=\"off\">"
    "<label>编码 Code <input name=\"code\" required maxlength=\"64\"></label> "
    "<label>金额（最小单位，如分） Amount (minor units) <input name=\"amount\" required inputmode=\"numeric\" "
    "pattern=\"[0-9]{1,15}\"></label> "
    "<label>币种 Currency <input name=\"currency\" value=\"CNY\" maxlength=\"3\"></label> "
    "<label>说明 Description <input name=\"description\" maxlength=\"128\"></label> "
    "<label>商户 Merchant id <input name=\"merchant_id\" maxlength=\"64\"></label> "
    "<button type=\"submit\">添加账单 Add bill</button></form>"
    "<table><thead><tr><th>编码 Code</th><th>金额 Amount</th><th>说明 Description</th><th>商户 Merchant</th>"
    "<th>状态 Status</th><th>付款 Paid by</th></tr></thead><tbody id=\"rows\"></tbody></table>";

void list_bills(Api& api, httplib::Response& res) {
  json list = json::array();
  for (const auto& b : api.ledger.list_bills()) list.push_back(bill_json(b));
  answer(res, 200, json{{"bills", list}});
}

}  // namespace

void add_admin_bill_routes(httplib::Server& http, Api& api, const std::string& admin_token) {
  http.Post("/admin/bills", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) add_bill(api, req, res);
  });
  http.Get("/admin/bills", [](const httplib::Request&, httplib::Response& res) {
    set_admin_page_headers(res);
    res.set_content(render_admin_page("账单 Bills", kBillsBody, "/admin/bills.js"), "text/html; charset=utf-8");
  });
  http.Get("/admin/bills.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kBillsScript, "text/javascript; charset=utf-8");
  });
  http.Get("/admin/bills.json", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) list_bills(api, res);
  });
}

}  // namespace qrpos::acquirer
