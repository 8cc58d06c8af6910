#include "faults.hpp"

#include <httplib.h>
#include <sodium.h>

#include <cstdlib>

#include "api.hpp"
#include "log.hpp"
#include "qrpos/protocol.hpp"

namespace qrpos::acquirer {
namespace {

namespace proto = qrpos::protocol;
using nlohmann::json;

constexpr const char* kKindNames[] = {
#define QRPOS_NAME_ITEM(name) #name,
    QRPOS_FAULT_KINDS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
};

std::optional<FaultKind> kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kKindNames); ++i) {
    if (name == kKindNames[i]) return static_cast<FaultKind>(i);
  }
  return std::nullopt;
}

constexpr std::size_t kMaxRememberedAnswers = 1024;
constexpr const char* kAfterHeader = "X-Qrpos-Fault-After";

bool fires(double probability) {
  if (probability >= 1.0) return true;
  return randombytes_uniform(1'000'000) < static_cast<std::uint32_t>(probability * 1'000'000);
}

// httplib 0.11 closes the connection when a content provider returns false: the
// client gets at most the status line and headers, never a complete answer.
void abort_connection(httplib::Response& res, std::size_t announced_length) {
  res.body.clear();
  res.headers.erase("Content-Length");
  res.headers.erase("Content-Type");  // set_content_provider sets its own
  res.set_content_provider(announced_length, "application/json",
                           [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
}

std::string corrupt(const std::string& signature_b64) {
  auto bytes = crypto::from_base64(signature_b64);
  if (!bytes.ok() || bytes.value().empty()) return signature_b64 + "A";
  auto raw = bytes.value();
  raw[raw.size() / 2] ^= 0x01;
  return crypto::to_base64(raw);
}

// httplib's set_header adds another header of that name; answers need one.
void replace_header(httplib::Response& res, const std::string& name, const std::string& value) {
  res.headers.erase(name);
  res.set_header(name, value);
}

bool faultable(const std::string& path) { return path.rfind("/admin", 0) != 0; }

}  // namespace

std::optional<Fault> fault_from_json(const json& j, std::string& error) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
    error = "a fault is an object with a \"kind\"";
    return std::nullopt;
  }
  Fault f;
  auto kind = kind_from_name(j["kind"].get<std::string>());
  if (!kind) {
    error = "unknown fault kind: " + j["kind"].get<std::string>();
    return std::nullopt;
  }
  f.kind = *kind;
  if (j.contains("path")) {
    if (!j["path"].is_string() || j["path"].get<std::string>().empty() || j["path"].get<std::string>()[0] != '/') {
      error = "path must start with /";
      return std::nullopt;
    }
    f.path = j["path"].get<std::string>();
  }
  auto integer = [&](const char* name, std::int64_t& out, std::int64_t lo, std::int64_t hi) {
    if (!j.contains(name)) return true;
    if (!j[name].is_number_integer() || j[name].get<std::int64_t>() < lo || j[name].get<std::int64_t>() > hi) {
      error = std::string(name) + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
      return false;
    }
    out = j[name].get<std::int64_t>();
    return true;
  };
  std::int64_t status = f.status;
  if (!integer("count", f.count, 0, 1'000'000) || !integer("ms", f.ms, 0, 120'000) ||
      !integer("status", status, 500, 503)) {
    return std::nullopt;
  }
  if (status != 500 && status != 503) {
    error = "status must be 500 or 503";
    return std::nullopt;
  }
  f.status = static_cast<int>(status);
  if (j.contains("probability")) {
    if (!j["probability"].is_number() || j["probability"].get<double>() <= 0 || j["probability"].get<double>() > 1) {
      error = "probability must be a number in (0, 1]";
      return std::nullopt;
    }
    f.probability = j["probability"].get<double>();
  }
  if (f.kind == FaultKind::latency && f.ms == 0) {
    error = "latency needs ms (e.g. latency=2000)";
    return std::nullopt;
  }
  return f;
}

json to_json(const Fault& f) {
  json j = {{"kind", kKindNames[static_cast<int>(f.kind)]},
            {"path", f.path},
            {"count", f.count},
            {"probability", f.probability}};
  if (f.kind == FaultKind::latency) j["ms"] = f.ms;
  if (f.kind == FaultKind::server_error) j["status"] = f.status;
  return j;
}

std::optional<Fault> parse_fault_spec(std::string_view spec, std::string& error) {
  // Turn the flag into the JSON form so both share one set of checks.
  json j = json::object();
  bool first = true;
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const std::string_view part = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    const auto eq = part.find('=');
    const std::string key(part.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? "" : std::string(part.substr(eq + 1));
    if (first) {
      j["kind"] = key;
      if (eq != std::string_view::npos) {
        char* end = nullptr;
        const long long n = std::strtoll(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0') {
          error = key + "= takes a whole number (latency's ms, server_error's status)";
          return std::nullopt;
        }
        j[key == "server_error" ? "status" : "ms"] = n;
      }
      first = false;
    } else if (key == "path") {
      j["path"] = value;
    } else if (key == "count" || key == "ms" || key == "status") {
      char* end = nullptr;
      const long long n = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') {
        error = key + " must be a whole number";
        return std::nullopt;
      }
      j[key] = n;
    } else if (key == "probability") {
      char* end = nullptr;
      const double p = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0') {
        error = "probability must be a number";
        return std::nullopt;
      }
      j["probability"] = p;
    } else {
      error = "unknown fault option: " + key;
      return std::nullopt;
    }
  }
  return fault_from_json(j, error);
}

void FaultInjector::set(std::vector<Fault> faults) {
  std::lock_guard lock(mutex_);
  faults_ = std::move(faults);
}

std::vector<Fault> FaultInjector::list() {
  std::lock_guard lock(mutex_);
  return faults_;
}

std::vector<Fault> FaultInjector::draw(std::string_view path) {
  std::lock_guard lock(mutex_);
  std::vector<Fault> fired;
  for (auto it = faults_.begin(); it != faults_.end();) {
    if (path.rfind(it->path, 0) == 0 && fires(it->probability)) {
      fired.push_back(*it);
      if (it->count > 0 && --it->count == 0) {
        it = faults_.erase(it);
        continue;
      }
    }
    ++it;
  }
  return fired;
}

std::optional<FaultInjector::SentAnswer> FaultInjector::previous_answer(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = answers_.find(key);
  if (it == answers_.end()) return std::nullopt;
  return it->second;
}

void FaultInjector::remember_answer(const std::string& key, SentAnswer answer) {
  std::lock_guard lock(mutex_);
  // Query paths carry ids: bound the memory a long run spends on stale answers.
  if (answers_.size() >= kMaxRememberedAnswers && answers_.count(key) == 0) answers_.erase(answers_.begin());
  answers_[key] = std::move(answer);
}

// Faults drawn before processing that act after it are carried to apply_faults_after
// in a request header only we set (httplib gives no per-request storage).
bool apply_faults_before(Api& api, FaultInjector& faults, const httplib::Request& req, httplib::Response& res) {
  auto& headers = const_cast<httplib::Request&>(req).headers;
  headers.erase(kAfterHeader);  // ours alone: a client cannot ask for faults with it
  if (!faultable(req.path)) return false;
  std::string after;
  for (const auto& f : faults.draw(req.path)) {
    const char* name = kKindNames[static_cast<int>(f.kind)];
    log_event("warn", "fault_injected", {{"fault", name}, {"path", req.path}});
    switch (f.kind) {
      case FaultKind::latency:
        api.pause(f.ms);
        break;
      case FaultKind::server_error:
        api.reply_error(
            res, f.status == 500 ? messages::AcquirerError::internal_error : messages::AcquirerError::unavailable,
            req.get_header_value(proto::kHeaderNonce), "fault injected: the request was not processed");
        return true;
      case FaultKind::reset_before_processing:
        // Only the head can get out; let it at least not claim success.
        res.status = 503;
        abort_connection(res, 1);
        return true;
      case FaultKind::drop_after_commit:
      case FaultKind::corrupt_signature:
      case FaultKind::stale_response:
        after += std::string(name) + ",";
        break;
    }
  }
  if (!after.empty()) headers.emplace(kAfterHeader, after);
  return false;
}

void apply_faults_after(FaultInjector& faults, const httplib::Request& req, httplib::Response& res) {
  if (!faultable(req.path) || res.content_provider_) return;
  const std::string after = req.get_header_value(kAfterHeader);
  auto marked = [&after](FaultKind k) {
    return after.find(std::string(kKindNames[static_cast<int>(k)]) + ",") != std::string::npos;
  };
  const std::string key = req.method + " " + req.path;
  const FaultInjector::SentAnswer genuine{res.status, res.get_header_value(proto::kHeaderTimestamp),
                                          res.get_header_value(proto::kHeaderSignature), res.body};
  if (marked(FaultKind::stale_response)) {
    if (auto old = faults.previous_answer(key)) {
      res.status = old->status;
      replace_header(res, proto::kHeaderTimestamp, old->timestamp);
      replace_header(res, proto::kHeaderSignature, old->signature);
      res.body = old->body;
      replace_header(res, "Content-Length", std::to_string(old->body.size()));
    }
  }
  // Only signed (protocol) answers are worth replaying.
  if (!genuine.signature.empty()) faults.remember_answer(key, genuine);
  if (marked(FaultKind::corrupt_signature) && res.has_header(proto::kHeaderSignature)) {
    replace_header(res, proto::kHeaderSignature, corrupt(res.get_header_value(proto::kHeaderSignature)));
  }
  if (marked(FaultKind::drop_after_commit)) {
    const std::size_t length = res.body.size() + 1;
    abort_connection(res, length);
    // httplib sized the answer before this hook: announce a body that never comes,
    // so the client sees a broken answer rather than an empty one.
    replace_header(res, "Content-Length", std::to_string(length));
  }
}

}  // namespace qrpos::acquirer
