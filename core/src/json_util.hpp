// Private to core/src: reading untrusted JSON without exceptions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "qrpos/result.hpp"

namespace qrpos::json_util {

using nlohmann::json;

constexpr std::size_t kMaxJsonSize = 16 * 1024;

// Invalid UTF-8 from the outside is replaced, never a reason to abort.
inline std::string to_text(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

inline Error malformed(std::string detail) { return make_error(ErrorCode::malformed_message, std::move(detail)); }

// json::parse(first, last, nullptr, false) without the exceptions, and without the
// second, callback-filtering parser json::parse links even when no callback is given
// (~1 KB gzip of the wasm core). wasm/json_text.hpp holds the same lines, so the
// module links one parser. Discarded when the text is not exactly one JSON value.
inline json parse_text(std::string_view text) {
  json j;
  nlohmann::detail::json_sax_dom_parser<json> dom(j, /*allow_exceptions_=*/false);
  auto input = nlohmann::detail::input_adapter(text.begin(), text.end());
  nlohmann::detail::parser<json, decltype(input)> parser(std::move(input), nullptr, /*allow_exceptions_=*/false);
  if (!parser.sax_parse(&dom, /*strict=*/true) || dom.is_errored()) return json(json::value_t::discarded);
  return j;
}

// A discarded value means "not JSON"; non-objects are refused too.
inline Result<json> parse_object(std::string_view text, std::size_t max_size = kMaxJsonSize) {
  if (text.size() > max_size) return make_error(ErrorCode::input_too_long, "body too large");
  json j = parse_text(text);
  if (j.is_discarded() || !j.is_object()) return malformed("body is not a JSON object");
  return j;
}

inline bool get_string(const json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

inline bool get_int(const json& j, const char* key, std::int64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  out = it->get<std::int64_t>();
  return true;
}

// Optional fields: absent is fine, present with the wrong type is not.
inline bool opt_string(const json& j, const char* key, std::string& out) {
  return j.find(key) == j.end() || get_string(j, key, out);
}
inline bool opt_int(const json& j, const char* key, std::int64_t& out) {
  return j.find(key) == j.end() || get_int(j, key, out);
}

}  // namespace qrpos::json_util
