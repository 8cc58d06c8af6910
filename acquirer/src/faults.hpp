// Fault injection (docs/sandbox.md "Fault injection"): the network and server
// failures a terminal must survive, switchable at run time (PUT /admin/faults) or at
// start (--fault). Each fault applies to requests whose path starts with its scope,
// fires with a probability, and stops after `count` firings (or never, count 0).
// Admin paths are never faulted, so a test can always switch faults off.
// Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace qrpos::acquirer {

class Api;

#define QRPOS_FAULT_KINDS(X)                                                      \
  X(latency)                 /* wait `ms` before processing */                    \
  X(drop_after_commit)       /* process fully, then close without the answer */   \
  X(server_error)            /* signed 500 / 503 without processing */            \
  X(reset_before_processing) /* close the connection without processing */        \
  X(corrupt_signature)       /* process, then flip one byte of Qrpos-Signature */ \
  X(stale_response)          /* process, then answer the path's previous answer */

enum class FaultKind {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_FAULT_KINDS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};

struct Fault {
  FaultKind kind = FaultKind::latency;
  std::string path = "/v1/";  // scope: requests whose path starts with this
  std::int64_t count = 0;     // firings left; 0: unlimited
  double probability = 1.0;   // chance to fire on each request in scope
  std::int64_t ms = 0;        // latency
  int status = 503;           // server_error: 500 or 503
};

// {"kind": "latency", "ms": 2000, "path": "/v1/", "count": 1, "probability": 1}
std::optional<Fault> fault_from_json(const nlohmann::json& j, std::string& error);
nlohmann::json to_json(const Fault& fault);
// The --fault form: "kind[=value][,path=P][,count=N][,probability=F]", the value
// being latency's ms or server_error's status: "latency=2000,path=/v1/payments".
std::optional<Fault> parse_fault_spec(std::string_view spec, std::string& error);

class FaultInjector {
 public:
  void set(std::vector<Fault> faults);
  std::vector<Fault> list();
  // The faults that fire for one request to `path`, their counts spent.
  std::vector<Fault> draw(std::string_view path);

  // Genuine answers by "METHOD path", for stale_response.
  struct SentAnswer {
    int status = 0;
    std::string timestamp, signature, body;
  };
  std::optional<SentAnswer> previous_answer(const std::string& key);
  void remember_answer(const std::string& key, SentAnswer answer);

 private:
  std::mutex mutex_;
  std::vector<Fault> faults_;
  std::map<std::string, SentAnswer> answers_;
};

// The injector's two hooks, for httplib's pre- and post-routing handlers: true
// from apply_faults_before when a fault answered (or aborted) the request itself.
bool apply_faults_before(Api& api, FaultInjector& faults, const httplib::Request& req, httplib::Response& res);
void apply_faults_after(FaultInjector& faults, const httplib::Request& req, httplib::Response& res);

}  // namespace qrpos::acquirer
