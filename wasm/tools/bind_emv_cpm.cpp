// Bindings for qrpos/emv_cpm.hpp. Applications cross as a plain JS array of plain
// objects (no Embind handles to delete); bytes as upper-case hex, like the tree.
#include <emscripten/bind.h>

#include <algorithm>

#include "common/dto.hpp"
#include "qrpos/emv_cpm.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

struct CpmApplicationDto {
  std::string aid, label, maskedPan, maskedTrack2, panLast4, expiry, cardholderName, language, issuerUrl, transparentHex;
};
struct CpmResultDto {
  bool ok = false;
  ErrorDto error;
  std::string tlvJson;
  emscripten::val applications = emscripten::val::array();
  std::string commonTransparentHex;
};

std::string upper_hex(const crypto::Bytes& bytes) {
  std::string hex = crypto::to_hex(bytes);
  std::transform(hex.begin(), hex.end(), hex.begin(), [](char c) { return c >= 'a' && c <= 'f' ? char(c - 'a' + 'A') : c; });
  return hex;
}

CpmApplicationDto to_application_dto(const emv_cpm::Application& a) {
  return {a.aid,    a.label,           a.masked_pan, a.masked_track2, a.pan_last4,
          a.expiry, a.cardholder_name, a.language,   a.issuer_url,    upper_hex(a.transparent)};
}

CpmResultDto parse_cpm(const std::string& text) {
  auto r = emv_cpm::parse_cpm(text);
  CpmResultDto dto;
  if (!r.ok()) {
    dto.error = to_dto(r.error());
    return dto;
  }
  dto.ok = true;
  dto.tlvJson = emv_cpm::to_tlv_json(r.value().tlv);
  for (const auto& a : r.value().applications) dto.applications.call<void>("push", to_application_dto(a));
  dto.commonTransparentHex = upper_hex(r.value().common_transparent);
  return dto;
}

std::string mask_pan(const std::string& pan) { return emv_cpm::mask_pan(pan); }

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_emv_cpm) {
  emscripten::value_object<CpmApplicationDto>("CpmApplicationDto")
      .field("aid", &CpmApplicationDto::aid)
      .field("label", &CpmApplicationDto::label)
      .field("maskedPan", &CpmApplicationDto::maskedPan)
      .field("maskedTrack2", &CpmApplicationDto::maskedTrack2)
      .field("panLast4", &CpmApplicationDto::panLast4)
      .field("expiry", &CpmApplicationDto::expiry)
      .field("cardholderName", &CpmApplicationDto::cardholderName)
      .field("language", &CpmApplicationDto::language)
      .field("issuerUrl", &CpmApplicationDto::issuerUrl)
      .field("transparentHex", &CpmApplicationDto::transparentHex);
  emscripten::value_object<CpmResultDto>("CpmResultDto")
      .field("ok", &CpmResultDto::ok)
      .field("error", &CpmResultDto::error)
      .field("tlvJson", &CpmResultDto::tlvJson)
      .field("applications", &CpmResultDto::applications)
      .field("commonTransparentHex", &CpmResultDto::commonTransparentHex);
  emscripten::function("parseCpm", &parse_cpm);
  emscripten::function("maskPan", &mask_pan);
}
