#include "admin.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "activation.hpp"
#include "api.hpp"
#include "faults.hpp"
#include "log.hpp"

namespace qrpos::acquirer {

using nlohmann::json;

void answer(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

void answer_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  answer(res, status, json{{"error", {{"code", code}, {"message", message}}}});
}

bool authorized(const std::string& token, const httplib::Request& req, httplib::Response& res) {
  const std::string given = req.get_header_value("Authorization");
  const std::string expected = "Bearer " + token;
  if (crypto::equal_constant_time(given, expected)) return true;
  answer_error(res, 401, "admin_unauthorized",
               "send Authorization: Bearer <admin token> (see the acquirer's start log)");
  return false;
}

namespace {

std::optional<json> parse_body(const httplib::Request& req, httplib::Response& res) {
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    answer_error(res, 400, "malformed_message", "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

void issue_code(Api& api, const httplib::Request& req, httplib::Response& res) {
  auto body = parse_body(req, res);
  if (!body) return;
  ActivationCodeRequest request;
  try {
    request.merchant_name = body->value("merchant_name", "");
    request.merchant_id = body->value("merchant_id", "");
    request.currency = body->value("currency", "CNY");
    request.valid_hours = body->value("valid_hours", kDefaultActivationValidHours);
  } catch (const json::exception&) {
    return answer_error(res, 400, "malformed_message",
                        "merchant_name, merchant_id and currency are strings, valid_hours an integer");
  }
  std::string error;
  auto issued = issue_activation_code(api.ledger, api.fingerprint_key, request, api.now_ms(), error);
  if (!issued) return answer_error(res, 400, "malformed_message", error);
  log_event("info", "activation_code_issued", {{"merchant_id", issued->stored.merchant_id}});
  answer(res, 201,
         json{{"activation_code", issued->code},
              {"merchant_id", issued->stored.merchant_id},
              {"merchant_name", issued->stored.merchant_name},
              {"currency", issued->stored.currency},
              {"expires_at", issued->stored.expires_at_ms}});
}

void list_terminals(Api& api, httplib::Response& res) {
  json list = json::array();
  for (const auto& t : api.ledger.list_terminals()) {
    list.push_back({{"terminal_id", t.terminal_id},
                    {"merchant_id", t.merchant_id},
                    {"merchant_name", t.merchant_name},
                    {"currency", t.currency},
                    {"device", t.device},
                    {"public_key", t.public_key_hex},
                    {"created_at", t.created_at_ms}});
  }
  answer(res, 200, json{{"terminals", list}});
}

json faults_json(FaultInjector& faults) {
  json list = json::array();
  for (const auto& f : faults.list()) list.push_back(to_json(f));
  return json{{"faults", list}};
}

// PUT replaces the whole set: what the caller sends is what is active.
void put_faults(FaultInjector& faults, const httplib::Request& req, httplib::Response& res) {
  auto body = parse_body(req, res);
  if (!body) return;
  if (!body->contains("faults") || !(*body)["faults"].is_array()) {
    return answer_error(res, 400, "malformed_message", "send {\"faults\": [...]} ([] switches all off)");
  }
  std::vector<Fault> next;
  for (const auto& item : (*body)["faults"]) {
    std::string error;
    auto f = fault_from_json(item, error);
    if (!f) return answer_error(res, 400, "malformed_message", error);
    next.push_back(*f);
  }
  faults.set(std::move(next));
  log_event("info", "faults_set", {{"count", faults.list().size()}});
  answer(res, 200, faults_json(faults));
}

}  // namespace

void add_admin_routes(httplib::Server& http, Api& api, const std::string& admin_token, FaultInjector& faults) {
  http.Post("/admin/activation-codes", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) issue_code(api, req, res);
  });
  http.Get("/admin/terminals", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) list_terminals(api, res);
  });
  // The same report a terminal gets, for reconciliation from the back office (npm run reconcile).
  http.Get("/admin/reports/daily", [&api, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(admin_token, req, res)) return;
    auto report = daily_report_for(api, req.get_param_value("terminal"), req.get_param_value("date"), api.now_ms());
    if (!report) return answer_error(res, 400, "malformed_message", "date must be YYYY-MM-DD (China time)");
    res.status = 200;
    res.set_content(messages::to_json(*report), "application/json");
  });
  http.Get("/admin/faults", [&faults, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) answer(res, 200, faults_json(faults));
  });
  http.Put("/admin/faults", [&faults, &admin_token](const httplib::Request& req, httplib::Response& res) {
    if (authorized(admin_token, req, res)) put_faults(faults, req, res);
  });
  add_admin_health_routes(http, api, admin_token);
  add_admin_journal_routes(http, api, admin_token);
  add_admin_bill_routes(http, api, admin_token);
}

}  // namespace qrpos::acquirer
