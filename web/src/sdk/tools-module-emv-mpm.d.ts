// wasm/tools/bind_emv_mpm.cpp: EMVCo merchant-presented QR payloads.
import type { ErrorDto, TextResult } from './core-module';

/** Names of core/include/qrpos/emv_mpm.hpp QRPOS_MPM_INITIATIONS (ID 01). */
export type MpmInitiation = 'unspecified' | 'static_code' | 'dynamic_code';
/** Names of core/include/qrpos/emv_mpm.hpp QRPOS_MPM_TIPS (ID 55). */
export type MpmTipMode = 'none' | 'prompt' | 'fixed_fee' | 'percentage_fee';

/** One data object, as in test/vectors/emv_mpm.json "objects": a primitive or a template. */
export interface MpmObject {
  /** two digits, "00"-"99" */
  id: string;
  /** a primitive's value; absent for a template */
  value?: string;
  /** a template's objects in payload order; absent for a primitive */
  children?: MpmObject[];
}

/** A parsed payload; every text field is "" when the payload lacks it or ok is false. */
export interface MpmDto {
  ok: boolean;
  /** code is one of input_too_long, truncated, malformed, format_indicator, crc_not_last,
   *  crc_mismatch, duplicate_id, invalid_field; "" when ok */
  error: ErrorDto;
  /** every object in payload order, CRC last, as JSON text of MpmObject[] */
  objectsJson: string;
  /** ID 01; "" when ok is false */
  pointOfInitiation: MpmInitiation | '';
  /** IDs 02-51 except 15, as JSON text of MpmObject[] */
  merchantAccountsJson: string;
  /** ID 15: UnionPay acquirer IIN + forwarding IIN + merchant ID */
  unionpayId: string;
  /** ID 52, merchant category code: 4 digits */
  mcc: string;
  /** ID 53, ISO 4217 numeric: "156" for CNY */
  currency: string;
  /** ID 54 exactly as printed ("23.72", "98."); "" means the consumer enters the amount */
  amount: string;
  /** ID 55; "" when ok is false */
  tipMode: MpmTipMode | '';
  /** ID 56, present with tipMode fixed_fee */
  feeFixed: string;
  /** ID 57, "00.01"-"99.99", present with tipMode percentage_fee */
  feePercentage: string;
  /** ID 58, ISO 3166-1 alpha-2 */
  countryCode: string;
  /** ID 59 */
  merchantName: string;
  /** ID 60 */
  merchantCity: string;
  /** ID 61 */
  postalCode: string;
  /** ID 62/01; "***" in 62/01-08 means the consumer's app prompts for it */
  billNumber: string;
  /** ID 62/02 */
  mobileNumber: string;
  /** ID 62/03 */
  storeLabel: string;
  /** ID 62/04 */
  loyaltyNumber: string;
  /** ID 62/05 */
  referenceLabel: string;
  /** ID 62/06 */
  customerLabel: string;
  /** ID 62/07 */
  terminalLabel: string;
  /** ID 62/08, purpose of transaction */
  purpose: string;
  /** ID 62/09: letters A (address), M (mobile), E (email) */
  consumerDataRequest: string;
  /** ID 64/00, ISO 639-1 ("ZH") */
  language: string;
  /** ID 64/01, the merchant's name in that language */
  alternateName: string;
  /** ID 64/02 */
  alternateCity: string;
  /** IDs 80-99, as JSON text of MpmObject[] */
  unreservedJson: string;
  /** ID 63, 4 upper-case hex digits */
  crc: string;
}

/** What buildMpm reads (pass it as JSON text). Every key is optional; unknown keys are rejected. */
export interface MpmInput {
  /** default static_code; unspecified leaves ID 01 out */
  pointOfInitiation?: MpmInitiation;
  /** IDs 02-51 except 15: primitives 02-25, templates 26-51 with a GUI in sub-ID 00 (at most 32 characters) */
  merchantAccounts?: MpmObject[];
  /** ID 15 */
  unionpayId?: string;
  /** ID 52: 4 digits */
  mcc?: string;
  /** ID 53: ISO 4217 numeric, 3 digits */
  currency?: string;
  /** ID 54: non-zero digits with at most one '.', at most 13 characters; "" or absent for a static code */
  amount?: string;
  /** ID 55, default none; fixed_fee needs feeFixed, percentage_fee needs feePercentage */
  tipMode?: MpmTipMode;
  /** ID 56 */
  feeFixed?: string;
  /** ID 57: "00.01"-"99.99" */
  feePercentage?: string;
  /** ID 58: two upper-case letters */
  countryCode?: string;
  /** ID 59: at most 25 printable ASCII characters */
  merchantName?: string;
  /** ID 60: at most 15 printable ASCII characters */
  merchantCity?: string;
  /** ID 61: at most 10 printable ASCII characters */
  postalCode?: string;
  /** ID 62/01-08: at most 25 printable ASCII characters each */
  billNumber?: string;
  mobileNumber?: string;
  storeLabel?: string;
  loyaltyNumber?: string;
  referenceLabel?: string;
  customerLabel?: string;
  terminalLabel?: string;
  purpose?: string;
  /** ID 62/09: A, M, E, each at most once */
  consumerDataRequest?: string;
  /** ID 64/00: two letters; needs alternateName */
  language?: string;
  /** ID 64/01: any script, at most 25 characters */
  alternateName?: string;
  /** ID 64/02: any script, at most 15 characters */
  alternateCity?: string;
  /** IDs 80-99: templates with a GUI in sub-ID 00 */
  unreserved?: MpmObject[];
}

export interface EmvMpmFunctions {
  parseMpm(text: string): MpmDto;
  /** inputJson: JSON text of MpmInput; value is the payload, objects in ascending ID order, CRC last.
   *  Errors: malformed_message (JSON), invalid_field, duplicate_id, input_too_long (over 512 characters). */
  buildMpm(inputJson: string): TextResult;
  /** objectsJson: JSON text of MpmObject[]; value is their payload with a fresh CRC */
  encodeMpm(objectsJson: string): TextResult;
  /** CRC-16/CCITT-FALSE of the UTF-8 bytes of text, 4 upper-case hex digits */
  crc16(text: string): string;
}
