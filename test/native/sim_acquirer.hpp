// A simulated acquirer for session tests: a real protocol v1 peer (it verifies the
// terminal's signatures, refuses replayed nonces, opens sealed codes, signs every
// answer) with a ledger in memory and scriptable behaviour. Deterministic.
#pragma once

#include <map>
#include <set>
#include <string>

#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/session.hpp"

namespace qrpos::test {

struct SimBehaviour {
  messages::TradeStatus pay_status = messages::TradeStatus::SUCCESS;  // how a new payment answers
  std::string decline_reason = "insufficient_funds";
  int queries_until_success = -1;      // USERPAYING turns SUCCESS at this query; -1: never
  int reverse_failures = 0;            // reverses answered 500 before one works
  int refund_processing_queries = 0;   // refunds stay PROCESSING for this many queries
  std::string refuse_pay_with;         // answer every pay with this acquirer error
  std::string refuse_order_with;       // answer every order creation with this error
  bool refuse_reverse_when_paid = false;  // reverse of a SUCCESS trade: reverse_not_allowed
  std::set<std::string> paid_references;  // a pay or order for one of these: reference_paid
  bool loyalty_for_someone_else = false;  // SUCCESS names another member (a broken acquirer)
};

class SimAcquirer {
 public:
  SimAcquirer(const crypto::SigningKey& key, const crypto::PublicKey& terminal_key) : key_(key), terminal_(terminal_key) {}

  // Processes one request as sent by the session and answers it, signed.
  protocol::SignedResponse handle(const session::Command& send, std::int64_t now);
  // Merchant-presented orders: the customer pays with a phone, adding `tip` on top.
  void customer_pays(const std::string& out_trade_no, std::int64_t now, std::int64_t tip = 0);

  SimBehaviour behaviour;
  std::map<std::string, messages::Trade> trades;
  std::map<std::string, messages::Refund> refunds;
  std::map<std::string, int> charges;  // out_trade_no -> times money moved to the merchant
  std::set<std::string> seen_codes;
  std::map<std::string, std::int64_t> points;  // member_id -> balance
  int requests = 0;

 private:
  protocol::SignedResponse answer(int status, const std::string& nonce, const std::string& body, std::int64_t now);
  protocol::SignedResponse error(messages::AcquirerError e, const std::string& nonce, std::int64_t now);
  protocol::SignedResponse route(const protocol::SignedRequest& req, std::int64_t now);
  // Marks a trade paid: money moves, a member earns 1 point per whole yuan.
  void settle(messages::Trade& t, std::int64_t now);

  const crypto::SigningKey& key_;
  crypto::PublicKey terminal_;
  std::set<std::string> nonces_;
  std::map<std::string, int> queries_;
  int next_id_ = 1;
};

}  // namespace qrpos::test
