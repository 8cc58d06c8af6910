#include "qrpos/result.hpp"

namespace qrpos {

const char* error_name(ErrorCode code) {
  switch (code) {
#define QRPOS_NAME_ITEM(name) \
  case ErrorCode::name:       \
    return #name;
    QRPOS_ERRORS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
  }
  return "unknown_error";
}

}  // namespace qrpos
