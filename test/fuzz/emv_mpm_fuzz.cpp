// emv_mpm on arbitrary bytes. Text starting '{' is a builder input (MpmInput JSON):
// whatever builds must parse, and build the same again from its parsed fields.
// Anything else is a scanned payload: whatever parses must re-encode to itself (CRC
// in upper case) and parse to the same tree; its fields, if they build, round-trip.
//
// fuzz-max-len: 640 (just past the 512-character payload bound)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "qrpos/emv_mpm.hpp"

namespace {

using namespace qrpos;

// A built code parses, and its parsed fields build the identical code.
void check_built(const std::string& built) {
  auto parsed = emv_mpm::parse_payload(built);
  if (!parsed.ok()) __builtin_trap();
  auto again = emv_mpm::build_payload(parsed.value().fields);
  if (!again.ok() || again.value() != built) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] == '{') {
    auto code = emv_mpm::merchant_code_from_json(text);
    if (!code.ok()) return 0;
    auto built = emv_mpm::build_payload(code.value());
    if (built.ok()) check_built(built.value());
    return 0;
  }

  auto payload = emv_mpm::parse_payload(text);
  if (!payload.ok()) return 0;
  const emv_mpm::Payload& p = payload.value();
  std::string expected(text);
  expected.replace(expected.size() - 4, 4, p.crc);
  auto encoded = emv_mpm::encode_payload(p.objects);
  if (!encoded.ok() || encoded.value() != expected) __builtin_trap();
  auto again = emv_mpm::parse_payload(encoded.value());
  if (!again.ok() || again.value().crc != p.crc || again.value().objects.size() != p.objects.size()) __builtin_trap();
  for (std::size_t i = 0; i + 1 < p.objects.size(); ++i) {
    if (again.value().objects[i] != p.objects[i]) __builtin_trap();
  }

  auto built = emv_mpm::build_payload(p.fields);
  if (built.ok()) check_built(built.value());
  return 0;
}
