// The heartbeat body and its answer (messages.hpp), apart from the payment messages:
// only the tools module and the acquirer need them, not the kiosk's boot core.
#include <algorithm>
#include <array>

#include "json_util.hpp"
#include "qrpos/messages.hpp"

namespace qrpos::messages {
namespace {

using json_util::get_int;
using json_util::get_string;
using json_util::json;
using json_util::malformed;

constexpr std::size_t kMaxVersion = 32;
constexpr std::size_t kMaxLastError = 64;
// Beyond this a count or skew is nonsense, and past 2^53 JavaScript would round it.
constexpr std::int64_t kMaxMagnitude = 1'000'000'000'000'000;

constexpr std::array<const char*, 5> kCameraStates = {"ok", "denied", "missing", "lost", "unknown"};
constexpr std::array<const char*, 6> kPrinterStates = {"none", "ready", "offline", "error", "paper_out", "unknown"};

Error invalid(std::string detail) { return make_error(ErrorCode::invalid_field, std::move(detail)); }

template <std::size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) { return value == name; });
}

// Printable ASCII only: no control characters or markup-breaking surprises in logs,
// and nothing that needs a font on the admin page.
bool printable(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

bool lower_hex(const std::string& s, std::size_t size) {
  return s.size() == size &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Result<JournalHead> parse_journal_head(const json& j) {
  JournalHead head;
  if (!j.is_object() || !get_int(j, "seq", head.seq) || !get_string(j, "hash", head.hash)) {
    return malformed("journal_head needs seq and hash");
  }
  if (head.seq < 1 || head.seq > kMaxMagnitude) return invalid("journal_head.seq must be at least 1");
  if (!lower_hex(head.hash, 64)) return invalid("journal_head.hash must be 64 lowercase hex characters");
  return head;
}

}  // namespace

std::string to_json(const Heartbeat& m) {
  json j = {{"version", m.version},       {"camera", m.camera},
            {"printer", m.printer},       {"clock_skew_ms", m.clock_skew_ms},
            {"unfinished", m.unfinished}, {"last_error", m.last_error}};
  if (m.journal_head) j["journal_head"] = {{"seq", m.journal_head->seq}, {"hash", m.journal_head->hash}};
  return json_util::to_text(j);
}

std::string to_json(const HeartbeatAnswer& m) { return json_util::to_text({{"server_time_ms", m.server_time_ms}}); }

Result<Heartbeat> parse_heartbeat(std::string_view text) {
  auto parsed = json_util::parse_object(text, kMaxHeartbeatSize);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  Heartbeat m;
  if (!get_string(j, "version", m.version) || !get_string(j, "camera", m.camera) ||
      !get_string(j, "printer", m.printer) || !get_int(j, "clock_skew_ms", m.clock_skew_ms) ||
      !get_int(j, "unfinished", m.unfinished) || !get_string(j, "last_error", m.last_error)) {
    return malformed("heartbeat needs version, camera, printer, clock_skew_ms, unfinished and last_error");
  }
  if (m.version.empty() || m.version.size() > kMaxVersion || !printable(m.version)) {
    return invalid("version must be 1-32 printable characters");
  }
  if (!one_of(m.camera, kCameraStates)) return invalid("camera must be ok, denied, missing, lost or unknown");
  if (!one_of(m.printer, kPrinterStates)) {
    return invalid("printer must be none, ready, offline, error, paper_out or unknown");
  }
  if (m.clock_skew_ms < -kMaxMagnitude || m.clock_skew_ms > kMaxMagnitude) return invalid("clock_skew_ms too large");
  if (m.unfinished < 0 || m.unfinished > kMaxMagnitude) return invalid("unfinished must be a count");
  if (m.last_error.size() > kMaxLastError || !printable(m.last_error)) {
    return invalid("last_error must be at most 64 printable characters");
  }
  if (auto it = j.find("journal_head"); it != j.end() && !it->is_null()) {
    auto head = parse_journal_head(*it);
    if (!head.ok()) return head.error();
    m.journal_head = head.value();
  }
  return m;
}

Result<HeartbeatAnswer> parse_heartbeat_answer(std::string_view text) {
  auto parsed = json_util::parse_object(text);
  if (!parsed.ok()) return parsed.error();
  HeartbeatAnswer m;
  if (!get_int(parsed.value(), "server_time_ms", m.server_time_ms)) return malformed("server_time_ms is required");
  if (m.server_time_ms <= 0) return invalid("server_time_ms must be positive");
  return m;
}

}  // namespace qrpos::messages
