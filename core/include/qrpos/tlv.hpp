// The EMVCo merchant-presented (MPM) data object format: ID (2 digits) + length
// (2 digits) + value, lengths counted in characters (Unicode code points of the
// UTF-8 text), not bytes. Rules: shared/facts/payments.md §4.1. Syntax only: which
// objects an MPM payload must hold, and their values, are qrpos/emv_mpm.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qrpos/result.hpp"

namespace qrpos::tlv {

constexpr std::size_t kMaxValueChars = 99;
// Longest text parse() looks at: 512 characters of up to 4 UTF-8 bytes each.
constexpr std::size_t kMaxTextBytes = 2048;
constexpr std::size_t kMaxJsonBytes = 16 * 1024;
// Root, a template, and a template inside the additional data template (62/50-99).
constexpr int kMaxDepth = 3;

// One data object: a primitive (`value`) or a template (`children`).
struct Node {
  std::string id;              // two ASCII digits
  std::string value;           // a primitive's value, UTF-8; empty for a template
  std::vector<Node> children;  // a template's objects in payload order; empty for a primitive
  bool is_template = false;

  static Node primitive(std::string id, std::string value) { return {std::move(id), std::move(value), {}, false}; }
  static Node templated(std::string id, std::vector<Node> children) {
    return {std::move(id), {}, std::move(children), true};
  }
  friend bool operator==(const Node& a, const Node& b) {
    return a.id == b.id && a.is_template == b.is_template && a.value == b.value && a.children == b.children;
  }
  friend bool operator!=(const Node& a, const Node& b) { return !(a == b); }
};

// Whether `id` holds a template when it appears inside `parent_id` ("" for the root):
// root 26-51 (merchant account information), 62 (additional data), 64 (language),
// 80-99 (unreserved), and 50-99 inside 62 (payment-system-specific).
bool is_template_id(std::string_view parent_id, std::string_view id);

// Splits `text` into data objects, parsing templates recursively. Duplicate IDs are
// kept (whether they are allowed is the payload's rule). Errors, with the byte
// offset of the object at fault: input_too_long (over kMaxTextBytes); truncated (a
// header or value runs past the end, including past the end of its template);
// malformed (ID or length not two digits, length 00, invalid UTF-8); too_deep (templates
// nested beyond kMaxDepth, which is_template_id() never asks for). The empty text
// is zero objects.
Result<std::vector<Node>> parse(std::string_view text);

// The text of `nodes` in the given order, lengths in characters. invalid_field when
// an ID is not two digits, a node is a template where is_template_id() says
// primitive or the reverse, a template has a value or a primitive has children, a
// value is empty, over kMaxValueChars or not UTF-8, or a template is empty or
// encodes to over kMaxValueChars. encode(parse(t)) == t.
Result<std::string> encode(const std::vector<Node>& nodes);

// The tree as JSON in test/vectors/emv_mpm.json's shape:
// [{"id":"00","value":"01"},{"id":"62","children":[{"id":"05","value":"***"}]},...].
std::string to_json(const std::vector<Node>& nodes);
// The reverse. malformed_message unless every node is an object with a string "id"
// and exactly one of a string "value" or an array "children", nested at most
// kMaxDepth levels; input_too_long over kMaxJsonBytes. IDs, values and template
// positions are checked where the nodes are used (encode).
Result<std::vector<Node>> from_json(std::string_view json);

// Number of code points in `text`, or nothing if it is not valid UTF-8 (overlong
// forms, surrogates and values above U+10FFFF are invalid).
std::optional<std::size_t> count_chars(std::string_view text);

// CRC-16/CCITT-FALSE (ISO/IEC 13239 as EMVCo uses it): polynomial 0x1021, initial
// 0xFFFF, no reflection, no final XOR. crc16("123456789") == 0x29B1.
std::uint16_t crc16(std::string_view bytes);

}  // namespace qrpos::tlv
