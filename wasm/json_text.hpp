// JSON from JavaScript, read the way the core reads it (json_util::parse_text: a
// range of chars, DOM parser only), so the module links one instantiation of
// nlohmann's parser, not one per input type (~2 KB gzip each).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace qrpos::wasm {

// A discarded value when the text is not JSON; never throws. The same lines as
// core/src/json_util.hpp parse_text (DOM parser only: json::parse would also link the
// callback-filtering one).
inline nlohmann::json parse_json(std::string_view text) {
  using nlohmann::json;
  json j;
  nlohmann::detail::json_sax_dom_parser<json> dom(j, /*allow_exceptions_=*/false);
  auto input = nlohmann::detail::input_adapter(text.begin(), text.end());
  nlohmann::detail::parser<json, decltype(input)> parser(std::move(input), nullptr, /*allow_exceptions_=*/false);
  if (!parser.sax_parse(&dom, /*strict=*/true) || dom.is_errored()) return json(json::value_t::discarded);
  return j;
}

}  // namespace qrpos::wasm
