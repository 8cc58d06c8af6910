// tlv::parse on arbitrary bytes. Invariants: encode(parse(t)) == t, parsing that
// again gives the same tree, and the tree survives a JSON round trip.
//
// fuzz-max-len: 2200 (just past the 2,048-byte text bound)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qrpos/tlv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qrpos;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tlv::crc16(text);
  (void)tlv::count_chars(text);
  (void)tlv::from_json(text);

  auto nodes = tlv::parse(text);
  if (!nodes.ok()) return 0;
  auto encoded = tlv::encode(nodes.value());
  if (!encoded.ok() || encoded.value() != text) __builtin_trap();
  auto again = tlv::parse(encoded.value());
  if (!again.ok() || again.value() != nodes.value()) __builtin_trap();

  const std::string json = tlv::to_json(nodes.value());
  if (json.size() <= tlv::kMaxJsonBytes) {
    auto from = tlv::from_json(json);
    if (!from.ok() || from.value() != nodes.value()) __builtin_trap();
  }
  return 0;
}
