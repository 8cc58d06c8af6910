// Bills and lookups (docs/sandbox.md "Bills and lookups", protocol.md "Lookup")
// against the real sandbox acquirer: the operator's bills, POST /v1/lookups answering
// open/paid/unknown, a bill paid once only (reference_paid, also under concurrent
// terminals), and a reverse opening it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerRows } from '../support/acquirer.mjs';
import { openSandboxWithAdmin } from './terminal-client.mjs';

const PATH = '/v1/lookups';

let t;
before(async () => {
  t = await openSandboxWithAdmin();
});
after(async () => t?.acquirer.stop());

let serial = 0;
async function newBill(fields = {}) {
  const bill = { code: `TK-${String(++serial).padStart(8, '0')}`, amount: 8800, currency: 'CNY', ...fields };
  const res = await t.admin('POST', '/admin/bills', { description: '音乐会门票 Concert ticket', ...bill });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

const tradesFor = (reference) =>
  ledgerRows(t.acquirer.dbPath, `SELECT out_trade_no, status FROM trades WHERE reference = '${reference}'`);

function assertError(answer, status, code) {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.json.error.code, code);
  assert.ok(answer.json.error.message.length > 0);
}

test('a bill is looked up open, paid by a payment with its reference, then looked up paid', async () => {
  const bill = await newBill();
  assert.deepEqual(
    [bill.code, bill.amount, bill.currency, bill.status, bill.out_trade_no],
    [bill.code, 8800, 'CNY', 'open', ''],
  );
  const open = await t.post(PATH, { code: bill.code });
  assert.equal(open.status, 200, open.body);
  assert.deepEqual(
    [open.json.code, open.json.status, open.json.amount, open.json.currency, open.json.description],
    [bill.code, 'open', 8800, 'CNY', '音乐会门票 Concert ticket'],
  );
  assert.equal(open.json.out_trade_no ?? '', '');

  const paid = await t.pay({ amount: 8800, extra: { reference: bill.code } });
  assert.equal(paid.json.status, 'SUCCESS', paid.body);
  assert.equal(paid.json.reference, bill.code);

  const after = await t.post(PATH, { code: bill.code });
  assert.deepEqual(
    [after.json.status, after.json.amount, after.json.out_trade_no],
    ['paid', 8800, paid.json.out_trade_no],
  );
  const listed = (await t.admin('GET', '/admin/bills.json')).json.bills.find((b) => b.code === bill.code);
  assert.deepEqual(
    [listed.status, listed.out_trade_no, listed.terminal_id],
    ['paid', paid.json.out_trade_no, t.terminalId],
  );
  assert.ok(listed.paid_at > 0);
});

test('a code nobody created is unknown, and a pay for it is accepted (the host looked it up)', async () => {
  const unknown = await t.post(PATH, { code: 'RM-404' });
  assert.equal(unknown.status, 200, unknown.body);
  assert.deepEqual([unknown.json.code, unknown.json.status, unknown.json.amount], ['RM-404', 'unknown', 0]);
  const paid = await t.pay({ amount: 1500, extra: { reference: 'RM-404' } });
  assert.equal(paid.json.status, 'SUCCESS', paid.body);
  const twice = await t.pay({ amount: 1500, extra: { reference: 'RM-404' } });
  assert.equal(twice.json.status, 'SUCCESS', 'a reference the sandbox does not know is never "paid"');
});

test("another merchant's bill is unknown to this terminal", async () => {
  const bill = await newBill({ merchant_id: 'M-SOMEONE-ELSE' });
  const answer = await t.post(PATH, { code: bill.code });
  assert.equal(answer.json.status, 'unknown');
});

test('paying a paid bill is reference_paid and records nothing, for pay and order alike', async () => {
  const bill = await newBill({ amount: 2500 });
  const first = await t.pay({ amount: 2500, extra: { reference: bill.code } });
  assert.equal(first.json.status, 'SUCCESS');
  const before = ledgerRows(t.acquirer.dbPath, 'SELECT COUNT(*) AS n FROM trades')[0].n;

  assertError(await t.pay({ amount: 2500, extra: { reference: bill.code } }), 409, 'reference_paid');
  assertError(
    await t.post('/v1/orders', {
      out_trade_no: t.freshNumber(),
      amount: 2500,
      currency: 'CNY',
      reference: bill.code,
    }),
    409,
    'reference_paid',
  );
  assert.equal(ledgerRows(t.acquirer.dbPath, 'SELECT COUNT(*) AS n FROM trades')[0].n, before);
  // The payment that paid it, sent again, is still its own answer.
  const lookup = await t.post(PATH, { code: bill.code });
  assert.equal(lookup.json.out_trade_no, first.json.out_trade_no);
});

test('a sale of another amount or currency for an open bill is refused and leaves it open', async () => {
  const bill = await newBill({ amount: 2500 });
  const before = ledgerRows(t.acquirer.dbPath, 'SELECT COUNT(*) AS n FROM trades')[0].n;
  assertError(await t.pay({ amount: 100, extra: { reference: bill.code } }), 400, 'invalid_amount');
  assertError(
    await t.post('/v1/orders', { out_trade_no: t.freshNumber(), amount: 2400, currency: 'CNY', reference: bill.code }),
    400,
    'invalid_amount',
  );
  assert.equal(ledgerRows(t.acquirer.dbPath, 'SELECT COUNT(*) AS n FROM trades')[0].n, before);
  assert.equal((await t.post(PATH, { code: bill.code })).json.status, 'open');
  // Its own amount still pays it.
  assert.equal((await t.pay({ amount: 2500, extra: { reference: bill.code } })).json.status, 'SUCCESS');
});

test('concurrent payments of one bill: exactly one SUCCESS, the others reference_paid', async () => {
  for (let round = 0; round < 3; round++) {
    const bill = await newBill({ amount: 6600 });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => t.pay({ amount: 6600, extra: { reference: bill.code } })),
    );
    const ok = answers.filter((a) => a.status === 200);
    assert.equal(ok.length, 1, answers.map((a) => a.body).join('\n'));
    assert.equal(ok[0].json.status, 'SUCCESS');
    for (const a of answers.filter((x) => x.status !== 200)) assertError(a, 409, 'reference_paid');
    assert.deepEqual(tradesFor(bill.code), [{ out_trade_no: ok[0].json.out_trade_no, status: 'SUCCESS' }]);
    const lookup = await t.post(PATH, { code: bill.code });
    assert.equal(lookup.json.out_trade_no, ok[0].json.out_trade_no);
  }
});

test('an order for a bill paid while it waited is declined reference_paid, never paid twice', async () => {
  const bill = await newBill({ amount: 4800 });
  const order = await t.post('/v1/orders', {
    out_trade_no: t.freshNumber(),
    amount: 4800,
    currency: 'CNY',
    reference: bill.code,
  });
  assert.equal(order.json.status, 'NOTPAY', order.body);
  const paid = await t.pay({ amount: 4800, extra: { reference: bill.code } });
  assert.equal(paid.json.status, 'SUCCESS');
  const customer = await fetch(`${t.acquirer.url}/customer/orders/${order.json.out_trade_no}/pay`, {
    method: 'POST',
  });
  const late = await customer.json();
  assert.deepEqual([late.status, late.reason], ['FAILED', 'reference_paid']);
  const lookup = await t.post(PATH, { code: bill.code });
  assert.equal(lookup.json.out_trade_no, paid.json.out_trade_no);
});

test('an order whose reference is an open bill pays it when the customer pays the order', async () => {
  const bill = await newBill({ amount: 5200 });
  const order = await t.post('/v1/orders', {
    out_trade_no: t.freshNumber(),
    amount: 5200,
    currency: 'CNY',
    reference: bill.code,
  });
  assert.equal(
    (await t.post(PATH, { code: bill.code })).json.status,
    'open',
    'an unpaid order does not pay it',
  );
  const customer = await fetch(`${t.acquirer.url}/customer/orders/${order.json.out_trade_no}/pay`, {
    method: 'POST',
  });
  const paid = await customer.json();
  assert.deepEqual([paid.status, paid.reference], ['SUCCESS', bill.code]);
  const lookup = await t.post(PATH, { code: bill.code });
  assert.deepEqual([lookup.json.status, lookup.json.out_trade_no], ['paid', order.json.out_trade_no]);
});

test('reversing the payment that paid a bill opens the bill again', async () => {
  const bill = await newBill({ amount: 3000 });
  const paid = await t.pay({ amount: 3000, extra: { reference: bill.code } });
  const reversed = await t.post(`/v1/payments/${paid.json.out_trade_no}/reverse`, {
    amount: 3000,
    currency: 'CNY',
  });
  assert.equal(reversed.json.status, 'REVERSED', reversed.body);
  const open = await t.post(PATH, { code: bill.code });
  assert.deepEqual([open.json.status, open.json.out_trade_no ?? ''], ['open', '']);
  const again = await t.pay({ amount: 3000, extra: { reference: bill.code } });
  assert.equal(again.json.status, 'SUCCESS', again.body);
});

test('refused lookups are typed, signed errors', async () => {
  const body = JSON.stringify({ code: 'TK-1' });
  const unsigned = t.sign('POST', PATH, body);
  delete unsigned['Qrpos-Signature'];
  assertError(await t.send('POST', PATH, body, { headers: unsigned }), 400, 'missing_auth_headers');
  assertError(
    await t.send('POST', PATH, body, { headers: t.sign('POST', PATH, body + ' ') }),
    401,
    'bad_signature',
  );
  for (const bad of ['not json', '{}', JSON.stringify({ code: '' }), JSON.stringify({ code: 'has space' })]) {
    assertError(await t.send('POST', PATH, bad), 400, 'malformed_message');
  }
  assertError(await t.send('POST', PATH, JSON.stringify({ code: 'x'.repeat(65) })), 400, 'malformed_message');
});

test('the admin bill endpoints need the token and check what they are given', async () => {
  for (const [method, path] of [
    ['POST', '/admin/bills'],
    ['GET', '/admin/bills.json'],
  ]) {
    const res = await fetch(t.acquirer.url + path, {
      method,
      headers: { Authorization: 'Bearer wrong-token' },
      body: method === 'POST' ? '{}' : undefined,
    });
    assert.equal(res.status, 401, path);
    assert.equal((await res.json()).error.code, 'admin_unauthorized');
  }
  for (const bad of [
    { code: '', amount: 100 },
    { code: 'has space', amount: 100 },
    { code: 'TK-OK', amount: 0 },
    { code: 'TK-OK', amount: '100' },
    { code: 'TK-OK', amount: 100, currency: 'XXX' },
    { code: 'TK-OK', amount: 100, description: '长'.repeat(43) },
  ]) {
    const res = await t.admin('POST', '/admin/bills', bad);
    assert.equal(res.status, 400, JSON.stringify(bad));
    assert.equal(res.json.error.code, 'malformed_message');
  }
  const bill = await newBill();
  const dup = await t.admin('POST', '/admin/bills', { code: bill.code, amount: 1 });
  assert.deepEqual([dup.status, dup.json.error.code], [409, 'bill_exists']);
  assert.ok(!(await t.admin('GET', '/admin/bills.json')).json.bills.some((b) => b.code === 'TK-OK'));
});
