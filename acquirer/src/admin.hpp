// The operator's endpoints under /admin (docs/sandbox.md "Administration"): issue
// activation codes, list terminals, switch faults. Not part of the terminal
// protocol: plain JSON, unsigned, behind `Authorization: Bearer <admin token>`.
#pragma once

#include <string>

namespace httplib {
class Server;
}

namespace qrpos::acquirer {

class Api;
class FaultInjector;

// `admin_token` is kept by reference (never copied into logs).
void add_admin_routes(httplib::Server& http, Api& api, const std::string& admin_token, FaultInjector& faults);

}  // namespace qrpos::acquirer
