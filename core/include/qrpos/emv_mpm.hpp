// EMVCo merchant-presented QR payloads ("000201...6304XXXX"): parsing with the
// spec's checks, and building this merchant's static and dynamic codes. Rules and
// sources: shared/facts/payments.md §4 (EMVCo MPM v1.0), §6 (UnionPay), §7 (amounts).
// The data object format itself is qrpos/tlv.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qrpos/result.hpp"
#include "qrpos/tlv.hpp"

namespace qrpos::emv_mpm {

constexpr std::size_t kMaxPayloadChars = 512;
constexpr std::size_t kMaxNameChars = 25;
constexpr std::size_t kMaxCityChars = 15;
constexpr std::size_t kMaxPostalCodeChars = 10;
constexpr std::size_t kMaxAmountChars = 13;
constexpr std::size_t kMaxPercentageChars = 5;
constexpr std::size_t kMaxGuiChars = 32;
constexpr std::size_t kMaxAdditionalChars = 25;

#define QRPOS_MPM_INITIATIONS(X)                         \
  X(unspecified)  /* no ID 01 */                         \
  X(static_code)  /* "11": one code for many payments */ \
  X(dynamic_code) /* "12": a new code for each payment */

enum class Initiation {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_MPM_INITIATIONS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};
const char* initiation_name(Initiation initiation);

#define QRPOS_MPM_TIPS(X)                                              \
  X(none)           /* no ID 55 */                                     \
  X(prompt)         /* "01": the consumer's app asks for a tip */      \
  X(fixed_fee)      /* "02": a convenience fee, the amount in ID 56 */ \
  X(percentage_fee) /* "03": a convenience fee, the percentage in ID 57 */

enum class Tip {
#define QRPOS_ENUM_ITEM(name) name,
  QRPOS_MPM_TIPS(QRPOS_ENUM_ITEM)
#undef QRPOS_ENUM_ITEM
};
const char* tip_name(Tip tip);

// Additional Data Field Template (ID 62), sub-IDs 01-09. "" is absent; "***" in
// 01-08 asks the consumer's app to prompt for the value.
struct AdditionalData {
  std::string bill_number;            // 01
  std::string mobile_number;          // 02
  std::string store_label;            // 03
  std::string loyalty_number;         // 04
  std::string reference_label;        // 05
  std::string customer_label;         // 06
  std::string terminal_label;         // 07
  std::string purpose;                // 08
  std::string consumer_data_request;  // 09: 'A' address, 'M' mobile, 'E' email, each at most once
};

// Merchant Information - Language Template (ID 64); all "" when absent.
struct AlternateLanguage {
  std::string language;  // 00: ISO 639-1, two letters ("ZH")
  std::string name;      // 01: the merchant's name in that language, any script
  std::string city;      // 02: optional
};

// What a merchant code says. Amounts stay text exactly as printed ("23.72", "98.").
struct MerchantCode {
  Initiation initiation = Initiation::static_code;  // 01
  // IDs 02-51 other than 15: primitives 02-25 (network implied by the ID), templates
  // 26-51 holding a Globally Unique Identifier in sub-ID 00.
  std::vector<tlv::Node> merchant_accounts;
  std::string unionpay_id;            // 15: acquirer IIN (8) + forwarding IIN (8) + merchant ID (15)
  std::string mcc;                    // 52: 4 digits, ISO 18245
  std::string currency;               // 53: ISO 4217 numeric, 3 digits ("156")
  std::string amount;                 // 54: "" = the consumer's app asks for it
  Tip tip = Tip::none;                // 55
  std::string fee_fixed;              // 56: iff tip == fixed_fee
  std::string fee_percentage;         // 57: iff tip == percentage_fee, "00.01"-"99.99"
  std::string country;                // 58: ISO 3166-1 alpha-2, upper case
  std::string merchant_name;          // 59
  std::string merchant_city;          // 60
  std::string postal_code;            // 61: optional
  AdditionalData additional;          // 62
  AlternateLanguage alternate;        // 64
  std::vector<tlv::Node> unreserved;  // 80-99: templates holding a GUI in sub-ID 00
};

struct Payload {
  std::vector<tlv::Node> objects;  // every data object in payload order, the CRC (63) last
  MerchantCode fields;             // what MerchantCode names; RFU IDs 65-79 and 62/10-99 are only in `objects`
  std::string crc;                 // 4 upper-case hex digits
};

// Parses and checks a scanned MPM payload. Errors, in the order they are checked:
//   input_too_long    over kMaxPayloadChars characters
//   truncated         empty text; a length runs past the end (tlv::parse)
//   malformed         not ID-length-value text (tlv::parse); no CRC object at all
//   format_indicator  the first object is not 00 = "01"
//   crc_not_last      an object follows the CRC object (63)
//   crc_mismatch      the CRC is not 4 hex digits, or not CRC-16/CCITT-FALSE over the
//                     UTF-8 bytes up to and including "6304"; hex digits compare
//                     case-insensitively (codes in the field print "af24")
//   duplicate_id      an ID twice at one level
//   invalid_field     a field rule (detail names the ID): 01 is "11"/"12"; some
//                     merchant account (02-51); templates 26-51, 80-99, 62/50-99
//                     hold a GUI (00); 52 is 4 digits, 53 is 3; 54 and 56 are
//                     non-zero digits with at most one '.', at most 13 characters;
//                     55 is "01"-"03" and 56/57 are present iff it says so; 57 is
//                     00.01-99.99; 58 is two upper-case letters; 59 and 60 present;
//                     62/09 is letters A, M, E at most once each; 64 holds 00 (two
//                     letters) and 01.
// Names, cities, postal codes and additional-data texts are accepted up to the
// data-object limit (99 characters) and in any script, as codes in the field print
// them (mpm-2's 16-character city); build_payload() holds ours to the spec's limits.
Result<Payload> parse_payload(std::string_view text);

// This merchant's code: objects in ascending ID order (templates' contents too),
// the CRC last. Beyond parse_payload()'s rules, invalid_field when a value exceeds
// the spec's length (name 25, city 15, postal code 10, GUI 32, 62/01-08 25,
// alternate name 25 and city 15 characters) or, except in 64 and the contents of
// templates other than their GUI, leaves the EMV common character set (printable
// ASCII); when a merchant account ID is outside 02-51 or is 15 (use unionpay_id);
// when an unreserved template's ID is outside 80-99. duplicate_id for an ID given
// twice; input_too_long when the payload would exceed kMaxPayloadChars characters.
// A code that builds always parses back to the same fields, with merchant accounts,
// unreserved templates and their contents in ascending ID order.
Result<std::string> build_payload(const MerchantCode& code);

// The payload text of `objects` in their order with a fresh CRC: a trailing CRC
// object is dropped and recomputed, so encode_payload(parse_payload(t).objects) == t
// (CRC in upper case). Only tlv::encode's rules are checked (invalid_field), plus
// crc_not_last for a CRC object that is not last and input_too_long as above.
Result<std::string> encode_payload(const std::vector<tlv::Node>& objects);

// tlv::crc16 of `text` as 4 upper-case hex digits.
std::string crc_hex(std::string_view text);

// A MerchantCode from the JSON object web/src/sdk/core-module-emv-mpm.d.ts calls
// MpmInput: camelCase keys, each optional (missing = the default above),
// pointOfInitiation and tipMode by initiation_name()/tip_name(), merchantAccounts and
// unreserved as tlv::from_json() arrays. malformed_message for an unknown key or
// a value of the wrong type; input_too_long over tlv::kMaxJsonBytes.
Result<MerchantCode> merchant_code_from_json(std::string_view json);

}  // namespace qrpos::emv_mpm
