#include "qrpos/scan.hpp"

#include <utility>

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

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_terminal_id_char(char c) { return is_alnum(c) || c == '-'; }
bool is_out_trade_no_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }

// The index of the first character that breaks the rule, or npos when none does.
// Empty and overlong parts break it at their end.
std::size_t first_bad(std::string_view part, bool (*allowed)(char)) {
  if (part.empty()) return 0;
  for (std::size_t i = 0; i < part.size() && i < kMaxReceiptField; ++i) {
    if (!allowed(part[i])) return i;
  }
  return part.size() > kMaxReceiptField ? kMaxReceiptField : std::string_view::npos;
}

std::optional<Receipt> parse_receipt(std::string_view s) {
  s.remove_prefix(kReceiptPrefix.size());
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view terminal_id = s.substr(0, colon), out_trade_no = s.substr(colon + 1);
  if (first_bad(terminal_id, is_terminal_id_char) != std::string_view::npos ||
      first_bad(out_trade_no, is_out_trade_no_char) != std::string_view::npos) {
    return std::nullopt;
  }
  return Receipt{std::string(terminal_id), std::string(out_trade_no)};
}

Scan not_payable(Kind kind, const char* message_key) {
  Scan scan;
  scan.kind = kind;
  scan.message_key = message_key;
  return scan;
}

Scan merchant_code(Kind kind, std::string_view code, std::size_t pattern_index) {
  Scan scan;
  scan.kind = kind;
  scan.code = std::string(code);
  scan.pattern_index = pattern_index;
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

Scan classify(std::string_view text) { return classify(text, MerchantPatterns{}); }

Scan classify(std::string_view text, const MerchantPatterns& patterns) {
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
  // Our own prefix, broken anywhere after it, is unknown: never guessed into a URL or
  // some other kind, and never partly trusted.
  if (starts_with(s, kReceiptPrefix)) {
    auto receipt = parse_receipt(s);
    if (!receipt) return not_payable(Kind::unknown, "scan.unknown");
    Scan scan = not_payable(Kind::receipt, "scan.receipt");
    scan.receipt = std::move(receipt);
    return scan;
  }
  if (patterns.member && code_pattern::matches(*patterns.member, s)) return merchant_code(Kind::member, s, 0);
  for (std::size_t i = 0; i < patterns.lookups.size(); ++i) {
    if (code_pattern::matches(patterns.lookups[i], s)) return merchant_code(Kind::lookup, s, i);
  }
  // EMVCo MPM: Payload Format Indicator "000201" first; checked fully by emv_mpm later.
  if (starts_with(s, "000201")) return not_payable(Kind::emv_mpm, "scan.merchant_code");
  if (looks_like_url(s)) return not_payable(Kind::merchant_url, "scan.merchant_code");
  return not_payable(Kind::unknown, "scan.unknown");
}

Result<std::string> make_receipt_code(std::string_view terminal_id, std::string_view out_trade_no) {
  if (const auto bad = first_bad(terminal_id, is_terminal_id_char); bad != std::string_view::npos) {
    return make_error(ErrorCode::invalid_field, "terminal_id must be 1-32 of [A-Za-z0-9-]", bad);
  }
  if (const auto bad = first_bad(out_trade_no, is_out_trade_no_char); bad != std::string_view::npos) {
    return make_error(ErrorCode::invalid_field, "out_trade_no must be 1-32 of [A-Za-z0-9_-]", bad);
  }
  std::string code(kReceiptPrefix);
  code.append(terminal_id).append(1, ':').append(out_trade_no);
  return code;
}

}  // namespace qrpos::scan
