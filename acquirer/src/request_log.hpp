// One structured log line per HTTP request (log.hpp): method, path, status, terminal,
// out_trade_no, the payment code's mask and the time taken. Never keys, tokens or
// signatures; a payment code is masked again here (first 2 + last 4) whatever the
// body held, so a terminal that sent too much still logs nothing it should not.
#pragma once

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace qrpos::acquirer {

// Call when a request arrives (before routing), so its log line can say how long it took.
void stamp_request_start(const httplib::Request& req);
// Writes the request's log line; call once the answer is ready.
void log_request(const httplib::Request& req, const httplib::Response& res);

}  // namespace qrpos::acquirer
