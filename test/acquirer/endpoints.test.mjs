// Every terminal endpoint of docs/protocol.md (activation aside) against the real
// sandbox acquirer: authentication on each, query, reverse and its tombstones,
// refunds, orders, the daily report, and ids that are per terminal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ledgerRows } from '../support/acquirer.mjs';
import { loadTools } from '../support/core.mjs';
import { openSandbox, Terminal, wechatCode, sleep } from './terminal-client.mjs';

let t; // the demo terminal
before(async () => {
  t = await openSandbox();
});
after(async () => t?.acquirer.stop());

const rows = (sql) => ledgerRows(t.acquirer.dbPath, sql);
const chinaDate = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

// A paid payment made through the real terminal session.
async function paid(amount = 2372) {
  const { state } = await t.drive({ type: 'start_pay', amount, currency: 'CNY', authCode: wechatCode() });
  assert.equal(state.outcome, 'paid');
  return state.out_trade_no;
}

function assertError(answer, status, code) {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.json.error.code, code);
  assert.ok(answer.json.error.message.length > 0);
}

test('every endpoint refuses missing headers, stale time, bad signatures, replays and unknown terminals', async () => {
  const no = t.freshNumber();
  const cancel = JSON.stringify({ amount: 100, currency: 'CNY' });
  const endpoints = [
    ['GET', `/v1/payments/${no}`, ''],
    ['POST', `/v1/payments/${no}/reverse`, cancel],
    [
      'POST',
      '/v1/refunds',
      JSON.stringify({ out_trade_no: no, out_refund_no: no, amount: 1, currency: 'CNY' }),
    ],
    ['GET', `/v1/refunds/${no}`, ''],
    ['POST', '/v1/orders', JSON.stringify({ out_trade_no: no, amount: 100, currency: 'CNY' })],
    ['GET', `/v1/orders/${no}`, ''],
    ['POST', `/v1/orders/${no}/close`, cancel],
    ['GET', `/v1/reports/daily?date=${chinaDate(Date.now())}`, ''],
  ];
  for (const [method, path, body] of endpoints) {
    const what = `${method} ${path}`;
    const headers = t.sign(method, path, body);
    delete headers['Qrpos-Signature'];
    assertError(await t.send(method, path, body, { headers }), 400, 'missing_auth_headers');
    assertError(
      await t.send(method, path, body, { timestampMs: Date.now() - 6 * 60_000 }),
      401,
      'stale_timestamp',
    );
    const forged = t.sign(method, path, body + ' ');
    assertError(await t.send(method, path, body, { headers: forged }), 401, 'bad_signature');
    const stranger = new Terminal(t.core, t.acquirer, t.demo, { terminalId: 'T-NOPE-0001' });
    assertError(await stranger.send(method, path, body), 401, 'unknown_terminal');
    const once = t.sign(method, path, body);
    const first = await t.send(method, path, body, { headers: once });
    assert.notEqual(first.status, 401, what);
    assertError(await t.send(method, path, body, { headers: once }), 409, 'replayed_nonce');
  }
  // The signature covers the query string: signing the bare path does not do.
  const path = `/v1/reports/daily?date=${chinaDate(Date.now())}`;
  const headers = t.sign('GET', '/v1/reports/daily');
  assertError(await t.send('GET', path, '', { headers }), 401, 'bad_signature');
});

test('malformed bodies and unknown currencies are refused on every POST, nothing recorded', async () => {
  const no = t.freshNumber();
  for (const path of ['/v1/refunds', '/v1/orders', `/v1/payments/${no}/reverse`, `/v1/orders/${no}/close`]) {
    for (const body of ['not json', '{}', '{"amount":"5","currency":"CNY"}']) {
      assertError(await t.send('POST', path, body), 400, 'malformed_message');
    }
  }
  assertError(
    await t.post('/v1/orders', { out_trade_no: no, amount: 100, currency: 'XXX' }),
    400,
    'unknown_currency',
  );
  assertError(
    await t.post(`/v1/payments/${no}/reverse`, { amount: 100, currency: 'XXX' }),
    400,
    'unknown_currency',
  );
  assert.deepEqual(rows(`SELECT * FROM trades WHERE out_trade_no = '${no}'`), []);
  assertError(await t.get('/v1/nothing-here'), 404, 'not_found');
});

test('query answers a payment as recorded, and not_found for an unknown number', async () => {
  const no = await paid(990);
  const a = await t.get(`/v1/payments/${no}`);
  assert.equal(a.status, 200);
  assert.equal(a.json.status, 'SUCCESS');
  assert.equal(a.json.amount, 990);
  assert.match(a.json.transaction_id, /^QP/);
  assert.equal(a.json.auth_code_masked.length, 18);
  assertError(await t.get(`/v1/payments/${t.freshNumber()}`), 404, 'not_found');
});

test("another terminal's out_trade_no is not_found for every endpoint", async () => {
  const no = await paid();
  const seed = crypto.randomBytes(32).toString('hex');
  const key = t.core.publicKeyFromSeed(seed).value;
  rows(
    `INSERT INTO terminals (terminal_id, public_key, merchant_name) VALUES ('T-OTHER-0001', '${key}', 'other shop')`,
  );
  const other = new Terminal(t.core, t.acquirer, t.demo, { terminalId: 'T-OTHER-0001', seed });
  assertError(await other.get(`/v1/payments/${no}`), 404, 'not_found');
  assertError(await other.get(`/v1/orders/${no}`), 404, 'not_found');
  const refund = { out_trade_no: no, out_refund_no: other.freshNumber(), amount: 1, currency: 'CNY' };
  assertError(await other.post('/v1/refunds', refund), 404, 'not_found');
  // Its own reverse of the number is its own tombstone; the demo terminal's sale stands.
  const rev = await other.post(`/v1/payments/${no}/reverse`, { amount: 2372, currency: 'CNY' });
  assert.equal(rev.json.status, 'CLOSED');
  assert.equal((await t.get(`/v1/payments/${no}`)).json.status, 'SUCCESS');
  // The same number is free for another terminal's own sale, too.
  const order = await other.post('/v1/orders', {
    out_trade_no: other.freshNumber(),
    amount: 100,
    currency: 'CNY',
  });
  assert.equal(order.json.status, 'NOTPAY');
});

test('reverse: paid -> REVERSED (again: the same); unknown -> CLOSED tombstone a late pay cannot pass', async () => {
  const no = await paid();
  const first = await t.post(`/v1/payments/${no}/reverse`, { amount: 2372, currency: 'CNY' });
  assert.equal(first.status, 200, first.body);
  assert.equal(first.json.status, 'REVERSED');
  const again = await t.post(`/v1/payments/${no}/reverse`, { amount: 2372, currency: 'CNY' });
  assert.equal(again.json.status, 'REVERSED');
  const refund = { out_trade_no: no, out_refund_no: t.freshNumber(), amount: 1, currency: 'CNY' };
  assertError(await t.post('/v1/refunds', refund), 409, 'refund_not_allowed');

  // The terminal reverses a number it never got an answer for; the pay arrives late.
  const code = wechatCode();
  const session = t.step(
    '',
    { type: 'start_pay', amount: 1500, currency: 'CNY', authCode: code },
    Date.now(),
  );
  const lost = session.commands.find((c) => c.type === 'send');
  const late = JSON.parse(session.state).out_trade_no;
  const tomb = await t.post(`/v1/payments/${late}/reverse`, { amount: 1500, currency: 'CNY' });
  assert.equal(tomb.json.status, 'CLOSED');
  const res = await fetch(t.acquirer.url + lost.path, {
    method: 'POST',
    headers: lost.headers,
    body: lost.body,
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).status, 'CLOSED', 'the late pay finds the tombstone and charges nothing');
  assert.deepEqual(rows(`SELECT status, transaction_id FROM trades WHERE out_trade_no = '${late}'`), [
    { status: 'CLOSED', transaction_id: null },
  ]);
  // The code was not consumed: the customer can still pay with it.
  const retry = await t.drive({ type: 'start_pay', amount: 1500, currency: 'CNY', authCode: code });
  assert.equal(retry.state.outcome, 'paid');
});

test('refunds: partial twice, then over the paid amount refused; the same out_refund_no is one refund', async () => {
  const no = await paid(1000);
  const r1 = {
    out_trade_no: no,
    out_refund_no: t.freshNumber(),
    amount: 300,
    currency: 'CNY',
    reason: 'one item',
  };
  const a = await t.post('/v1/refunds', r1);
  assert.equal(a.status, 200, a.body);
  assert.deepEqual([a.json.status, a.json.amount, a.json.refunded_total], ['SUCCESS', 300, 300]);
  assert.match(a.json.refund_id, /^RF/);
  const again = await t.post('/v1/refunds', r1);
  assert.deepEqual([again.json.refund_id, again.json.refunded_total], [a.json.refund_id, 300]);
  assertError(await t.post('/v1/refunds', { ...r1, amount: 301 }), 409, 'out_trade_no_conflict');
  const r2 = { out_trade_no: no, out_refund_no: t.freshNumber(), amount: 600, currency: 'CNY' };
  assert.equal((await t.post('/v1/refunds', r2)).json.refunded_total, 900);
  const r3 = { out_trade_no: no, out_refund_no: t.freshNumber(), amount: 101, currency: 'CNY' };
  assertError(await t.post('/v1/refunds', r3), 409, 'refund_exceeds_payment');
  assertError(await t.post('/v1/refunds', { ...r3, currency: 'USD', amount: 1 }), 400, 'malformed_message');
  // A partly refunded payment is no longer reversible: refund the rest instead.
  assertError(
    await t.post(`/v1/payments/${no}/reverse`, { amount: 1000, currency: 'CNY' }),
    409,
    'reverse_not_allowed',
  );
  const last = await t.post('/v1/refunds', { ...r3, amount: 100 });
  assert.equal(last.json.refunded_total, 1000);
  assert.equal((await t.get(`/v1/payments/${no}`)).json.refunded_amount, 1000);

  const q = await t.get(`/v1/refunds/${r1.out_refund_no}`);
  assert.deepEqual(
    [q.json.status, q.json.refund_id, q.json.refunded_total],
    ['SUCCESS', a.json.refund_id, 1000],
  );
  assertError(await t.get(`/v1/refunds/${t.freshNumber()}`), 404, 'not_found');
  const unknown = {
    out_trade_no: t.freshNumber(),
    out_refund_no: t.freshNumber(),
    amount: 1,
    currency: 'CNY',
  };
  assertError(await t.post('/v1/refunds', unknown), 404, 'not_found');
  assert.equal(rows(`SELECT COUNT(*) AS n FROM refunds WHERE out_trade_no = '${no}'`)[0].n, 3);
});

test('orders: create (idempotent, code_url and EMV code), query, close; conflicts; a paid order closes as SUCCESS', async () => {
  const no = t.freshNumber();
  const before = Date.now();
  const created = await t.post('/v1/orders', {
    out_trade_no: no,
    amount: 4800,
    currency: 'CNY',
    description: 'table 7',
    expires_in_ms: 60_000,
  });
  assert.equal(created.status, 200, created.body);
  const o = created.json;
  assert.equal(o.status, 'NOTPAY');
  assert.equal(o.code_url, `${t.acquirer.url}/pay/${no}`);
  assert.ok(o.expires_at >= before + 60_000 && o.expires_at <= Date.now() + 60_000);
  assert.ok(o.retry_after_ms > 0);
  const emv = (await loadTools()).parseMpm(o.emv_payload);
  assert.ok(emv.ok, emv.error?.detail);
  assert.deepEqual(
    [emv.pointOfInitiation, emv.amount, emv.currency, emv.countryCode],
    ['dynamic_code', '48.00', '156', 'CN'],
  );
  assert.ok(emv.merchantAccountsJson.includes(o.code_url), 'the EMV code carries the page URL');
  assert.equal(emv.merchantName, 'qrpos demo shop');

  const again = await t.post('/v1/orders', { out_trade_no: no, amount: 4800, currency: 'CNY' });
  assert.deepEqual(again.json, o);
  assertError(
    await t.post('/v1/orders', { out_trade_no: no, amount: 4801, currency: 'CNY' }),
    409,
    'out_trade_no_conflict',
  );
  assertError(
    await t.post('/v1/orders', { out_trade_no: await paid(), amount: 2372, currency: 'CNY' }),
    409,
    'out_trade_no_conflict',
  );
  assert.equal((await t.get(`/v1/orders/${no}`)).json.status, 'NOTPAY');
  const closed = await t.post(`/v1/orders/${no}/close`, { amount: 4800, currency: 'CNY' });
  assert.equal(closed.json.status, 'CLOSED');
  assert.equal(
    (await t.post(`/v1/orders/${no}/close`, { amount: 4800, currency: 'CNY' })).json.status,
    'CLOSED',
  );
  assert.equal((await t.get(`/v1/orders/${no}`)).json.status, 'CLOSED');

  // Close of a number never created is a tombstone; a late create finds it closed.
  const ghost = t.freshNumber();
  assert.equal(
    (await t.post(`/v1/orders/${ghost}/close`, { amount: 500, currency: 'CNY' })).json.status,
    'CLOSED',
  );
  assert.equal(
    (await t.post('/v1/orders', { out_trade_no: ghost, amount: 500, currency: 'CNY' })).json.status,
    'CLOSED',
  );

  const paidOrder = t.freshNumber();
  await t.post('/v1/orders', { out_trade_no: paidOrder, amount: 1200, currency: 'CNY' });
  const wallet = await fetch(`${t.acquirer.url}/customer/orders/${paidOrder}/pay`, { method: 'POST' });
  assert.equal((await wallet.json()).status, 'SUCCESS');
  const close = await t.post(`/v1/orders/${paidOrder}/close`, { amount: 1200, currency: 'CNY' });
  assert.deepEqual([close.json.status, close.json.scheme], ['SUCCESS', 'wechat']);
  assert.match(close.json.transaction_id, /^QP/);
});

test('an order past expires_at reads CLOSED and can no longer be paid', async () => {
  const no = t.freshNumber();
  await t.post('/v1/orders', { out_trade_no: no, amount: 700, currency: 'CNY', expires_in_ms: 300 });
  await sleep(400);
  const q = await t.get(`/v1/orders/${no}`);
  assert.equal(q.json.status, 'CLOSED');
  const wallet = await fetch(`${t.acquirer.url}/customer/orders/${no}/pay`, { method: 'POST' });
  assert.equal((await wallet.json()).status, 'CLOSED');
});

test('daily report: the China-time business day, per scheme, sales and refunds', async () => {
  const today = chinaDate(Date.now());
  const before = (await t.get(`/v1/reports/daily?date=${today}`)).json;
  const no = await paid(5000);
  await t.post('/v1/refunds', {
    out_trade_no: no,
    out_refund_no: t.freshNumber(),
    amount: 1200,
    currency: 'CNY',
  });
  const reversed = await paid(800);
  await t.post(`/v1/payments/${reversed}/reverse`, { amount: 800, currency: 'CNY' });
  const after = (await t.get(`/v1/reports/daily?date=${today}`)).json;
  assert.equal(after.date, today);
  assert.equal(after.currency, 'CNY');
  assert.equal(after.total_count, before.total_count + 1, 'a reversed sale is not a sale');
  assert.equal(after.total_amount, before.total_amount + 5000);
  assert.equal(after.refund_amount, before.refund_amount + 1200);
  assert.equal(after.net_amount, after.total_amount - after.refund_amount);
  const wechat = after.lines.find((l) => l.scheme === 'wechat');
  assert.ok(wechat.count >= 1 && wechat.refund_count >= 1);
  assert.equal(
    after.lines.reduce((n, l) => n + l.amount, 0),
    after.total_amount,
  );

  const longAgo = (await t.get('/v1/reports/daily?date=2001-02-03')).json;
  assert.deepEqual([longAgo.lines, longAgo.total_count, longAgo.net_amount], [[], 0, 0]);
  for (const bad of ['2026-02-30', '2026-13-01', '26-11-26', '', '2026-1-01']) {
    assertError(await t.get(`/v1/reports/daily?date=${bad}`), 400, 'malformed_message');
  }
  assertError(await t.get('/v1/reports/daily'), 400, 'malformed_message');
});

test('nonces older than two timestamp windows are forgotten as new ones arrive', async () => {
  const old = 'a'.repeat(32);
  rows(
    `INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES ('${t.terminalId}', '${old}', ${Date.now() - 11 * 60_000})`,
  );
  const recent = 'b'.repeat(32);
  rows(
    `INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES ('${t.terminalId}', '${recent}', ${Date.now() - 9 * 60_000})`,
  );
  // The acquirer prunes once every 256 new nonces.
  for (let i = 0; i < 260; i++) await t.get(`/v1/payments/${t.freshNumber()}`);
  const left = rows(`SELECT nonce FROM nonces WHERE nonce IN ('${old}', '${recent}')`).map((r) => r.nonce);
  assert.deepEqual(left, [recent]);
});
