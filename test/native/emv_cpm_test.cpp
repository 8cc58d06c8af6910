#include "qrpos/emv_cpm.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "vectors.hpp"

namespace qrpos::emv_cpm {
namespace {

constexpr const char* kAnnexB1 = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
// UnionPay sample from shared/facts/payments.md §5.3 (3): a 61 with a 63 inside.
constexpr const char* kUnionPay =
    "hQVDUFYwMWFWTwigAAADMwEBAlcRYmNgAQBxNnLSMSIBAAABiAFfNAEAYzOfJghWite85mtxi58nAYCfEBEHAAEDoAAAAQgwMDAwMDAwMZ82AhEi"
    "ggIAAJ83BCJgSI4=";
const std::string kFormat = "85054350563031";  // 85 05 "CPV01"
const std::string kAid = "4F07A0000000555555";
const std::string kPan = "5A081234567890123458";

crypto::Bytes bytes_of(const std::string& hex) {
  auto b = crypto::from_hex(hex);
  return b.ok() ? b.value() : crypto::Bytes{};
}
std::string b64(const std::string& hex) { return crypto::to_base64(bytes_of(hex)); }

// A data object with a short-form length (values under 128 bytes).
std::string tlv(const std::string& tag, const std::string& value_hex) {
  const char* digits = "0123456789ABCDEF";
  const std::size_t n = value_hex.size() / 2;
  return tag + std::string{digits[n >> 4], digits[n & 15]} + value_hex;
}

std::string error_of(std::string_view text) {
  auto r = parse_cpm(text);
  return r.ok() ? "ok" : error_name(r.error().code);
}
std::string error_of_hex(const std::string& hex) { return error_of(b64(hex)); }

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// Masked fields may show at most 6 + 4 digits, never a longer run of them.
void expect_masked(const std::string& field) {
  std::size_t digits = 0, run = 0, longest = 0;
  for (char c : field) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    digits += run > 0;
    longest = std::max(longest, run);
  }
  EXPECT_LE(digits, 10u) << field;
  EXPECT_LE(longest, 6u) << field;
}

TEST(EmvCpm, EveryVectorParsesToItsTreeOrFailsWithItsError) {
  const auto doc = test::load_vectors("emv_cpm.json");
  ASSERT_EQ(doc["vectors"].size(), 9u);
  for (const auto& v : doc["vectors"]) {
    SCOPED_TRACE(v["name"].get<std::string>());
    auto r = parse_cpm(v["payload"].get<std::string>());
    if (v["valid"].get<bool>()) {
      ASSERT_TRUE(r.ok()) << r.error().detail;
      EXPECT_EQ(nlohmann::json::parse(to_tlv_json(r.value().tlv)), v["tlv"]);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(error_name(r.error().code), v["error"].get<std::string>()) << r.error().detail;
    }
  }
}

TEST(EmvCpm, ErrorsPointAtTheOffendingByte) {
  const auto doc = test::load_vectors("emv_cpm.json");
  auto offset_of = [&](std::size_t vector) {
    auto r = parse_cpm(doc["vectors"][vector]["payload"].get<std::string>());
    return r.ok() ? std::size_t(-1) : r.error().offset;
  };
  EXPECT_EQ(offset_of(2), 47u);  // the 5F20 inside 62 that repeats the one in 61
  EXPECT_EQ(offset_of(4), 12u);  // the first '!' of the text
  EXPECT_EQ(offset_of(5), 7u);   // the 61 whose value runs past the end
  EXPECT_EQ(offset_of(6), 7u);   // the 7F1A whose value runs past the end
  EXPECT_EQ(offset_of(7), 7u);   // where the missing 61 should start
}

TEST(EmvCpm, AnnexB1ModelMasksPanAndTrack2) {
  auto r = parse_cpm(kAnnexB1);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().applications.size(), 1u);
  const Application& a = r.value().applications[0];
  EXPECT_EQ(a.aid, "A0000000555555");
  EXPECT_EQ(a.masked_pan, "123456******3458");
  EXPECT_EQ(a.masked_track2, "123456******3458D************");
  EXPECT_EQ(a.expiry, "1912");
  EXPECT_EQ(a.label, "");
  EXPECT_EQ(a.cardholder_name, "");
  EXPECT_TRUE(a.transparent.empty());
  EXPECT_TRUE(r.value().common_transparent.empty());
}

TEST(EmvCpm, AnnexB2TwoApplicationsShareTheCommonTemplate) {
  const auto doc = test::load_vectors("emv_cpm.json");
  auto r = parse_cpm(doc["vectors"][1]["payload"].get<std::string>());
  ASSERT_TRUE(r.ok());
  const auto& apps = r.value().applications;
  ASSERT_EQ(apps.size(), 2u);
  EXPECT_EQ(apps[0].aid, "A0000000555555");
  EXPECT_EQ(apps[0].label, "Product1");
  EXPECT_EQ(apps[1].aid, "A0000000666666");
  EXPECT_EQ(apps[1].label, "Product2");
  for (const Application& a : apps) {
    EXPECT_EQ(a.masked_pan, "123456******3458");
    EXPECT_EQ(a.masked_track2, "");
    EXPECT_EQ(a.cardholder_name, "CARDHOLDER/EMV");
    EXPECT_EQ(a.language, "ruesdeen");
    EXPECT_EQ(a.expiry, "");
  }
  EXPECT_EQ(upper(crypto::to_hex(r.value().common_transparent)),
            "9F100706010A030000009F2608584FD385FA234BCC9F360200019F37046D58EF13");
}

TEST(EmvCpm, UnionPaySampleForwardsTheApplicationTransparentTemplate) {
  auto r = parse_cpm(kUnionPay);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const Application& a = r.value().applications.at(0);
  EXPECT_EQ(a.aid, "A000000333010102");
  EXPECT_EQ(a.masked_pan, "626360******3672");
  EXPECT_EQ(a.expiry, "2312");
  EXPECT_EQ(upper(crypto::to_hex(a.transparent)).substr(0, 24), "9F2608568AD7BCE66B718B9F");
  EXPECT_EQ(a.transparent.size(), 0x33u);
}

TEST(EmvCpm, ExpiryPrefers5F24OverTrack2) {
  const std::string app = tlv("61", kAid + "570F1234567890123458D191220112345F" + "5F2403251231");
  auto r = parse_cpm(b64(kFormat + app));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r.value().applications[0].expiry, "2512");
}

TEST(EmvCpm, OptionalTextFieldsAndLast4ReachTheModel) {
  const std::string app = tlv("61", kAid + kPan + "5F50" + "0D" + "74656C3A2B3836313233343536" + "9F25023458");
  auto r = parse_cpm(b64(kFormat + app));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r.value().applications[0].issuer_url, "tel:+86123456");
  EXPECT_EQ(r.value().applications[0].pan_last4, "3458");
}

TEST(EmvCpm, TextThatIsNotCpmOrNotBase64) {
  EXPECT_EQ(error_of(""), "not_cpm");
  EXPECT_EQ(error_of("134567890123456789"), "not_cpm");
  EXPECT_EQ(error_of(" hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="), "not_cpm");
  // RFC 4648 §4 only: no unpadded, URL-safe, wrapped or trailing-whitespace forms.
  EXPECT_EQ(error_of("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8"), "malformed");
  EXPECT_EQ(error_of(std::string(kAnnexB1) + "\r\n"), "malformed");
  EXPECT_EQ(error_of("hQVDUFYwMWEaTwegAAAA\nVVVVVw8SNFZ4kBI0WNGRIgESNF8="), "malformed");
  const auto doc = test::load_vectors("emv_cpm.json");
  std::string url_safe = doc["vectors"][1]["payload"].get<std::string>();
  ASSERT_NE(url_safe.find('+'), std::string::npos);
  std::replace(url_safe.begin(), url_safe.end(), '+', '-');
  std::replace(url_safe.begin(), url_safe.end(), '/', '_');
  EXPECT_EQ(error_of(url_safe), "malformed");
  // Non-canonical final bits ("F9" instead of "F8") would give one payload two texts.
  EXPECT_EQ(error_of("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF9="), "malformed");
}

TEST(EmvCpm, OverlongTextIsRejectedBeforeDecoding) {
  std::string text = std::string(kCpmPrefix) + std::string(kMaxTextLength, 'A');
  EXPECT_EQ(error_of(text), "input_too_long");
  EXPECT_EQ(error_of(text.substr(0, kMaxTextLength)), "malformed");  // in bound: decoded, then judged
}

TEST(EmvCpm, LongFormLengthsParseLikeShortForm) {
  const std::string body = kAid + kPan;
  const std::string n = "13";  // 19 bytes
  for (const std::string& length : {n, "81" + n, "8200" + n}) {
    SCOPED_TRACE(length);
    auto r = parse_cpm(b64(kFormat + ("61" + length + body)));
    ASSERT_TRUE(r.ok()) << r.error().detail;
    EXPECT_EQ(to_tlv_json(r.value().tlv),
              R"([{"hex":"4350563031","tag":"85"},{"children":[{"hex":"A0000000555555","tag":"4F"},)"
              R"({"hex":"1234567890123458","tag":"5A"}],"tag":"61"}])");
  }
  EXPECT_EQ(error_of_hex(kFormat + ("6183000012" + body)), "malformed");  // over 2 length bytes
  EXPECT_EQ(error_of_hex(kFormat + ("6180" + body + "0000")), "malformed");  // indefinite
  EXPECT_EQ(error_of_hex(kFormat + ("6182" + body)), "truncated");
  auto big = parse_tlv(bytes_of("C08200C8" + std::string(400, 'A')));
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big.value()[0].value.size(), 200u);
}

TEST(EmvCpm, MultiByteTags) {
  auto r = parse_tlv(bytes_of("9F8101" "01AA" "5F20" "024142" "DF7F00"));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r.value().size(), 3u);
  EXPECT_EQ(r.value()[0].tag, 0x9F8101u);
  EXPECT_EQ(r.value()[1].tag, 0x5F20u);
  EXPECT_EQ(r.value()[2].tag, 0xDF7Fu);
  EXPECT_EQ(r.value()[2].offset, 10u);
  EXPECT_EQ(to_tlv_json(r.value()), R"([{"hex":"AA","tag":"9F8101"},{"hex":"4142","tag":"5F20"},{"hex":"","tag":"DF7F"}])");
  EXPECT_EQ(error_name(parse_tlv(bytes_of("9F818181010100")).error().code), std::string("malformed"));  // 5 tag bytes
  EXPECT_EQ(error_name(parse_tlv(bytes_of("9F800100")).error().code), std::string("malformed"));  // padded number
  EXPECT_EQ(error_name(parse_tlv(bytes_of("9F")).error().code), std::string("truncated"));
  EXPECT_EQ(error_name(parse_tlv(bytes_of("9F81")).error().code), std::string("truncated"));
  EXPECT_EQ(error_name(parse_tlv(bytes_of("9F01")).error().code), std::string("truncated"));
}

TEST(EmvCpm, NoPaddingBytesBetweenObjects) {
  EXPECT_EQ(error_of_hex(kFormat + ("00" + tlv("61", kAid + kPan))), "malformed");
  EXPECT_EQ(error_of_hex(kFormat + tlv("61", kAid + kPan) + "00"), "malformed");
  EXPECT_EQ(error_of_hex(kFormat + tlv("61", kAid + "00" + kPan)), "malformed");
  EXPECT_EQ(error_name(parse_tlv(bytes_of("FF0100")).error().code), std::string("malformed"));
}

TEST(EmvCpm, NestingIsBoundedByMaxDepth) {
  std::string nested = "0100";
  for (int i = 0; i < kMaxDepth; ++i) nested = tlv("E1", nested);
  EXPECT_TRUE(parse_tlv(bytes_of(nested)).ok());
  auto deep = parse_tlv(bytes_of(tlv("E1", nested)));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().code, ErrorCode::too_deep);
  EXPECT_EQ(deep.error().offset, 2u * kMaxDepth);  // the innermost E1 that would exceed the bound
  EXPECT_EQ(error_of_hex(kFormat + tlv("61", kAid + kPan + tlv("E1", nested))), "too_deep");
}

TEST(EmvCpm, TransparentTemplatesAreForwardedEvenWhenNotTlv) {
  const std::string app = tlv("61", kAid + kPan + tlv("63", "010203"));
  auto r = parse_cpm(b64(kFormat + app));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(upper(crypto::to_hex(r.value().applications[0].transparent)), "010203");
  const Node& t = r.value().tlv[1].children[2];
  EXPECT_TRUE(t.opaque);
  EXPECT_NE(to_tlv_json(r.value().tlv).find(R"({"hex":"010203","tag":"63"})"), std::string::npos);
  // Inside 63 the POI checks nothing: repeated tags are forwarded as they are.
  EXPECT_EQ(error_of_hex(kFormat + tlv("61", kAid + kPan + tlv("63", "9F3601019F360102"))), "ok");
}

TEST(EmvCpm, ContainerRules) {
  const std::string app = tlv("61", kAid + kPan);
  const std::string app_no_pan = tlv("61", kAid);
  const std::string common = tlv("62", kPan);
  EXPECT_EQ(error_of_hex(kFormat + app + app), "ok");
  EXPECT_EQ(error_of_hex(kFormat + app_no_pan + app_no_pan + common), "ok");
  EXPECT_EQ(error_of_hex(kFormat + app_no_pan + common), "ok");  // one 61 may share a 62
  EXPECT_EQ(error_of_hex(kFormat + app + "9F08020010"), "ok");     // unknown objects kept
  EXPECT_EQ(error_of_hex(kFormat + app + app + app), "duplicate_tag");
  EXPECT_EQ(error_of_hex(kFormat + app_no_pan + common + common), "duplicate_tag");
  EXPECT_EQ(error_of_hex(kFormat + app + kFormat), "duplicate_tag");
  EXPECT_EQ(error_of_hex(kFormat + tlv("61", kAid + kAid + kPan)), "duplicate_tag");
  EXPECT_EQ(error_of_hex(kFormat + app + tlv("E1", "01000100")), "duplicate_tag");
  EXPECT_EQ(error_of_hex(kFormat + common + app_no_pan), "malformed");  // 62 before 61
  EXPECT_EQ(error_of_hex(kFormat + "9F08020010" + app), "malformed");
  EXPECT_EQ(error_of_hex(kFormat + app + "9F08020010" + app), "malformed");
  EXPECT_EQ(error_of_hex(kFormat + common), "missing_template");
  EXPECT_EQ(error_of_hex(tlv("61", kAid + kPan)), "not_cpm");
  EXPECT_EQ(error_of_hex("85054350563032" + app), "format_indicator");    // "CPV02"
  EXPECT_EQ(error_of_hex("85054350563130" + app), "format_indicator");    // "CPV10"
  EXPECT_EQ(error_of_hex("8506435056303120" + app), "not_cpm");           // 85 06: not the POI prefix
}

TEST(EmvCpm, FieldFormats) {
  auto with = [](const std::string& fields) { return error_of_hex(kFormat + tlv("61", fields)); };
  const std::string& aid = kAid;
  const std::string& pan = kPan;
  EXPECT_EQ(with(pan), "invalid_field");                             // no 4F
  EXPECT_EQ(with(aid), "invalid_field");                             // neither 57 nor 5A
  EXPECT_EQ(with("4F04A0000000" + pan), "invalid_field");            // AID under 5 bytes
  EXPECT_EQ(with(aid + "5A0812345678901234AB"), "invalid_field");   // PAN not digits
  EXPECT_EQ(with(aid + "5A03123456"), "invalid_field");              // PAN under 8 digits
  EXPECT_EQ(with(aid + "5A0A1234567890123456789F"), "ok");           // 19 digits, F pad
  EXPECT_EQ(with(aid + "570F1234567890123458E191220112345F"), "invalid_field");  // no D
  EXPECT_EQ(with(aid + "570F1234567890123458D191320112345F"), "invalid_field");  // month 13
  EXPECT_EQ(with(aid + tlv("57", "1234567890123458D1912F")), "invalid_field");     // no service code
  EXPECT_EQ(with(aid + pan + "5F2403251331"), "invalid_field");      // 5F24 day 31 ok, month 13 not
  EXPECT_EQ(with(aid + pan + tlv("50", "4142434445464748494A4B4C4D4E4F5051")), "invalid_field");  // 17
  EXPECT_EQ(with(aid + pan + tlv("5F20", "41")), "invalid_field");    // name under 2
  EXPECT_EQ(with(aid + pan + tlv("5F20", "410A42")), "invalid_field");  // control character
  EXPECT_EQ(with(aid + pan + tlv("5F2D", "656E7A")), "invalid_field");  // odd length
  EXPECT_EQ(with(aid + pan + "9F2502345A"), "invalid_field");
}

TEST(EmvCpm, EveryTruncationOfAValidPayloadFails) {
  const auto doc = test::load_vectors("emv_cpm.json");
  for (const std::string text : {doc["vectors"][0]["payload"].get<std::string>(),
                                 doc["vectors"][1]["payload"].get<std::string>(), std::string(kUnionPay)}) {
    const crypto::Bytes full = crypto::from_base64(text).value();
    for (std::size_t n = 0; n < full.size(); ++n) {
      EXPECT_FALSE(parse_cpm(crypto::to_base64(full.data(), n)).ok()) << n << " bytes";
    }
    for (std::size_t n = 0; n < text.size(); ++n) EXPECT_FALSE(parse_cpm(text.substr(0, n)).ok()) << n << " chars";
  }
}

TEST(EmvCpm, FlippedBytesFailOrStillMaskThePan) {
  const auto doc = test::load_vectors("emv_cpm.json");
  for (const std::string text : {doc["vectors"][0]["payload"].get<std::string>(),
                                 doc["vectors"][1]["payload"].get<std::string>(), std::string(kUnionPay)}) {
    const crypto::Bytes full = crypto::from_base64(text).value();
    for (std::size_t i = 0; i < full.size(); ++i) {
      for (std::uint8_t mask : {0x01, 0x20, 0x80, 0xFF}) {
        crypto::Bytes b = full;
        b[i] ^= mask;
        auto r = parse_cpm(crypto::to_base64(b));
        if (i < 7) EXPECT_FALSE(r.ok()) << "format indicator byte " << i;  // 85 05 "CPV01"
        if (!r.ok()) continue;
        for (const Application& a : r.value().applications) {
          expect_masked(a.masked_pan);
          expect_masked(a.masked_track2);
        }
      }
    }
  }
}

TEST(EmvCpm, MaskPanKeepsFirstSixAndLastFour) {
  EXPECT_EQ(mask_pan("1234567890123458"), "123456******3458");
  EXPECT_EQ(mask_pan("6216786843353265020"), "621678*********5020");
  EXPECT_EQ(mask_pan("1234567890123"), "123456***0123");
  EXPECT_EQ(mask_pan("123456789012"), "********9012");  // 6 + 4 would leave two hidden
  EXPECT_EQ(mask_pan("12345678"), "****5678");
  EXPECT_EQ(mask_pan("1234567"), "*******");
  EXPECT_EQ(mask_pan("12345678901234567890"), std::string(20, '*'));
  EXPECT_EQ(mask_pan(""), "");
}

}  // namespace
}  // namespace qrpos::emv_cpm
