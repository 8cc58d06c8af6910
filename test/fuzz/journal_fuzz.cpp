// journal::restore on arbitrary records. Invariant: a restored state re-encodes to a
// record that restores to the same state.
//
// fuzz-max-len: 9216 (just past the 8 KB record bound)
#include <cstdint>
#include <string>

#include "qrpos/journal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string record(reinterpret_cast<const char*>(data), size);
  auto state = qrpos::journal::restore(record);
  if (!state.ok()) return 0;
  const std::string encoded = qrpos::journal::encode(state.value());
  auto again = qrpos::journal::restore(encoded);
  if (!again.ok() || qrpos::journal::encode(again.value()) != encoded) __builtin_trap();
  return 0;
}
