#include "qrpos/journal.hpp"

#include "json_util.hpp"
#include "qrpos/messages.hpp"

namespace qrpos::journal {
namespace {

using json_util::get_int;
using json_util::get_string;
using json_util::json;
using session::Kind;
using session::Outcome;
using session::Phase;
using session::Screen;

template <class Enum, class NameOf>
bool enum_from_name(const std::string& name, Enum last, NameOf name_of, Enum& out) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    if (name == name_of(static_cast<Enum>(i))) {
      out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

// Field names of the record. Adding a field with a default keeps version 1; renaming
// or changing meaning needs version 2 and a migration in restore().
struct TextField {
  const char* name;
  std::string session::State::*member;
};
struct IntField {
  const char* name;
  std::int64_t session::State::*member;
};

constexpr TextField kTextFields[] = {
    {"out_trade_no", &session::State::out_trade_no},
    {"out_refund_no", &session::State::out_refund_no},
    {"currency", &session::State::currency},
    {"scheme", &session::State::scheme},
    {"auth_code_masked", &session::State::auth_code_masked},
    {"description", &session::State::description},
    {"request_nonce", &session::State::request_nonce},
    {"request_kind", &session::State::request_kind},
    {"request_method", &session::State::request_method},
    {"request_path", &session::State::request_path},
    {"request_body", &session::State::request_body},
    {"transaction_id", &session::State::transaction_id},
    {"reason", &session::State::reason},
    {"qr_payload", &session::State::qr_payload},
    {"refund_id", &session::State::refund_id},
};
constexpr IntField kIntFields[] = {
    {"amount", &session::State::amount},
    {"started_at", &session::State::started_at_ms},
    {"deadline", &session::State::deadline_ms},
    {"request_id", &session::State::request_id},
    {"last_request_id", &session::State::last_request_id},
    {"next_at", &session::State::next_at_ms},
    {"attempts", &session::State::attempts},
    {"paid_at", &session::State::paid_at_ms},
    {"refunded_total", &session::State::refunded_total},
};

// Added later in version 1: written only when set, so records of sessions that do not
// use them stay as they were, and records written before them restore as "" / 0.
constexpr TextField kOptionalTextFields[] = {
    {"member_id", &session::State::member_id},
    {"reference", &session::State::reference},
    {"table", &session::State::table},
};
constexpr IntField kOptionalIntFields[] = {
    {"points_earned", &session::State::points_earned},
    {"points_balance", &session::State::points_balance},
    {"tip_amount", &session::State::tip_amount},
};

bool scenario_fields_valid(const session::State& s) {
  return (s.member_id.empty() || messages::is_valid_code(s.member_id)) &&
         (s.reference.empty() || messages::is_valid_code(s.reference)) &&
         (s.table.empty() || messages::is_valid_table(s.table)) && s.points_earned >= 0 && s.points_balance >= 0 &&
         s.tip_amount >= 0;
}

}  // namespace

std::string encode(const session::State& s) {
  json j = {{"v", kVersion},
            {"kind", session::kind_name(s.kind)},
            {"phase", session::phase_name(s.phase)},
            {"outcome", session::outcome_name(s.outcome)},
            {"screen", session::screen_name(s.screen)},
            {"cancel_requested", s.cancel_requested}};
  for (const auto& f : kTextFields) j[f.name] = s.*(f.member);
  for (const auto& f : kIntFields) j[f.name] = s.*(f.member);
  for (const auto& f : kOptionalTextFields) {
    if (!(s.*(f.member)).empty()) j[f.name] = s.*(f.member);
  }
  for (const auto& f : kOptionalIntFields) {
    if (s.*(f.member) != 0) j[f.name] = s.*(f.member);
  }
  return json_util::to_text(j);
}

Result<session::State> restore(std::string_view record) {
  auto parsed = json_util::parse_object(record, kMaxRecordSize);
  if (!parsed.ok()) return parsed.error();
  const json& j = parsed.value();
  std::int64_t version = 0;
  if (!get_int(j, "v", version)) return json_util::malformed("record has no version");
  if (version != kVersion) return make_error(ErrorCode::unsupported_version, "journal record version not supported");

  session::State s;
  std::string kind, phase, outcome, screen;
  if (!get_string(j, "kind", kind) || !get_string(j, "phase", phase) || !get_string(j, "outcome", outcome) ||
      !get_string(j, "screen", screen)) {
    return json_util::malformed("record lacks kind, phase, outcome or screen");
  }
  if (!enum_from_name(kind, Kind::order, session::kind_name, s.kind) ||
      !enum_from_name(phase, Phase::done, session::phase_name, s.phase) ||
      !enum_from_name(outcome, Outcome::refund_failed, session::outcome_name, s.outcome) ||
      !enum_from_name(screen, Screen::refund_failed, session::screen_name, s.screen)) {
    return make_error(ErrorCode::invalid_field, "unknown kind, phase, outcome or screen");
  }
  auto cancel = j.find("cancel_requested");
  if (cancel == j.end() || !cancel->is_boolean()) return json_util::malformed("cancel_requested");
  s.cancel_requested = cancel->get<bool>();
  for (const auto& f : kTextFields) {
    if (!get_string(j, f.name, s.*(f.member))) return json_util::malformed(std::string("record lacks ") + f.name);
  }
  for (const auto& f : kIntFields) {
    if (!get_int(j, f.name, s.*(f.member))) return json_util::malformed(std::string("record lacks ") + f.name);
  }
  for (const auto& f : kOptionalTextFields) {
    if (!json_util::opt_string(j, f.name, s.*(f.member))) return json_util::malformed(std::string("bad ") + f.name);
  }
  for (const auto& f : kOptionalIntFields) {
    if (!json_util::opt_int(j, f.name, s.*(f.member))) return json_util::malformed(std::string("bad ") + f.name);
  }
  if (s.request_id < 0 || s.request_id > s.last_request_id || s.attempts < 0 || s.amount < 0 ||
      (s.kind != Kind::none && s.out_trade_no.empty()) || !scenario_fields_valid(s)) {
    return make_error(ErrorCode::invalid_field, "record fields are inconsistent");
  }
  return s;
}

}  // namespace qrpos::journal
