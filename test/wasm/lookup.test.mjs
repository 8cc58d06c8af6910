// wasm/bind_lookup.cpp: a lookup request signed in the boot core, and answers read and
// verified there: from the real sandbox acquirer (a bill made with POST /admin/bills),
// and signed in the test with the core's own Ed25519 (an acquirer key the test owns),
// so every status and every forgery can be staged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';

const rand = (n) => crypto.randomBytes(n).toString('hex');
const TERMINAL_SEED = '11'.repeat(32);
const ACQUIRER_SEED = '22'.repeat(32);
let core;
let acquirerKey;
let terminalKey;

const ADMIN = 'lookup-wasm-admin-token-01234567';
let sandbox;
let demo; // GET /demo/terminal.json: terminal_id, seed, acquirer_public_key

before(async () => {
  core = await loadCore();
  acquirerKey = core.publicKeyFromSeed(ACQUIRER_SEED).value;
  terminalKey = core.publicKeyFromSeed(TERMINAL_SEED).value;
  sandbox = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
  demo = await (await fetch(`${sandbox.url}/demo/terminal.json`)).json();
});
after(() => sandbox?.stop());

// Asks the real sandbox about `code` with a request signed in wasm; the answer read in wasm.
async function lookUp(code) {
  const built = core.lookupRequest(demo.terminal_id, demo.seed, code, Date.now(), rand(16));
  assert.ok(built.ok, built.error?.detail);
  const req = JSON.parse(built.value);
  const res = await fetch(sandbox.url + req.path, { method: req.method, headers: req.headers, body: req.body });
  const body = await res.text();
  return core.readLookupAnswer(
    demo.acquirer_public_key,
    req.nonce,
    code,
    res.status,
    Number(res.headers.get('qrpos-timestamp')),
    res.headers.get('qrpos-signature') ?? '',
    body,
  );
}

test('the real sandbox prices a bill it holds, and knows nothing of others', async () => {
  const made = await fetch(`${sandbox.url}/admin/bills`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'TK-00000042', amount: 12800, currency: 'CNY', description: '演唱会 Concert' }),
  });
  assert.equal(made.status, 201, await made.text());
  const open = await lookUp('TK-00000042');
  assert.ok(open.ok, open.error.detail);
  assert.deepEqual(JSON.parse(open.value), {
    code: 'TK-00000042',
    status: 'open',
    amount: 12800,
    currency: 'CNY',
    description: '演唱会 Concert',
    out_trade_no: '',
  });
  const unknown = await lookUp('TK-99999999');
  assert.ok(unknown.ok, unknown.error.detail);
  assert.equal(JSON.parse(unknown.value).status, 'unknown');
  assert.equal(JSON.parse(unknown.value).amount, 0);
});

function build(code, timestampMs = 1_795_680_000_000) {
  const r = core.lookupRequest('T-1', TERMINAL_SEED, code, timestampMs, rand(16));
  assert.ok(r.ok, r.error?.detail);
  return JSON.parse(r.value);
}

// The acquirer's signed answer to `req`.
function answer(req, httpStatus, body, seed = ACQUIRER_SEED) {
  const timestampMs = 1_795_680_000_050;
  const message = core.canonicalResponse(httpStatus, timestampMs, req.nonce, body);
  const signature = core.signHex(seed, Buffer.from(message, 'utf8').toString('hex'));
  assert.ok(signature.ok);
  return { httpStatus, timestampMs, signature: Buffer.from(signature.value, 'hex').toString('base64'), body };
}

function read(req, code, a, key = acquirerKey) {
  return core.readLookupAnswer(key, req.nonce, code, a.httpStatus, a.timestampMs, a.signature, a.body);
}

const OPEN = { code: 'BILL-0042', status: 'open', amount: 8800, currency: 'CNY', description: '晚餐 Dinner' };

test('the request is a signed POST of the code, verifiable with the terminal key', () => {
  const req = build('BILL-0042');
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/v1/lookups');
  assert.deepEqual(JSON.parse(req.body), { code: 'BILL-0042' });
  assert.equal(req.headers['Qrpos-Terminal'], 'T-1');
  assert.equal(req.headers['Qrpos-Nonce'], req.nonce);
  const canonical = core.canonicalRequest('POST', '/v1/lookups', 1_795_680_000_000, req.nonce, req.body);
  const sig = Buffer.from(req.headers['Qrpos-Signature'], 'base64').toString('hex');
  assert.equal(core.verifyHex(terminalKey, Buffer.from(canonical, 'utf8').toString('hex'), sig), true);
});

test('a code the acquirer would refuse is not signed', () => {
  const bad = (code, entropy = rand(16)) => core.lookupRequest('T-1', TERMINAL_SEED, code, 1, entropy).error.code;
  assert.equal(bad(''), 'invalid_field');
  assert.equal(bad('RM 301'), 'invalid_field');
  assert.equal(bad('房301'), 'invalid_field');
  assert.equal(bad('x'.repeat(65)), 'invalid_field');
  assert.equal(bad('RM-301', rand(8)), 'invalid_key');
});

test('open, paid and unknown answers read as the protocol JSON', () => {
  const req = build('BILL-0042');
  const open = read(req, 'BILL-0042', answer(req, 200, JSON.stringify(OPEN)));
  assert.ok(open.ok, open.error.detail);
  assert.deepEqual(JSON.parse(open.value), { ...OPEN, out_trade_no: '' });
  const paid = { ...OPEN, status: 'paid', out_trade_no: '20261126080000a1b2c3d4e5f60718' };
  assert.deepEqual(JSON.parse(read(req, 'BILL-0042', answer(req, 200, JSON.stringify(paid))).value), paid);
  const unknown = { code: 'BILL-0042', status: 'unknown', amount: 0 };
  assert.deepEqual(JSON.parse(read(req, 'BILL-0042', answer(req, 200, JSON.stringify(unknown))).value), {
    ...unknown,
    currency: '',
    description: '',
    out_trade_no: '',
  });
});

test("a refusal is not ok and carries the acquirer's error code", () => {
  const req = build('BILL-0042');
  const body = JSON.stringify({ error: { code: 'retry_later', message: 'busy', retry_after_ms: 1000 } });
  const r = read(req, 'BILL-0042', answer(req, 429, body));
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'retry_later');
  assert.equal(r.error.detail, 'busy');
});

test('an answer that cannot be trusted, or is about another code, is refused', () => {
  const req = build('BILL-0042');
  const a = answer(req, 200, JSON.stringify(OPEN));
  assert.equal(read(req, 'BILL-0042', { ...a, body: JSON.stringify({ ...OPEN, amount: 1 }) }).error.code, 'bad_signature');
  assert.equal(read(req, 'BILL-0042', { ...a, timestampMs: a.timestampMs + 1 }).error.code, 'bad_signature');
  assert.equal(read({ nonce: '0'.repeat(32) }, 'BILL-0042', a).error.code, 'bad_signature');
  assert.equal(read(req, 'BILL-0042', a, terminalKey).error.code, 'bad_signature');
  assert.equal(read(req, 'BILL-0042', answer(req, 200, JSON.stringify(OPEN), TERMINAL_SEED)).error.code, 'bad_signature');
  assert.equal(read(req, 'BILL-0043', a).error.code, 'malformed_message');
  assert.equal(read(req, 'BILL-0042', answer(req, 200, '{}')).error.code, 'malformed_message');
  const free = answer(req, 200, JSON.stringify({ ...OPEN, amount: 0 }));
  assert.equal(read(req, 'BILL-0042', free).error.code, 'invalid_field', 'an open bill has a price');
});
