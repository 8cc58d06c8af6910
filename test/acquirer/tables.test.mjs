// Restaurant tables on the customer's side (docs/sandbox.md "Table codes") against
// the real sandbox acquirer: the table page with the open bill and the tip the code
// asks for, paying with a tip, and the simulated wallet reading EMV and URL table codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSandboxWithAdmin } from './terminal-client.mjs';

let t;
before(async () => {
  t = await openSandboxWithAdmin();
});
after(async () => t?.acquirer.stop());

let tableSerial = 0;
const freshTable = () => `A${++tableSerial}`;

async function openBill(table, amount = 8800, extra = {}) {
  const order = await t.post('/v1/orders', {
    out_trade_no: t.freshNumber(),
    amount,
    currency: 'CNY',
    description: '晚餐 Dinner',
    table,
    expires_in_ms: 7_200_000,
    ...extra,
  });
  assert.equal(order.status, 200, order.body);
  assert.equal(order.json.table, table);
  return order.json;
}

async function page(path) {
  const res = await fetch(t.acquirer.url + path);
  return { status: res.status, csp: res.headers.get('content-security-policy'), html: await res.text() };
}

const tips = (html) => [...html.matchAll(/class="tip" data-tip="(\d+)"/g)].map((m) => Number(m[1]));

function customerPay(outTradeNo, body) {
  return fetch(`${t.acquirer.url}/customer/orders/${outTradeNo}/pay`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body,
  });
}

// EMV MPM data objects and CRC-16/CCITT-FALSE, written out here so the acquirer's
// parser is checked against an independent encoder.
const tlv = (id, value) => `${id}${String(Buffer.byteLength(value, 'utf8')).padStart(2, '0')}${value}`;
function crc16(text) {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
function tableCode(url, tipObjects = '') {
  const body =
    tlv('00', '01') +
    tlv('01', '11') +
    tlv('26', tlv('00', 'COM.QRPOS.SANDBOX') + tlv('01', url)) +
    tlv('52', '5812') +
    tlv('53', '156') +
    tipObjects +
    tlv('58', 'CN') +
    tlv('59', 'qrpos demo shop') +
    tlv('60', 'Shanghai') +
    tlv('62', tlv('07', t.terminalId)) +
    '6304';
  return body + crc16(body);
}

async function scan(payload, { json = false } = {}) {
  const res = await fetch(`${t.acquirer.url}/customer/scan`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify({ payload }) : new URLSearchParams({ payload }).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

test('a table without an open bill says so in both languages; an unknown terminal is 404', async () => {
  const table = freshTable();
  const empty = await page(`/t/${t.terminalId}/${table}`);
  assert.equal(empty.status, 200);
  assert.match(empty.csp, /script-src 'self'/);
  assert.doesNotMatch(empty.csp, /unsafe-inline/);
  assert.ok(empty.html.includes(`${table}号桌 · Table ${table}`));
  assert.ok(empty.html.includes('本桌暂无待付账单，请联系服务员 No open bill for this table: ask the staff'));
  assert.ok(!empty.html.includes('id="pay"'));
  const missing = await page(`/t/T-NOPE-0001/${table}`);
  assert.equal(missing.status, 404);
  assert.ok(missing.html.includes('找不到这张桌台 Table not found'));
});

test('the table page shows the newest open bill, escaped, without inline code', async () => {
  const table = freshTable();
  await openBill(table, 5000);
  const newest = await openBill(table, 8800, { description: '<b>Table</b> & "friends"' });
  const shown = await page(`/t/${t.terminalId}/${table}`);
  assert.equal(shown.status, 200);
  assert.ok(shown.html.includes('¥88.00') && shown.html.includes('CN¥88.00'), 'amount in both locales');
  assert.ok(shown.html.includes('qrpos demo shop 演示商户'));
  assert.ok(shown.html.includes('&lt;b&gt;Table&lt;/b&gt; &amp; &quot;friends&quot;'));
  assert.ok(shown.html.includes(`data-order="${newest.out_trade_no}"`));
  assert.ok(shown.html.includes('付款 Pay'));
  assert.doesNotMatch(shown.html, /<script>|<script [^>]*>[^<]|style=|\son[a-z]+=|https?:\/\//);
  const script = await fetch(`${t.acquirer.url}/t/table.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type'), /javascript/);

  // Closed by the terminal: the older bill is the table's open one again.
  const closed = await t.post(`/v1/orders/${newest.out_trade_no}/close`, { amount: 8800, currency: 'CNY' });
  assert.equal(closed.json.status, 'CLOSED');
  assert.ok((await page(`/t/${t.terminalId}/${table}`)).html.includes('¥50.00'));
});

test('tip choices: prompt offers 0/10/15/20 % and an amount, fixed and percentage fees show their amount', async () => {
  const table = freshTable();
  await openBill(table, 8850);
  const base = `/t/${t.terminalId}/${table}`;
  const prompt = await page(`${base}?tip=01`);
  assert.deepEqual(tips(prompt.html), [0, 885, 1328, 1770], '10/15/20 % of ¥88.50, rounded half up');
  assert.ok(prompt.html.includes('id="tip-other"') && prompt.html.includes('加点小费？ Add a tip?'));
  assert.ok(prompt.html.includes('合计 Total ¥88.50'));

  const fixed = await page(`${base}?tip=02&fee=5.00`);
  assert.ok(fixed.html.includes('data-tip="500"'), fixed.html);
  assert.ok(fixed.html.includes('服务费 ¥5.00 · Convenience fee CN¥5.00'));
  assert.ok(fixed.html.includes('合计 Total ¥93.50 · CN¥93.50'));

  const pct = await page(`${base}?tip=03&pct=12.5`);
  assert.ok(pct.html.includes('class="fee" data-tip="1106"'), '12.5 % of ¥88.50 = ¥11.0625 -> ¥11.06');
  assert.ok(pct.html.includes('合计 Total ¥99.56'));

  for (const query of ['?tip=04', '?tip=02&fee=abc', '?tip=03&pct=100', '?tip=03&pct=1.234', '?tip=02']) {
    const none = await page(base + query);
    assert.ok(!none.html.includes('id="tips"'), `${query}: a malformed tip query offers none`);
    assert.ok(none.html.includes('合计 Total ¥88.50'));
  }
});

test('a bill too large for a percentage or a fee to be added is still shown, with no tip', async () => {
  const table = freshTable();
  await openBill(table, 9e18);
  for (const query of ['?tip=01', '?tip=02&fee=9999999999999', '?tip=03&pct=99.99']) {
    const shown = await page(`/t/${t.terminalId}/${table}${query}`);
    assert.equal(shown.status, 200, query);
    assert.ok(shown.html.includes('data-amount="9000000000000000000"'), query);
  }
});

test('the customer pays with a tip; the terminal sees tip_amount and the table has no open bill', async () => {
  const table = freshTable();
  const bill = await openBill(table, 8800);
  const res = await customerPay(bill.out_trade_no, JSON.stringify({ tip_amount: 880 }));
  assert.equal(res.status, 200);
  const paid = await res.json();
  assert.deepEqual([paid.status, paid.amount, paid.tip_amount, paid.table], ['SUCCESS', 8800, 880, table]);
  const query = await t.get(`/v1/orders/${bill.out_trade_no}`);
  assert.deepEqual([query.json.status, query.json.amount, query.json.tip_amount], ['SUCCESS', 8800, 880]);
  assert.ok((await page(`/t/${t.terminalId}/${table}`)).html.includes('本桌暂无待付账单'));

  // An empty body (the /pay/ page) is still a payment, without tip.
  const plain = await openBill(freshTable(), 3000);
  const plainPaid = await (await customerPay(plain.out_trade_no)).json();
  assert.equal(plainPaid.status, 'SUCCESS');
  assert.ok(!('tip_amount' in plainPaid));
});

test('a tip out of range or a malformed body is 400 and the bill stays open', async () => {
  const bill = await openBill(freshTable(), 2000);
  for (const tip of [-1, 2001]) {
    const res = await customerPay(bill.out_trade_no, JSON.stringify({ tip_amount: tip }));
    assert.equal(res.status, 400, String(tip));
    assert.equal((await res.json()).error.code, 'invalid_tip');
  }
  for (const body of [
    'not json',
    '[]',
    JSON.stringify({ tip_amount: 1.5 }),
    JSON.stringify({ tip_amount: '100' }),
    JSON.stringify({ tip_amount: 1, extra: true }),
    JSON.stringify({ tip_amount: 1, pad: 'x'.repeat(300) }),
  ]) {
    const res = await customerPay(bill.out_trade_no, body);
    assert.equal(res.status, 400, body.slice(0, 40));
    assert.equal((await res.json()).error.code, 'malformed_message');
  }
  const query = await t.get(`/v1/orders/${bill.out_trade_no}`);
  assert.equal(query.json.status, 'NOTPAY');
  const exact = await (await customerPay(bill.out_trade_no, JSON.stringify({ tip_amount: 2000 }))).json();
  assert.deepEqual(
    [exact.status, exact.tip_amount],
    ['SUCCESS', 2000],
    'a tip as large as the bill is allowed',
  );
});

test('the wallet page is one field and a button, posting a form to /customer/scan', async () => {
  const wallet = await page('/wallet');
  assert.equal(wallet.status, 200);
  assert.match(wallet.csp, /form-action 'self'/);
  assert.ok(wallet.html.includes('action="/customer/scan"') && wallet.html.includes('name="payload"'));
  assert.ok(wallet.html.includes('扫一扫 Scan') && wallet.html.includes('打开 Open'));
});

test('the wallet reads an EMV static table code and goes to the table page with its tip', async () => {
  const table = freshTable();
  await openBill(table, 6000);
  const url = `${t.acquirer.url}/t/${t.terminalId}/${table}`;
  const base = `/t/${t.terminalId}/${table}`;
  const cases = [
    ['', base],
    [tlv('55', '01'), `${base}?tip=01`],
    [tlv('55', '02') + tlv('56', '5.00'), `${base}?tip=02&fee=5.00`],
    [tlv('55', '03') + tlv('57', '10.00'), `${base}?tip=03&pct=10.00`],
  ];
  for (const [tipObjects, location] of cases) {
    const scanned = await scan(tableCode(url, tipObjects));
    assert.equal(scanned.status, 303, scanned.html);
    assert.equal(scanned.location, location);
  }
  // Followed, it is the table's bill with the fee.
  const followed = await fetch(`${t.acquirer.url}/customer/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ payload: tableCode(url, tlv('55', '02') + tlv('56', '5.00')) }),
  });
  assert.equal(followed.status, 200);
  const html = await followed.text();
  assert.ok(html.includes('¥60.00') && html.includes('data-tip="500"') && html.includes('合计 Total ¥65.00'));
});

test('the wallet takes a URL table code as is, tip query included', async () => {
  const table = freshTable();
  const base = `/t/${t.terminalId}/${table}`;
  for (const json of [false, true]) {
    const scanned = await scan(`  ${t.acquirer.url}${base}?tip=03&pct=10.00\n`, { json });
    assert.equal(scanned.status, 303);
    assert.equal(scanned.location, `${base}?tip=03&pct=10.00`);
  }
  const other = await scan(`https://shop.example:8443${base}?tip=02&fee=3&utm=x`);
  assert.equal(other.location, `${base}?tip=02&fee=3`, 'rebuilt on this server from the checked parts');
});

test('anything that is not a table code gets the both-language page', async () => {
  const order = await t.post('/v1/orders', { out_trade_no: t.freshNumber(), amount: 1200, currency: 'CNY' });
  const url = `${t.acquirer.url}/t/${t.terminalId}/5`;
  const good = tableCode(url);
  for (const payload of [
    'hello',
    '',
    '134567890123456789',
    order.json.emv_payload,
    order.json.code_url,
    good.slice(0, -4) + (good.slice(-4) === '0000' ? '0001' : '0000'),
    tableCode(`${t.acquirer.url}/t/${t.terminalId}/bad%20table`),
    `${t.acquirer.url}/t/${t.terminalId}/5/extra`,
    `javascript:alert(1)//t/${t.terminalId}/5`,
    `${t.acquirer.url}/t/${t.terminalId}/${'x'.repeat(17)}`,
    good + 'x'.repeat(600),
  ]) {
    const scanned = await scan(payload);
    assert.equal(scanned.status, 422, payload.slice(0, 60));
    assert.ok(scanned.html.includes('这不是 qrpos 桌台码 This is not a qrpos table code'));
    assert.equal(scanned.location, null);
  }
  for (const body of ['not json', '{}', JSON.stringify({ payload: 5 })]) {
    const res = await fetch(`${t.acquirer.url}/customer/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    assert.equal(res.status, 422);
  }
});
