// qrpos::gb18030 on arbitrary bytes, read both as UTF-8 and as GB18030. Invariants
// beyond "never crashes":
//  - encode under Unmappable::fail succeeds, decode gives the text back;
//  - encode fails only at an offset inside the input, and with replacement it fails
//    exactly when it fails under Unmappable::fail for a UTF-8 reason;
//  - decode accepts only canonical codes: encode(decode(b)) == b;
//  - display_width never exceeds two columns per input byte.
//
// fuzz-max-len: 512 (longer than any receipt line or field)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "qrpos/gb18030.hpp"

namespace {

using namespace qrpos;

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void check_encode(std::string_view text) {
  const auto strict = gb18030::encode(text, {gb18030::Unmappable::fail});
  const auto lenient = gb18030::encode(text);
  if (strict.ok()) {
    require(lenient.ok() && lenient.value() == strict.value());
    const auto back = gb18030::decode(strict.value());
    require(back.ok() && back.value() == text);
  } else {
    require(strict.error().code == ErrorCode::invalid_encoding && strict.error().offset < text.size());
    // Replacing only skips unmappable characters: it fails at a UTF-8 error or not at all.
    if (!lenient.ok()) require(lenient.error().offset >= strict.error().offset);
  }
  if (lenient.ok()) {
    const auto back = gb18030::decode(lenient.value());
    require(back.ok());
  }
  require(gb18030::display_width(text) <= 2 * text.size());
}

void check_decode(std::string_view gb) {
  const auto text = gb18030::decode(gb);
  if (!text.ok()) {
    require(text.error().code == ErrorCode::invalid_encoding && text.error().offset < gb.size());
    return;
  }
  const auto again = gb18030::encode(text.value(), {gb18030::Unmappable::fail});
  require(again.ok() && again.value() == gb);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check_encode(bytes);
  check_decode(bytes);
  return 0;
}
