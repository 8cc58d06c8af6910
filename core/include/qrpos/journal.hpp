// Journal records: a session's State as versioned JSON, written by the shell to
// durable storage before every request leaves (the write_journal command) and read
// back after a crash or reload. restore() + a `resume` event continue the session
// exactly where it stopped. A record never contains a key or a payment code in clear:
// while a pay request is unanswered it holds that request's body, in which the code
// is sealed to the acquirer's key (only the acquirer can open it).
#pragma once

#include <string>
#include <string_view>

#include "qrpos/result.hpp"
#include "qrpos/session.hpp"

namespace qrpos::journal {

// The record format written now. Older versions are migrated on restore.
constexpr int kVersion = 1;
// Records larger than this are refused on restore.
constexpr std::size_t kMaxRecordSize = 8 * 1024;

std::string encode(const session::State& state);

// The state in `record`: unsupported_version for a newer or unknown format,
// malformed_message / invalid_field for anything that is not a record we wrote.
Result<session::State> restore(std::string_view record);

}  // namespace qrpos::journal
