// The value types of common/dto.hpp, registered once in every module that uses them
// (Embind refuses a type registered twice, and each module needs its own).
#include <emscripten/bind.h>

#include "common/dto.hpp"

using namespace emscripten;
using namespace qrpos::wasm;

EMSCRIPTEN_BINDINGS(qrpos_dto) {
  value_object<ErrorDto>("ErrorDto")
      .field("code", &ErrorDto::code)
      .field("detail", &ErrorDto::detail)
      .field("offset", &ErrorDto::offset);
  value_object<TextResult>("TextResult")
      .field("ok", &TextResult::ok)
      .field("value", &TextResult::value)
      .field("error", &TextResult::error);
  value_object<NumberResult>("NumberResult")
      .field("ok", &NumberResult::ok)
      .field("value", &NumberResult::value)
      .field("error", &NumberResult::error);
}
