// The sandbox wallet's restaurant table flow in Chromium at phone size: the wallet's
// scanner takes a table code, the table page offers tips (its own script under the
// page CSP), and the bill is paid with the chosen tip, against the real acquirer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSandbox } from '../acquirer/terminal-client.mjs';
import { launchBrowser } from '../support/browser.mjs';

const SHOTS = fileURLToPath(new URL('../../test-results', import.meta.url));
let terminal, browser;

before(async () => {
  terminal = await openSandbox();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await terminal?.acquirer.stop();
});

async function phone() {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors };
}

async function openBill(table, amount) {
  const order = await terminal.post('/v1/orders', {
    out_trade_no: terminal.freshNumber(),
    amount,
    currency: 'CNY',
    description: '晚餐 Dinner',
    table,
    expires_in_ms: 7_200_000,
  });
  assert.equal(order.json.status, 'NOTPAY', order.body);
  return order.json;
}

test('a phone scans a table code in the wallet, picks a 15 % tip and pays the table bill', async () => {
  const bill = await openBill('12', 8800);
  const { page, errors } = await phone();
  await page.goto(`${terminal.acquirer.url}/wallet`);
  await page.fill('#payload', `${terminal.acquirer.url}/t/${terminal.terminalId}/12?tip=01`);
  await Promise.all([page.waitForURL(/\/t\/T-DEMO-0001\/12\?tip=01$/), page.tap('#scan')]);
  assert.match(await page.textContent('[data-testid=table]'), /12号桌 · Table 12/);
  assert.match(await page.textContent('[data-testid=amount]'), /88\.00/);

  await page.tap('button.tip[data-tip="1320"]');
  assert.equal(await page.getAttribute('button.tip[data-tip="1320"]', 'aria-pressed'), 'true');
  assert.equal(await page.textContent('#total'), '合计 Total ¥101.20 · CN¥101.20');
  // A typed amount replaces the choice; one the bill cannot take disables paying.
  await page.fill('#tip-other', '200');
  assert.match(await page.textContent('#total'), /小费金额无效 Invalid tip amount/);
  assert.equal(await page.isDisabled('#pay'), true);
  await page.fill('#tip-other', '8.5');
  assert.match(await page.textContent('#total'), /96\.50/);
  await page.tap('button.tip[data-tip="1320"]');
  await page.screenshot({ path: path.join(SHOTS, 'table-page-tip.png') });

  await page.tap('#pay');
  await page.waitForSelector('#status[data-status=SUCCESS]');
  assert.match(await page.textContent('#status'), /支付成功 Paid/);
  assert.deepEqual(errors, [], 'no script errors under the page CSP');
  const query = await terminal.get(`/v1/orders/${bill.out_trade_no}`);
  assert.deepEqual([query.json.status, query.json.amount, query.json.tip_amount], ['SUCCESS', 8800, 1320]);
  await page.close();
});

test('a fixed fee is paid as shown; a code that is not a table code says so', async () => {
  const bill = await openBill('3', 5000);
  const { page, errors } = await phone();
  await page.goto(`${terminal.acquirer.url}/t/${terminal.terminalId}/3?tip=02&fee=5.00`);
  assert.match(await page.textContent('#tips'), /服务费 ¥5\.00 · Convenience fee CN¥5\.00/);
  await page.tap('#pay');
  await page.waitForSelector('#status[data-status=SUCCESS]');
  const query = await terminal.get(`/v1/orders/${bill.out_trade_no}`);
  assert.equal(query.json.tip_amount, 500);

  await page.goto(`${terminal.acquirer.url}/wallet`);
  await page.fill('#payload', 'hello');
  await Promise.all([page.waitForLoadState(), page.tap('#scan')]);
  await page.waitForSelector('#status[data-status=NOT_TABLE_CODE]');
  assert.match(await page.textContent('#status'), /这不是 qrpos 桌台码 This is not a qrpos table code/);
  // The page is answered 422, which Chromium reports on the console: not a script error.
  assert.deepEqual(
    errors.filter((e) => !/status of 422/.test(e)),
    [],
  );
  await page.close();
});

test('the script shows a changed total as the server shows amounts, grouped', async () => {
  await openBill('30', 123400);
  const { page, errors } = await phone();
  await page.goto(`${terminal.acquirer.url}/t/${terminal.terminalId}/30?tip=01`);
  assert.equal(await page.textContent('#total'), '合计 Total ¥1,234.00 · CN¥1,234.00');
  await page.tap('button.tip[data-tip="12340"]');
  assert.equal(await page.textContent('#total'), '合计 Total ¥1,357.40 · CN¥1,357.40');
  assert.deepEqual(errors, []);
  await page.close();
});
