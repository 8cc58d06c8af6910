#include "request_log.hpp"

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "log.hpp"
#include "qrpos/protocol.hpp"

namespace qrpos::acquirer {
namespace {

// httplib gives no per-request storage: the start time rides in a header only the
// server sets (a client's value is overwritten).
constexpr const char* kStartHeader = "X-Qrpos-Started-Us";

std::int64_t steady_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

// /v1/payments/{id}..., /v1/orders/{id}...: the id in the path.
std::string number_in_path(const std::string& path) {
  for (const char* prefix : {"/v1/payments/", "/v1/orders/", "/v1/refunds/"}) {
    const std::string p(prefix);
    if (path.rfind(p, 0) == 0) return path.substr(p.size(), path.find('/', p.size()) - p.size());
  }
  return "";
}

}  // namespace

void stamp_request_start(const httplib::Request& req) {
  auto& headers = const_cast<httplib::Request&>(req).headers;
  headers.erase(kStartHeader);
  headers.emplace(kStartHeader, std::to_string(steady_us()));
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
  nlohmann::json fields = {{"method", req.method}, {"path", req.path}, {"status", res.status}};
  const std::string started = req.get_header_value(kStartHeader);
  if (!started.empty()) fields["ms"] = (steady_us() - std::stoll(started)) / 1000.0;
  const std::string terminal = req.get_header_value(protocol::kHeaderTerminal);
  if (!terminal.empty()) fields["terminal"] = terminal;
  std::string number = number_in_path(req.path);
  if (req.method == "POST" && !req.body.empty() && req.body.front() == '{') {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_object()) {
      if (number.empty() && body.contains("out_trade_no") && body["out_trade_no"].is_string()) {
        number = body["out_trade_no"].get<std::string>();
      }
      if (body.contains("auth_code_masked") && body["auth_code_masked"].is_string()) {
        fields["code"] = mask_code(body["auth_code_masked"].get<std::string>());
      }
    }
  }
  if (!number.empty()) fields["out_trade_no"] = number;
  const char* level = res.status >= 500 ? "error" : res.status >= 400 ? "warn" : "info";
  log_event(level, "request", fields);
}

}  // namespace qrpos::acquirer
