// A journal chain as the kiosk writes it (core.chainJournalEntry), for tests that
// verify or tamper with one: `n` entries signed by the terminal key `seedHex`.
import assert from 'node:assert/strict';

/** { lines, head }: the entry lines, oldest first, and the last entry's { seq, hash }. */
export function makeChain(core, seedHex, n, { session = 'S-1', startMs = 1_795_680_000_000 } = {}) {
  let head = { seq: 0, hash: '' };
  const lines = [];
  for (let i = 0; i < n; i++) {
    const r = core.chainJournalEntry(seedHex, head.seq, head.hash, startMs + i, session, `{"step":${i}}`);
    assert.ok(r.ok, r.error?.detail);
    lines.push(r.value);
    const e = JSON.parse(r.value);
    head = { seq: e.seq, hash: e.hash };
  }
  return { lines, head };
}
