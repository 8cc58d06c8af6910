// The operator's endpoints under /admin (docs/sandbox.md "Administration"): issue
// activation codes, list terminals, switch faults. Not part of the terminal
// protocol: plain JSON, unsigned, behind `Authorization: Bearer <admin token>`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace qrpos::acquirer {

class Api;
class FaultInjector;

// `admin_token` is kept by reference (never copied into logs).
void add_admin_routes(httplib::Server& http, Api& api, const std::string& admin_token, FaultInjector& faults);

// The health page and GET /admin/health.json (admin_health.cpp).
void add_admin_health_routes(httplib::Server& http, Api& api, const std::string& admin_token);
// The journal verification page and POST /admin/journal/verify (admin_journal.cpp).
void add_admin_journal_routes(httplib::Server& http, Api& api, const std::string& admin_token);

// POST /admin/bills and GET /admin/bills.json (admin_bills.cpp).
void add_admin_bill_routes(httplib::Server& http, Api& api, const std::string& admin_token);

// Shared by the admin route files: a JSON answer, a typed error, and the Bearer check
// (which answers 401 itself when it fails).
void answer(httplib::Response& res, int status, const nlohmann::json& body);
void answer_error(httplib::Response& res, int status, const std::string& code, const std::string& message);
bool authorized(const std::string& token, const httplib::Request& req, httplib::Response& res);

}  // namespace qrpos::acquirer
