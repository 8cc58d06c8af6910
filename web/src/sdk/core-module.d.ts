// The raw Embind surface of qrpos_core (wasm/bindings.cpp). Emscripten 3.1.6 cannot
// emit .d.ts, so this file is kept honest by test/wasm/core.test.mjs, which checks
// the module's exports against CoreModule's functions. Only web/src/sdk/core.ts imports it.

export interface ErrorDto {
  /** lower_snake_case name from core/include/qrpos/result.hpp, "" when ok */
  code: string;
  detail: string;
  offset: number;
}
export interface TextResult {
  ok: boolean;
  value: string;
  error: ErrorDto;
}
export interface NumberResult {
  ok: boolean;
  value: number;
  error: ErrorDto;
}
export interface ScanDto {
  kind: 'payment_code' | 'emv_cpm' | 'emv_mpm' | 'merchant_url' | 'unknown';
  /** wechat | alipay | unionpay | ecny | emv_cpm, "" when not payable */
  scheme: string;
  /** the trimmed code for payable kinds, "" otherwise */
  code: string;
  /** i18n key of what to tell the person when not payable */
  messageKey: string;
}
export interface PayRequestInput {
  terminalId: string;
  terminalSeedHex: string;
  acquirerPublicKeyHex: string;
  outTradeNo: string;
  amount: number;
  currency: string;
  authCode: string;
  timestampMs: number;
  nonce: string;
}
export interface PayRequestDto {
  ok: boolean;
  error: ErrorDto;
  method: string;
  path: string;
  body: string;
  terminalId: string;
  timestampMs: number;
  nonce: string;
  signature: string;
}
export interface PayResponseInput {
  acquirerPublicKeyHex: string;
  requestNonce: string;
  outTradeNo: string;
  amount: number;
  currency: string;
  httpStatus: number;
  timestampMs: number;
  signature: string;
  body: string;
}
export interface PayResultDto {
  ok: boolean;
  error: ErrorDto;
  status: '' | 'SUCCESS' | 'USERPAYING' | 'FAILED' | 'ERROR';
  outTradeNo: string;
  transactionId: string;
  amount: number;
  currency: string;
  scheme: string;
  authCodeMasked: string;
  paidAtMs: number;
  errorCode: string;
  errorMessage: string;
}

export interface CoreModule {
  init(): boolean;
  classifyScan(text: string): ScanDto;
  maskCode(code: string): string;
  parseAmount(text: string, currency: string): NumberResult;
  formatAmount(minor: number, currency: string): string;
  sha256Hex(text: string): string;
  publicKeyFromSeed(seedHex: string): TextResult;
  signHex(seedHex: string, messageHex: string): TextResult;
  verifyHex(publicKeyHex: string, messageHex: string, signatureHex: string): boolean;
  canonicalRequest(method: string, path: string, timestampMs: number, nonce: string, body: string): string;
  canonicalResponse(status: number, timestampMs: number, requestNonce: string, body: string): string;
  makeNonce(entropyHex: string): TextResult;
  makeOutTradeNo(nowMs: number, entropyHex: string): TextResult;
  buildPayRequest(input: PayRequestInput): PayRequestDto;
  verifyPayResponse(input: PayResponseInput): PayResultDto;
}

export interface CoreModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  /** libsodium's entropy source inside the module */
  getRandomValue: () => number;
}
declare function createQrposCore(options: CoreModuleOptions): Promise<CoreModule>;
export default createQrposCore;
