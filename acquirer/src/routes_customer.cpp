// The customer's wallet, simulated: the page a merchant-presented code leads to and
// the "pay" it posts. No terminal authentication: this is the customer's side.
#include <httplib.h>

#include "api.hpp"
#include "customer_page.hpp"
#include "log.hpp"

namespace qrpos::acquirer {
namespace {

void set_page_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kCustomerPageCsp);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
}

std::string merchant_of(Api& api, const TradeRow& order) {
  auto terminal = api.ledger.find_terminal(order.terminal_id);
  return terminal ? terminal->merchant_name : "qrpos sandbox";
}

void show_page(Api& api, const httplib::Request& req, httplib::Response& res) {
  set_page_headers(res);
  TradeRow order;
  const CustomerLookup found = api.ledger.find_order_for_customer(req.matches[1], api.now_ms(), order);
  if (found == CustomerLookup::not_found || found == CustomerLookup::ambiguous) {
    res.status = 404;
    return res.set_content(render_customer_missing_page(), "text/html; charset=utf-8");
  }
  res.set_content(render_customer_page(order, merchant_of(api, order), found == CustomerLookup::payable),
                  "text/html; charset=utf-8");
}

void pay(Api& api, const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  TradeRow order;
  const CustomerLookup done = api.ledger.customer_pay(req.matches[1], api.now_ms(), order);
  if (done == CustomerLookup::not_found || done == CustomerLookup::ambiguous) {
    res.status = 404;
    return res.set_content(messages::to_json(messages::ErrorBody{"not_found", "no such order", 0}), "application/json");
  }
  log_event("info", "customer_pay",
            {{"terminal", order.terminal_id},
             {"out_trade_no", order.out_trade_no},
             {"trade_status", messages::status_name(order.status)}});
  // The order as it now stands: SUCCESS, or the final state that kept it from being paid.
  res.set_content(messages::to_json(to_message(order, api.now_ms())), "application/json");
}

}  // namespace

void add_customer_routes(httplib::Server& http, Api& api) {
  http.Get("/pay/pay.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kCustomerPageScript, "text/javascript; charset=utf-8");
  });
  http.Get("/pay/pay.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(kCustomerPageStyle, "text/css; charset=utf-8");
  });
  http.Get(std::string("/pay/") + kIdPattern,
           [&api](const httplib::Request& req, httplib::Response& res) { show_page(api, req, res); });
  http.Post(std::string("/customer/orders/") + kIdPattern + "/pay",
            [&api](const httplib::Request& req, httplib::Response& res) { pay(api, req, res); });
}

}  // namespace qrpos::acquirer
