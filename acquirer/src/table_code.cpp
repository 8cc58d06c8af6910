#include "table_code.hpp"

#include <limits>

#include "qrpos/money.hpp"

namespace qrpos::acquirer {
namespace {

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_id(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s) {
    if (!id_char(c)) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Digits with at most one '.', at most `max` characters: the shape of EMV 56 and 57.
bool is_decimal(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  int dots = 0;
  bool digit = false;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      return false;
    }
  }
  return dots <= 1 && digit;
}

// The value of `key` in a query string ("a=1&b=2"); "" when absent. Values in our
// own links need no percent-decoding (digits and '.').
std::string_view query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key) return pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

// "http(s)://host[:port]/t/<terminal>/<table>[?query]": the table page on any origin.
std::optional<TableLink> read_url(std::string_view url) {
  std::size_t scheme = 0;
  if (url.substr(0, 7) == "http://") {
    scheme = 7;
  } else if (url.substr(0, 8) == "https://") {
    scheme = 8;
  } else {
    return std::nullopt;
  }
  const auto slash = url.find('/', scheme);
  if (slash == std::string_view::npos || slash == scheme) return std::nullopt;
  for (char c : url.substr(scheme, slash - scheme)) {
    if (!(id_char(c) || c == '.' || c == ':' || c == '[' || c == ']')) return std::nullopt;
  }
  std::string_view rest = url.substr(slash);
  std::string_view query;
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (rest.substr(0, 3) != "/t/") return std::nullopt;
  rest.remove_prefix(3);
  const auto sep = rest.find('/');
  if (sep == std::string_view::npos) return std::nullopt;
  TableLink link;
  const std::string_view terminal = rest.substr(0, sep);
  const std::string_view table = rest.substr(sep + 1);
  if (!is_id(terminal, 32) || !is_id(table, 16)) return std::nullopt;
  link.terminal_id = std::string(terminal);
  link.table = std::string(table);
  link.tip = tip_rule_from_query(query_value(query, "tip"), query_value(query, "fee"), query_value(query, "pct"));
  return link;
}

std::optional<TableLink> read_mpm(std::string_view text) {
  auto parsed = emv_mpm::parse_payload(text);
  if (!parsed.ok()) return std::nullopt;
  const emv_mpm::MerchantCode& code = parsed.value().fields;
  for (const auto& account : code.merchant_accounts) {
    for (const auto& child : account.children) {
      if (child.id != "01") continue;
      auto link = read_url(child.value);
      if (!link) continue;
      // The payload's own tip objects say what the printed code asks for.
      if (code.tip != emv_mpm::Tip::none) link->tip = {code.tip, code.fee_fixed, code.fee_percentage};
      if (link->tip.mode == emv_mpm::Tip::fixed_fee && !is_decimal(link->tip.fee, 13)) link->tip = {};
      if (link->tip.mode == emv_mpm::Tip::percentage_fee && !percent_of(1, link->tip.pct)) link->tip = {};
      return link;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<TableLink> read_table_code(std::string_view scanned) {
  if (scanned.size() > kMaxScannedChars) return std::nullopt;
  const std::string_view text = trim(scanned);
  if (text.substr(0, 6) == "000201") return read_mpm(text);
  return read_url(text);
}

TipRule tip_rule_from_query(std::string_view tip, std::string_view fee, std::string_view pct) {
  if (tip == "01") return {emv_mpm::Tip::prompt, "", ""};
  if (tip == "02" && is_decimal(fee, 13)) return {emv_mpm::Tip::fixed_fee, std::string(fee), ""};
  if (tip == "03" && percent_of(1, pct)) return {emv_mpm::Tip::percentage_fee, "", std::string(pct)};
  return {};
}

std::string table_path(const TableLink& link) {
  std::string path = "/t/" + link.terminal_id + "/" + link.table;
  switch (link.tip.mode) {
    case emv_mpm::Tip::prompt:
      path += "?tip=01";
      break;
    case emv_mpm::Tip::fixed_fee:
      path += "?tip=02&fee=" + link.tip.fee;
      break;
    case emv_mpm::Tip::percentage_fee:
      path += "?tip=03&pct=" + link.tip.pct;
      break;
    case emv_mpm::Tip::none:
      break;
  }
  return path;
}

std::optional<std::int64_t> percent_of(std::int64_t amount, std::string_view pct_text) {
  // The protocol does not cap amounts: keep amount * 9999 + 5000 inside int64.
  if (amount < 0 || amount > (std::numeric_limits<std::int64_t>::max() - 5000) / 9999) return std::nullopt;
  if (!is_decimal(pct_text, 5)) return std::nullopt;
  // Hundredths of a percent, exactly: "10.00" -> 1000, "7.5" -> 750, "12" -> 1200.
  std::int64_t hundredths = 0;
  int decimals = -1;
  for (char c : pct_text) {
    if (c == '.') {
      decimals = 0;
      continue;
    }
    if (decimals >= 2) return std::nullopt;
    hundredths = hundredths * 10 + (c - '0');
    if (decimals >= 0) ++decimals;
  }
  for (int d = decimals < 0 ? 0 : decimals; d < 2; ++d) hundredths *= 10;
  if (hundredths < 1 || hundredths > 9999) return std::nullopt;
  return (amount * hundredths + 5000) / 10000;
}

std::int64_t tip_for(const TipRule& rule, std::int64_t amount, const std::string& currency) {
  if (rule.mode == emv_mpm::Tip::percentage_fee) return percent_of(amount, rule.pct).value_or(0);
  if (rule.mode != emv_mpm::Tip::fixed_fee) return 0;
  const auto c = money::find_currency(currency);
  if (!c) return 0;
  auto fee = money::parse_emv_amount(rule.fee, *c);
  return fee.ok() ? fee.value() : 0;
}

}  // namespace qrpos::acquirer
