import type { CoreModule } from './core-module';

/** Every function wasm/bindings.cpp exports; checked against the built module in tests. */
export const CORE_EXPORTS: readonly (keyof CoreModule)[] = [
  'init',
  'classifyScan',
  'maskCode',
  'parseAmount',
  'formatAmount',
  'sha256Hex',
  'publicKeyFromSeed',
  'signHex',
  'verifyHex',
  'canonicalRequest',
  'canonicalResponse',
  'makeNonce',
  'makeOutTradeNo',
  'buildPayRequest',
  'verifyPayResponse',
];
