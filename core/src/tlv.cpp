#include "qrpos/tlv.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace qrpos::tlv {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int two_digits(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

// Bytes in the UTF-8 sequence starting at text[pos], or 0 if it is not a valid one.
// Follows RFC 3629's table so every code point has exactly one encoding: that keeps
// character counts (and so EMV lengths) unambiguous.
std::size_t utf8_sequence(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - pos < n) return 0;
  if (byte(pos + 1) < lo || byte(pos + 1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
  }
  return n;
}

std::string two_digit_text(std::size_t n) {
  return {static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)};
}

bool is_id(std::string_view id) { return id.size() == 2 && is_digit(id[0]) && is_digit(id[1]); }

// `base` is the byte offset of `text` in the caller's input, so errors point there.
Result<std::vector<Node>> parse_level(std::string_view text, std::size_t base, std::string_view parent_id, int depth) {
  std::vector<Node> nodes;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t header_end = std::min(text.size(), pos + 4);
    for (std::size_t i = pos; i < header_end; ++i) {
      if (!is_digit(text[i])) return make_error(ErrorCode::malformed, "ID and length must be digits", base + i);
    }
    if (header_end - pos < 4) return make_error(ErrorCode::truncated, "data object header cut short", base + pos);
    const std::string_view id = text.substr(pos, 2);
    const int length = two_digits(text.substr(pos + 2, 2));
    if (length == 0) return make_error(ErrorCode::malformed, "length 00", base + pos + 2);

    std::size_t end = pos + 4;
    for (int c = 0; c < length; ++c) {
      if (end >= text.size()) return make_error(ErrorCode::truncated, "value runs past the end", base + pos);
      const std::size_t n = utf8_sequence(text, end);
      if (n == 0) return make_error(ErrorCode::malformed, "invalid UTF-8", base + end);
      end += n;
    }
    const std::string_view value = text.substr(pos + 4, end - pos - 4);

    if (is_template_id(parent_id, id)) {
      // is_template_id() already stops below kMaxDepth; this guard keeps recursion
      // bounded even if that rule grows.
      if (depth + 1 >= kMaxDepth) return make_error(ErrorCode::too_deep, "templates nested too deep", base + pos);
      auto children = parse_level(value, base + pos + 4, id, depth + 1);
      if (!children.ok()) return children.error();
      nodes.push_back(Node::templated(std::string(id), std::move(children).value()));
    } else {
      nodes.push_back(Node::primitive(std::string(id), std::string(value)));
    }
    pos = end;
  }
  return nodes;
}

Result<bool> encode_level(const std::vector<Node>& nodes, std::string_view parent_id, int depth, std::string& out) {
  for (const Node& node : nodes) {
    if (!is_id(node.id)) return make_error(ErrorCode::invalid_field, "ID must be two digits");
    if (node.is_template != is_template_id(parent_id, node.id)) {
      return make_error(ErrorCode::invalid_field,
                        "ID " + node.id + (node.is_template ? " is not a template" : " is a template"));
    }
    if (node.is_template ? !node.value.empty() : !node.children.empty()) {
      return make_error(ErrorCode::invalid_field, "ID " + node.id + " has both a value and children");
    }
    std::string value;
    if (node.is_template) {
      if (node.children.empty()) return make_error(ErrorCode::invalid_field, "template " + node.id + " is empty");
      if (depth + 1 >= kMaxDepth) return make_error(ErrorCode::too_deep, "templates nested too deep");
      auto inner = encode_level(node.children, node.id, depth + 1, value);
      if (!inner.ok()) return inner.error();
    } else {
      value = node.value;
    }
    const auto chars = count_chars(value);
    if (!chars) return make_error(ErrorCode::invalid_field, "value of " + node.id + " is not UTF-8");
    if (*chars == 0 || *chars > kMaxValueChars) {
      return make_error(ErrorCode::invalid_field, "value of " + node.id + " must be 1-99 characters");
    }
    out.append(node.id).append(two_digit_text(*chars)).append(value);
  }
  return true;
}

int id_number(std::string_view id) { return is_id(id) ? two_digits(id) : -1; }

// With JSON_NOEXCEPTION a type mismatch inside nlohmann aborts, so every value's type
// is checked before it is read.
using Json = nlohmann::json;

Error bad_json(std::string detail) { return make_error(ErrorCode::malformed_message, std::move(detail)); }

nlohmann::ordered_json tree_json(const std::vector<Node>& nodes) {
  auto out = nlohmann::ordered_json::array();
  for (const Node& n : nodes) {
    nlohmann::ordered_json j;
    j["id"] = n.id;
    if (n.is_template) {
      j["children"] = tree_json(n.children);
    } else {
      j["value"] = n.value;
    }
    out.push_back(std::move(j));
  }
  return out;
}

Result<bool> read_tree(const Json& j, int depth, std::vector<Node>& out) {
  if (!j.is_array()) return bad_json("objects must be an array");
  if (depth >= kMaxDepth) return bad_json("objects nested too deep");
  for (const Json& item : j) {
    const auto id = item.is_object() ? item.find("id") : item.end();
    if (id == item.end() || !id->is_string() || item.size() != 2) {
      return bad_json("each object needs an \"id\" and a \"value\" or \"children\"");
    }
    Node n;
    n.id = id->get<std::string>();
    if (const auto value = item.find("value"); value != item.end() && value->is_string()) {
      n.value = value->get<std::string>();
    } else if (const auto children = item.find("children"); children != item.end()) {
      n.is_template = true;
      auto inner = read_tree(*children, depth + 1, n.children);
      if (!inner.ok()) return inner.error();
    } else {
      return bad_json("object " + n.id + " needs a string \"value\" or a \"children\" array");
    }
    out.push_back(std::move(n));
  }
  return true;
}
}  // namespace

bool is_template_id(std::string_view parent_id, std::string_view id) {
  const int n = id_number(id);
  if (parent_id.empty()) return (n >= 26 && n <= 51) || n == 62 || n == 64 || (n >= 80 && n <= 99);
  if (parent_id == "62") return n >= 50 && n <= 99;
  return false;
}

Result<std::vector<Node>> parse(std::string_view text) {
  if (text.size() > kMaxTextBytes) return make_error(ErrorCode::input_too_long, "text too long", kMaxTextBytes);
  return parse_level(text, 0, "", 0);
}

Result<std::string> encode(const std::vector<Node>& nodes) {
  std::string out;
  auto r = encode_level(nodes, "", 0, out);
  if (!r.ok()) return r.error();
  return out;
}

std::optional<std::size_t> count_chars(std::string_view text) {
  std::size_t chars = 0;
  for (std::size_t pos = 0; pos < text.size(); ++chars) {
    const std::size_t n = utf8_sequence(text, pos);
    if (n == 0) return std::nullopt;
    pos += n;
  }
  return chars;
}

std::uint16_t crc16(std::string_view bytes) {
  std::uint16_t crc = 0xFFFF;
  for (const char c : bytes) {
    crc ^= static_cast<std::uint16_t>(static_cast<unsigned char>(c) << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021) : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;
}

std::string to_json(const std::vector<Node>& nodes) {
  // Invalid UTF-8 (possible only in caller-built nodes) becomes U+FFFD instead of aborting.
  return tree_json(nodes).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<std::vector<Node>> from_json(std::string_view json) {
  if (json.size() > kMaxJsonBytes) return make_error(ErrorCode::input_too_long, "JSON over 16 KiB");
  const Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return bad_json("not JSON");
  std::vector<Node> nodes;
  auto r = read_tree(j, 0, nodes);
  if (!r.ok()) return r.error();
  return nodes;
}

}  // namespace qrpos::tlv
