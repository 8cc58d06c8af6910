// The admin PIN guarding settings and refunds: stored only as a PBKDF2-SHA256 hash
// (WebCrypto), checked in constant time, and locked for a while after repeated
// wrong tries so a PIN cannot be guessed at the counter.
import type { SettingsStore } from './journal-store';

const KEY = 'adminPin';
const ITERATIONS = 210_000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256
export const MAX_TRIES = 5;
export const LOCK_MS = 60_000;

interface PinRecord {
  salt: Uint8Array<ArrayBuffer>;
  hash: ArrayBuffer;
  iterations: number;
  failures: number;
  lockedUntil: number;
}

export type PinCheck =
  { ok: true } | { ok: false; reason: 'wrong' | 'locked' | 'not_set'; retryAtMs?: number };

/** 4-8 digits: what a cashier's keypad can enter. */
export const isValidPin = (pin: string): boolean => /^\d{4,8}$/.test(pin);

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<ArrayBuffer> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
}

function equal(a: ArrayBuffer, b: ArrayBuffer): boolean {
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.min(x.length, y.length); i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

export async function setPin(settings: SettingsStore, pin: string): Promise<void> {
  if (!isValidPin(pin)) throw new RangeError('the PIN must be 4 to 8 digits');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, ITERATIONS);
  await settings.set(KEY, {
    salt,
    hash,
    iterations: ITERATIONS,
    failures: 0,
    lockedUntil: 0,
  } satisfies PinRecord);
}

export async function hasPin(settings: SettingsStore): Promise<boolean> {
  return (await settings.get<PinRecord>(KEY)) !== undefined;
}

export async function checkPin(settings: SettingsStore, pin: string, nowMs = Date.now()): Promise<PinCheck> {
  const record = await settings.get<PinRecord>(KEY);
  if (!record) return { ok: false, reason: 'not_set' };
  if (record.lockedUntil > nowMs) return { ok: false, reason: 'locked', retryAtMs: record.lockedUntil };
  const ok = equal(await derive(pin, record.salt, record.iterations), record.hash);
  const failures = ok ? 0 : record.failures + 1;
  const lockedUntil = failures >= MAX_TRIES ? nowMs + LOCK_MS : 0;
  await settings.set(KEY, { ...record, failures: lockedUntil ? 0 : failures, lockedUntil });
  if (ok) return { ok: true };
  return lockedUntil
    ? { ok: false, reason: 'locked', retryAtMs: lockedUntil }
    : { ok: false, reason: 'wrong' };
}
