// What must never appear in a log in full: customers' payment codes, keys and seeds,
// signatures (shared/design.md; masks keep the first 2 and last 4 digits). Every
// acquirer the tests start is checked with this when it stops.

const PATTERNS = [
  // WeChat 10-15, Alipay 25-30, UnionPay 62, e-CNY 01: 16-24 digits not inside a longer run.
  ['payment code', /(?<![0-9])(?:1[0-5]|2[5-9]|30|62|01)[0-9]{14,22}(?![0-9])/g],
  // Ed25519 seeds and secret keys, X25519 keys: 32 or 64 bytes in hex.
  ['key or seed (hex)', /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{64}){1,2}(?![0-9a-fA-F])/g],
  // Ed25519 signatures in base64 (64 bytes: 86 characters and "==").
  ['signature (base64)', /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/g],
];

/** Findings in `text` as "kind: first 6 ... last 4" (never the secret itself). */
export function findSecrets(text, { allow = [] } = {}) {
  const found = [];
  for (const [kind, re] of PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (allow.includes(m[0])) continue;
      found.push(`${kind}: ${m[0].slice(0, 6)}…${m[0].slice(-4)} (${m[0].length} chars)`);
    }
  }
  return found;
}
