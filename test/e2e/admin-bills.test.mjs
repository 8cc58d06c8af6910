// The sandbox's bills page in headless Chromium under the admin CSP: the operator
// types the token, adds a bill, sees it listed open, and paid once a terminal paid it
// with the bill's code as reference. Bill text stays inert.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSandboxWithAdmin } from '../acquirer/terminal-client.mjs';
import { launchBrowser, shootPage } from '../support/browser.mjs';

const ADMIN = 'e2e-admin-bills-token-0123456789ab';
const HOSTILE = '<img src=x onerror="window.pwned=2">';

let terminal, browser;
before(async () => {
  terminal = await openSandboxWithAdmin(ADMIN);
  browser = await launchBrowser({});
});
after(async () => {
  await browser?.close();
  await terminal?.acquirer.stop();
});

test('the operator adds a bill on the page; it is listed open, then paid by the payment', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${terminal.acquirer.url}/admin/bills`);
  await page.fill('#token', ADMIN);
  await page.click('#token-form button');
  await page.waitForSelector('#status:has-text("0 张账单 bills")');

  await page.fill('[name=code]', 'RM-0808');
  await page.fill('[name=amount]', '128800');
  await page.fill('[name=description]', HOSTILE);
  await page.click('#bill-form button');
  const row = page.locator('#rows tr[data-code="RM-0808"]');
  await row.waitFor();
  assert.match(await row.textContent(), /128800 CNY.*待付 Open/);
  assert.ok((await row.textContent()).includes(HOSTILE));
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'bill text ran as markup');

  // The same code again is refused, and says why.
  await page.fill('[name=code]', 'RM-0808');
  await page.fill('[name=amount]', '1');
  await page.click('#bill-form button');
  await page.waitForSelector('#status:has-text("未添加 Not added")');

  const paid = await terminal.pay({ amount: 128800, extra: { reference: 'RM-0808' } });
  assert.equal(paid.json.status, 'SUCCESS', paid.body);
  await page.fill('#token', ADMIN);
  await page.click('#token-form button');
  await page.waitForSelector('#rows tr[data-code="RM-0808"]:has-text("已付 Paid")');
  assert.ok((await row.textContent()).includes(paid.json.out_trade_no));
  assert.ok(!page.url().includes(ADMIN), 'the token is in the URL');
  assert.deepEqual(
    problems.filter((p) => !/status of 409/.test(p)),
    [],
  );
  await shootPage(page, 'admin-bills');
  await page.close();
});
