// The raw Embind surface of qrpos_core (wasm/*.cpp). Emscripten 3.1.6 cannot emit
// .d.ts, so these files (core-module*.d.ts, one `*Functions` interface per
// wasm/bind_<module>.cpp) are kept honest by test/wasm/core.test.mjs, which checks
// the module's exports against them. Function signatures name their types (no inline
// object literals), so the check can read them. Only web/src/sdk/core.ts imports them.
import type { ActivationFunctions } from './core-module-activation';
import type { HeartbeatFunctions } from './core-module-heartbeat';
import type { JournalChainFunctions } from './core-module-journal-chain';
import type { LookupFunctions } from './core-module-lookup';
import type { MoneyFunctions } from './core-module-money';
import type { ScanFunctions } from './core-module-scan';
import type { SessionFunctions } from './core-module-session';
export type * from './core-module-heartbeat';
export type * from './core-module-journal-chain';
export type * from './core-module-lookup';
export type * from './core-module-money';
export type * from './core-module-scan';
export type * from './core-module-session';

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
  /** 32 random bytes as hex, for sealing the payment code to the acquirer */
  entropyHex: string;
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
  status: '' | 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'FAILED' | 'REVERSED' | 'CLOSED' | 'ERROR';
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

/** Crypto and protocol (wasm/bindings.cpp). */
export interface CoreFunctions {
  init(): boolean;
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

/** Everything the module exports: one `*Functions` interface per bind_*.cpp file. */
export interface CoreModule
  extends
    CoreFunctions,
    ScanFunctions,
    MoneyFunctions,
    SessionFunctions,
    ActivationFunctions,
    HeartbeatFunctions,
    JournalChainFunctions,
    LookupFunctions {}

export interface CoreModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  /** libsodium's entropy source inside the module */
  getRandomValue: () => number;
}
declare function createQrposCore(options: CoreModuleOptions): Promise<CoreModule>;
export default createQrposCore;
