// The sandbox's magic payment codes and order amounts (docs/sandbox.md), each played
// through the real terminal session (core.sessionStep) against the real acquirer, so
// the terminal's logic and the acquirer's agree end to end.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerRows } from '../support/acquirer.mjs';
import { openSandbox, sleep, wechatCode } from './terminal-client.mjs';

let t;
before(async () => {
  t = await openSandbox();
});
after(async () => t?.acquirer.stop());

const row = (no) =>
  ledgerRows(
    t.acquirer.dbPath,
    `SELECT status, reason, magic, refunded_amount FROM trades WHERE out_trade_no = '${no}'`,
  )[0];
const pay = (suffix, options) =>
  t.drive({ type: 'start_pay', amount: 2372, currency: 'CNY', authCode: wechatCode(suffix) }, options);

for (const [suffix, reason] of [
  ['000051', 'insufficient_funds'],
  ['000054', 'auth_code_expired'],
  ['000059', 'risk_declined'],
  ['000060', 'card_not_supported'],
]) {
  test(`…${suffix}: declined ${reason}, recorded FAILED`, async () => {
    const { state, trace } = await pay(suffix);
    assert.deepEqual([state.outcome, state.reason], ['declined', reason]);
    assert.deepEqual(trace, ['POST /v1/payments -> 200']);
    assert.deepEqual(row(state.out_trade_no), {
      status: 'FAILED',
      reason,
      magic: 'decline',
      refunded_amount: 0,
    });
  });
}

test('…000061: 409 auth_code_used, nothing recorded', async () => {
  const { state, trace } = await pay('000061');
  assert.deepEqual([state.outcome, state.reason], ['declined', 'auth_code_used']);
  assert.deepEqual(trace, ['POST /v1/payments -> 409']);
  assert.equal(row(state.out_trade_no), undefined);
});

test('…000101: the customer never confirms; the terminal reverses at its deadline', async () => {
  const { state, trace } = await pay('000101', { skipWaits: true });
  assert.equal(state.outcome, 'cancelled');
  assert.ok(trace.filter((r) => r.startsWith('GET')).length >= 5, trace.join('\n'));
  assert.equal(trace.at(-1), `POST /v1/payments/${state.out_trade_no}/reverse -> 200`);
  assert.equal(row(state.out_trade_no).status, 'REVERSED');
});

test('…000500: recorded SUCCESS but answered 500; the terminal queries and shows paid', async () => {
  const { state, trace } = await pay('000500', { skipWaits: true });
  assert.equal(state.outcome, 'paid');
  assert.deepEqual(trace, ['POST /v1/payments -> 500', `GET /v1/payments/${state.out_trade_no} -> 200`]);
  assert.equal(row(state.out_trade_no).status, 'SUCCESS');
});

test('…000501: 500 with nothing recorded; query finds nothing, the reverse leaves a tombstone', async () => {
  const { state, trace } = await pay('000501', { skipWaits: true });
  assert.equal(state.outcome, 'cancelled');
  assert.deepEqual(trace, [
    'POST /v1/payments -> 500',
    `GET /v1/payments/${state.out_trade_no} -> 404`,
    `POST /v1/payments/${state.out_trade_no}/reverse -> 200`,
  ]);
  assert.equal(row(state.out_trade_no).status, 'CLOSED');
});

test('…000301: answers after 12 s, past the terminal timeout; a query already finds SUCCESS', async () => {
  const first = t.step(
    '',
    { type: 'start_pay', amount: 2372, currency: 'CNY', authCode: wechatCode('000301') },
    Date.now(),
  );
  const send = first.commands.find((c) => c.type === 'send');
  const no = JSON.parse(first.state).out_trade_no;
  const slow = fetch(t.acquirer.url + send.path, {
    method: 'POST',
    headers: send.headers,
    body: send.body,
    signal: AbortSignal.timeout(1000),
  });
  await assert.rejects(slow, /TimeoutError|aborted/i);
  const q = await t.get(`/v1/payments/${no}`);
  assert.equal(q.json.status, 'SUCCESS');
});

test('refund sessions: partial twice, over-refund refused, and a resumed refund is one refund', async () => {
  const { state: sale } = await pay('');
  assert.equal(sale.outcome, 'paid');
  const refund = (amount) => ({
    type: 'start_refund',
    outTradeNo: sale.out_trade_no,
    amount,
    currency: 'CNY',
    description: 'test',
  });
  const one = await t.drive(refund(1000));
  assert.deepEqual([one.state.outcome, one.state.refunded_total], ['refunded', 1000]);
  // The refund request's journal record, as written before it was sent; resumed
  // twice (a crash after each send), it re-sends the same body with fresh nonces.
  const started = t.step('', refund(1000), Date.now());
  const record = started.commands.find((c) => c.type === 'write_journal').record;
  const a = await t.drive({ type: 'resume' }, { state: record });
  const b = await t.drive({ type: 'resume' }, { state: record });
  assert.deepEqual([a.state.outcome, a.state.refunded_total], ['refunded', 2000]);
  assert.deepEqual(
    [b.state.outcome, b.state.refunded_total, b.state.refund_id],
    ['refunded', 2000, a.state.refund_id],
  );
  const over = await t.drive(refund(373));
  assert.deepEqual([over.state.outcome, over.state.reason], ['refund_failed', 'refund_exceeds_payment']);
  assert.equal(row(sale.out_trade_no).refunded_amount, 2000);
  const count = ledgerRows(
    t.acquirer.dbPath,
    `SELECT COUNT(*) AS n FROM refunds WHERE out_trade_no = '${sale.out_trade_no}'`,
  );
  assert.equal(count[0].n, 2);
});

test('order amount …9903: the customer confirms for ever; the terminal closes it at expiry', async () => {
  const { state, trace } = await t.drive(
    { type: 'start_order', amount: 9903, currency: 'CNY' },
    { skipWaits: true },
  );
  assert.equal(state.outcome, 'expired');
  assert.equal(trace.at(-1), `POST /v1/orders/${state.out_trade_no}/close -> 200`);
  assert.equal(row(state.out_trade_no).status, 'CLOSED');
});

test('an ordinary order nobody pays: the terminal closes it at expiry', async () => {
  const { state } = await t.drive(
    { type: 'start_order', amount: 4800, currency: 'CNY' },
    { skipWaits: true },
  );
  assert.equal(state.outcome, 'expired');
  assert.equal(row(state.out_trade_no).status, 'CLOSED');
});

// These wait for the acquirer's own clock, so they run side by side.
describe('outcomes that take time', { concurrency: true }, () => {
  test('…000100: USERPAYING, then SUCCESS 5 s later on a query', async () => {
    const started = Date.now();
    const { state, trace } = await pay('000100');
    assert.equal(state.outcome, 'paid');
    assert.ok(Date.now() - started >= 5000);
    assert.equal(trace[0], 'POST /v1/payments -> 200');
    assert.ok(trace.length >= 2 && trace.slice(1).every((r) => r.startsWith('GET')), trace.join('\n'));
  });

  test('…000300: answers SUCCESS after 3 s, within the terminal timeout', async () => {
    const started = Date.now();
    const { state, trace } = await pay('000300');
    assert.equal(state.outcome, 'paid');
    assert.ok(Date.now() - started >= 3000);
    assert.deepEqual(trace, ['POST /v1/payments -> 200']);
  });

  test('order amount …9901: paid by the sandbox wallet 5 s after creation', async () => {
    const { state } = await t.drive({ type: 'start_order', amount: 9901, currency: 'CNY' });
    assert.deepEqual([state.outcome, state.scheme], ['paid', 'wechat']);
    assert.equal(row(state.out_trade_no).status, 'SUCCESS');
  });

  test('the daily report counts a …9901 order the wallet paid, though nobody queried it', async () => {
    const no = t.freshNumber();
    await t.post('/v1/orders', { out_trade_no: no, amount: 19901, currency: 'CNY' });
    await sleep(5_200);
    assert.equal(row(no).status, 'NOTPAY', 'written only when read');
    const date = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const report = await t.get(`/v1/reports/daily?date=${date}`);
    assert.equal(report.status, 200);
    assert.equal(row(no).status, 'SUCCESS');
  });

  test('order amount …9902: declined by the sandbox wallet 5 s after creation', async () => {
    const { state } = await t.drive({ type: 'start_order', amount: 109902, currency: 'CNY' });
    assert.deepEqual([state.outcome, state.reason], ['declined', 'risk_declined']);
    assert.equal(row(state.out_trade_no).status, 'FAILED');
  });
});
