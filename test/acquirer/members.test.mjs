// Loyalty members and points (docs/sandbox.md "Members and points") against the real
// sandbox acquirer: 1 point per whole major unit, credited once on every path to
// SUCCESS, taken back by a reverse, left by a refund, and echoed in the Trade answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerRows } from '../support/acquirer.mjs';
import { openSandboxWithAdmin, sleep, wechatCode } from './terminal-client.mjs';

let t;
before(async () => {
  t = await openSandboxWithAdmin();
});
after(async () => t?.acquirer.stop());

const balance = (member) =>
  ledgerRows(t.acquirer.dbPath, `SELECT points_balance FROM members WHERE member_id = '${member}'`)[0]
    ?.points_balance;

const reverse = (kind, number, amount) =>
  t.post(`/v1/${kind}/${number}/${kind === 'payments' ? 'reverse' : 'close'}`, { amount, currency: 'CNY' });

test('a member earns points on each payment, the balance adds up, and a reverse takes them back', async () => {
  const member = 'VIP0000000001';
  const first = await t.pay({ amount: 8850, extra: { member_id: member } });
  assert.equal(first.status, 200, first.body);
  assert.equal(first.json.status, 'SUCCESS');
  assert.deepEqual(
    [first.json.member_id, first.json.points_earned, first.json.points_balance],
    [member, 88, 88],
    '¥88.50 earns 88 points',
  );

  const second = await t.pay({ amount: 1200, extra: { member_id: member } });
  assert.deepEqual([second.json.points_earned, second.json.points_balance], [12, 100]);
  assert.equal(balance(member), 100);

  // A query answers the trade's own points and the balance as it is now.
  const again = await t.get(`/v1/payments/${first.json.out_trade_no}`);
  assert.deepEqual([again.json.points_earned, again.json.points_balance], [88, 100]);

  const reversed = await reverse('payments', second.json.out_trade_no, 1200);
  assert.equal(reversed.json.status, 'REVERSED', reversed.body);
  assert.equal(reversed.json.member_id, member);
  assert.ok(!('points_earned' in reversed.json) && !('points_balance' in reversed.json), reversed.body);
  assert.equal(balance(member), 88);
  const after = await t.get(`/v1/payments/${first.json.out_trade_no}`);
  assert.deepEqual([after.json.points_earned, after.json.points_balance], [88, 88]);
  const rows = ledgerRows(
    t.acquirer.dbPath,
    `SELECT points_earned FROM trades WHERE member_id = '${member}' ORDER BY id`,
  );
  assert.deepEqual(
    rows.map((r) => r.points_earned),
    [88, 0],
    'the ledger keeps what still stands: its sum is the balance',
  );
});

test('a retried pay answers the same points and credits nothing twice', async () => {
  const member = 'VIP0000000002';
  const outTradeNo = t.freshNumber();
  const authCode = wechatCode();
  const a = await t.pay({ outTradeNo, authCode, amount: 5000, extra: { member_id: member } });
  const b = await t.pay({ outTradeNo, authCode, amount: 5000, extra: { member_id: member } });
  assert.equal(b.status, 200, b.body);
  assert.equal(b.json.transaction_id, a.json.transaction_id);
  assert.deepEqual([b.json.points_earned, b.json.points_balance], [50, 50]);
  assert.equal(balance(member), 50);
});

test('a refund leaves the points; a sale under one major unit earns none; no member, no points', async () => {
  const member = 'VIP0000000003';
  const paid = await t.pay({ amount: 3000, extra: { member_id: member } });
  const refund = await t.post('/v1/refunds', {
    out_trade_no: paid.json.out_trade_no,
    out_refund_no: t.freshNumber(),
    amount: 1000,
    currency: 'CNY',
  });
  assert.equal(refund.json.status, 'SUCCESS', refund.body);
  assert.equal(balance(member), 30);
  const query = await t.get(`/v1/payments/${paid.json.out_trade_no}`);
  assert.deepEqual([query.json.points_earned, query.json.points_balance], [30, 30]);

  const small = await t.pay({ amount: 99, extra: { member_id: member } });
  assert.equal(small.json.status, 'SUCCESS');
  assert.ok(!('points_earned' in small.json), 'zero points are omitted');
  assert.equal(small.json.points_balance, 30);

  const anonymous = await t.pay({ amount: 4000 });
  for (const key of ['member_id', 'points_earned', 'points_balance']) {
    assert.ok(!(key in anonymous.json), `${key} absent without a member: ${anonymous.body}`);
  }
});

test('a declined or unpaid member sale is enrolled but earns nothing', async () => {
  const member = 'VIP0000000004';
  const declined = await t.pay({
    amount: 2000,
    authCode: wechatCode('000051'),
    extra: { member_id: member },
  });
  assert.equal(declined.json.status, 'FAILED');
  assert.equal(balance(member), 0, 'enrolled at 0');
  assert.ok(!('points_earned' in declined.json));
});

test('points are credited when a pending trade settles and when the customer pays an order', async () => {
  const member = 'VIP0000000005';
  // Confirming customer: SUCCESS 5 s after the pay; magic order ¥99.01: paid 5 s after creation.
  const confirming = await t.pay({
    amount: 2000,
    authCode: wechatCode('000100'),
    extra: { member_id: member },
  });
  assert.equal(confirming.json.status, 'USERPAYING', confirming.body);
  assert.ok(!('points_earned' in confirming.json));
  const magicOrder = await t.post('/v1/orders', {
    out_trade_no: t.freshNumber(),
    amount: 9901,
    currency: 'CNY',
    member_id: member,
  });
  assert.equal(magicOrder.json.status, 'NOTPAY', magicOrder.body);
  const order = await t.post('/v1/orders', {
    out_trade_no: t.freshNumber(),
    amount: 4800,
    currency: 'CNY',
    member_id: member,
  });
  const customer = await fetch(`${t.acquirer.url}/customer/orders/${order.json.out_trade_no}/pay`, {
    method: 'POST',
  });
  const paid = await customer.json();
  assert.deepEqual([paid.status, paid.points_earned, paid.points_balance], ['SUCCESS', 48, 48]);

  await sleep(5_200);
  const settled = await t.get(`/v1/payments/${confirming.json.out_trade_no}`);
  assert.deepEqual([settled.json.status, settled.json.points_earned], ['SUCCESS', 20], settled.body);
  const settledOrder = await t.get(`/v1/orders/${magicOrder.json.out_trade_no}`);
  assert.deepEqual([settledOrder.json.status, settledOrder.json.points_earned], ['SUCCESS', 99]);
  assert.equal(settledOrder.json.points_balance, 48 + 20 + 99);
  assert.equal(balance(member), 167);
  // Asked again: credited once.
  await t.get(`/v1/payments/${confirming.json.out_trade_no}`);
  assert.equal(balance(member), 167);
});

test('a member id that is not printable ASCII is a malformed pay and records nothing', async () => {
  const before = ledgerRows(t.acquirer.dbPath, 'SELECT COUNT(*) AS n FROM trades')[0].n;
  for (const member_id of ['VIP 1', 'x'.repeat(65), '会员1']) {
    const a = await t.pay({ amount: 1000, extra: { member_id } });
    assert.equal(a.status, 400, a.body);
    assert.equal(a.json.error.code, 'malformed_message');
  }
  assert.equal(ledgerRows(t.acquirer.dbPath, 'SELECT COUNT(*) AS n FROM trades')[0].n, before);
});
