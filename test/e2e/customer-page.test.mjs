// The sandbox wallet page a customer's phone opens from a merchant-presented QR:
// the real page in Chromium at phone size, its own script, the real acquirer.
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

test('a phone pays a merchant-presented order on the sandbox wallet page, in both languages', async () => {
  const outTradeNo = terminal.freshNumber();
  const created = await terminal.post('/v1/orders', {
    out_trade_no: outTradeNo,
    amount: 4800,
    currency: 'CNY',
  });
  assert.equal(created.json.status, 'NOTPAY');
  assert.ok(created.json.code_url.endsWith(`/pay/${outTradeNo}`));

  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(created.json.code_url);
  assert.match(await page.textContent('[data-testid=amount]'), /48\.00/);
  await page.tap('#pay');
  await page.waitForSelector('#status[data-status=SUCCESS]');
  assert.match(await page.textContent('#status'), /\S/);
  await page.screenshot({ path: path.join(SHOTS, 'customer-page-paid.png') });
  assert.deepEqual(errors, [], 'no script errors under the page CSP');

  const query = await terminal.get(`/v1/orders/${outTradeNo}`);
  assert.equal(query.json.status, 'SUCCESS');
  assert.equal(query.json.scheme, 'wechat');
  await page.close();
});
