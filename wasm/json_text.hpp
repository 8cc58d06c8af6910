// JSON from JavaScript, read the way the core reads it (json_util::parse_object: a
// range of chars), so the module links one instantiation of nlohmann's parser, not
// one per input type (~2 KB gzip each).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace qrpos::wasm {

// A discarded value when the text is not JSON; never throws.
inline nlohmann::json parse_json(std::string_view text) {
  return nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace qrpos::wasm
