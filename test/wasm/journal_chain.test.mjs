// wasm/bind_journal_chain.cpp (append, boot core) and wasm/tools/bind_journal_chain.cpp
// (verify): the shared vectors give the same lines as native, an independent check
// with node:crypto of the documented hash and signature, and each tampering reason.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadCore, loadTools } from '../support/core.mjs';

const doc = JSON.parse(fs.readFileSync(new URL('../vectors/journal_chain.json', import.meta.url), 'utf8'));
const SEED = doc.seed_hex;
const PUBLIC_KEY = doc.public_key_hex;
let core;
let tools;

before(async () => {
  core = await loadCore();
  tools = await loadTools();
});

function append(head, atMs, sessionId, record, seed = SEED) {
  const r = core.chainJournalEntry(seed, head.seq, head.hash, atMs, sessionId, record);
  assert.ok(r.ok, r.error?.detail);
  const entry = JSON.parse(r.value);
  return { line: r.value, head: { seq: entry.seq, hash: entry.hash } };
}

function chain(n) {
  let head = { seq: 0, hash: '' };
  const lines = [];
  for (let i = 0; i < n; i++) {
    const next = append(head, 1_795_680_000_000 + i, `S-${i % 2}`, `{"phase":"step ${i}"}`);
    lines.push(next.line);
    head = next.head;
  }
  return { lines, head };
}

function verify(lines, expectedHead, key = PUBLIC_KEY) {
  const r = tools.verifyJournalChain(
    key,
    JSON.stringify(lines),
    expectedHead ? JSON.stringify(expectedHead) : '',
  );
  assert.ok(r.ok, r.error?.detail);
  return JSON.parse(r.value);
}

function assertProblem(report, problem, index, seq) {
  assert.equal(report.ok, false);
  assert.deepEqual([report.problem, report.index, report.seq], [problem, index, seq], report.detail);
}

// The hash as journal_chain.hpp documents it, computed without the core.
function documentedHash(entry) {
  const u64 = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  const field = (bytes) => Buffer.concat([u64(bytes.length), bytes]);
  return crypto
    .createHash('sha256')
    .update(field(Buffer.from('qrpos.journal_chain.v1')))
    .update(u64(entry.seq))
    .update(u64(entry.at_ms))
    .update(field(Buffer.from(entry.session, 'utf8')))
    .update(field(Buffer.from(entry.record, 'utf8')))
    .update(field(Buffer.from(entry.prev, 'hex')))
    .digest('hex');
}

test('the shared vectors append to the same lines as the native core', () => {
  let head = { seq: 0, hash: '' };
  doc.appends.forEach((a, i) => {
    const next = append(head, a.at_ms, a.session_id, a.record);
    assert.equal(next.line, doc.lines[i]);
    head = next.head;
  });
  assert.deepEqual(head, doc.head);
  assert.equal(verify(doc.lines, doc.head).ok, true);
});

test('each entry hashes and signs exactly as documented (checked with node:crypto)', () => {
  const publicKey = crypto.createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(PUBLIC_KEY, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  let prev = '0'.repeat(64);
  for (const line of doc.lines) {
    const entry = JSON.parse(line);
    assert.equal(entry.prev, prev);
    assert.equal(entry.hash, documentedHash(entry));
    assert.ok(
      crypto.verify(null, Buffer.from(entry.hash, 'hex'), publicKey, Buffer.from(entry.sig, 'base64')),
    );
    prev = entry.hash;
  }
});

test('a chain made in wasm verifies, and every kind of tampering is named', () => {
  const { lines, head } = chain(5);
  const intact = verify(lines, head);
  assert.deepEqual([intact.ok, intact.entries, intact.problem], [true, 5, 'none']);

  const edit = (i, change) => {
    const copy = [...lines];
    const entry = JSON.parse(copy[i]);
    change(entry);
    copy[i] = JSON.stringify(entry);
    return copy;
  };
  assertProblem(verify(edit(2, (e) => (e.record = '{"phase":"step X"}'))), 'changed', 2, 3);
  assertProblem(verify(edit(0, (e) => (e.at_ms += 1))), 'changed', 0, 1);
  assertProblem(verify(edit(4, (e) => (e.session = 'S-9'))), 'changed', 4, 5);
  assertProblem(verify(lines.slice(1)), 'removed', 0, 1);
  assertProblem(verify([...lines.slice(0, 2), ...lines.slice(3)]), 'removed', 2, 3);
  assert.equal(verify(lines.slice(0, 4)).ok, true, 'a cut at the end needs the expected head');
  assertProblem(verify(lines.slice(0, 4), head), 'removed', 4, 5);
  assertProblem(verify([lines[0], lines[2], lines[1], lines[3], lines[4]]), 'reordered', 1, 3);

  // Changed, then hashed and signed again with another key: the hash is right, the signer is not.
  const other = crypto.randomBytes(32).toString('hex');
  const prevHead = JSON.parse(lines[1]);
  const forged = append({ seq: prevHead.seq, hash: prevHead.hash }, 1, 'S-0', '{"phase":"forged"}', other);
  assertProblem(verify([lines[0], lines[1], forged.line, ...lines.slice(3)]), 'bad_signature', 2, 3);
  // A recomputed hash without any key.
  const rehashed = edit(2, (e) => {
    e.record = '{"phase":"forged"}';
    e.hash = documentedHash(e);
  });
  assertProblem(verify(rehashed), 'bad_signature', 2, 3);
  assertProblem(verify(lines, undefined, core.publicKeyFromSeed(other).value), 'bad_signature', 0, 1);

  assertProblem(verify([]), 'empty', 0, 0);
  assertProblem(verify([lines[0], 'not json']), 'malformed', 1, 0);
});

test('bad arguments are typed errors, not reports', () => {
  const { lines } = chain(1);
  assert.equal(tools.verifyJournalChain('zz', JSON.stringify(lines), '').error.code, 'invalid_key');
  assert.equal(tools.verifyJournalChain(PUBLIC_KEY, '{}', '').error.code, 'malformed_message');
  assert.equal(tools.verifyJournalChain(PUBLIC_KEY, '[1]', '').error.code, 'malformed_message');
  assert.equal(tools.verifyJournalChain(PUBLIC_KEY, '[]', '{"seq":1}').error.code, 'malformed_message');
  assert.equal(core.chainJournalEntry(SEED, 0, 'abc', 1, 'S', '{}').error.code, 'invalid_encoding');
  assert.equal(core.chainJournalEntry(SEED, 0, '', 1, '', '{}').error.code, 'invalid_field');
  assert.equal(core.chainJournalEntry(SEED, 0, '', 1, 'S', 'r'.repeat(8193)).error.code, 'input_too_long');
  assert.equal(core.chainJournalEntry('00', 0, '', 1, 'S', '{}').error.code, 'invalid_key');
});
