// Self-service, for real: the demo portal charges with method 'any' through the terminal
// in its cross-origin frame. The order QR is up and the camera is live; whichever the
// customer uses pays, never both. zh-CN: the customer holds a payment code to the camera
// (the order is closed first, then the code pays). en: the customer scans the QR with a
// phone (a second page) and pays there; the camera sees no code. Last, the race: the
// customer pays the QR and a moment later a scanner gun reads a code: the code is not charged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ledgerRows } from '../support/acquirer.mjs';
import { launchBrowser, paymentCodeVideo } from '../support/browser.mjs';
import {
  admin,
  blankVideo,
  shot,
  sqlText,
  wechatCode,
  closeScenarioRig,
  openScenarioRig,
} from '../support/scenarios.mjs';

describe('self-service: the order QR and the camera at once, one payment', { timeout: 240_000 }, () => {
  let acquirer, dir;

  before(async () => ({ acquirer, dir } = await openScenarioRig('self-service', { browser: false })));
  after(() => closeScenarioRig({ acquirer, dir }));

  async function charge(browser, locale, amount) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const url = new URL('/portal.html', acquirer.url);
    url.searchParams.set('locale', locale);
    await page.goto(url.href);
    await page.waitForSelector('#charge-button:not([disabled])', { timeout: 30_000 });
    await page.fill('#amount', amount);
    await page.selectOption('#method', 'any');
    await page.click('#charge-button');
    const frame = page.frames().find((f) => f.url().includes('/embed.html'));
    return { page, frame, errors };
  }

  const tradesOf = (sql) => ledgerRows(acquirer.dbPath, sql);

  test('zh-CN: a payment code shown while the QR is up closes the order, then pays once', async () => {
    const code = wechatCode();
    const browser = await launchBrowser({
      cameraY4m: await paymentCodeVideo(code, fs.mkdtempSync(path.join(dir, 'cam-'))),
      partitionedStorage: true,
    });
    try {
      const { page, frame, errors } = await charge(browser, 'zh-CN', '15');
      const paid = await page.waitForSelector('#events li[data-type=qrpos-paid]', { timeout: 45_000 });
      assert.equal(await paid.getAttribute('data-amount'), '1500');
      assert.equal(await frame.getAttribute('#app', 'data-screen'), 'paid');
      await shot(page, 'self-service', 'code-paid', 'zh-CN');
      // The events: the order QR was shown before the payment.
      const screens = await page.$$eval('#events li[data-type=qrpos-state]', (lis) =>
        lis.map((li) => li.textContent),
      );
      assert.ok(
        screens.some((s) => s.includes('screen=show_qr')),
        screens.join('\n'),
      );
      const masked = `${code.slice(0, 2)}%${code.slice(-4)}`;
      const payment = tradesOf(
        `SELECT kind, status, amount FROM trades WHERE auth_code_masked LIKE '${masked}' AND kind = 'payment'`,
      );
      assert.deepEqual(payment, [{ kind: 'payment', status: 'SUCCESS', amount: 1500 }]);
      // The order it replaced was closed, not paid: one charge.
      const orders = tradesOf(`SELECT status FROM trades WHERE kind = 'order' AND amount = 1500`);
      assert.deepEqual(orders, [{ status: 'CLOSED' }]);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  test('en: the customer pays the QR on a phone; the terminal shows it paid', async () => {
    const browser = await launchBrowser({ cameraY4m: blankVideo(dir), partitionedStorage: true });
    try {
      const { page, frame, errors } = await charge(browser, 'en', '16');
      await frame.waitForSelector('#app[data-screen=show_qr] [data-qr] svg', { timeout: 20_000 });
      assert.match(await frame.textContent('.screen'), /hold your payment code to the camera/);
      assert.equal(await frame.isVisible('video'), true, 'the camera is not live under the QR');
      await shot(page, 'self-service', 'qr-and-camera', 'en');
      const payUrl = await frame.getAttribute('[data-qr]', 'data-qr');

      const phone = await browser.newPage({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      await phone.goto(payUrl);
      await phone.tap('#pay');
      await phone.waitForSelector('#status[data-status=SUCCESS]', { timeout: 15_000 });

      const paid = await page.waitForSelector('#events li[data-type=qrpos-paid]', { timeout: 30_000 });
      assert.equal(await paid.getAttribute('data-amount'), '1600');
      const outTradeNo = await paid.getAttribute('data-out-trade-no');
      assert.deepEqual(
        tradesOf(`SELECT kind, status FROM trades WHERE out_trade_no = ${sqlText(outTradeNo)}`),
        [{ kind: 'order', status: 'SUCCESS' }],
      );
      assert.deepEqual(errors, []);
      await phone.close();
      await page.close();
    } finally {
      await browser.close();
    }
  });

  test('en: the QR is paid, then a code arrives from the gun: the code is not charged', async () => {
    const browser = await launchBrowser({ cameraY4m: blankVideo(dir), partitionedStorage: true });
    try {
      const { page, frame, errors } = await charge(browser, 'en', '17');
      await frame.waitForSelector('#app[data-screen=show_qr] [data-qr] svg', { timeout: 20_000 });
      const outTradeNo = new URL(await frame.getAttribute('[data-qr]', 'data-qr')).pathname.split('/').pop();
      // Hold the terminal's next poll of the order for 8 s (its timeout is 10 s), so the
      // wallet's payment and the gun's code both land while the QR is up. The code asks the
      // session to close the order; the held poll answers first that it is paid, so the code
      // is dropped (a build that charged it anyway failed here).
      const held = { kind: 'latency', ms: 8000, path: `/v1/orders/${outTradeNo}`, count: 1 };
      assert.equal((await admin(acquirer, 'PUT', '/admin/faults', { faults: [held] })).status, 200);
      await new Promise((r) => setTimeout(r, 2300));
      const wallet = await fetch(new URL(`/customer/orders/${outTradeNo}/pay`, acquirer.url), {
        method: 'POST',
      });
      assert.equal((await wallet.json()).status, 'SUCCESS');
      const code = wechatCode();
      await frame.click('body', { position: { x: 5, y: 5 } });
      // A gun is a keyboard typing fast; Playwright's keyboard reaches the focused
      // cross-origin frame (a CDP session on the top page does not).
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');

      // The held poll keeps the QR up: the code was read while it was shown.
      assert.equal(await frame.getAttribute('#app', 'data-screen'), 'show_qr');
      const paid = await page.waitForSelector('#events li[data-type=qrpos-paid]', { timeout: 30_000 });
      assert.equal(await paid.getAttribute('data-out-trade-no'), outTradeNo);
      assert.equal(await paid.getAttribute('data-amount'), '1700');
      assert.equal(await frame.getAttribute('#app', 'data-screen'), 'paid');
      const masked = `${code.slice(0, 2)}%${code.slice(-4)}`;
      assert.deepEqual(tradesOf(`SELECT status FROM trades WHERE auth_code_masked LIKE '${masked}'`), []);
      assert.deepEqual(tradesOf(`SELECT status FROM trades WHERE amount = 1700`), [{ status: 'SUCCESS' }]);
      assert.equal(await page.$$eval('#events li[data-type=qrpos-paid]', (lis) => lis.length), 1);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
