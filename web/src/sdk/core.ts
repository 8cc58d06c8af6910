// The one door to the wasm core: loads it once, and turns its { ok, error } values
// into typed results or QrposError throws. Nothing else imports the module.
import createQrposCore from '@qrpos/core-wasm/qrpos_core.mjs';
import wasmUrl from '@qrpos/core-wasm/qrpos_core.wasm?url';
import type {
  CoreModule,
  ErrorDto,
  PayRequestDto,
  PayRequestInput,
  PayResultDto,
  PayResponseInput,
  ScanDto,
} from './core-module';
import { QrposError } from './errors';
import type { SessionCore } from './runner';

export type { ScanDto, PayRequestDto, PayResultDto };

let loading: Promise<Core> | undefined;

/** Loads and initialises the core (memoized). */
export function loadCore(): Promise<Core> {
  loading ??= createQrposCore({
    locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path),
    getRandomValue: () => crypto.getRandomValues(new Uint32Array(1))[0],
  }).then((module) => {
    if (!module.init()) throw new QrposError('core', 'crypto_failure', 'libsodium failed to initialise');
    return new Core(module);
  });
  return loading;
}

function fail(error: ErrorDto): never {
  throw new QrposError('core', error.code, error.detail);
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export class Core {
  constructor(private readonly m: CoreModule) {}

  /** The raw functions, for the sdk's own controllers (runner, activation); they return { ok, error } values. */
  get module(): CoreModule {
    return this.m;
  }

  /** Bytes of the core's WebAssembly memory (grows, never shrinks): for health and soak checks. */
  get memoryBytes(): number {
    return (this.m as unknown as { HEAP8?: Int8Array }).HEAP8?.byteLength ?? 0;
  }

  /** The session functions the runner steps. */
  get session(): SessionCore {
    return this.m;
  }

  /** "¥23.72" (zh-CN) or "CN¥23.72" (en), negative for refunds; the code itself if unknown. */
  formatDisplay(minor: number, currency: string, locale: 'zh-CN' | 'en'): string {
    const r = this.m.formatDisplay(minor, currency, locale);
    return r.ok ? r.value : `${currency} ${minor}`;
  }

  classifyScan(text: string): ScanDto {
    return this.m.classifyScan(text);
  }

  /**
   * Like classifyScan, with this merchant's member and lookup patterns (SPEC "Patterns"):
   * kind 'member' or 'lookup' (patternIndex says which lookup pattern) when one matches
   * and the text is no payment code or receipt. An invalid pattern never matches.
   */
  classifyWith(text: string, patterns: { member: string; lookups: string[] }): ScanDto {
    if (!patterns.member && patterns.lookups.length === 0) return this.m.classifyScan(text);
    return this.m.classifyScanWith(text, patterns.member, patterns.lookups);
  }

  /** "" when `source` is a valid pattern, else the core's error code (invalid_field). */
  checkPattern(source: string): string {
    const r = this.m.checkPattern(source);
    return r.ok ? '' : r.error.code || 'invalid_field';
  }

  maskCode(code: string): string {
    return this.m.maskCode(code);
  }

  /** Minor units from cashier input; throws QrposError('core', 'invalid_amount' | ...). */
  parseAmount(text: string, currency: string): number {
    const r = this.m.parseAmount(text, currency);
    return r.ok ? r.value : fail(r.error);
  }

  formatAmount(minor: number, currency: string): string {
    return this.m.formatAmount(minor, currency);
  }

  newOutTradeNo(nowMs: number): string {
    const r = this.m.makeOutTradeNo(nowMs, randomHex(8));
    return r.ok ? r.value : fail(r.error);
  }

  newNonce(): string {
    const r = this.m.makeNonce(randomHex(16));
    return r.ok ? r.value : fail(r.error);
  }

  buildPayRequest(input: Omit<PayRequestInput, 'entropyHex'>): PayRequestDto {
    const r = this.m.buildPayRequest({ ...input, entropyHex: randomHex(32) });
    return r.ok ? r : fail(r.error);
  }

  /** Verified acquirer answer; throws QrposError('core', 'bad_signature' | 'malformed_message' | ...). */
  verifyPayResponse(input: PayResponseInput): PayResultDto {
    const r = this.m.verifyPayResponse(input);
    return r.ok ? r : fail(r.error);
  }
}
