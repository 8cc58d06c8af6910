// The whole skeleton, for real: the built kiosk page in headless Chromium, a fake
// camera showing a WeChat-style payment code, the real sandbox acquirer and its
// SQLite ledger. Paid means: the page shows it and the ledger holds exactly one row.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { launchBrowser, paymentCodeVideo, typeLikeScanner, waitForScreen } from '../support/browser.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-results', import.meta.url));

function wechatCode() {
  let digits = '13';
  for (const b of crypto.randomBytes(16)) digits += String(b % 10);
  return digits;
}

async function enterAmount(page, text) {
  for (const key of text) await page.click(`button[data-action=key][data-key="${key}"]`);
}

describe('kiosk end to end', { timeout: 120_000 }, () => {
  let acquirer, browser, dir;
  const cameraCode = wechatCode();

  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'web/dist is missing: build the web app first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-e2e-'));
    fs.mkdirSync(SHOTS, { recursive: true });
    acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    browser = await launchBrowser({ cameraY4m: await paymentCodeVideo(cameraCode, dir) });
  });

  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openKiosk() {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(acquirer.url + '/');
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'amount');
    return { page, errors };
  }

  test('a payment code shown to the camera ends on "paid", recorded once', async () => {
    const { page, errors } = await openKiosk();
    await enterAmount(page, '23.72');
    await page.click('button[data-action=collect]');
    await waitForScreen(page, 'scan', 30_000);
    await waitForScreen(page, 'paid', 30_000);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-paid-zh.png') });

    const masked = cameraCode.slice(0, 2) + '*'.repeat(12) + cameraCode.slice(-4);
    assert.match(await page.textContent('[data-testid=paid-amount]'), /23\.72/);
    assert.equal(await page.textContent('[data-field="paid.code"]'), masked);
    assert.equal(await page.textContent('[data-field="paid.scheme"]'), '微信支付');
    const outTradeNo = await page.textContent('[data-field="paid.order"]');

    const rows = ledgerRows(
      acquirer.dbPath,
      'SELECT out_trade_no, amount, currency, scheme, auth_code_masked, status FROM payments',
    );
    assert.deepEqual(rows, [
      {
        out_trade_no: outTradeNo,
        amount: 2372,
        currency: 'CNY',
        scheme: 'wechat',
        auth_code_masked: masked,
        status: 'SUCCESS',
      },
    ]);
    // The camera keeps seeing the same code: the app must not charge it again.
    await page.waitForTimeout(1500);
    assert.equal(ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM payments')[0].n, 1);
    assert.deepEqual(errors, []);
    assert.ok(!acquirer.stderr().includes(cameraCode), 'the full payment code reached the acquirer log');
    await page.close();
  });

  test('a scanner gun burst on the amount screen pays at once, in English', async () => {
    const { page, errors } = await openKiosk();
    await page.click('button[data-action=lang]');
    await enterAmount(page, '5');
    const code = wechatCode();
    await typeLikeScanner(page, code);
    await waitForScreen(page, 'paid', 15_000);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-paid-gun-en.png') });
    assert.equal(await page.textContent('[data-field="paid.scheme"]'), 'WeChat Pay');
    const rows = ledgerRows(
      acquirer.dbPath,
      `SELECT amount FROM payments WHERE auth_code_masked LIKE '${code.slice(0, 2)}%${code.slice(-4)}'`,
    );
    assert.deepEqual(rows, [{ amount: 500 }]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a person typing digits on the amount screen is not taken for a scanner gun', async () => {
    const { page } = await openKiosk();
    await enterAmount(page, '5');
    // Same keys as the gun test, 90 ms apart as a quick typist's: not a scan.
    await typeLikeScanner(page, wechatCode(), 90);
    await page.waitForTimeout(300);
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'amount');
    await page.close();
  });

  test("a declined payment says why and what to do, in the cashier's language", async () => {
    const { page } = await openKiosk();
    await enterAmount(page, '12');
    // Magic sandbox code (docs/sandbox.md): the wallet declines for insufficient funds.
    await typeLikeScanner(page, wechatCode().slice(0, 12) + '000051');
    await waitForScreen(page, 'declined', 15_000);
    assert.equal(await page.getAttribute('[data-code]', 'data-code'), 'insufficient_funds');
    assert.match(await page.textContent('[data-code]'), /余额不足/);
    await page.click('button[data-action=lang]');
    assert.match(await page.textContent('[data-code]'), /Insufficient funds/);
    await page.close();
  });

  test("a merchant's code typed in is refused with what to do, and nothing is recorded", async () => {
    const { page } = await openKiosk();
    // The camera is pointed elsewhere: this kiosk has none (the browser's fake one shows a payment code).
    await page.evaluate(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('none', 'NotFoundError'));
    });
    const before = ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM payments')[0].n;
    await enterAmount(page, '8');
    await page.click('button[data-action=collect]');
    await page.waitForSelector('[data-notice="camera.no_camera"]'); // the kiosk has noticed: no camera
    await page.fill('input[name=code]', 'weixin://wxpay/bizpayurl?pr=abc');
    await page.click('form.manual button[type=submit]');
    await page.waitForSelector('[data-notice="scan.merchant_code"]');
    assert.match(await page.textContent('[data-notice="scan.merchant_code"]'), /商户收款码/);
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'scan');
    await page.click('button[data-action=cancel]');
    assert.equal(ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM payments')[0].n, before);
    await page.close();
  });
});
