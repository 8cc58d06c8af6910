#include "qrpos/emv_mpm.hpp"

#include <algorithm>
#include <bitset>
#include <optional>

#include <nlohmann/json.hpp>

namespace qrpos::emv_mpm {
namespace {

using tlv::Node;

std::optional<Error> invalid(std::string detail) { return make_error(ErrorCode::invalid_field, std::move(detail)); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

bool is_digits(std::string_view s, std::size_t n) { return s.size() == n && std::all_of(s.begin(), s.end(), is_digit); }

// EMV Book 4's common character set: the printable ASCII range.
bool is_ans(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// 0-99 for a two-digit ID, -1 for anything else.
int id_number(std::string_view id) {
  return id.size() == 2 && is_digit(id[0]) && is_digit(id[1]) ? (id[0] - '0') * 10 + (id[1] - '0') : -1;
}

// §4.2 ID 54: "98.73", "98" and "98." are valid; "98,73" and "3 705" are not; never zero.
bool is_amount(std::string_view s) {
  if (s.empty() || s.size() > kMaxAmountChars || std::count(s.begin(), s.end(), '.') > 1) return false;
  bool non_zero = false;
  for (char c : s) {
    if (c != '.' && !is_digit(c)) return false;
    non_zero = non_zero || (c >= '1' && c <= '9');
  }
  return non_zero;
}

// §4.2 ID 57: a percentage from 00.01 to 99.99, without '%'.
bool is_percentage(std::string_view s) {
  if (!is_amount(s) || s.size() > kMaxPercentageChars) return false;
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::size_t decimals = dot == std::string_view::npos ? 0 : s.size() - dot - 1;
  int value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  return decimals <= 2 && value <= 99;
}

bool is_consumer_data_request(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] != 'A' && s[i] != 'M' && s[i] != 'E') || s.find(s[i]) != i) return false;
  }
  return true;
}

const Node* find(const std::vector<Node>& nodes, std::string_view id) {
  for (const Node& n : nodes) {
    if (n.id == id) return &n;
  }
  return nullptr;
}

// Sub-IDs 01-09 of the additional data template, with their JSON keys.
struct AdditionalSlot {
  const char* id;
  const char* key;
  std::string AdditionalData::*field;
};
const AdditionalSlot kAdditionalSlots[] = {
    {"01", "billNumber", &AdditionalData::bill_number},
    {"02", "mobileNumber", &AdditionalData::mobile_number},
    {"03", "storeLabel", &AdditionalData::store_label},
    {"04", "loyaltyNumber", &AdditionalData::loyalty_number},
    {"05", "referenceLabel", &AdditionalData::reference_label},
    {"06", "customerLabel", &AdditionalData::customer_label},
    {"07", "terminalLabel", &AdditionalData::terminal_label},
    {"08", "purpose", &AdditionalData::purpose},
    {"09", "consumerDataRequest", &AdditionalData::consumer_data_request},
};

// IDs that are not two digits are left to tlv::encode to reject.
std::optional<Error> find_duplicate(const std::vector<Node>& nodes) {
  std::bitset<100> seen;
  for (const Node& n : nodes) {
    const int id = id_number(n.id);
    if (id < 0) continue;
    if (seen[id]) return make_error(ErrorCode::duplicate_id, "ID " + n.id + " appears twice");
    seen[id] = true;
    if (auto dup = find_duplicate(n.children)) return dup;
  }
  return std::nullopt;
}

// `strict` is build_payload's mode: the spec's length limits and character set.
std::optional<Error> check_text(std::string_view value, const char* id, std::size_t max_chars, bool strict,
                                bool ans = true) {
  if (!strict) return std::nullopt;
  const auto chars = tlv::count_chars(value);
  if (!chars || *chars > max_chars || (ans && !is_ans(value))) {
    return invalid(std::string("ID ") + id + ": at most " + std::to_string(max_chars) +
                   (ans ? " printable ASCII characters" : " characters"));
  }
  return std::nullopt;
}

std::optional<Error> check_gui_template(const Node& node, bool strict) {
  if (!node.is_template) return invalid("ID " + node.id + " must be a template");
  const Node* gui = find(node.children, "00");
  if (!gui || gui->is_template) return invalid("template " + node.id + " lacks its GUI (00)");
  return check_text(gui->value, "00 (GUI)", kMaxGuiChars, strict);
}

std::optional<Error> check_accounts(const MerchantCode& c, bool strict) {
  for (const Node& n : c.merchant_accounts) {
    const int id = id_number(n.id);
    if (id < 2 || id > 51 || id == 15) return invalid("merchant account IDs are 02-51 except 15 (unionpay_id)");
    if (id >= 26) {
      if (auto e = check_gui_template(n, strict)) return e;
    } else if (n.is_template) {
      return invalid("merchant account " + n.id + " must be a primitive");
    } else if (auto e = check_text(n.value, n.id.c_str(), tlv::kMaxValueChars, strict)) {
      return e;
    }
  }
  if (c.merchant_accounts.empty() && c.unionpay_id.empty()) {
    return invalid("no merchant account information (IDs 02-51)");
  }
  if (!c.unionpay_id.empty()) return check_text(c.unionpay_id, "15", tlv::kMaxValueChars, strict);
  return std::nullopt;
}

std::optional<Error> check_amounts(const MerchantCode& c) {
  if (!is_digits(c.mcc, 4)) return invalid("ID 52 (MCC) must be 4 digits");
  if (!is_digits(c.currency, 3)) return invalid("ID 53 (currency) must be 3 digits");
  if (!c.amount.empty() && !is_amount(c.amount)) return invalid("ID 54 (amount) is not a non-zero decimal");
  const bool fixed = c.tip == Tip::fixed_fee, percentage = c.tip == Tip::percentage_fee;
  if (fixed != !c.fee_fixed.empty()) return invalid("ID 56 (fixed fee) goes with 55 = 02 only");
  if (percentage != !c.fee_percentage.empty()) return invalid("ID 57 (fee percentage) goes with 55 = 03 only");
  if (fixed && !is_amount(c.fee_fixed)) return invalid("ID 56 (fixed fee) is not a non-zero decimal");
  if (percentage && !is_percentage(c.fee_percentage)) return invalid("ID 57 (fee percentage) is not 00.01-99.99");
  return std::nullopt;
}

std::optional<Error> check_merchant(const MerchantCode& c, bool strict) {
  if (c.country.size() != 2 || !is_upper(c.country[0]) || !is_upper(c.country[1])) {
    return invalid("ID 58 (country) must be two upper-case letters");
  }
  if (c.merchant_name.empty()) return invalid("ID 59 (merchant name) is missing");
  if (c.merchant_city.empty()) return invalid("ID 60 (merchant city) is missing");
  if (auto e = check_text(c.merchant_name, "59", kMaxNameChars, strict)) return e;
  if (auto e = check_text(c.merchant_city, "60", kMaxCityChars, strict)) return e;
  if (auto e = check_text(c.postal_code, "61", kMaxPostalCodeChars, strict)) return e;
  for (const AdditionalSlot& slot : kAdditionalSlots) {
    if (auto e = check_text(c.additional.*slot.field, slot.id, kMaxAdditionalChars, strict)) return e;
  }
  const std::string& request = c.additional.consumer_data_request;
  if (!request.empty() && !is_consumer_data_request(request)) {
    return invalid("ID 62/09 is letters A, M, E, each at most once");
  }
  const AlternateLanguage& alt = c.alternate;
  if (!alt.language.empty() || !alt.name.empty() || !alt.city.empty()) {
    if (alt.language.size() != 2 || !is_letter(alt.language[0]) || !is_letter(alt.language[1])) {
      return invalid("ID 64/00 (language) must be two letters");
    }
    if (alt.name.empty()) return invalid("ID 64/01 (alternate name) is missing");
    if (auto e = check_text(alt.name, "64/01", kMaxNameChars, strict, false)) return e;
    if (auto e = check_text(alt.city, "64/02", kMaxCityChars, strict, false)) return e;
  }
  for (const Node& n : c.unreserved) {
    if (id_number(n.id) < 80) return invalid("unreserved template IDs are 80-99");
    if (auto e = check_gui_template(n, strict)) return e;
  }
  return std::nullopt;
}

std::optional<Error> check_fields(const MerchantCode& c, bool strict) {
  if (auto e = check_accounts(c, strict)) return e;
  if (auto e = check_amounts(c)) return e;
  return check_merchant(c, strict);
}

// Reads the root objects into `c`; their rules are checked afterwards, in one place.
std::optional<Error> read_fields(const std::vector<Node>& objects, MerchantCode& c) {
  c.initiation = Initiation::unspecified;
  for (const Node& n : objects) {
    const int id = id_number(n.id);
    const std::string& v = n.value;
    if (id == 1) {
      if (v != "11" && v != "12") return invalid("ID 01 (point of initiation) must be 11 or 12");
      c.initiation = v == "11" ? Initiation::static_code : Initiation::dynamic_code;
    } else if (id == 15) {
      c.unionpay_id = v;
    } else if (id >= 2 && id <= 51) {
      c.merchant_accounts.push_back(n);
    } else if (id == 55) {
      if (v != "01" && v != "02" && v != "03") return invalid("ID 55 (tip indicator) must be 01, 02 or 03");
      c.tip = v == "01" ? Tip::prompt : v == "02" ? Tip::fixed_fee : Tip::percentage_fee;
    } else if (id == 62) {
      for (const Node& child : n.children) {
        for (const AdditionalSlot& slot : kAdditionalSlots) {
          if (child.id == slot.id) c.additional.*slot.field = child.value;
        }
        if (child.is_template) {
          if (auto e = check_gui_template(child, false)) return e;
        }
      }
    } else if (id == 64) {
      const Node* language = find(n.children, "00");
      const Node* name = find(n.children, "01");
      const Node* city = find(n.children, "02");
      if (!language || !name) return invalid("ID 64 must hold a language (00) and a name (01)");
      c.alternate = {language->value, name->value, city ? city->value : std::string()};
    } else if (id >= 80) {
      c.unreserved.push_back(n);
    } else {
      std::string* field = id == 52   ? &c.mcc
                           : id == 53 ? &c.currency
                           : id == 54 ? &c.amount
                           : id == 56 ? &c.fee_fixed
                           : id == 57 ? &c.fee_percentage
                           : id == 58 ? &c.country
                           : id == 59 ? &c.merchant_name
                           : id == 60 ? &c.merchant_city
                           : id == 61 ? &c.postal_code
                                      : nullptr;  // 00 and 63 checked already; 65-79 RFU
      if (field) *field = v;
    }
  }
  return std::nullopt;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool is_hex4(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
           return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
         });
}

void sort_by_id(std::vector<Node>& nodes) {
  std::stable_sort(nodes.begin(), nodes.end(), [](const Node& a, const Node& b) { return a.id < b.id; });
}

// With JSON_NOEXCEPTION a type mismatch inside nlohmann aborts, so every value's type
// is checked before it is read.
using Json = nlohmann::json;

Error bad_json(std::string detail) { return make_error(ErrorCode::malformed_message, std::move(detail)); }

template <class Enum>
std::optional<Error> read_enum(const Json& j, const char* key, const char* (*name)(Enum), Enum last, Enum& out) {
  if (j.is_string()) {
    for (int i = 0; i <= static_cast<int>(last); ++i) {
      if (j.get<std::string>() == name(static_cast<Enum>(i))) {
        out = static_cast<Enum>(i);
        return std::nullopt;
      }
    }
  }
  return bad_json(std::string(key) + " is not one of its names");
}

struct TextKey {
  const char* key;
  std::string MerchantCode::*field;
};
const TextKey kTextKeys[] = {
    {"unionpayId", &MerchantCode::unionpay_id},     {"mcc", &MerchantCode::mcc},
    {"currency", &MerchantCode::currency},          {"amount", &MerchantCode::amount},
    {"feeFixed", &MerchantCode::fee_fixed},         {"feePercentage", &MerchantCode::fee_percentage},
    {"countryCode", &MerchantCode::country},        {"merchantName", &MerchantCode::merchant_name},
    {"merchantCity", &MerchantCode::merchant_city}, {"postalCode", &MerchantCode::postal_code},
};

std::string* text_field(const std::string& key, MerchantCode& c) {
  for (const TextKey& k : kTextKeys) {
    if (key == k.key) return &(c.*k.field);
  }
  for (const AdditionalSlot& slot : kAdditionalSlots) {
    if (key == slot.key) return &(c.additional.*slot.field);
  }
  if (key == "language") return &c.alternate.language;
  if (key == "alternateName") return &c.alternate.name;
  if (key == "alternateCity") return &c.alternate.city;
  return nullptr;
}

std::optional<Error> read_key(const std::string& key, const Json& value, MerchantCode& c) {
  if (key == "pointOfInitiation") {
    return read_enum(value, "pointOfInitiation", initiation_name, Initiation::dynamic_code, c.initiation);
  }
  if (key == "tipMode") return read_enum(value, "tipMode", tip_name, Tip::percentage_fee, c.tip);
  if (key == "merchantAccounts" || key == "unreserved") {
    // Re-serialised for tlv::from_json: small, as the whole input is bounded.
    auto nodes = tlv::from_json(value.dump(-1, ' ', false, Json::error_handler_t::replace));
    if (!nodes.ok()) return nodes.error();
    (key == "unreserved" ? c.unreserved : c.merchant_accounts) = std::move(nodes).value();
    return std::nullopt;
  }
  std::string* field = text_field(key, c);
  if (!field) return bad_json("unknown key " + key);
  if (!value.is_string()) return bad_json(key + " must be a string");
  *field = value.get<std::string>();
  return std::nullopt;
}

}  // namespace

const char* initiation_name(Initiation initiation) {
  switch (initiation) {
#define QRPOS_NAME_ITEM(name) \
  case Initiation::name:      \
    return #name;
    QRPOS_MPM_INITIATIONS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
  }
  return "";
}

const char* tip_name(Tip tip) {
  switch (tip) {
#define QRPOS_NAME_ITEM(name) \
  case Tip::name:             \
    return #name;
    QRPOS_MPM_TIPS(QRPOS_NAME_ITEM)
#undef QRPOS_NAME_ITEM
  }
  return "";
}

std::string crc_hex(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::uint16_t crc = tlv::crc16(text);
  return {kHex[crc >> 12], kHex[(crc >> 8) & 0xF], kHex[(crc >> 4) & 0xF], kHex[crc & 0xF]};
}

Result<Payload> parse_payload(std::string_view text) {
  // Bytes first, so nothing longer is even read; then characters, counted as lead
  // bytes (UTF-8 itself is validated by tlv::parse).
  const auto is_lead = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; };
  if (text.size() > tlv::kMaxTextBytes ||
      static_cast<std::size_t>(std::count_if(text.begin(), text.end(), is_lead)) > kMaxPayloadChars) {
    return make_error(ErrorCode::input_too_long, "payload over 512 characters");
  }
  if (text.empty()) return make_error(ErrorCode::truncated, "empty payload");
  auto parsed = tlv::parse(text);
  if (!parsed.ok()) return parsed.error();
  Payload p;
  p.objects = std::move(parsed).value();
  const std::vector<Node>& objects = p.objects;

  if (objects.front().id != "00" || objects.front().value != "01") {
    return make_error(ErrorCode::format_indicator, "payload must start with 000201");
  }
  // A text without any CRC object is not an MPM payload at all; one with a CRC that
  // is not last was cut or tampered with.
  const auto crc = std::find_if(objects.begin(), objects.end(), [](const Node& n) { return n.id == "63"; });
  if (crc == objects.end()) return make_error(ErrorCode::malformed, "no CRC object (63)");
  if (crc + 1 != objects.end()) return make_error(ErrorCode::crc_not_last, "an object follows the CRC");
  if (!is_hex4(crc->value)) return make_error(ErrorCode::crc_mismatch, "CRC must be 4 hex digits", text.size());
  // The CRC's 4 ASCII digits are the text's last 4 bytes.
  p.crc = crc_hex(text.substr(0, text.size() - 4));
  if (upper(crc->value) != p.crc) return make_error(ErrorCode::crc_mismatch, "CRC does not match", text.size() - 4);

  if (auto dup = find_duplicate(objects)) return *dup;
  if (auto e = read_fields(objects, p.fields)) return *e;
  if (auto e = check_fields(p.fields, false)) return *e;
  return p;
}

Result<std::string> encode_payload(const std::vector<Node>& objects) {
  std::vector<Node> body = objects;
  if (!body.empty() && body.back().id == "63") body.pop_back();
  if (find(body, "63")) return make_error(ErrorCode::crc_not_last, "an object follows the CRC");
  auto text = tlv::encode(body);
  if (!text.ok()) return text.error();
  std::string out = std::move(text).value() + "6304";
  out += crc_hex(out);
  if (tlv::count_chars(out).value_or(0) > kMaxPayloadChars) {
    return make_error(ErrorCode::input_too_long, "payload over 512 characters");
  }
  return out;
}

Result<std::string> build_payload(const MerchantCode& c) {
  if (auto e = check_fields(c, true)) return *e;
  std::vector<Node> objects{Node::primitive("00", "01")};
  if (c.initiation != Initiation::unspecified) {
    objects.push_back(Node::primitive("01", c.initiation == Initiation::static_code ? "11" : "12"));
  }
  for (std::vector<Node> group : {c.merchant_accounts, c.unreserved}) {
    for (Node& n : group) {
      sort_by_id(n.children);
      objects.push_back(std::move(n));
    }
  }
  const auto add = [&objects](const char* id, const std::string& value) {
    if (!value.empty()) objects.push_back(Node::primitive(id, value));
  };
  add("15", c.unionpay_id);
  add("52", c.mcc);
  add("53", c.currency);
  add("54", c.amount);
  if (c.tip != Tip::none) add("55", c.tip == Tip::prompt ? "01" : c.tip == Tip::fixed_fee ? "02" : "03");
  add("56", c.fee_fixed);
  add("57", c.fee_percentage);
  add("58", c.country);
  add("59", c.merchant_name);
  add("60", c.merchant_city);
  add("61", c.postal_code);
  std::vector<Node> additional;
  for (const AdditionalSlot& slot : kAdditionalSlots) {
    if (!(c.additional.*slot.field).empty()) additional.push_back(Node::primitive(slot.id, c.additional.*slot.field));
  }
  if (!additional.empty()) objects.push_back(Node::templated("62", std::move(additional)));
  if (!c.alternate.language.empty()) {
    std::vector<Node> alt{Node::primitive("00", c.alternate.language), Node::primitive("01", c.alternate.name)};
    if (!c.alternate.city.empty()) alt.push_back(Node::primitive("02", c.alternate.city));
    objects.push_back(Node::templated("64", std::move(alt)));
  }
  sort_by_id(objects);
  if (auto dup = find_duplicate(objects)) return *dup;
  return encode_payload(objects);
}

Result<MerchantCode> merchant_code_from_json(std::string_view json) {
  if (json.size() > tlv::kMaxJsonBytes) return make_error(ErrorCode::input_too_long, "JSON over 16 KiB");
  const Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return bad_json("expected a JSON object");
  MerchantCode c;
  for (const auto& [key, value] : j.items()) {
    if (auto e = read_key(key, value, c)) return *e;
  }
  return c;
}

}  // namespace qrpos::emv_mpm
