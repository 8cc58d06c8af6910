#include "qrpos/emv_cpm.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace qrpos::emv_cpm {
namespace {

using Nodes = std::vector<Node>;
using MaybeError = std::optional<Error>;

constexpr std::uint32_t kFormatIndicator = 0x85, kAppTemplate = 0x61, kCommonTemplate = 0x62;
constexpr std::uint32_t kAppTransparent = 0x63, kCommonTransparent = 0x64;
constexpr std::uint32_t kAid = 0x4F, kLabel = 0x50, kTrack2 = 0x57, kPan = 0x5A, kName = 0x5F20,
                        kExpiry = 0x5F24, kLanguage = 0x5F2D, kIssuerUrl = 0x5F50, kLast4 = 0x9F25;
constexpr std::size_t kMaxTagBytes = 4;
constexpr std::size_t kMinPanDigits = 8, kMaxPanDigits = 19;  // ISO/IEC 7812-1

bool is_transparent(std::uint32_t tag) { return tag == kAppTransparent || tag == kCommonTransparent; }

std::string upper_hex(const crypto::Bytes& bytes) {
  std::string hex = crypto::to_hex(bytes);
  std::transform(hex.begin(), hex.end(), hex.begin(), [](char c) { return c >= 'a' && c <= 'f' ? char(c - 'a' + 'A') : c; });
  return hex;
}

// The first tag byte is never 00, so the tag's bytes are the number without leading zero bytes.
std::string tag_hex(std::uint32_t tag) {
  crypto::Bytes bytes;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto b = static_cast<std::uint8_t>(tag >> shift);
    if (b != 0 || !bytes.empty()) bytes.push_back(b);
  }
  return upper_hex(bytes);
}

// Objects in [pos, end) of `in`; `depth` counts the constructed objects around them.
MaybeError parse_objects(const crypto::Bytes& in, std::size_t pos, std::size_t end, int depth, Nodes& out) {
  while (pos < end) {
    Node node;
    node.offset = pos;
    const std::uint8_t first = in[pos++];
    // ISO/IEC 7816-4 forbids 00 and FF as first tag bytes; EMV lets cards pad with 00,
    // but a CPM payload is generated in one piece and §5 allows no padding.
    if (first == 0x00 || first == 0xFF) return make_error(ErrorCode::malformed, "tag byte 00 or FF", node.offset);
    node.tag = first;
    node.constructed = (first & 0x20) != 0;
    if ((first & 0x1F) == 0x1F) {
      std::size_t tag_bytes = 1;
      std::uint8_t b = 0;
      do {
        if (pos >= end) return make_error(ErrorCode::truncated, "tag runs past the end", node.offset);
        b = in[pos++];
        // A leading zero in the tag number would give one tag two encodings.
        if (tag_bytes == 1 && (b & 0x7F) == 0) return make_error(ErrorCode::malformed, "tag number padded", node.offset);
        if (++tag_bytes > kMaxTagBytes) return make_error(ErrorCode::malformed, "tag over 4 bytes", node.offset);
        node.tag = (node.tag << 8) | b;
      } while ((b & 0x80) != 0);
    }
    if (pos >= end) return make_error(ErrorCode::truncated, "length missing", node.offset);
    std::size_t length = in[pos++];
    if (length == 0x80) return make_error(ErrorCode::malformed, "indefinite length", pos - 1);
    if (length > 0x80) {
      const std::size_t count = length & 0x7F;
      if (count > 2) return make_error(ErrorCode::malformed, "length field over 2 bytes", pos - 1);
      if (end - pos < count) return make_error(ErrorCode::truncated, "length runs past the end", node.offset);
      length = 0;
      for (std::size_t i = 0; i < count; ++i) length = (length << 8) | in[pos++];
    }
    if (length > end - pos) return make_error(ErrorCode::truncated, "value runs past the end", node.offset);
    node.value.assign(in.begin() + static_cast<std::ptrdiff_t>(pos), in.begin() + static_cast<std::ptrdiff_t>(pos + length));
    if (node.constructed) {
      MaybeError inner = depth + 1 > kMaxDepth
                             ? MaybeError(make_error(ErrorCode::too_deep, "nested too deep", node.offset))
                             : parse_objects(in, pos, pos + length, depth + 1, node.children);
      if (inner) {
        // 63/64 go to the issuer as they are; the POI must not reject what it may not read.
        if (!is_transparent(node.tag)) return inner;
        node.children.clear();
        node.opaque = true;
      }
    }
    pos += length;
    out.push_back(std::move(node));
  }
  return std::nullopt;
}

const Node* find(const Nodes& nodes, std::uint32_t tag) {
  for (const Node& n : nodes) {
    if (n.tag == tag) return &n;
  }
  return nullptr;
}

// The earliest repeat of a tag among `nodes`; `allowed_61` is how often 61 may occur.
MaybeError check_unique(const Nodes& nodes, std::size_t allowed_61) {
  std::vector<std::pair<std::uint32_t, std::size_t>> tags;
  tags.reserve(nodes.size());
  for (const Node& n : nodes) tags.emplace_back(n.tag, n.offset);
  std::sort(tags.begin(), tags.end());
  std::optional<std::size_t> repeat;
  for (std::size_t i = 1; i < tags.size(); ++i) {
    const std::size_t allowed = tags[i].first == kAppTemplate ? allowed_61 : 1;
    if (i >= allowed && tags[i].first == tags[i - allowed].first) repeat = std::min(repeat.value_or(tags[i].second), tags[i].second);
  }
  if (repeat) return make_error(ErrorCode::duplicate_tag, "tag repeated in one template", *repeat);
  for (const Node& n : nodes) {
    if (!n.constructed || n.opaque || is_transparent(n.tag)) continue;
    if (auto e = check_unique(n.children, 1)) return e;
  }
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }
bool valid_month(std::string_view mm) { return mm >= "01" && mm <= "12"; }

bool is_text(const crypto::Bytes& v, std::size_t min, std::size_t max) {
  return v.size() >= min && v.size() <= max && std::all_of(v.begin(), v.end(), [](std::uint8_t c) { return c >= 0x20 && c <= 0x7E; });
}

// 5A (cn): the PAN digits, left-justified, padded with trailing F nibbles.
std::optional<std::string> pan_digits(const crypto::Bytes& v) {
  std::string hex = upper_hex(v);
  while (!hex.empty() && hex.back() == 'F') hex.pop_back();
  if (hex.size() < kMinPanDigits || hex.size() > kMaxPanDigits || !all_digits(hex)) return std::nullopt;
  return hex;
}

struct Track2 {
  std::string pan;
  std::string rest;  // after the 'D' separator, F pad removed: YYMM, service code, discretionary
};

std::optional<Track2> track2_fields(const crypto::Bytes& v) {
  if (v.size() > 19) return std::nullopt;
  std::string hex = upper_hex(v);
  const std::size_t d = hex.find('D');
  if (d == std::string::npos || d < kMinPanDigits || d > kMaxPanDigits) return std::nullopt;
  Track2 t{hex.substr(0, d), hex.substr(d + 1)};
  if (!t.rest.empty() && t.rest.back() == 'F') t.rest.pop_back();
  if (!all_digits(t.pan) || !all_digits(t.rest) || t.rest.size() < 7 || !valid_month(t.rest.substr(2, 2))) return std::nullopt;
  return t;
}

bool valid_date(const crypto::Bytes& v) {  // 5F24: n6 YYMMDD
  const std::string s = upper_hex(v);
  return v.size() == 3 && all_digits(s) && valid_month(s.substr(2, 2)) && s.substr(4, 2) >= "01" && s.substr(4, 2) <= "31";
}

bool valid_language(const crypto::Bytes& v) {  // 5F2D: an, 1-4 two-letter codes
  return v.size() >= 2 && v.size() <= 8 && v.size() % 2 == 0 &&
         std::all_of(v.begin(), v.end(), [](std::uint8_t c) {
           return is_digit(static_cast<char>(c)) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

// The formats of the fields this module reads, wherever they appear in 61 or 62.
MaybeError check_fields(const Node& tmpl) {
  for (const Node& n : tmpl.children) {
    const crypto::Bytes& v = n.value;
    bool ok = true;
    switch (n.tag) {
      case kAid: ok = v.size() >= 5 && v.size() <= 16; break;
      case kLabel: ok = is_text(v, 1, 16); break;
      case kTrack2: ok = track2_fields(v).has_value(); break;
      case kPan: ok = v.size() <= 10 && pan_digits(v).has_value(); break;
      case kName: ok = is_text(v, 2, 26); break;
      case kExpiry: ok = valid_date(v); break;
      case kLanguage: ok = valid_language(v); break;
      case kIssuerUrl: ok = is_text(v, 1, kMaxTextLength); break;
      case kLast4: ok = v.size() == 2 && all_digits(upper_hex(v)); break;
      default: break;
    }
    if (!ok) return make_error(ErrorCode::invalid_field, "tag " + tag_hex(n.tag) + " breaks its format", n.offset);
  }
  return std::nullopt;
}

std::string_view text_view(const crypto::Bytes& v) { return {reinterpret_cast<const char*>(v.data()), v.size()}; }

// Root order, then the per-template rules. `size` is the decoded length, for "missing" offsets.
MaybeError check_layout(const Nodes& root, std::size_t size) {
  if (root.empty() || root[0].tag != kFormatIndicator || text_view(root[0].value) != "CPV01") {
    return make_error(ErrorCode::format_indicator, "first object must be 85 \"CPV01\"", 0);
  }
  if (auto e = check_unique(root, 2)) return e;
  const auto apps = static_cast<std::size_t>(
      std::count_if(root.begin(), root.end(), [](const Node& n) { return n.tag == kAppTemplate; }));
  if (apps == 0) {
    return make_error(ErrorCode::missing_template, "no application template 61", root.size() > 1 ? root[1].offset : size);
  }
  // Every 61 is counted, so once positions 1..apps hold 61s no other can follow.
  for (std::size_t i = 1; i < root.size(); ++i) {
    const bool in_place = i <= apps ? root[i].tag == kAppTemplate : root[i].tag != kCommonTemplate || i == apps + 1;
    if (!in_place) return make_error(ErrorCode::malformed, "61 and 62 must follow 85", root[i].offset);
  }
  const Node* common = find(root, kCommonTemplate);
  if (common) {
    if (auto e = check_fields(*common)) return e;
  }
  auto has = [&](const Node& app, std::uint32_t tag) {
    return find(app.children, tag) != nullptr || (common && find(common->children, tag) != nullptr);
  };
  for (std::size_t i = 1; i <= apps; ++i) {
    const Node& app = root[i];
    if (auto e = check_fields(app)) return e;
    if (!find(app.children, kAid)) return make_error(ErrorCode::invalid_field, "61 without 4F", app.offset);
    for (std::size_t k = 0; common && k < common->children.size(); ++k) {
      const Node& n = common->children[k];
      if (!n.constructed && find(app.children, n.tag)) {
        return make_error(ErrorCode::duplicate_tag, "one primitive in both 61 and 62", n.offset);
      }
    }
    if (!has(app, kTrack2) && !has(app, kPan)) return make_error(ErrorCode::invalid_field, "neither 57 nor 5A", app.offset);
  }
  return std::nullopt;
}

std::string text_of(const Node* n) { return n ? std::string(n->value.begin(), n->value.end()) : std::string(); }

// Fields were checked by check_layout; an app's own 61 first, then the common 62.
Application make_application(const Node& app, const Node* common) {
  auto get = [&](std::uint32_t tag) {
    const Node* n = find(app.children, tag);
    return n || !common ? n : find(common->children, tag);
  };
  Application a;
  a.aid = upper_hex(get(kAid)->value);
  a.label = text_of(get(kLabel));
  a.cardholder_name = text_of(get(kName));
  a.language = text_of(get(kLanguage));
  a.issuer_url = text_of(get(kIssuerUrl));
  if (const Node* last4 = get(kLast4)) a.pan_last4 = upper_hex(last4->value);
  if (const Node* t = find(app.children, kAppTransparent)) a.transparent = t->value;
  if (const Node* t2 = get(kTrack2)) {
    const Track2 t = *track2_fields(t2->value);
    a.masked_pan = mask_pan(t.pan);
    a.masked_track2 = a.masked_pan + "D" + std::string(t.rest.size(), '*');
    a.expiry = t.rest.substr(0, 4);
  }
  if (const Node* pan = get(kPan)) a.masked_pan = mask_pan(*pan_digits(pan->value));
  if (const Node* date = get(kExpiry)) a.expiry = upper_hex(date->value).substr(0, 4);
  return a;
}

nlohmann::json node_json(const Node& n) {
  nlohmann::json j;
  j["tag"] = tag_hex(n.tag);
  if (n.constructed && !n.opaque) {
    nlohmann::json children = nlohmann::json::array();
    for (const Node& c : n.children) children.push_back(node_json(c));
    j["children"] = std::move(children);
  } else {
    j["hex"] = upper_hex(n.value);
  }
  return j;
}

}  // namespace

Result<std::vector<Node>> parse_tlv(const crypto::Bytes& bytes) {
  Nodes nodes;
  if (auto e = parse_objects(bytes, 0, bytes.size(), 0, nodes)) return *e;
  return nodes;
}

Result<Payload> parse_cpm(std::string_view text) {
  if (text.size() > kMaxTextLength) return make_error(ErrorCode::input_too_long, "CPM text too long", kMaxTextLength);
  if (text.substr(0, kCpmPrefix.size()) != kCpmPrefix) return make_error(ErrorCode::not_cpm, "does not start with 85 05 CPV");
  auto bytes = crypto::from_base64(text);
  if (!bytes.ok()) return make_error(ErrorCode::malformed, "not padded standard base64", bytes.error().offset);
  auto tree = parse_tlv(bytes.value());
  if (!tree.ok()) return tree.error();
  Payload p;
  p.tlv = std::move(tree).value();
  if (auto e = check_layout(p.tlv, bytes.value().size())) return *e;
  const Node* common = find(p.tlv, kCommonTemplate);
  for (const Node& n : p.tlv) {
    if (n.tag == kAppTemplate) p.applications.push_back(make_application(n, common));
  }
  if (common) {
    if (const Node* t = find(common->children, kCommonTransparent)) p.common_transparent = t->value;
  }
  return p;
}

std::string to_tlv_json(const std::vector<Node>& tlv) {
  nlohmann::json j = nlohmann::json::array();
  for (const Node& n : tlv) j.push_back(node_json(n));
  return j.dump();
}

std::string mask_pan(std::string_view pan) {
  const std::size_t n = pan.size();
  std::string masked(n, '*');
  // PCI DSS allows first 6 + last 4; on short PANs that would leave almost nothing hidden.
  const std::size_t head = n >= 13 && n <= kMaxPanDigits ? 6 : 0;
  const std::size_t tail = n >= kMinPanDigits && n <= kMaxPanDigits ? 4 : 0;
  masked.replace(0, head, pan.substr(0, head));
  masked.replace(n - tail, tail, pan.substr(n - tail));
  return masked;
}

}  // namespace qrpos::emv_cpm
