// Customer scans merchant: create, query and close orders (docs/protocol.md), with
// the magic amounts of docs/sandbox.md. The code the customer scans leads to this
// server's own /pay/{out_trade_no} page (routes_customer.cpp).
#include <httplib.h>

#include <cstdio>

#include "api.hpp"
#include "log.hpp"
#include "magic.hpp"
#include "qrpos/emv_mpm.hpp"
#include "qrpos/money.hpp"

namespace qrpos::acquirer {
namespace {

using messages::AcquirerError;
using messages::TradeStatus;

constexpr std::int64_t kDefaultExpiryMs = 120'000;      // the terminal's own default
constexpr std::int64_t kMaxExpiryMs = 2 * 60 * 60'000;  // WeChat's code_url lives 2 h
// Our GUI in the merchant account template: reverse-DNS style, as EMVCo asks.
constexpr const char* kAccountGui = "COM.QRPOS.SANDBOX";

// The origin the terminal reached us at, so the customer's phone on the same network
// can open the page; anything odd in Host falls back to the listening address.
std::string own_origin(const httplib::Request& req, const std::string& fallback) {
  const std::string host = req.get_header_value("Host");
  if (host.empty() || host.size() > 64) return fallback;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return fallback;
  }
  return "http://" + host;
}

// The EMV name field takes 25 printable ASCII characters: keep the ASCII part of
// the merchant's name; the full name goes into the alternate-language template.
std::string ascii_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (out.empty()) out = "qrpos sandbox merchant";
  return out.substr(0, emv_mpm::kMaxNameChars);
}

// A dynamic EMVCo MPM code for the order: amount, currency, merchant, and the
// page URL in merchant account template 26. "" if it cannot be built (a very long
// Host): the code_url alone still works.
std::string emv_payload(const TradeRow& order, const std::string& merchant_name) {
  const auto currency = money::find_currency(order.currency);
  if (!currency) return "";
  char numeric[8];
  std::snprintf(numeric, sizeof numeric, "%03d", currency->numeric);
  emv_mpm::MerchantCode code;
  code.initiation = emv_mpm::Initiation::dynamic_code;
  code.merchant_accounts = {tlv::Node::templated(
      "26", {tlv::Node::primitive("00", kAccountGui), tlv::Node::primitive("01", order.code_url)})};
  code.mcc = "5999";  // miscellaneous retail: a sandbox has no trade of its own
  code.currency = numeric;
  code.amount = money::format_amount(order.amount, *currency);
  code.country = "CN";
  code.merchant_name = ascii_name(merchant_name);
  code.merchant_city = "Shanghai";
  if (order.terminal_id.size() <= emv_mpm::kMaxAdditionalChars) code.additional.terminal_label = order.terminal_id;
  code.alternate = {"ZH", merchant_name, "上海"};
  if (auto built = emv_mpm::build_payload(code); built.ok()) return built.value();
  code.alternate = {};  // a name too long for the template: go without it
  auto built = emv_mpm::build_payload(code);
  return built.ok() ? built.value() : "";
}

void create(Api& api, const std::string& fallback_origin, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto body = messages::parse_order_request(req.body);
  if (!body.ok()) return api.reply_error(res, AcquirerError::malformed_message, auth->nonce, body.error().detail);
  const messages::OrderRequest& o = body.value();
  if (!money::find_currency(o.currency)) {
    return api.reply_error(res, AcquirerError::unknown_currency, auth->nonce, "currency is not supported");
  }
  const magic::OrderMagic play = magic::order_magic(o.amount);
  TradeRow t;
  t.terminal_id = auth->terminal.terminal_id;
  t.out_trade_no = o.out_trade_no;
  t.kind = TradeKind::order;
  t.status = play.behaviour == magic::OrderBehaviour::confirm_forever ? TradeStatus::USERPAYING : TradeStatus::NOTPAY;
  t.amount = o.amount;
  t.currency = o.currency;
  t.description = o.description.substr(0, 128);
  t.member_id = o.member_id;
  t.reference = o.reference;
  t.table_id = o.table;
  t.magic = magic::stored_name(play.behaviour);
  t.created_at_ms = auth->now_ms;
  if (play.delay_ms > 0) t.settle_at_ms = auth->now_ms + play.delay_ms;
  const std::int64_t expires_in = o.expires_in_ms > 0 ? std::min(o.expires_in_ms, kMaxExpiryMs) : kDefaultExpiryMs;
  t.expires_at_ms = auth->now_ms + expires_in;
  t.code_url = own_origin(req, fallback_origin) + "/pay/" + t.out_trade_no;
  t.emv_payload = emv_payload(t, auth->terminal.merchant_name);

  TradeRow stored;
  const Recorded recorded = api.ledger.record_trade(t, auth->now_ms, stored);
  if (recorded == Recorded::conflict) {
    return api.reply_error(res, AcquirerError::out_trade_no_conflict, auth->nonce,
                           "this out_trade_no belongs to another sale: use a new one");
  }
  if (recorded == Recorded::reference_paid) {
    return api.reply_error(res, AcquirerError::reference_paid, auth->nonce,
                           "this ticket, room or bill is already paid: nothing was recorded");
  }
  if (recorded == Recorded::reference_mismatch) {
    return api.reply_error(res, AcquirerError::invalid_amount, auth->nonce,
                           "the amount is not the bill's: look the bill up again");
  }
  log_event("info", "order",
            {{"terminal", stored.terminal_id},
             {"out_trade_no", stored.out_trade_no},
             {"amount", stored.amount},
             {"currency", stored.currency},
             {"trade_status", messages::status_name(stored.status)},
             {"magic", stored.magic},
             {"member", mask_code(stored.member_id)},
             {"reference", stored.reference},
             {"table", stored.table_id}});
  api.reply_trade(res, auth->nonce, stored, auth->now_ms);
}

}  // namespace

void add_order_routes(httplib::Server& http, Api& api, const std::string& fallback_origin) {
  http.Post(messages::kOrdersPath, [&api, &fallback_origin](const httplib::Request& req, httplib::Response& res) {
    create(api, fallback_origin, req, res);
  });
  http.Get(std::string(messages::kOrdersPath) + "/" + kIdPattern,
           [&api](const httplib::Request& req, httplib::Response& res) { query_trade(api, req, res); });
  http.Post(std::string(messages::kOrdersPath) + "/" + kIdPattern + "/close",
            [&api](const httplib::Request& req, httplib::Response& res) { cancel(api, req, res, false); });
}

}  // namespace qrpos::acquirer
