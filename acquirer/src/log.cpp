#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace qrpos::acquirer {
namespace {

std::string iso_now() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t secs = system_clock::to_time_t(now);
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return text;
}

}  // namespace

std::string mask_code(std::string_view code) {
  if (code.size() <= 6) return std::string(code.size(), '*');
  return std::string(code.substr(0, 2)) + std::string(code.size() - 6, '*') + std::string(code.substr(code.size() - 4));
}

void log_event(std::string_view level, std::string_view event, const nlohmann::json& fields) {
  nlohmann::json line = {{"time", iso_now()}, {"level", level}, {"event", event}};
  if (fields.is_object()) line.update(fields);
  // Replace invalid UTF-8 instead of throwing: a log line must never fail a request.
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fputs(text.c_str(), stderr);
}

}  // namespace qrpos::acquirer
