// POST /v1/terminals/heartbeat: a terminal's health, authenticated like every
// terminal request; the signed answer carries the acquirer's time for its clock check.
#include <httplib.h>

#include "api.hpp"

namespace qrpos::acquirer {
namespace {

using messages::AcquirerError;

void heartbeat(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto auth = api.authenticate(req, res);
  if (!auth) return;
  auto health = messages::parse_heartbeat(req.body);
  if (!health.ok()) {
    const bool too_large = health.error().code == ErrorCode::input_too_long;
    return api.reply_error(res, too_large ? AcquirerError::body_too_large : AcquirerError::malformed_message,
                           auth->nonce, health.error().detail);
  }
  HealthRow row;
  row.terminal_id = auth->terminal.terminal_id;
  row.received_at_ms = auth->now_ms;
  (void)parse_timestamp(req.get_header_value("Qrpos-Timestamp"), row.sent_at_ms);  // authenticate() checked it
  row.health = std::move(health).value();
  api.ledger.record_heartbeat(row);
  api.reply(res, 200, auth->nonce, messages::to_json(messages::HeartbeatAnswer{api.now_ms()}));
}

}  // namespace

void add_heartbeat_routes(httplib::Server& http, Api& api) {
  http.Post(messages::kHeartbeatPath,
            [&api](const httplib::Request& req, httplib::Response& res) { heartbeat(api, req, res); });
}

}  // namespace qrpos::acquirer
