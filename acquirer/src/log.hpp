// Structured logs: one JSON object per line on stderr, so operators can grep and
// ship them. Callers pass only what is safe to keep: masked payment codes, never
// keys, tokens, signatures or activation codes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace qrpos::acquirer {

// Writes {"time": ISO-8601 UTC, "level", "event", ...fields} as one line; thread-safe.
void log_event(std::string_view level, std::string_view event, const nlohmann::json& fields = nlohmann::json::object());

// A payment code as logs may show it: first 2 and last 4 characters, the rest '*'
// (shorter text is all '*'). Idempotent, so an already masked code stays the same.
std::string mask_code(std::string_view code);

}  // namespace qrpos::acquirer
