// One-time activation codes (docs/protocol.md "Activate a terminal"): 12 digits,
// shown as 1234-5678-9012 so a person can type them, single use, with an expiry.
// The ledger keeps only a keyed hash of each code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ledger.hpp"

namespace httplib {
class Server;
}

namespace qrpos::acquirer {

class Api;

inline constexpr std::size_t kActivationCodeDigits = 12;
inline constexpr std::int64_t kDefaultActivationValidHours = 24;
inline constexpr std::int64_t kMaxActivationValidHours = 30 * 24;

// The 12 digits of a code typed with or without dashes and spaces; nullopt otherwise.
std::optional<std::string> normalize_activation_code(std::string_view typed);
// "123456789012" -> "1234-5678-9012".
std::string format_activation_code(std::string_view digits);
// What the ledger stores for a code: keyed with the acquirer's fingerprint secret.
std::string activation_code_hash(std::string_view fingerprint_key, std::string_view digits);

struct ActivationCodeRequest {
  std::string merchant_name;  // 1-64 bytes
  std::string merchant_id;    // optional: by default derived from the name, so a shop's terminals share it
  std::string currency = "CNY";
  std::int64_t valid_hours = kDefaultActivationValidHours;
};

struct IssuedActivationCode {
  std::string code;  // formatted with dashes: show it once, it is not stored
  ActivationCode stored;
};

// Checks the request, draws a fresh code and stores its hash. On a bad request
// returns nullopt with `error` saying what is wrong (one line).
std::optional<IssuedActivationCode> issue_activation_code(Ledger& ledger, std::string_view fingerprint_key,
                                                          const ActivationCodeRequest& request, std::int64_t now_ms,
                                                          std::string& error);

// POST /v1/terminals/activate.
void add_activation_routes(httplib::Server& http, Api& api);

}  // namespace qrpos::acquirer
