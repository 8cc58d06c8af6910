// wasm/bind_lookup.cpp: the signed lookup of a ticket, room or bill code
// (docs/protocol.md "Lookups", qrpos/lookup.hpp) and its verified answer.
import type { TextResult } from './core-module';

/** The parsed `value` of lookupRequest: ready for fetch. */
export interface LookupRequest {
  method: 'POST';
  path: '/v1/lookups';
  nonce: string;
  /** {"code": "<code>"} */
  body: string;
  headers: Record<string, string>;
}

/** The parsed `value` of readLookupAnswer: the acquirer's Lookup, verified (protocol JSON, snake_case). */
export interface LookupResult {
  /** the code asked about (an answer naming another code is refused) */
  code: string;
  /** open: payable (amount > 0); paid: out_trade_no paid it; unknown: no such code (amount 0) */
  status: 'open' | 'paid' | 'unknown';
  /** minor units */
  amount: number;
  /** ISO 4217 alpha; "" only for unknown */
  currency: string;
  /** 0-128 UTF-8 bytes */
  description: string;
  /** paid: the payment that paid it; "" otherwise */
  out_trade_no: string;
}

export interface LookupFunctions {
  /** Signs POST /v1/lookups. invalid_field unless `code` is 1-64 printable ASCII (0x21-0x7e); 16 bytes of entropy. */
  lookupRequest(
    terminalId: string,
    terminalSeedHex: string,
    code: string,
    timestampMs: number,
    entropyHex: string,
  ): TextResult;
  /**
   * The verified answer (value: LookupResult JSON). Not ok: bad_signature / malformed_message when it cannot
   * be trusted or names another code; the acquirer's error code (retry_later, unknown_terminal ...) when refused.
   */
  readLookupAnswer(
    acquirerPublicKeyHex: string,
    requestNonce: string,
    code: string,
    httpStatus: number,
    timestampMs: number,
    signature: string,
    body: string,
  ): TextResult;
}
