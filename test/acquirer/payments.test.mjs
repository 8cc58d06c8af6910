// POST /v1/payments against the real sandbox acquirer, with requests built and
// answers verified by the WebAssembly core, as the terminal does it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startAcquirer, ledgerRows } from '../support/acquirer.mjs';
import { loadCore } from '../support/core.mjs';

let core;
let acquirer;
let demo; // GET /demo/terminal.json

before(async () => {
  core = await loadCore();
  acquirer = await startAcquirer({ demo: true });
  const res = await fetch(`${acquirer.url}/demo/terminal.json`);
  assert.equal(res.status, 200);
  demo = await res.json();
  assert.equal(demo.terminal_id, 'T-DEMO-0001');
  assert.match(demo.seed, /^[0-9a-f]{64}$/);
  const info = await (await fetch(`${acquirer.url}/v1/acquirer`)).json();
  assert.equal(info.public_key, demo.acquirer_public_key);
});

after(async () => {
  await acquirer?.stop();
});

const randomHex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const textHex = (text) => Buffer.from(text, 'utf8').toString('hex');
const freshCode = () => '13' + Array.from({ length: 16 }, () => crypto.randomInt(10)).join('');
const freshNonce = () => core.makeNonce(randomHex(16)).value;
const freshOutTradeNo = () => core.makeOutTradeNo(Date.now(), randomHex(8)).value;

function order(overrides = {}) {
  return {
    outTradeNo: freshOutTradeNo(),
    amount: 2372,
    currency: 'CNY',
    authCode: freshCode(),
    ...overrides,
  };
}

// A signed POST /v1/payments exactly as the terminal builds it.
function payRequest(
  o,
  { terminalId = demo.terminal_id, timestampMs = Date.now(), nonce = freshNonce() } = {},
) {
  const req = core.buildPayRequest({
    terminalId,
    terminalSeedHex: demo.seed,
    acquirerPublicKeyHex: demo.acquirer_public_key,
    outTradeNo: o.outTradeNo,
    amount: o.amount,
    currency: o.currency,
    authCode: o.authCode,
    timestampMs,
    nonce,
    entropyHex: crypto.randomBytes(32).toString('hex'),
  });
  assert.ok(req.ok, req.error.detail);
  return {
    nonce: req.nonce,
    body: req.body,
    headers: {
      'Content-Type': 'application/json',
      'Qrpos-Terminal': req.terminalId,
      'Qrpos-Timestamp': String(req.timestampMs),
      'Qrpos-Nonce': req.nonce,
      'Qrpos-Signature': req.signature,
    },
  };
}

// Any body, signed correctly with the demo terminal key (for bodies buildPayRequest
// would never produce).
function signedRaw(body, { timestampMs = Date.now(), nonce = freshNonce() } = {}) {
  const canonical = core.canonicalRequest('POST', '/v1/payments', timestampMs, nonce, body);
  const sig = core.signHex(demo.seed, textHex(canonical));
  assert.ok(sig.ok, sig.error.detail);
  return {
    nonce,
    body,
    headers: {
      'Content-Type': 'application/json',
      'Qrpos-Terminal': demo.terminal_id,
      'Qrpos-Timestamp': String(timestampMs),
      'Qrpos-Nonce': nonce,
      'Qrpos-Signature': Buffer.from(sig.value, 'hex').toString('base64'),
    },
  };
}

async function post({ headers, body }) {
  const res = await fetch(`${acquirer.url}/v1/payments`, { method: 'POST', headers, body });
  return {
    status: res.status,
    timestamp: res.headers.get('qrpos-timestamp'),
    signature: res.headers.get('qrpos-signature'),
    contentType: res.headers.get('content-type'),
    body: await res.text(),
  };
}

// The acquirer's answer, verified with its key against the request nonce.
function verified(res, nonce, o) {
  assert.ok(res.timestamp, 'answer carries Qrpos-Timestamp');
  assert.ok(res.signature, 'answer carries Qrpos-Signature');
  return core.verifyPayResponse({
    acquirerPublicKeyHex: demo.acquirer_public_key,
    requestNonce: nonce,
    outTradeNo: o?.outTradeNo ?? '',
    amount: o?.amount ?? 0,
    currency: o?.currency ?? '',
    httpStatus: res.status,
    timestampMs: Number(res.timestamp),
    signature: res.signature,
    body: res.body,
  });
}

// A rejection: the HTTP status, a JSON error body, and a signature that verifies.
function assertSignedError(res, nonce, status, code) {
  assert.equal(res.status, status, res.body);
  assert.match(res.contentType ?? '', /^application\/json/);
  assert.equal(JSON.parse(res.body).error.code, code);
  const result = verified(res, nonce);
  assert.ok(result.ok, `error answer must be signed: ${result.error.code} ${result.error.detail}`);
  assert.equal(result.status, 'ERROR');
  assert.equal(result.errorCode, code);
  assert.ok(result.errorMessage.length > 0);
}

const rowsFor = (outTradeNo) =>
  ledgerRows(acquirer.dbPath, `SELECT * FROM payments WHERE out_trade_no = '${outTradeNo}'`);
const paymentCount = () => ledgerRows(acquirer.dbPath, 'SELECT COUNT(*) AS n FROM payments')[0].n;

test('a signed WeChat payment succeeds, is signed, and is recorded masked', async () => {
  const o = order();
  const req = payRequest(o);
  const res = await post(req);
  assert.equal(res.status, 200, res.body);
  const result = verified(res, req.nonce, o);
  assert.ok(result.ok, result.error.detail);
  assert.equal(result.status, 'SUCCESS');
  assert.equal(result.outTradeNo, o.outTradeNo);
  assert.equal(result.amount, 2372);
  assert.equal(result.scheme, 'wechat');
  assert.equal(result.authCodeMasked, core.maskCode(o.authCode));
  assert.match(result.transactionId, /^QP/);

  const rows = rowsFor(o.outTradeNo);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].amount, 2372);
  assert.equal(rows[0].currency, 'CNY');
  assert.equal(rows[0].scheme, 'wechat');
  assert.equal(rows[0].status, 'SUCCESS');
  assert.equal(rows[0].terminal_id, demo.terminal_id);
  assert.equal(rows[0].transaction_id, result.transactionId);
  assert.equal(rows[0].auth_code_masked, core.maskCode(o.authCode));
  assert.match(rows[0].auth_code_masked, /^13\*{12}\d{4}$/);

  // The clear code is nowhere at rest: not in the ledger (nor its WAL), not in the log.
  const dir = path.dirname(acquirer.dbPath);
  const files = fs.readdirSync(dir);
  assert.ok(files.includes('ledger.db'));
  let maskedSeen = false;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dir, f));
    assert.equal(bytes.includes(o.authCode), false, `clear code found in ${f}`);
    maskedSeen ||= bytes.includes(rows[0].auth_code_masked);
  }
  assert.ok(maskedSeen, 'the scan read the bytes the payment was written to');
  assert.equal(acquirer.stderr().includes(o.authCode), false, 'clear code found in the acquirer log');
});

test('the same out_trade_no sent again with a fresh nonce answers the same payment', async () => {
  const o = order();
  const first = payRequest(o);
  const a = await post(first);
  assert.equal(a.status, 200, a.body);
  const second = payRequest(o);
  assert.notEqual(second.nonce, first.nonce);
  const b = await post(second);
  assert.equal(b.status, 200, b.body);
  const ra = verified(a, first.nonce, o);
  const rb = verified(b, second.nonce, o);
  assert.ok(ra.ok && rb.ok);
  assert.equal(rb.status, 'SUCCESS');
  assert.equal(rb.transactionId, ra.transactionId);
  assert.equal(rowsFor(o.outTradeNo).length, 1);
  // The answer is bound to its own request: the first answer does not verify for the second.
  assert.equal(verified(a, second.nonce, o).ok, false);
});

test('a request replayed byte for byte is refused: 409 replayed_nonce', async () => {
  const o = order();
  const req = payRequest(o);
  const first = await post(req);
  assert.equal(first.status, 200, first.body);
  const before = paymentCount();
  const replay = await post(req);
  assertSignedError(replay, req.nonce, 409, 'replayed_nonce');
  assert.equal(paymentCount(), before);
  assert.equal(rowsFor(o.outTradeNo).length, 1);
});

test('an unknown terminal is refused: 401 unknown_terminal, nothing recorded', async () => {
  const o = order();
  const req = payRequest(o, { terminalId: 'T-NOPE-0001' });
  const before = paymentCount();
  assertSignedError(await post(req), req.nonce, 401, 'unknown_terminal');
  assert.equal(rowsFor(o.outTradeNo).length, 0);
  assert.equal(paymentCount(), before);
});

test('a bad signature is refused: 401 bad_signature, nothing recorded', async () => {
  const before = paymentCount();
  // One character of the signature changed.
  const o1 = order();
  const r1 = payRequest(o1);
  const sig = r1.headers['Qrpos-Signature'];
  const i = 10;
  r1.headers['Qrpos-Signature'] = sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
  assertSignedError(await post(r1), r1.nonce, 401, 'bad_signature');
  assert.equal(rowsFor(o1.outTradeNo).length, 0);
  // One character of the body changed (the amount: 2372 -> 2373).
  const o2 = order();
  const r2 = payRequest(o2);
  assert.ok(r2.body.includes('"amount":2372'));
  r2.body = r2.body.replace('"amount":2372', '"amount":2373');
  assertSignedError(await post(r2), r2.nonce, 401, 'bad_signature');
  assert.equal(rowsFor(o2.outTradeNo).length, 0);
  // Signed by another key.
  const o3 = order();
  const r3 = payRequest(o3);
  const otherSeed = randomHex(32);
  const canonical = core.canonicalRequest(
    'POST',
    '/v1/payments',
    Number(r3.headers['Qrpos-Timestamp']),
    r3.nonce,
    r3.body,
  );
  r3.headers['Qrpos-Signature'] = Buffer.from(
    core.signHex(otherSeed, textHex(canonical)).value,
    'hex',
  ).toString('base64');
  assertSignedError(await post(r3), r3.nonce, 401, 'bad_signature');
  assert.equal(paymentCount(), before);
});

test('a correctly signed malformed body is refused: 400 malformed_message, nothing recorded', async () => {
  const before = paymentCount();
  for (const body of ['{"amount":', 'not json', '[]', '{"out_trade_no":"x","amount":"5"}']) {
    const req = signedRaw(body);
    assertSignedError(await post(req), req.nonce, 400, 'malformed_message');
  }
  assert.equal(paymentCount(), before);
});

test('missing auth headers are refused: 400 missing_auth_headers', async () => {
  const before = paymentCount();
  for (const header of ['Qrpos-Terminal', 'Qrpos-Timestamp', 'Qrpos-Nonce', 'Qrpos-Signature']) {
    const req = payRequest(order());
    delete req.headers[header];
    const nonce = header === 'Qrpos-Nonce' ? '' : req.nonce;
    assertSignedError(await post(req), nonce, 400, 'missing_auth_headers');
  }
  const bare = payRequest(order());
  const res = await post({ headers: { 'Content-Type': 'application/json' }, body: bare.body });
  assertSignedError(res, '', 400, 'missing_auth_headers');
  assert.equal(paymentCount(), before);
});

test('a stale timestamp (10 min old) is refused: 401 stale_timestamp', async () => {
  const o = order();
  const req = payRequest(o, { timestampMs: Date.now() - 10 * 60 * 1000 });
  assertSignedError(await post(req), req.nonce, 401, 'stale_timestamp');
  const future = payRequest(o, { timestampMs: Date.now() + 10 * 60 * 1000 });
  assertSignedError(await post(future), future.nonce, 401, 'stale_timestamp');
  assert.equal(rowsFor(o.outTradeNo).length, 0);
});

test('the same payment code for another out_trade_no is refused: 409 auth_code_used', async () => {
  const first = order();
  const a = await post(payRequest(first));
  assert.equal(a.status, 200, a.body);
  const second = order({ authCode: first.authCode });
  const req = payRequest(second);
  assertSignedError(await post(req), req.nonce, 409, 'auth_code_used');
  assert.equal(rowsFor(second.outTradeNo).length, 0);
  assert.equal(rowsFor(first.outTradeNo).length, 1);
});

test('the same out_trade_no for another amount is refused: 409 out_trade_no_conflict', async () => {
  const first = order();
  const a = await post(payRequest(first));
  assert.equal(a.status, 200, a.body);
  const req = payRequest({ ...first, amount: 2373 });
  assertSignedError(await post(req), req.nonce, 409, 'out_trade_no_conflict');
  const rows = rowsFor(first.outTradeNo);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].amount, 2372);
});

test('an oversized body (20 KB) is refused: 413 body_too_large as a signed JSON error', async () => {
  const before = paymentCount();
  const body = JSON.stringify({ out_trade_no: freshOutTradeNo(), amount: 2372, pad: 'x'.repeat(20 * 1024) });
  const req = signedRaw(body);
  assertSignedError(await post(req), req.nonce, 413, 'body_too_large');
  assert.equal(paymentCount(), before);
});

test('an unsupported currency is refused: 400 unknown_currency, nothing recorded', async () => {
  const o = order({ currency: 'XXX' });
  const req = payRequest(o);
  assertSignedError(await post(req), req.nonce, 400, 'unknown_currency');
  assert.equal(rowsFor(o.outTradeNo).length, 0);
});

test('a mask that does not match the sealed code is refused: 400 bad_auth_code, nothing recorded', async () => {
  const o = order();
  const body = JSON.parse(payRequest(o).body);
  body.auth_code_masked =
    '13************0000' === body.auth_code_masked ? '13************0001' : '13************0000';
  const req = signedRaw(JSON.stringify(body));
  assertSignedError(await post(req), req.nonce, 400, 'bad_auth_code');
  assert.equal(rowsFor(o.outTradeNo).length, 0);
});
