// The customer's wallet, simulated: the page a merchant-presented code leads to and
// the "pay" it posts. No terminal authentication: this is the customer's side.
#include <httplib.h>

#include <nlohmann/json.hpp>

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

// Far more than {"tip_amount": 9007199254740991} needs.
constexpr std::size_t kMaxPayBody = 256;

void answer_error(httplib::Response& res, int status, const char* code, const char* message) {
  res.status = status;
  res.set_content(messages::to_json(messages::ErrorBody{code, message, 0}), "application/json");
}

// The pay body: empty (no tip, as the /pay/ page posts) or {"tip_amount": N}.
std::optional<std::int64_t> parse_tip(const std::string& body) {
  if (body.empty()) return 0;
  if (body.size() > kMaxPayBody) return std::nullopt;
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  for (const auto& [key, value] : j.items()) {
    if (key != "tip_amount") return std::nullopt;
  }
  if (!j.contains("tip_amount")) return 0;
  const auto& tip = j["tip_amount"];
  if (!tip.is_number_integer()) return std::nullopt;
  return tip.get<std::int64_t>();
}

void pay(Api& api, const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  const auto tip = parse_tip(req.body);
  if (!tip) return answer_error(res, 400, "malformed_message", "send no body or {\"tip_amount\": <minor units>}");
  TradeRow order;
  const CustomerLookup done = api.ledger.customer_pay(req.matches[1], *tip, api.now_ms(), order);
  if (done == CustomerLookup::not_found || done == CustomerLookup::ambiguous) {
    return answer_error(res, 404, "not_found", "no such order");
  }
  if (done == CustomerLookup::bad_tip) {
    return answer_error(res, 400, "invalid_tip", "tip_amount must be from 0 up to the bill's amount");
  }
  log_event("info", "customer_pay",
            {{"terminal", order.terminal_id},
             {"out_trade_no", order.out_trade_no},
             {"trade_status", messages::status_name(order.status)},
             {"tip_amount", order.tip_amount}});
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
