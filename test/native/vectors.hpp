// Loads the JSON test vectors in test/vectors/, shared by native, wasm and web tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace qrpos::test {
nlohmann::json load_vectors(const std::string& file_name);
std::string unhex(const std::string& hex);
}  // namespace qrpos::test
