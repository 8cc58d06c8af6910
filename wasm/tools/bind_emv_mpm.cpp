// Bindings for qrpos/emv_mpm.hpp and qrpos/tlv.hpp. Object trees cross as JSON text
// in test/vectors/emv_mpm.json's shape; the builder's input as JSON (MpmInput).
#include <emscripten/bind.h>

#include "common/dto.hpp"
#include "qrpos/emv_mpm.hpp"
#include "qrpos/tlv.hpp"

namespace {

using namespace qrpos;
using namespace qrpos::wasm;

struct MpmDto {
  bool ok = false;
  ErrorDto error;
  std::string objectsJson, pointOfInitiation, merchantAccountsJson, unionpayId, mcc, currency, amount, tipMode,
      feeFixed, feePercentage, countryCode, merchantName, merchantCity, postalCode, billNumber, mobileNumber,
      storeLabel, loyaltyNumber, referenceLabel, customerLabel, terminalLabel, purpose, consumerDataRequest, language,
      alternateName, alternateCity, unreservedJson, crc;
};

MpmDto parse_mpm(const std::string& text) {
  auto r = emv_mpm::parse_payload(text);
  MpmDto d;
  if (!r.ok()) {
    d.error = to_dto(r.error());
    return d;
  }
  const emv_mpm::Payload& p = r.value();
  const emv_mpm::MerchantCode& f = p.fields;
  d.ok = true;
  d.objectsJson = tlv::to_json(p.objects);
  d.pointOfInitiation = emv_mpm::initiation_name(f.initiation);
  d.merchantAccountsJson = tlv::to_json(f.merchant_accounts);
  d.unionpayId = f.unionpay_id;
  d.mcc = f.mcc;
  d.currency = f.currency;
  d.amount = f.amount;
  d.tipMode = emv_mpm::tip_name(f.tip);
  d.feeFixed = f.fee_fixed;
  d.feePercentage = f.fee_percentage;
  d.countryCode = f.country;
  d.merchantName = f.merchant_name;
  d.merchantCity = f.merchant_city;
  d.postalCode = f.postal_code;
  d.billNumber = f.additional.bill_number;
  d.mobileNumber = f.additional.mobile_number;
  d.storeLabel = f.additional.store_label;
  d.loyaltyNumber = f.additional.loyalty_number;
  d.referenceLabel = f.additional.reference_label;
  d.customerLabel = f.additional.customer_label;
  d.terminalLabel = f.additional.terminal_label;
  d.purpose = f.additional.purpose;
  d.consumerDataRequest = f.additional.consumer_data_request;
  d.language = f.alternate.language;
  d.alternateName = f.alternate.name;
  d.alternateCity = f.alternate.city;
  d.unreservedJson = tlv::to_json(f.unreserved);
  d.crc = p.crc;
  return d;
}

TextResult build_mpm(const std::string& input_json) {
  auto code = emv_mpm::merchant_code_from_json(input_json);
  if (!code.ok()) return text_error(code.error());
  auto text = emv_mpm::build_payload(code.value());
  return text.ok() ? text_ok(text.value()) : text_error(text.error());
}

TextResult encode_mpm(const std::string& objects_json) {
  auto objects = tlv::from_json(objects_json);
  if (!objects.ok()) return text_error(objects.error());
  auto text = emv_mpm::encode_payload(objects.value());
  return text.ok() ? text_ok(text.value()) : text_error(text.error());
}

std::string crc16(const std::string& text) { return emv_mpm::crc_hex(text); }

}  // namespace

EMSCRIPTEN_BINDINGS(qrpos_emv_mpm) {
  emscripten::value_object<MpmDto>("MpmDto")
      .field("ok", &MpmDto::ok)
      .field("error", &MpmDto::error)
      .field("objectsJson", &MpmDto::objectsJson)
      .field("pointOfInitiation", &MpmDto::pointOfInitiation)
      .field("merchantAccountsJson", &MpmDto::merchantAccountsJson)
      .field("unionpayId", &MpmDto::unionpayId)
      .field("mcc", &MpmDto::mcc)
      .field("currency", &MpmDto::currency)
      .field("amount", &MpmDto::amount)
      .field("tipMode", &MpmDto::tipMode)
      .field("feeFixed", &MpmDto::feeFixed)
      .field("feePercentage", &MpmDto::feePercentage)
      .field("countryCode", &MpmDto::countryCode)
      .field("merchantName", &MpmDto::merchantName)
      .field("merchantCity", &MpmDto::merchantCity)
      .field("postalCode", &MpmDto::postalCode)
      .field("billNumber", &MpmDto::billNumber)
      .field("mobileNumber", &MpmDto::mobileNumber)
      .field("storeLabel", &MpmDto::storeLabel)
      .field("loyaltyNumber", &MpmDto::loyaltyNumber)
      .field("referenceLabel", &MpmDto::referenceLabel)
      .field("customerLabel", &MpmDto::customerLabel)
      .field("terminalLabel", &MpmDto::terminalLabel)
      .field("purpose", &MpmDto::purpose)
      .field("consumerDataRequest", &MpmDto::consumerDataRequest)
      .field("language", &MpmDto::language)
      .field("alternateName", &MpmDto::alternateName)
      .field("alternateCity", &MpmDto::alternateCity)
      .field("unreservedJson", &MpmDto::unreservedJson)
      .field("crc", &MpmDto::crc);
  emscripten::function("parseMpm", &parse_mpm);
  emscripten::function("buildMpm", &build_mpm);
  emscripten::function("encodeMpm", &encode_mpm);
  emscripten::function("crc16", &crc16);
}
