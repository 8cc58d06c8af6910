// wasm/bind_scan.cpp: what was scanned (with the merchant's own code patterns),
// receipt codes, and masking payment codes.
import type { TextResult } from './core-module';

export interface ScanDto {
  kind: 'payment_code' | 'emv_cpm' | 'emv_mpm' | 'merchant_url' | 'receipt' | 'member' | 'lookup' | 'unknown';
  /** wechat | alipay | unionpay | ecny | emv_cpm, "" when not payable */
  scheme: string;
  /** the trimmed code for payable kinds, member and lookup; "" otherwise (receipts included) */
  code: string;
  /** i18n key of what to tell the person when not payable: scan.merchant_code | scan.receipt | scan.unknown;
   *  "" when payable and for member and lookup (the caller acts on those) */
  messageKey: string;
  /** kind 'receipt': the terminal that printed it (1-32 of [A-Za-z0-9-]), "" otherwise */
  receiptTerminalId: string;
  /** kind 'receipt': the sale's out_trade_no (1-32 of [A-Za-z0-9_-]), "" otherwise */
  receiptOutTradeNo: string;
  /** kind 'lookup': the index of the matching pattern in lookupPatterns; 0 otherwise */
  patternIndex: number;
}

export interface ScanFunctions {
  classifyScan(text: string): ScanDto;
  /**
   * classifyScan with the merchant's code patterns (qrpos/code_pattern.hpp: # digit, @ letter,
   * * either, \x literal, other printable ASCII itself; whole text, case-sensitive). Payment codes,
   * EMV CPM and receipt codes win first; then memberPattern ("" for none), then lookupPatterns in
   * order (at most 16). An invalid pattern never matches and keeps its index.
   */
  classifyScanWith(text: string, memberPattern: string, lookupPatterns: string[]): ScanDto;
  /** ok with value = source, or invalid_field with error.offset = the first bad character */
  checkPattern(source: string): TextResult;
  /** "QRPOSR1:<terminalId>:<outTradeNo>"; error invalid_field (offset within the bad part) */
  makeReceiptCode(terminalId: string, outTradeNo: string): TextResult;
  maskCode(code: string): string;
}
