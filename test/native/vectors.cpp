#include "vectors.hpp"

#include <fstream>
#include <sstream>

#include "qrpos/crypto.hpp"

namespace qrpos::test {

nlohmann::json load_vectors(const std::string& file_name) {
  std::ifstream in(std::string(QRPOS_TEST_VECTORS) + "/" + file_name);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str(), nullptr, false);
}

std::string unhex(const std::string& hex) {
  auto bytes = crypto::from_hex(hex);
  return bytes.ok() ? std::string(bytes.value().begin(), bytes.value().end()) : std::string("<bad hex>");
}

}  // namespace qrpos::test
