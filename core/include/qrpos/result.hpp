// Errors as values: every fallible core function returns Result<T>.
// The core never throws; the wasm build runs with exception catching off.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace qrpos {

// One source of truth for error codes: the names reach JS through the binding.
#define QRPOS_ERRORS(X)                                                         \
  X(input_too_long)      /* input longer than the parser's bound */             \
  X(invalid_amount)      /* not a positive amount in the currency's format */   \
  X(amount_too_large)    /* above the terminal's maximum */                     \
  X(unknown_currency)    /* not an ISO 4217 code we support */                  \
  X(not_payable)         /* scanned text is not a customer's payment code */    \
  X(invalid_key)         /* key or seed of the wrong size or encoding */        \
  X(invalid_encoding)    /* bad hex or base64 */                                \
  X(bad_signature)       /* signature did not verify */                         \
  X(malformed_message)   /* JSON missing, of the wrong type, or unparsable */   \
  X(crypto_failure)      /* libsodium could not initialise or seal */           \
  X(truncated)           /* TLV/EMV: a length runs past the end of the input */ \
  X(malformed)           /* TLV/EMV: not in ID-length-value form */             \
  X(format_indicator)    /* EMV: payload format indicator missing or wrong */   \
  X(crc_mismatch)        /* EMV MPM: CRC does not match the payload */          \
  X(crc_not_last)        /* EMV MPM: the CRC object is not last; none: malformed */ \
  X(duplicate_id)        /* EMV MPM: an ID appears twice at one level */        \
  X(duplicate_tag)       /* EMV CPM: a tag appears twice in one template */     \
  X(not_cpm)             /* EMV CPM: not an EMVCo consumer-presented payload */ \
  X(missing_template)    /* EMV CPM: no application template (61) */            \
  X(too_deep)            /* BER-TLV nesting beyond the bound */                 \
  X(invalid_field)       /* a field's value breaks its rule (format, length) */ \
  X(stale_timestamp)     /* protocol: outside the accepted time window */       \
  X(replayed_nonce)      /* protocol: nonce seen before */                      \
  X(unsupported_version) /* journal: record from an unknown version */          \
  X(invalid_state)       /* session: event not valid in the current state */

enum class ErrorCode {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_ERRORS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

// The stable, lower_snake_case name of a code ("bad_signature"); used in JSON and JS.
const char* error_name(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string detail;     // for developers and logs; never contains secrets
  std::size_t offset = 0; // byte offset into the input, where it applies
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(ErrorCode code, std::string detail, std::size_t offset = 0) {
  return Error{code, std::move(detail), offset};
}

}  // namespace qrpos
