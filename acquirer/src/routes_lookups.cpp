// POST /v1/lookups: what a merchant code (ticket, room, bill) is owed, authenticated
// and answered like every terminal request. No money moves: the terminal then pays
// with `reference` = the code (docs/protocol.md "Lookup").
#include <httplib.h>

#include "api.hpp"
#include "log.hpp"

namespace qrpos::acquirer {
namespace {

using messages::AcquirerError;
using messages::LookupStatus;

void lookup(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto body = messages::parse_lookup_request(req.body);
  if (!body.ok()) {
    const bool too_large = body.error().code == ErrorCode::input_too_long;
    return api.reply_error(res, too_large ? AcquirerError::body_too_large : AcquirerError::malformed_message,
                           auth->nonce, body.error().detail);
  }
  messages::Lookup answer;
  answer.code = body.value().code;
  if (auto bill = api.ledger.find_bill_for_terminal(auth->terminal.terminal_id, answer.code)) {
    answer.status = bill->paid ? LookupStatus::paid : LookupStatus::open;
    answer.amount = bill->amount;
    answer.currency = bill->currency;
    answer.description = bill->description;
    answer.out_trade_no = bill->out_trade_no;
  }
  log_event("info", "lookup",
            {{"terminal", auth->terminal.terminal_id},
             {"code", answer.code},
             {"lookup_status", messages::status_name(answer.status)}});
  api.reply(res, 200, auth->nonce, messages::to_json(answer));
}

}  // namespace

void add_lookup_routes(httplib::Server& http, Api& api) {
  http.Post(messages::kLookupsPath,
            [&api](const httplib::Request& req, httplib::Response& res) { lookup(api, req, res); });
}

}  // namespace qrpos::acquirer
