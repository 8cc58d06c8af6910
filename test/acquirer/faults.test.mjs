// Fault injection (docs/sandbox.md "Fault injection") with a real client: each
// fault's raw effect on one request, and for the faults that hide a committed
// payment (drop after commit, corrupt signature, stale answer) that a terminal
// session still ends truthfully: paid, exactly once.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ledgerRows } from '../support/acquirer.mjs';
import { loadCore } from '../support/core.mjs';
import { Terminal, wechatCode, sleep } from './terminal-client.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';

const ADMIN = 'faults-admin-token';
let core;
let acquirer;
let t; // the demo terminal

before(async () => {
  core = await loadCore();
  acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN, '--fault', 'latency=50,path=/healthz,count=1'] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  t = new Terminal(core, acquirer, demo);
});

after(async () => {
  await acquirer?.stop();
});

beforeEach(async () => {
  await setFaults([]);
});

async function setFaults(faults) {
  const res = await fetch(`${acquirer.url}/admin/faults`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ faults }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

// A signed pay request exactly as the terminal builds it.
function payRequest(amount = 1234) {
  const outTradeNo = t.freshNumber();
  const req = core.buildPayRequest({
    terminalId: t.terminalId,
    terminalSeedHex: t.seed,
    acquirerPublicKeyHex: t.demo.acquirer_public_key,
    outTradeNo,
    amount,
    currency: 'CNY',
    authCode: wechatCode(),
    timestampMs: Date.now(),
    nonce: t.freshNonce(),
    entropyHex: crypto.randomBytes(32).toString('hex'),
  });
  assert.ok(req.ok, req.error.detail);
  const headers = {
    'Content-Type': 'application/json',
    'Qrpos-Terminal': req.terminalId,
    'Qrpos-Timestamp': String(req.timestampMs),
    'Qrpos-Nonce': req.nonce,
    'Qrpos-Signature': req.signature,
  };
  return { outTradeNo, amount, nonce: req.nonce, headers, body: req.body };
}

// Sends it; `rejected` when the connection broke before a whole answer arrived.
async function pay(p) {
  try {
    const res = await fetch(`${acquirer.url}/v1/payments`, { method: 'POST', headers: p.headers, body: p.body });
    const body = await res.text();
    const verified = core.verifyPayResponse({
      acquirerPublicKeyHex: t.demo.acquirer_public_key,
      requestNonce: p.nonce,
      outTradeNo: p.outTradeNo,
      amount: p.amount,
      currency: 'CNY',
      httpStatus: res.status,
      timestampMs: Number(res.headers.get('qrpos-timestamp')),
      signature: res.headers.get('qrpos-signature') ?? '',
      body,
    });
    return { rejected: false, status: res.status, body, verified };
  } catch (err) {
    return { rejected: true, error: err };
  }
}

const tradesFor = (no) => ledgerRows(acquirer.dbPath, `SELECT status FROM trades WHERE out_trade_no = '${no}'`);

test('faults from --fault are listed; PUT replaces them; bad faults are 400', async () => {
  const fresh = await startOwn({ args: ['--admin-token', ADMIN, '--fault', 'server_error=500,path=/v1/orders,count=2'] });
  try {
    const res = await fetch(`${fresh.url}/admin/faults`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    assert.deepEqual((await res.json()).faults, [
      { kind: 'server_error', path: '/v1/orders', count: 2, probability: 1, status: 500 },
    ]);
  } finally {
    await fresh.stop();
  }
  const set = await setFaults([{ kind: 'latency', ms: 10, probability: 0.5 }]);
  assert.deepEqual(set.faults, [{ kind: 'latency', path: '/v1/', count: 0, probability: 0.5, ms: 10 }]);
  for (const bad of [{ kind: 'gremlins' }, { kind: 'latency' }, { kind: 'server_error', status: 404 }]) {
    const res = await fetch(`${acquirer.url}/admin/faults`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ faults: [bad] }),
    });
    assert.equal(res.status, 400, JSON.stringify(bad));
    assert.equal((await res.json()).error.code, 'malformed_message');
  }
});

test('latency delays the answer by its ms, for its count only', async () => {
  await setFaults([{ kind: 'latency', ms: 700, path: '/v1/payments', count: 1 }]);
  let started = Date.now();
  const slow = await pay(payRequest());
  assert.ok(Date.now() - started >= 650, `took ${Date.now() - started} ms`);
  assert.equal(slow.verified.status, 'SUCCESS');
  started = Date.now();
  await pay(payRequest());
  assert.ok(Date.now() - started < 500, 'the count was spent');
});

test('server_error answers a signed 503 unavailable and processes nothing', async () => {
  await setFaults([{ kind: 'server_error', status: 503, path: '/v1/payments', count: 1 }]);
  const p = payRequest();
  const answer = await pay(p);
  assert.equal(answer.status, 503);
  assert.ok(answer.verified.ok, 'the error is signed');
  assert.equal(answer.verified.errorCode, 'unavailable');
  assert.deepEqual(tradesFor(p.outTradeNo), []);
});

test('reset_before_processing breaks the connection and processes nothing', async () => {
  await setFaults([{ kind: 'reset_before_processing', path: '/v1/payments', count: 1 }]);
  const p = payRequest();
  assert.equal((await pay(p)).rejected, true);
  assert.deepEqual(tradesFor(p.outTradeNo), []);
});

test('drop_after_commit: the client gets no answer, yet the payment is recorded', async () => {
  await setFaults([{ kind: 'drop_after_commit', path: '/v1/payments', count: 1 }]);
  const p = payRequest();
  assert.equal((await pay(p)).rejected, true);
  assert.deepEqual(tradesFor(p.outTradeNo), [{ status: 'SUCCESS' }]);
});

test('drop_after_commit: a terminal session still ends paid, exactly once', async () => {
  await setFaults([{ kind: 'drop_after_commit', path: '/v1/payments', count: 1 }]);
  const { state, trace } = await t.drive({ type: 'start_pay', amount: 2500, currency: 'CNY', authCode: wechatCode() }, { skipWaits: true });
  assert.equal(state.outcome, 'paid', trace.join(', '));
  assert.match(trace[0], /network error/);
  assert.deepEqual(tradesFor(state.out_trade_no), [{ status: 'SUCCESS' }]);
});

test('corrupt_signature: the answer does not verify, the payment is recorded', async () => {
  await setFaults([{ kind: 'corrupt_signature', path: '/v1/payments', count: 1 }]);
  const p = payRequest();
  const answer = await pay(p);
  assert.equal(answer.status, 200);
  assert.equal(answer.verified.ok, false);
  assert.equal(answer.verified.error.code, 'bad_signature');
  assert.deepEqual(tradesFor(p.outTradeNo), [{ status: 'SUCCESS' }]);
});

test('corrupt_signature: a terminal session still ends paid, exactly once', async () => {
  await setFaults([{ kind: 'corrupt_signature', path: '/v1/payments', count: 1 }]);
  const { state, trace } = await t.drive({ type: 'start_pay', amount: 2600, currency: 'CNY', authCode: wechatCode() }, { skipWaits: true });
  assert.equal(state.outcome, 'paid', trace.join(', '));
  assert.ok(trace.length >= 2, 'the terminal asked again after the unverifiable answer');
  assert.deepEqual(tradesFor(state.out_trade_no), [{ status: 'SUCCESS' }]);
});

test('stale_response: the previous genuine answer comes back and does not verify for this request', async () => {
  const first = payRequest();
  const genuine = await pay(first);
  assert.equal(genuine.verified.status, 'SUCCESS');
  await setFaults([{ kind: 'stale_response', path: '/v1/payments', count: 1 }]);
  const second = payRequest();
  const stale = await pay(second);
  assert.equal(stale.body, genuine.body, 'the old answer, replayed');
  assert.equal(stale.verified.ok, false);
  assert.deepEqual(tradesFor(second.outTradeNo), [{ status: 'SUCCESS' }], 'yet this one was processed');

  await setFaults([{ kind: 'stale_response', path: '/v1/payments', count: 1 }]);
  const { state, trace } = await t.drive({ type: 'start_pay', amount: 2700, currency: 'CNY', authCode: wechatCode() }, { skipWaits: true });
  assert.equal(state.outcome, 'paid', trace.join(', '));
  assert.deepEqual(tradesFor(state.out_trade_no), [{ status: 'SUCCESS' }]);
});

test('probability and scope: a fault on another path leaves payments alone; admin is never faulted', async () => {
  await setFaults([{ kind: 'reset_before_processing', path: '/v1/orders', probability: 1 }]);
  assert.equal((await pay(payRequest())).verified.status, 'SUCCESS');
  await setFaults([{ kind: 'reset_before_processing', path: '/' }]);
  assert.equal((await pay(payRequest())).rejected, true);
  const listed = await setFaults([]); // /admin still answers with every path faulted
  assert.deepEqual(listed.faults, []);
  await sleep(0);
});
