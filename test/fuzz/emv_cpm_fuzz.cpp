// Fuzzes qrpos::emv_cpm: the input as scanned text, as the bytes behind base64 text,
// and as bare BER-TLV. Traps when a result breaks the header's promises.
//
// fuzz-max-len: 1024 (a consumer code is a few hundred base64 characters; parsing past the 2,953-character bound is a unit test)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "qrpos/crypto.hpp"
#include "qrpos/emv_cpm.hpp"

namespace {

using namespace qrpos;
using emv_cpm::Node;

void require(bool ok) {
  if (!ok) __builtin_trap();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A masked field shows at most 6 + 4 digits, never 7 in a row, and never the PAN.
void require_masked(const std::string& field, const std::string& pan) {
  std::size_t digits = 0, run = 0;
  for (char c : field) {
    run = is_digit(c) ? run + 1 : 0;
    digits += run > 0;
    require(run <= 6);
  }
  require(digits <= 10);
  require(pan.empty() || field.find(pan) == std::string::npos);
}

void require_printable(const std::string& s) {
  for (char c : s) require(c >= 0x20 && c <= 0x7E);
}

// Minimal-length re-encoding of a tree: parsing it again must give the same tree.
void encode(const std::vector<Node>& nodes, crypto::Bytes& out) {
  for (const Node& n : nodes) {
    bool started = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
      const auto b = static_cast<std::uint8_t>(n.tag >> shift);
      if (b != 0 || started) out.push_back(b), started = true;
    }
    crypto::Bytes value;
    if (n.constructed && !n.opaque) {
      encode(n.children, value);
    } else {
      value = n.value;
    }
    const std::size_t len = value.size();
    if (len >= 0x100) out.insert(out.end(), {0x82, std::uint8_t(len >> 8), std::uint8_t(len)});
    else if (len >= 0x80) out.insert(out.end(), {0x81, std::uint8_t(len)});
    else out.push_back(std::uint8_t(len));
    out.insert(out.end(), value.begin(), value.end());
  }
}

void check_tree(const std::vector<Node>& nodes, std::size_t size, int depth) {
  require(depth <= emv_cpm::kMaxDepth);
  for (const Node& n : nodes) {
    require(n.offset < size && n.value.size() <= size);
    require(!n.opaque || n.tag == 0x63 || n.tag == 0x64);
    require(n.constructed || n.children.empty());
    check_tree(n.children, size, depth + 1);
  }
}

void check_tlv(const crypto::Bytes& bytes) {
  auto r = emv_cpm::parse_tlv(bytes);
  if (!r.ok()) {
    require(r.error().offset <= bytes.size());
    return;
  }
  check_tree(r.value(), bytes.size(), 0);
  crypto::Bytes again;
  encode(r.value(), again);
  auto reparsed = emv_cpm::parse_tlv(again);
  require(reparsed.ok() && emv_cpm::to_tlv_json(reparsed.value()) == emv_cpm::to_tlv_json(r.value()));
}

// Every PAN in the tree, from 5A and from 57 before its 'D'.
void collect_pans(const std::vector<Node>& nodes, std::vector<std::string>& pans) {
  for (const Node& n : nodes) {
    if (n.tag == 0x5A || n.tag == 0x57) {
      std::string hex = crypto::to_hex(n.value);
      std::size_t end = 0;
      while (end < hex.size() && is_digit(hex[end])) ++end;
      if (end >= 8) pans.push_back(hex.substr(0, end));
    }
    collect_pans(n.children, pans);
  }
}

void check_cpm(std::string_view text) {
  auto r = emv_cpm::parse_cpm(text);
  if (!r.ok()) return;
  const emv_cpm::Payload& p = r.value();
  require(text.size() <= emv_cpm::kMaxTextLength);
  require(!p.tlv.empty() && p.tlv[0].tag == 0x85);
  require(p.applications.size() == 1 || p.applications.size() == 2);
  std::vector<std::string> pans;
  collect_pans(p.tlv, pans);
  for (const emv_cpm::Application& a : p.applications) {
    require(a.aid.size() >= 10 && a.aid.size() <= 32);
    require(!a.masked_pan.empty());
    for (const std::string& pan : pans) {
      require_masked(a.masked_pan, pan);
      require_masked(a.masked_track2, pan);
    }
    require(a.expiry.empty() || a.expiry.size() == 4);
    for (const std::string* s : {&a.label, &a.cardholder_name, &a.language, &a.issuer_url}) require_printable(*s);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_cpm(std::string_view(reinterpret_cast<const char*>(data), size));
  if (size > emv_cpm::kMaxTextLength) return 0;
  check_cpm(crypto::to_base64(data, size));
  check_tlv(crypto::Bytes(data, data + size));
  return 0;
}
