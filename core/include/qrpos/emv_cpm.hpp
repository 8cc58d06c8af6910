// EMVCo consumer-presented QR codes (CPM): base64 text of a BER-TLV byte string
// (EMV QRCPS Consumer-Presented Mode v1.0; rules and sources: shared/facts/payments.md §5).
//
// Cardholder data: the tree (Node values, Payload::tlv) and the text itself hold the
// full PAN and track 2 equivalent data. They exist only to be forwarded, sealed, to
// the acquirer; they must never reach logs, screens, receipts or the journal. Only
// the masked fields of Application are for display. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/crypto.hpp"
#include "qrpos/result.hpp"

namespace qrpos::emv_cpm {

// Longest text parse_cpm looks at: the most a QR symbol carries in byte mode
// (version 40-L, 2953 bytes). Longer text is input_too_long before any decoding.
constexpr std::size_t kMaxTextLength = 2953;
// Deepest nesting of constructed objects: 61 -> 63 needs 2; unknown templates get room.
constexpr int kMaxDepth = 8;
// Every CPM payload starts 85 05 "CPV": this is its base64 (the POI test, §5.1.1).
inline constexpr std::string_view kCpmPrefix = "hQVDUFY";

// One BER-TLV data object.
struct Node {
  std::uint32_t tag = 0;       // the tag bytes as a big-endian number: 0x5F20, 0x9F10, 0x61
  bool constructed = false;    // bit 6 of the first tag byte: the value is more data objects
  // For 63 and 64 only: constructed, but the value is not well-formed BER-TLV. The POI
  // must not interpret these templates, so it is kept as bytes rather than rejected.
  bool opaque = false;
  std::size_t offset = 0;      // where the tag starts in the decoded bytes
  crypto::Bytes value;         // the value field exactly as received (constructed too)
  std::vector<Node> children;  // constructed and not opaque: the parsed value
};

// One application (a 61 template), with the common data (62) filled in: the spec
// forbids the same primitive in both, so the merge is unambiguous. Text fields are
// printable ASCII; empty when the tag is absent.
struct Application {
  std::string aid;             // 4F, 5-16 bytes, as upper-case hex: "A0000000555555"
  std::string label;           // 50 application label (may print on a receipt)
  std::string masked_pan;      // 5A, else the PAN in 57, through mask_pan()
  std::string masked_track2;   // 57: masked PAN, 'D', then one '*' per remaining nibble
  std::string pan_last4;       // 9F25: the digits to print as "last 4" when present (tokens)
  std::string expiry;          // "YYMM" from 5F24 (YYMMDD), else from 57; cardholder data
  std::string cardholder_name; // 5F20; cardholder data: not for logs
  std::string language;        // 5F2D: 1-4 ISO 639-1 codes run together, e.g. "ruesdeen"
  std::string issuer_url;      // 5F50, e.g. a tel: or mailto: URI for e-receipts
  crypto::Bytes transparent;   // value of 63 in this 61 (cryptogram data): forward untouched
};

struct Payload {
  std::vector<Node> tlv;                  // the whole tree, starting with 85 (full PAN inside)
  std::vector<Application> applications;  // one or two, in payload order
  crypto::Bytes common_transparent;       // value of 64 in 62: forward untouched
};

// Decodes and checks a scanned CPM text. `text` is exactly the QR contents (trim a
// scanner's CR/LF first): base64 per RFC 4648 §4 only, i.e. the standard alphabet
// with '=' padding, no whitespace, no URL-safe or unpadded forms, canonical final bits.
// Errors (offset into `text` for the first three, into the decoded bytes after that):
//   input_too_long    longer than kMaxTextLength
//   not_cpm           does not start with kCpmPrefix (not an EMV CPM code at all)
//   malformed         not base64; or a BER-TLV rule broken: tag byte 00 or FF (no
//                     padding bytes), a tag over 4 bytes, indefinite length (80), a
//                     length field over 2 bytes; or root objects out of order
//   truncated         a tag, length or value runs past its enclosing object
//   too_deep          constructed objects nested deeper than kMaxDepth
//   format_indicator  the first object is not 85 "CPV01"
//   missing_template  no 61 right after 85
//   duplicate_tag     a tag twice in one template (except 61, allowed twice at the
//                     root), a third 61, or one primitive in both a 61 and the 62
//   invalid_field     4F missing or not 5-16 bytes, neither 57 nor 5A, or a known
//                     field breaking its format (BCD digits, dates, text lengths)
// Layout accepted: 85, one or two 61, an optional 62, then any other objects (kept).
// Objects inside 63 and 64 are parsed for the tree when well-formed but never checked.
Result<Payload> parse_cpm(std::string_view text);

// The BER-TLV layer alone: every object of `bytes` (which must be used up exactly),
// with the same structural errors and offsets as parse_cpm, and no CPM rules.
Result<std::vector<Node>> parse_tlv(const crypto::Bytes& bytes);

// The tree as compact JSON text in the shape of test/vectors/emv_cpm.json "tlv":
// [{"tag":"85","hex":"4350563031"},{"tag":"61","children":[...]}], tags and values in
// upper-case hex; opaque templates carry "hex". Contains the full PAN: tests only.
std::string to_tlv_json(const std::vector<Node>& tlv);

// A PAN as it may appear on screens and receipts: 13-19 characters keep the first 6
// and the last 4; 8-12 keep only the last 4; any other length is masked completely.
// Every other character becomes '*'; the length is kept.
std::string mask_pan(std::string_view pan);

}  // namespace qrpos::emv_cpm
