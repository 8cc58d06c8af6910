// Receipts end to end: the kiosk pairs a (fake) USB ESC/POS printer in settings, a
// paid payment prints by itself, and the bytes that reached the printer render to the
// receipt — text, and a QR that scans back to the sale. Unplugging the printer in the
// middle of a receipt says what to do, leaves the payment paid, and a reprint works.
// The browser print dialog is the fallback without a printer; the daily report prints
// from "Today". The WebUSB stand-in records transfers (test/support/fake-usb.js).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { launchBrowser, kioskState, typeLikeScanner, waitForScreen } from '../support/browser.mjs';
import { closeRenderer, renderEscPos } from '../support/escpos-render.mjs';
import { readCodes } from '../support/zxing.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
// QRPOS_RECEIPTS=docs/receipts keeps the raster sample there.
const SHOTS = process.env.QRPOS_RECEIPTS ?? fileURLToPath(new URL('../../test-results', import.meta.url));
const FAKE_USB = fileURLToPath(new URL('../support/fake-usb.js', import.meta.url));

function wechatCode() {
  let digits = '13';
  while (digits.length < 16) digits += String(crypto.randomInt(10));
  return `${digits}77`;
}

const printed = (page) => page.evaluate(() => window.__usb.transfers.flat());

describe('printing receipts', { timeout: 180_000 }, () => {
  let acquirer, browser;

  before(async () => {
    acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    browser = await launchBrowser({});
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    await closeRenderer();
  });

  async function kiosk({ usb = true } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (usb) await context.addInitScript({ path: FAKE_USB });
    // The print dialog cannot open headless: record that it was asked for.
    await context.addInitScript(() => {
      window.__printed = 0;
      window.print = () => (window.__printed += 1);
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(acquirer.url + '/');
    await waitForScreen(page, 'amount');
    return { page, errors };
  }

  async function settings(page, apply) {
    await page.click('button[data-action=settings]');
    await page.fill('input[name=pin]', '123456');
    await page.click('form[data-form=pin] button[type=submit]');
    await waitForScreen(page, 'settings');
    await apply();
    await page.click('button[data-action=home]');
    await waitForScreen(page, 'amount');
  }

  async function pairAndAutoPrint(page, mode = 'gb18030') {
    await settings(page, async () => {
      await page.click('button[data-action=pair-printer]');
      await page.waitForSelector('[data-printer=paired]');
      await page.selectOption('select[data-action=print-auto]', 'on');
      await page.selectOption('select[data-action=print-mode]', mode);
      await page.waitForFunction(
        (m) =>
          document.querySelector('qrpos-terminal').shadowRoot.querySelector('select[data-action=print-mode]')
            .value === m,
        mode,
      );
    });
  }

  async function pay(page, amount) {
    for (const key of amount) await page.click(`button[data-action=key][data-key="${key}"]`);
    await typeLikeScanner(page, wechatCode());
    await waitForScreen(page, 'paid');
    return (await page.textContent('[data-field="paid.order"]')).trim();
  }

  async function scan(png) {
    return (await readCodes(png)).map((c) => c.text);
  }

  test('paid -> the receipt prints by itself; its QR scans back to the sale', async () => {
    const { page, errors } = await kiosk();
    await pairAndAutoPrint(page);
    const outTradeNo = await pay(page, '23.72');
    await page.waitForSelector('[data-print=done]');
    const receiptCode = await page.getAttribute('[data-qr]', 'data-qr');
    const r = await renderEscPos(new Uint8Array(await printed(page)));
    const text = r.text.join('\n');
    assert.match(text, /交易凭证/);
    assert.match(text, /￥23\.72/);
    assert.ok(text.includes(outTradeNo), text);
    assert.deepEqual(await scan(r.png), [receiptCode]);
    assert.deepEqual(errors, []);
  });

  test('unplugged in the middle of a receipt: says what to do, the sale stays paid, reprint works', async () => {
    const { page } = await kiosk();
    await pairAndAutoPrint(page);
    await page.evaluate(() => window.__usb.unplugAfterBytes(120));
    const outTradeNo = await pay(page, '9.80');
    await page.waitForSelector('[data-print=failed]');
    assert.match(await page.textContent('[data-print=failed]'), /\S{6,}/);
    assert.equal((await kioskState(page)).screen, 'paid', 'the payment screen is untouched');
    assert.deepEqual(
      ledgerRows(acquirer.dbPath, `SELECT status FROM trades WHERE out_trade_no = '${outTradeNo}'`),
      [{ status: 'SUCCESS' }],
    );
    await page.evaluate(() => {
      window.__usb.transfers.length = 0;
      window.__usb.replug();
    });
    await page.click('button[data-action=print]');
    await page.waitForSelector('[data-print=done]');
    const r = await renderEscPos(new Uint8Array(await printed(page)));
    assert.match(r.text.join('\n'), /重打印/);
    assert.equal(r.qr.length, 1);
  });

  test('raster mode: the receipt as one image, still a QR that scans back', async () => {
    const { page } = await kiosk();
    await pairAndAutoPrint(page, 'raster');
    await pay(page, '5');
    await page.waitForSelector('[data-print=done]');
    const receiptCode = await page.getAttribute('[data-qr]', 'data-qr');
    const bytes = new Uint8Array(await printed(page));
    const r = await renderEscPos(bytes, { scale: 2 });
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(`${SHOTS}/raster-payment-zh-CN-58.png`, r.png);
    assert.deepEqual(
      r.text.filter((l) => l.trim()),
      [],
      'no text commands: everything is dots',
    );
    assert.ok(Buffer.from(bytes).includes(Buffer.from([0x1d, 0x76, 0x30, 0x00])), 'GS v 0');
    assert.deepEqual(await scan(r.png), [receiptCode]);
  });

  test('no USB printer: the browser print dialog with the receipt; the daily report prints from Today', async () => {
    const { page } = await kiosk({ usb: false });
    await pay(page, '12');
    await page.click('button[data-action=print]');
    await page.waitForSelector('[data-print=done]');
    assert.equal(await page.evaluate(() => window.__printed), 1);
    const html = await page.evaluate(
      () => document.querySelector('qrpos-terminal').shadowRoot.querySelector('.print-area').innerHTML,
    );
    assert.match(html, /交易凭证/);
    assert.match(html, /<svg/);
    await page.click('button[data-action=new-sale]');
    await page.click('button[data-action=today]');
    await waitForScreen(page, 'today');
    await page.click('button[data-action=print-report]');
    await page.waitForSelector('[data-print=done]');
    const report = await page.evaluate(
      () => document.querySelector('qrpos-terminal').shadowRoot.querySelector('.print-area').textContent,
    );
    assert.match(report, /日结报表/);
    assert.match(report, /￥12\.00/);
  });
});
