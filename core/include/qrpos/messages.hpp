// Protocol v1 message bodies (docs/protocol.md): one struct per body, to JSON and
// back. Parsing is strict about types and bounds and never throws; unknown fields
// are ignored so acquirers can add fields without breaking terminals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/crypto.hpp"
#include "qrpos/result.hpp"

namespace qrpos::messages {

// Endpoints. Paths with an id take it URL-safe: ids are [A-Za-z0-9_-].
inline constexpr const char* kActivatePath = "/v1/terminals/activate";
inline constexpr const char* kPaymentsPath = "/v1/payments";  // POST pay; GET/{id}; POST /{id}/reverse
inline constexpr const char* kRefundsPath = "/v1/refunds";    // POST refund; GET /{out_refund_no}
inline constexpr const char* kOrdersPath = "/v1/orders";      // POST create; GET /{id}; POST /{id}/close
inline constexpr const char* kDailyReportPath = "/v1/reports/daily";  // GET ?date=YYYY-MM-DD
inline constexpr const char* kHeartbeatPath = "/v1/terminals/heartbeat";  // POST Heartbeat
inline constexpr const char* kLookupsPath = "/v1/lookups";                // POST LookupRequest -> Lookup

std::string payment_path(std::string_view out_trade_no);  // /v1/payments/{id}
std::string reverse_path(std::string_view out_trade_no);  // /v1/payments/{id}/reverse
std::string refund_path(std::string_view out_refund_no);  // /v1/refunds/{id}
std::string order_path(std::string_view out_trade_no);    // /v1/orders/{id}
std::string close_order_path(std::string_view out_trade_no);
std::string daily_report_path(std::string_view date);     // date "YYYY-MM-DD"

// True for 1-32 characters of [A-Za-z0-9_-]: out_trade_no, out_refund_no, terminal ids.
bool is_valid_id(std::string_view id);
// True for 1-64 printable ASCII characters (0x21-0x7e, no space): member ids,
// references and lookup codes, i.e. what a merchant's own codes carry.
bool is_valid_code(std::string_view code);
// True for 1-16 characters of [A-Za-z0-9_-]: a restaurant table, part of a URL path.
bool is_valid_table(std::string_view table);

// The acquirer's typed errors: name, HTTP status, and whether the request may have
// taken effect (`unknown`: the terminal must find out) or certainly did not.
#define QRPOS_ACQUIRER_ERRORS(X)                     \
  X(missing_auth_headers, 400, not_processed)        \
  X(malformed_message, 400, not_processed)           \
  X(bad_auth_code, 400, not_processed)               \
  X(unknown_currency, 400, not_processed)            \
  X(invalid_amount, 400, not_processed)              \
  X(unknown_terminal, 401, not_processed)            \
  X(stale_timestamp, 401, not_processed)             \
  X(bad_signature, 401, not_processed)               \
  X(invalid_activation_code, 403, not_processed)     \
  X(not_found, 404, not_processed)                   \
  X(replayed_nonce, 409, unknown)                    \
  X(out_trade_no_conflict, 409, not_processed)       \
  X(auth_code_used, 409, not_processed)              \
  X(refund_exceeds_payment, 409, not_processed)      \
  X(refund_not_allowed, 409, not_processed)          \
  X(reverse_not_allowed, 409, not_processed)         \
  X(reference_paid, 409, not_processed)              \
  X(retry_later, 429, unknown)                       \
  X(body_too_large, 413, not_processed)              \
  X(internal_error, 500, unknown)                    \
  X(unavailable, 503, unknown)

enum class AcquirerError {
#define QRPOS_ENUM_ITEM(name, status, outcome) name,
  QRPOS_ACQUIRER_ERRORS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};
const char* error_name(AcquirerError e);
int http_status(AcquirerError e);
std::optional<AcquirerError> acquirer_error_from_name(std::string_view name);
// False when the acquirer says the request certainly had no effect.
bool outcome_unknown(AcquirerError e);

// Why a payment FAILED (the customer was not charged): decline reasons.
#define QRPOS_DECLINE_REASONS(X) \
  X(insufficient_funds)          \
  X(auth_code_expired)           \
  X(auth_code_invalid)           \
  X(auth_code_used)              \
  X(card_not_supported)          \
  X(risk_declined)               \
  X(payment_failed)

#define QRPOS_TRADE_STATUSES(X) \
  X(NOTPAY)     /* order created, not paid yet */        \
  X(USERPAYING) /* customer confirming on the phone */   \
  X(SUCCESS)    /* paid */                                \
  X(FAILED)     /* declined: not charged (see reason) */ \
  X(REVERSED)   /* cancelled: not charged, or refunded in full */ \
  X(CLOSED)     /* closed unpaid: can no longer be paid */

enum class TradeStatus {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_TRADE_STATUSES(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};
const char* status_name(TradeStatus s);
std::optional<TradeStatus> trade_status_from_name(std::string_view name);
// Final: no later query can change it (SUCCESS can still be refunded).
bool is_final(TradeStatus s);

enum class RefundStatus { PROCESSING, SUCCESS, FAILED };
const char* status_name(RefundStatus s);

struct ErrorBody {
  std::string code;  // an AcquirerError name; unknown names are kept as text
  std::string message;
  std::int64_t retry_after_ms = 0;
};

struct ActivateRequest {
  std::string activation_code;
  std::string public_key;  // the terminal's Ed25519 key, hex
  std::string device;      // free text: model, browser
};
struct ActivateResponse {
  std::string terminal_id;
  std::string merchant_id;
  std::string merchant_name;
  std::string currency;
  std::string acquirer_public_key;  // hex
};

struct PayRequest {
  std::string out_trade_no;
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  crypto::Bytes auth_code_sealed;
  std::string description;
  std::string member_id;  // optional (is_valid_code): the loyalty member paying
  std::string reference;  // optional (is_valid_code): the ticket, room or bill paid for
};

// The acquirer's view of a payment or order: the answer to pay, query, reverse,
// create order, query order and close order.
struct Trade {
  TradeStatus status = TradeStatus::NOTPAY;
  std::string out_trade_no;
  std::string transaction_id;  // set once paid
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  std::int64_t paid_at_ms = 0;
  std::int64_t refunded_amount = 0;
  std::string reason;               // FAILED: a decline reason
  std::int64_t retry_after_ms = 0;  // NOTPAY/USERPAYING: when to ask again
  std::string code_url;             // orders: what the customer scans
  std::string emv_payload;          // orders: the same as an EMVCo MPM payload, if any
  std::int64_t expires_at_ms = 0;   // orders
  // Merchant scenarios; "" / 0 when absent. Loyalty is set on a SUCCESS trade that
  // had a member; reference and table echo the request.
  std::string member_id;
  std::int64_t points_earned = 0;   // >= 0
  std::int64_t points_balance = 0;  // >= 0
  std::string reference;
  std::string table;
  std::int64_t tip_amount = 0;  // orders: what the customer added on top of `amount`
};

// Body of reverse and close: what the terminal believes the trade is, so the
// acquirer can answer (and close) even a trade it never saw.
struct CancelRequest {
  std::int64_t amount = 0;
  std::string currency;
};

struct RefundRequest {
  std::string out_trade_no;
  std::string out_refund_no;  // idempotency key of the refund: stable across retries
  std::int64_t amount = 0;
  std::string currency;
  std::string reason;
};
struct Refund {
  RefundStatus status = RefundStatus::PROCESSING;
  std::string out_trade_no;
  std::string out_refund_no;
  std::string refund_id;
  std::int64_t amount = 0;
  std::string currency;
  std::int64_t refunded_total = 0;  // all refunds of the payment so far
  std::string reason;               // FAILED: why
  std::int64_t retry_after_ms = 0;
};

struct OrderRequest {
  std::string out_trade_no;
  std::int64_t amount = 0;
  std::string currency;
  std::string description;
  std::int64_t expires_in_ms = 0;
  std::string member_id;  // optional, as in PayRequest
  std::string reference;  // optional, as in PayRequest
  std::string table;      // optional (is_valid_table): a table's bill
};

struct DailyReportLine {
  std::string scheme;
  std::int64_t count = 0;
  std::int64_t amount = 0;
  std::int64_t refund_count = 0;
  std::int64_t refund_amount = 0;
};
struct DailyReport {
  std::string date;  // YYYY-MM-DD, the acquirer's business day
  std::string currency;
  std::vector<DailyReportLine> lines;  // one per scheme
  std::int64_t total_count = 0;
  std::int64_t total_amount = 0;
  std::int64_t refund_amount = 0;
  std::int64_t net_amount = 0;
};

// The terminal's health, sent now and then (messages_heartbeat.cpp). Text fields are
// printable ASCII; pages that show them escape them like any outside text.
struct JournalHead {
  std::int64_t seq = 0;  // >= 1
  std::string hash;      // 64 lowercase hex characters
};
struct Heartbeat {
  std::string version;                      // the terminal software, 1-32 characters
  std::string camera;                       // ok | denied | missing | lost | unknown
  std::string printer;                      // none | ready | offline | error | paper_out | unknown
  std::int64_t clock_skew_ms = 0;           // terminal minus acquirer, as the terminal last measured it
  std::int64_t unfinished = 0;              // journal records still to resume
  std::string last_error;                   // a short error code, 0-64 characters
  std::optional<JournalHead> journal_head;  // the tamper-evident journal's last entry
};
struct HeartbeatAnswer {
  std::int64_t server_time_ms = 0;
};

// A merchant code (ticket, room, bill) looked up at the acquirer (messages_lookup.cpp).
// No money moves: the terminal then pays with `reference` = the code.
struct LookupRequest {
  std::string code;  // is_valid_code
};

#define QRPOS_LOOKUP_STATUSES(X) \
  X(open)    /* payable: amount > 0 */                       \
  X(paid)    /* already paid: out_trade_no names the payment */ \
  X(unknown) /* no such code: amount 0 */

enum class LookupStatus {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_LOOKUP_STATUSES(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};
const char* status_name(LookupStatus s);
std::optional<LookupStatus> lookup_status_from_name(std::string_view name);

inline constexpr std::size_t kMaxLookupDescription = 128;  // UTF-8 bytes
struct Lookup {
  std::string code;
  LookupStatus status = LookupStatus::unknown;
  std::int64_t amount = 0;   // minor units: > 0 when open or paid, 0 when unknown
  std::string currency;      // ISO 4217 alpha; "" only when unknown
  std::string description;   // 0-kMaxLookupDescription bytes of UTF-8
  std::string out_trade_no;  // paid: the payment that paid it; "" otherwise
};

std::string to_json(const ErrorBody& m);
std::string to_json(const ActivateRequest& m);
std::string to_json(const ActivateResponse& m);
std::string to_json(const PayRequest& m);
std::string to_json(const Trade& m);
std::string to_json(const CancelRequest& m);
std::string to_json(const RefundRequest& m);
std::string to_json(const Refund& m);
std::string to_json(const OrderRequest& m);
std::string to_json(const DailyReport& m);
std::string to_json(const Heartbeat& m);
std::string to_json(const HeartbeatAnswer& m);
std::string to_json(const LookupRequest& m);
std::string to_json(const Lookup& m);

// Each parser checks types, required fields, id formats and that amounts are
// positive (malformed_message / invalid_field on failure).
Result<ErrorBody> parse_error_body(std::string_view json);
Result<ActivateRequest> parse_activate_request(std::string_view json);
Result<ActivateResponse> parse_activate_response(std::string_view json);
Result<PayRequest> parse_pay_request(std::string_view json);
Result<Trade> parse_trade(std::string_view json);
Result<CancelRequest> parse_cancel_request(std::string_view json);
Result<RefundRequest> parse_refund_request(std::string_view json);
Result<Refund> parse_refund(std::string_view json);
Result<OrderRequest> parse_order_request(std::string_view json);
Result<DailyReport> parse_daily_report(std::string_view json);
// Bounded to kMaxHeartbeatSize; invalid_field for a state outside its list.
inline constexpr std::size_t kMaxHeartbeatSize = 1024;
Result<Heartbeat> parse_heartbeat(std::string_view json);
Result<HeartbeatAnswer> parse_heartbeat_answer(std::string_view json);
// Bounded to kMaxLookupRequestSize; invalid_field for a code that is not is_valid_code.
inline constexpr std::size_t kMaxLookupRequestSize = 1024;
Result<LookupRequest> parse_lookup_request(std::string_view json);
// invalid_field when the status and the other fields disagree (see Lookup).
Result<Lookup> parse_lookup(std::string_view json);

}  // namespace qrpos::messages
