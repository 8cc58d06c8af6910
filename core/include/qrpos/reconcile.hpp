// Reconciliation: the terminal's own record of a business day (its final journal
// records) against the acquirer's signed daily report, per scheme. Any difference —
// a sale the terminal showed as paid that the acquirer does not count, or the other
// way round — is listed, so a cashier or a back office sees it the same day.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/protocol.hpp"
#include "qrpos/result.hpp"
#include "qrpos/session.hpp"

namespace qrpos::reconcile {

// The acquirer's business day is China time (docs/protocol.md, "Daily report").
inline constexpr int kBusinessDayOffsetMinutes = 480;

// The terminal's totals for `date` (YYYY-MM-DD, UTC+offset) in the report's shape:
// paid sales and orders counted on the day they were paid, refunds that the acquirer
// confirmed on the day they were made, each under the scheme of the sale it refunds.
// Sessions still running, declined or cancelled count nowhere.
messages::DailyReport totals(const std::vector<session::State>& sessions, std::string_view date,
                             std::string_view currency, int utc_offset_minutes = kBusinessDayOffsetMinutes);

struct Difference {
  std::string scheme;
  std::string field;  // count, amount, refund_count, refund_amount
  std::int64_t terminal = 0;
  std::int64_t acquirer = 0;
};

// Every per-scheme figure that differs; empty when the day reconciles.
std::vector<Difference> compare(const messages::DailyReport& terminal, const messages::DailyReport& acquirer);

// GET /v1/reports/daily?date=..., signed by the terminal.
protocol::SignedRequest make_report_request(const crypto::SigningKey& key, std::string_view terminal_id,
                                            std::string_view date, std::int64_t now_ms, crypto::Entropy& entropy);

// The acquirer's report if it signed this answer to the request with `request_nonce`
// (bad_signature otherwise) and it is for `date`; an acquirer error is invalid_state
// with its code as the detail.
Result<messages::DailyReport> read_report_answer(const crypto::PublicKey& acquirer_key, std::string_view request_nonce,
                                                 std::string_view date, const protocol::SignedResponse& response);

}  // namespace qrpos::reconcile
