#include "qrpos/scan.hpp"

namespace qrpos::scan {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool looks_like_url(std::string_view s) {
  for (std::string_view scheme : {"https://", "http://", "weixin://", "alipays://", "alipay://"}) {
    if (starts_with(s, scheme)) return true;
  }
  return false;
}

Scan not_payable(Kind kind, const char* message_key) {
  Scan scan;
  scan.kind = kind;
  scan.message_key = message_key;
  return scan;
}

}  // namespace

const char* kind_name(Kind kind) {
  switch (kind) {
#define QRPOS_NAME_ITEM(name) \
  case Kind::name:            \
    return #name;
    QRPOS_SCAN_KINDS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
  }
  return "";
}

Scan classify(std::string_view text) {
  if (text.size() > kMaxScanLength) return not_payable(Kind::unknown, "scan.unknown");
  const std::string_view s = trim(text);
  if (auto scheme = paycode::detect_scheme(s)) {
    Scan scan;
    scan.kind = Kind::payment_code;
    scan.scheme = scheme;
    scan.code = std::string(s);
    return scan;
  }
  // EMVCo CPM payloads are base64 of BER-TLV starting 85 05 "CPV01".
  if (starts_with(s, "hQVDUFY")) {
    Scan scan;
    scan.kind = Kind::emv_cpm;
    scan.scheme = paycode::Scheme::emv_cpm;
    scan.code = std::string(s);
    return scan;
  }
  // EMVCo MPM: Payload Format Indicator "000201" first; checked fully by emv_mpm later.
  if (starts_with(s, "000201")) return not_payable(Kind::emv_mpm, "scan.merchant_code");
  if (looks_like_url(s)) return not_payable(Kind::merchant_url, "scan.merchant_code");
  return not_payable(Kind::unknown, "scan.unknown");
}

}  // namespace qrpos::scan
