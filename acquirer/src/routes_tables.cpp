// Restaurant tables on the customer's side (docs/sandbox.md "Table codes"): the table
// page a printed table code leads to, and the simulated wallet's scanner that reads
// such a code. No terminal authentication: this is the customer's phone.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "customer_page.hpp"
#include "log.hpp"
#include "table_code.hpp"
#include "table_page.hpp"

namespace qrpos::acquirer {
namespace {

constexpr const char* kTablePattern = "([A-Za-z0-9_-]{1,16})";
constexpr const char* kHtml = "text/html; charset=utf-8";

void set_page_headers(httplib::Response& res, const char* csp) {
  res.set_header("Content-Security-Policy", csp);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
}

void show_table(Api& api, const httplib::Request& req, httplib::Response& res) {
  set_page_headers(res, kCustomerPageCsp);
  const std::string terminal_id = req.matches[1];
  const std::string table = req.matches[2];
  auto terminal = api.ledger.find_terminal(terminal_id);
  if (!terminal) {
    res.status = 404;
    return res.set_content(render_table_missing_page(), kHtml);
  }
  const TipRule tip =
      tip_rule_from_query(req.get_param_value("tip"), req.get_param_value("fee"), req.get_param_value("pct"));
  const auto bill = api.ledger.find_table_order(terminal_id, table, api.now_ms());
  res.set_content(render_table_page(terminal->merchant_name, table, bill, tip), kHtml);
}

// The scanned text from a form post (the wallet page) or JSON {"payload": "..."}.
std::optional<std::string> scanned_text(const httplib::Request& req) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    const auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("payload") || !j["payload"].is_string()) return std::nullopt;
    return j["payload"].get<std::string>();
  }
  if (!req.has_param("payload")) return std::nullopt;
  return req.get_param_value("payload");
}

void scan(const httplib::Request& req, httplib::Response& res) {
  set_page_headers(res, kWalletPageCsp);
  const auto text = scanned_text(req);
  const auto link = text ? read_table_code(*text) : std::nullopt;
  if (!link) {
    res.status = 422;
    return res.set_content(render_not_table_code_page(), kHtml);
  }
  log_event("info", "wallet_scan", {{"terminal", link->terminal_id}, {"table", link->table}});
  // Always this server's own page, rebuilt from checked parts: the wallet is the
  // sandbox's, and a scanned code must not send it anywhere else.
  res.status = 303;
  res.set_header("Location", table_path(*link));
}

}  // namespace

void add_table_routes(httplib::Server& http, Api& api) {
  http.Get("/t/table.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kTablePageScript, "text/javascript; charset=utf-8");
  });
  http.Get(std::string("/t/") + kIdPattern + "/" + kTablePattern,
           [&api](const httplib::Request& req, httplib::Response& res) { show_table(api, req, res); });
  http.Get("/wallet", [](const httplib::Request&, httplib::Response& res) {
    set_page_headers(res, kWalletPageCsp);
    res.set_content(render_wallet_page(), kHtml);
  });
  http.Post("/customer/scan", [](const httplib::Request& req, httplib::Response& res) { scan(req, res); });
}

}  // namespace qrpos::acquirer
