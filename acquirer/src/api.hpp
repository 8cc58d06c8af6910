// What the route files share: the ledger, the acquirer key, the clock, and the
// signed-answer and authentication rules every protocol endpoint follows.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "ledger.hpp"
#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace qrpos::acquirer {

// Ids in paths: 1-32 of [A-Za-z0-9_-] (messages::is_valid_id), as a route regex group.
inline constexpr const char* kIdPattern = "([A-Za-z0-9_-]{1,32})";

// A request that passed authentication: its terminal, nonce (remembered) and the
// acquirer's time when it arrived.
struct Authenticated {
  Terminal terminal;
  std::string nonce;
  std::int64_t now_ms = 0;
};

class Api {
 public:
  Api(Ledger& ledger, const crypto::SigningKey& key, std::string fingerprint_key, std::int64_t timestamp_window_ms,
      std::function<std::int64_t()> clock_ms);

  Ledger& ledger;
  const crypto::SigningKey& key;
  const std::string fingerprint_key;  // for keyed hashes of payment codes
  std::int64_t now_ms() const { return clock_ms_(); }
  std::int64_t timestamp_window_ms() const { return window_ms_; }

  // A signed answer (docs/protocol.md "Response authentication").
  void reply(httplib::Response& res, int status, const std::string& nonce, const std::string& body) const;
  void reply_error(httplib::Response& res, messages::AcquirerError error, const std::string& nonce,
                   const std::string& message) const;
  void reply_trade(httplib::Response& res, const std::string& nonce, const TradeRow& trade, std::int64_t now_ms) const;

  // Checks headers, terminal, timestamp window, signature over the exact target
  // (query included) and nonce, in that order. On failure the signed error has been
  // answered and the result is empty.
  std::optional<Authenticated> authenticate(const httplib::Request& req, httplib::Response& res) const;

  // Sleeps `ms` (slow magic answers) unless the server stops first.
  void pause(std::int64_t ms);
  void stop_pauses();

 private:
  std::int64_t window_ms_;
  std::function<std::int64_t()> clock_ms_;
  std::mutex pause_mutex_;
  std::condition_variable pause_cv_;
  bool stopping_ = false;
};

// The protocol message for a ledger trade, with when to ask again if it is pending.
messages::Trade to_message(const TradeRow& trade, std::int64_t now_ms);

// GET of the payment or order named by the route's first match.
void query_trade(Api& api, const httplib::Request& req, httplib::Response& res);
// Reverse (`reverse`) or close of the trade named by the route's first match.
void cancel(Api& api, const httplib::Request& req, httplib::Response& res, bool reverse);

void add_payment_routes(httplib::Server& http, Api& api);
// `fallback_origin` (kept by reference: set once the port is bound) names this
// server in code_url when the Host header cannot.
void add_order_routes(httplib::Server& http, Api& api, const std::string& fallback_origin);
void add_refund_and_report_routes(httplib::Server& http, Api& api);
// A terminal's daily report (China-time business day); nullopt for a date that is not YYYY-MM-DD.
std::optional<messages::DailyReport> daily_report_for(Api& api, const std::string& terminal_id, const std::string& date,
                                                      std::int64_t now_ms);
void add_customer_routes(httplib::Server& http, Api& api);
void add_heartbeat_routes(httplib::Server& http, Api& api);
// The table page, the wallet's scanner (routes_tables.cpp).
void add_table_routes(httplib::Server& http, Api& api);
// POST /v1/lookups (routes_lookups.cpp).
void add_lookup_routes(httplib::Server& http, Api& api);

/** A Qrpos-Timestamp header: 1 to 18 decimal digits (milliseconds since the epoch), nothing else. */
bool parse_timestamp(const std::string& text, std::int64_t& out);

}  // namespace qrpos::acquirer
