// The terminal key at rest: its seed encrypted with AES-GCM under a WebCrypto key
// that is created non-extractable and kept in IndexedDB (structured clone keeps it
// a CryptoKey), so the stored bytes are useless without this browser profile's key
// object, and script can use that key but never read it.
import type { SettingsStore } from './journal-store';

const KEY = 'terminalKey';

interface WrappedSeed {
  wrappingKey: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const bytesToHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Encrypts and stores the seed (hex), replacing any earlier one. */
export async function storeSeed(settings: SettingsStore, seedHex: string): Promise<void> {
  const wrappingKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const seed = hexToBytes(seedHex);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, wrappingKey, seed);
  seed.fill(0);
  await settings.set(KEY, { wrappingKey, iv, ciphertext } satisfies WrappedSeed);
}

/** The stored seed (hex), or undefined when the terminal has none. Throws if it was altered. */
export async function loadSeed(settings: SettingsStore): Promise<string | undefined> {
  const wrapped = await settings.get<WrappedSeed>(KEY);
  if (!wrapped) return undefined;
  const plain = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: wrapped.iv }, wrapped.wrappingKey, wrapped.ciphertext),
  );
  const hex = bytesToHex(plain);
  plain.fill(0);
  return hex;
}

export function forgetSeed(settings: SettingsStore): Promise<void> {
  return settings.delete(KEY);
}
