// wasm/bind_scan.cpp: what was scanned, receipt codes, and masking payment codes.
import type { TextResult } from './core-module';

export interface ScanDto {
  kind: 'payment_code' | 'emv_cpm' | 'emv_mpm' | 'merchant_url' | 'receipt' | 'unknown';
  /** wechat | alipay | unionpay | ecny | emv_cpm, "" when not payable */
  scheme: string;
  /** the trimmed code for payable kinds, "" otherwise (receipts included) */
  code: string;
  /** i18n key of what to tell the person when not payable: scan.merchant_code | scan.receipt | scan.unknown; "" when payable */
  messageKey: string;
  /** kind 'receipt': the terminal that printed it (1-32 of [A-Za-z0-9-]), "" otherwise */
  receiptTerminalId: string;
  /** kind 'receipt': the sale's out_trade_no (1-32 of [A-Za-z0-9_-]), "" otherwise */
  receiptOutTradeNo: string;
}

export interface ScanFunctions {
  classifyScan(text: string): ScanDto;
  /** "QRPOSR1:<terminalId>:<outTradeNo>"; error invalid_field (offset within the bad part) */
  makeReceiptCode(terminalId: string, outTradeNo: string): TextResult;
  maskCode(code: string): string;
}
