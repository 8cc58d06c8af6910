// web/src/sdk/journal-chain.ts with the real core: the entries the journal store
// appends form a chain the tools module's verifier accepts, and it names what was
// done to a copy that was edited, cut or shuffled. The store's IndexedDB side (both
// rows in one transaction) runs in the browser: test/e2e/journal-chain.test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { EMPTY_HEAD, SerialQueue, chainLink } from '../../build/web-unit/journal-chain.js';
import { loadCore, loadTools } from '../support/core.mjs';

let core;
let tools;
let seed;
let publicKey;

before(async () => {
  core = await loadCore();
  tools = await loadTools();
  seed = crypto.randomBytes(32).toString('hex'); // any 32 bytes are an Ed25519 seed
  publicKey = core.publicKeyFromSeed(seed).value;
});

/** `n` journal writes as the store makes them: each after the previous head. */
function writeChain(n, link = chainLink(core, seed)) {
  const lines = [];
  let head = EMPTY_HEAD;
  for (let i = 1; i <= n; i++) {
    const row = link(head, 1_760_000_000_000 + i, `pay:OTN${i}`, `{"kind":"pay","step":${i}}`);
    lines.push(row.line);
    head = { seq: row.seq, hash: row.hash };
  }
  return { lines, head };
}

function verify(lines, key = publicKey, head) {
  const r = tools.verifyJournalChain(key, JSON.stringify(lines), head ? JSON.stringify(head) : '');
  assert.ok(r.ok, JSON.stringify(r.error));
  return JSON.parse(r.value);
}

test('each write becomes the next entry: seq + 1, after the previous hash, signed', () => {
  const { lines, head } = writeChain(3);
  const entries = lines.map((l) => JSON.parse(l));
  assert.deepEqual(
    entries.map((e) => e.seq),
    [1, 2, 3],
  );
  assert.equal(entries[0].prev, '0'.repeat(64));
  assert.equal(entries[1].prev, entries[0].hash);
  assert.equal(entries[2].prev, entries[1].hash);
  assert.equal(entries[1].session, 'pay:OTN2');
  assert.deepEqual(head, { seq: 3, hash: entries[2].hash });
  const report = verify(lines, publicKey, head);
  assert.equal(report.ok, true, JSON.stringify(report));
  assert.equal(report.entries, 3);
});

test('a changed record is found, and which entry it is', () => {
  const { lines } = writeChain(4);
  const e = JSON.parse(lines[2]);
  e.record = e.record.replace('"step":3', '"step":9');
  const tampered = [...lines];
  tampered[2] = JSON.stringify(e);
  const report = verify(tampered);
  assert.equal(report.ok, false);
  assert.equal(report.problem, 'changed');
  assert.equal(report.index, 2);
  assert.equal(report.seq, 3);
});

test('a removed middle entry is found', () => {
  const { lines } = writeChain(4);
  const report = verify([lines[0], lines[1], lines[3]]);
  assert.equal(report.ok, false);
  assert.equal(report.problem, 'removed');
  assert.equal(report.seq, 3);
});

test('two swapped entries are found', () => {
  const { lines } = writeChain(4);
  const report = verify([lines[0], lines[2], lines[1], lines[3]]);
  assert.equal(report.ok, false);
  assert.equal(report.problem, 'reordered');
});

test('a cut at the end shows only against a trusted head (the heartbeat sends it)', () => {
  const { lines, head } = writeChain(4);
  assert.equal(verify(lines.slice(0, 3)).ok, true);
  const report = verify(lines.slice(0, 3), publicKey, head);
  assert.equal(report.ok, false);
  assert.equal(report.problem, 'removed');
});

test("another terminal's key does not verify this chain", () => {
  const { lines } = writeChain(2);
  const other = core.publicKeyFromSeed(crypto.randomBytes(32).toString('hex')).value;
  const report = verify(lines, other);
  assert.equal(report.ok, false);
  assert.equal(report.problem, 'bad_signature');
});

test('an entry the core refuses is a storage error, so the runner stops as for a failed write', () => {
  const link = chainLink(core, seed);
  assert.throws(
    () => link(EMPTY_HEAD, 1, '', '{}'),
    (e) => e.name === 'QrposError' && e.kind === 'storage' && e.code === 'journal_chain_failed',
  );
  assert.throws(
    () => link(EMPTY_HEAD, 1, 'pay:X', 'x'.repeat(9000)),
    (e) => e.code === 'journal_chain_failed' && /input_too_long/.test(e.message),
  );
});

test('the queue runs appends one after another, in order, past a failed one', async () => {
  const queue = new SerialQueue();
  const order = [];
  const slow = (name, ms) => () => new Promise((r) => setTimeout(() => (order.push(name), r(name)), ms));
  const a = queue.run(slow('a', 30));
  const b = queue.run(() => Promise.reject(new Error('b failed')));
  const c = queue.run(slow('c', 1));
  await assert.rejects(b, /b failed/);
  assert.deepEqual(await Promise.all([a, c]), ['a', 'c']);
  assert.deepEqual(order, ['a', 'c']);
});
