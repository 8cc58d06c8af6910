// wasm/bind_scan.cpp: what was scanned, and masking payment codes.

export interface ScanDto {
  kind: 'payment_code' | 'emv_cpm' | 'emv_mpm' | 'merchant_url' | 'unknown';
  /** wechat | alipay | unionpay | ecny | emv_cpm, "" when not payable */
  scheme: string;
  /** the trimmed code for payable kinds, "" otherwise */
  code: string;
  /** i18n key of what to tell the person when not payable */
  messageKey: string;
}

export interface ScanFunctions {
  classifyScan(text: string): ScanDto;
  maskCode(code: string): string;
}
