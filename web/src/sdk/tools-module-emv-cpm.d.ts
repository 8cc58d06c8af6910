// wasm/tools/bind_emv_cpm.cpp: EMVCo consumer-presented QR payloads.
import type { ErrorDto } from './core-module';

/** One application (a 61 template) with the common data (62) filled in. "" when absent. */
export interface CpmApplicationDto {
  /** 4F, the AID as upper-case hex, e.g. "A0000000555555" */
  aid: string;
  /** 50, application label (may print on a receipt) */
  label: string;
  /** 5A, else the PAN in 57: first 6 and last 4 digits, the rest '*' */
  maskedPan: string;
  /** 57 with the PAN masked, then 'D' and one '*' per remaining digit */
  maskedTrack2: string;
  /** 9F25: the digits to print as "last 4" when the wallet sends them (tokens) */
  panLast4: string;
  /** "YYMM" from 5F24, else from 57. Cardholder data: not for logs */
  expiry: string;
  /** 5F20. Cardholder data: not for logs */
  cardholderName: string;
  /** 5F2D: 1-4 ISO 639-1 codes run together, e.g. "ruesdeen" */
  language: string;
  /** 5F50, e.g. a tel: or mailto: URI for e-receipts */
  issuerUrl: string;
  /** value of 63 (cryptogram data) as upper-case hex: forward to the acquirer untouched */
  transparentHex: string;
}

export interface CpmResultDto {
  ok: boolean;
  /** code is one of input_too_long, not_cpm, malformed, truncated, too_deep, format_indicator,
   *  missing_template, duplicate_tag, invalid_field; "" when ok */
  error: ErrorDto;
  /** The decoded tree as JSON text, shaped like test/vectors/emv_cpm.json "tlv":
   *  [{tag, hex} | {tag, children}]. Holds the FULL PAN and track 2: never log or show it. */
  tlvJson: string;
  /** one or two, in payload order; [] when not ok */
  applications: CpmApplicationDto[];
  /** value of 64 in 62 as upper-case hex: forward to the acquirer untouched */
  commonTransparentHex: string;
}

export interface EmvCpmFunctions {
  parseCpm(text: string): CpmResultDto;
  maskPan(pan: string): string;
}
