// The transaction state machine, sans I/O: step(context, state, event, now, entropy)
// returns the next state and the commands the shell must run, in order (write the
// journal before sending; send; wait; show; print). The shell feeds back answers,
// transport errors and timer ticks as events. Rules it keeps (docs/architecture.md):
// - a sale is charged at most once: one out_trade_no per sale, never a new one for an
//   unknown outcome; unknown means query, then reverse;
// - "paid" is shown only from an acquirer answer whose signature verified and which
//   names this sale's out_trade_no, amount and currency;
// - the payment code is sealed to the acquirer's key at start; only that sealed pay
//   request (while unanswered) and the code's mask are kept, never the code;
// - the state is the journal record: restore it after a crash and step a `resume`,
//   which re-sends the request that was in flight (every request is idempotent), so
//   a crash after any command ends in the same final state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "qrpos/crypto.hpp"
#include "qrpos/messages.hpp"
#include "qrpos/result.hpp"

namespace qrpos::session {

// Timing defaults, chosen from shared/facts/payments.md §2.3 where sources disagree;
// docs/protocol.md ("Timing") explains each choice.
struct Timing {
  std::int64_t request_timeout_ms = 10'000;   // one HTTP exchange
  std::int64_t first_query_after_ms = 2'000;  // after an unknown outcome
  std::int64_t query_interval_ms = 3'000;     // while the customer confirms, until slow_after_ms
  std::int64_t slow_after_ms = 30'000;
  std::int64_t slow_query_interval_ms = 5'000;
  std::int64_t pay_deadline_ms = 45'000;  // from start: then reverse
  std::int64_t backoff_first_ms = 1'000;  // reverse, close and refund retries double from here
  std::int64_t backoff_max_ms = 30'000;
  std::int64_t order_poll_ms = 2'000;
  std::int64_t order_expires_ms = 120'000;  // a shown merchant QR is closed after this
  std::int64_t order_expires_max_ms = 7'200'000;  // longest a start_order may ask for: a table's bill
  std::int64_t refund_wait_ms = 60'000;     // PROCESSING refunds are polled this long
};

// Who the terminal is: passed to every step, never stored in the state.
struct Context {
  std::string terminal_id;
  const crypto::SigningKey& key;
  crypto::PublicKey acquirer_key;
  Timing timing;
};

enum class Kind { none, pay, refund, order };

#define QRPOS_PHASES(X)                                                \
  X(idle)                                                              \
  X(paying)     /* pay / create order / refund request sent */        \
  X(polling)    /* querying until final or the deadline */            \
  X(reversing)  /* pay: reverse until final */                        \
  X(closing)    /* order: close until final */                        \
  X(done)

enum class Phase {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_PHASES(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

#define QRPOS_OUTCOMES(X)                                                        \
  X(none)                                                                        \
  X(paid)           /* verified SUCCESS */                                       \
  X(declined)       /* not charged; reason says why */                           \
  X(cancelled)      /* reversed or closed: not charged, or refunded in full */   \
  X(expired)        /* merchant QR not paid in time, closed */                   \
  X(refunded)                                                                    \
  X(refund_pending) /* accepted by the acquirer, still processing */             \
  X(refund_failed)

enum class Outcome {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_OUTCOMES(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

// What the customer and cashier should see now: a projection of the state.
#define QRPOS_SCREENS(X)                                                 \
  X(none)                                                                \
  X(processing)      /* request sent */                                  \
  X(user_confirming) /* customer confirming on the phone */              \
  X(checking)        /* outcome unknown: asking the acquirer */          \
  X(cancelling)                                                          \
  X(show_qr)         /* merchant-presented: customer scans qr_payload */ \
  X(paid)                                                                \
  X(declined)                                                            \
  X(cancelled)                                                           \
  X(expired)                                                             \
  X(refunded)                                                            \
  X(refund_pending)                                                      \
  X(refund_failed)

enum class Screen {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_SCREENS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

const char* phase_name(Phase p);
const char* outcome_name(Outcome o);
const char* screen_name(Screen s);
const char* kind_name(Kind k);

// The whole session: plain data, the journal record (qrpos/journal.hpp).
struct State {
  Kind kind = Kind::none;
  Phase phase = Phase::idle;
  Outcome outcome = Outcome::none;
  Screen screen = Screen::none;
  std::string out_trade_no;
  std::string out_refund_no;  // refunds
  std::int64_t amount = 0;
  std::string currency;
  std::string scheme;
  std::string auth_code_masked;
  std::string description;
  std::int64_t started_at_ms = 0;
  std::int64_t deadline_ms = 0;  // pay: reverse after; order: close after; refund: stop polling
  // The request in flight (none when request_id == 0) and how to recognise its answer.
  std::int64_t request_id = 0;
  std::int64_t last_request_id = 0;
  std::string request_nonce;
  std::string request_kind;  // "pay", "query", "reverse", "refund", "refund_query", "order", "order_query", "close"
  std::string request_method, request_path, request_body;  // to re-send after a restart
  std::int64_t next_at_ms = 0;  // when waiting: when to act next
  std::int64_t attempts = 0;    // of the current retried action, for backoff
  bool cancel_requested = false;
  // What the acquirer said, once verified.
  std::string transaction_id;
  std::int64_t paid_at_ms = 0;
  std::string reason;  // decline reason or error code
  std::string qr_payload;
  std::string refund_id;
  std::int64_t refunded_total = 0;
  // Merchant scenarios: from the start event, "" when not used.
  std::string member_id;  // loyalty member the sale is for
  std::string reference;  // the ticket, room or bill code paid for
  std::string table;      // order: the table whose bill this is
  // From the verified SUCCESS trade; 0 when the acquirer said nothing.
  std::int64_t points_earned = 0;
  std::int64_t points_balance = 0;
  std::int64_t tip_amount = 0;  // order: paid on top of `amount`
};

struct Event {
  enum class Type { start_pay, start_refund, start_order, answer, transport_error, timer, cancel, resume };
  Type type = Type::timer;
  // start_pay: amount, currency, auth_code (trimmed, as classified by scan), member_id, reference
  // start_refund: out_trade_no, amount, currency, description (reason)
  // start_order: amount, currency, description, member_id, reference, table, expires_in_ms
  std::int64_t amount = 0;
  std::string currency;
  std::string auth_code;
  std::string out_trade_no;
  std::string description;
  std::string member_id;  // optional: messages::is_valid_code
  std::string reference;  // optional: messages::is_valid_code
  std::string table;      // optional: messages::is_valid_table
  // 0: Timing::order_expires_ms; else at most Timing::order_expires_max_ms.
  std::int64_t expires_in_ms = 0;
  // answer / transport_error: which request
  std::int64_t request_id = 0;
  int http_status = 0;
  std::int64_t timestamp_ms = 0;
  std::string signature;
  std::string body;
  std::string transport_error;  // "timeout", "network"
};

struct Command {
  enum class Type { write_journal, send, wait_until, show, print_receipt };
  Type type = Type::show;
  // send: the signed request; the shell must answer with an answer or transport_error event
  std::int64_t request_id = 0;
  std::string method, path, body, terminal_id, nonce, signature;
  std::int64_t timestamp_ms = 0;
  std::int64_t timeout_ms = 0;
  // wait_until: the shell sends a timer event at or after this time
  std::int64_t at_ms = 0;
  // write_journal: the state to persist (journal::encode); final when the session is done
  std::string record;
  bool final = false;
  // show / print_receipt read the state they come with
};

const char* command_name(Command::Type t);

struct StepResult {
  State state;
  std::vector<Command> commands;
};

// Advances the session. Never fails: an event that does not fit the state (a stale
// answer, a second start) is ignored and returns the state unchanged with no commands,
// except that an invalid start (bad amount, unpayable code, a malformed member id,
// reference or table, an expiry out of range) ends the session declined with reason
// `invalid_request`. A pay or order for a reference the acquirer knows as paid ends
// declined with reason `reference_paid`.
StepResult step(const Context& context, const State& state, const Event& event, std::int64_t now_ms,
                crypto::Entropy& entropy);

}  // namespace qrpos::session
