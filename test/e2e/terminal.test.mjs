// The kiosk as a cashier uses it, in headless Chromium against the real sandbox
// acquirer: the customer confirming on the phone, a reload in the middle of a
// payment, a merchant-presented order paid on the customer page, refunds by list and
// by receipt QR, today's totals, and a terminal activated with a one-time code.
// Codes come from a scanner gun (CDP key events with gun timing); this browser has
// no camera, so the camera never races the gun. Screens are photographed in both
// languages (QRPOS_SCREENS=docs/screens writes the committed set).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';
import os from 'node:os';
import {
  launchBrowser,
  paymentCodeVideo,
  shoot,
  typeLikeScanner,
  waitForScreen,
} from '../support/browser.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const DEMO_PIN = '123456';
const KIOSK = { width: 1280, height: 800 };

// An 18-digit WeChat-style code ending in `suffix` (sandbox magic) or "77" (plain success).
function wechatCode(suffix = '77') {
  let digits = '13';
  while (digits.length < 18 - suffix.length) digits += String(crypto.randomInt(10));
  return digits + suffix;
}

async function enterAmount(page, text) {
  for (const key of text) await page.click(`button[data-action=key][data-key="${key}"]`);
}

const payments = (dbPath, outTradeNo) =>
  ledgerRows(dbPath, `SELECT status, amount FROM trades WHERE out_trade_no = '${outTradeNo}'`);

describe('kiosk terminal', { timeout: 240_000 }, () => {
  let acquirer, browser;

  before(async () => {
    acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    browser = await launchBrowser({});
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
  });

  async function openKiosk(context) {
    // A landscape kiosk or tablet.
    const page = await (context ?? (await browser.newContext({ viewport: KIOSK }))).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(acquirer.url + '/');
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    return { page, errors };
  }

  async function paidOutTradeNo(page) {
    return (await page.textContent('[data-field="paid.order"]')).trim();
  }

  test('the customer confirms on the phone: "confirming" then paid, one charge', async () => {
    const { page, errors } = await openKiosk();
    await shoot(page, 'amount');
    await enterAmount(page, '88');
    await typeLikeScanner(page, wechatCode('000100'));
    await waitForScreen(page, 'user_confirming');
    await shoot(page, 'user-confirming');
    await waitForScreen(page, 'paid', 30_000);
    await shoot(page, 'paid');
    const outTradeNo = await paidOutTradeNo(page);
    assert.deepEqual(payments(acquirer.dbPath, outTradeNo), [{ status: 'SUCCESS', amount: 8800 }]);
    assert.deepEqual(errors, []);
  });

  test('an acquirer error after charging: "checking", then paid from the query', async () => {
    const { page } = await openKiosk();
    await enterAmount(page, '15');
    await typeLikeScanner(page, wechatCode('000500'));
    await waitForScreen(page, 'checking');
    await shoot(page, 'checking');
    await waitForScreen(page, 'paid', 30_000);
    assert.deepEqual(payments(acquirer.dbPath, await paidOutTradeNo(page)), [
      { status: 'SUCCESS', amount: 1500 },
    ]);
  });

  test('a declined code says why; without a camera the scan screen says what to use instead', async () => {
    const { page } = await openKiosk();
    await enterAmount(page, '6');
    await page.click('button[data-action=collect]');
    await waitForScreen(page, 'scan');
    await page.waitForSelector('[data-notice="camera.no_camera"]');
    await shoot(page, 'scan-no-camera');
    await typeLikeScanner(page, wechatCode('000051'));
    await waitForScreen(page, 'declined');
    assert.equal(await page.getAttribute('[data-code]', 'data-code'), 'insufficient_funds');
    await shoot(page, 'declined');
  });

  test('the cashier cancels while the customer confirms: "cancelling", reversed, not charged', async () => {
    // An acquirer whose trade lookups and reverses take 2.5 s, so "cancelling" stays on screen.
    const slow = await startOwn({
      args: ['--demo', '--static', DIST, '--fault', 'latency=2500,path=/v1/payments/'],
    });
    try {
      const page = await (await browser.newContext({ viewport: KIOSK })).newPage();
      await page.goto(slow.url + '/');
      await waitForScreen(page, 'amount');
      await enterAmount(page, '9.90');
      await typeLikeScanner(page, wechatCode('000101'));
      await waitForScreen(page, 'user_confirming');
      await page.click('button[data-action=cancel-session]');
      await waitForScreen(page, 'cancelling');
      await shoot(page, 'cancelling');
      await waitForScreen(page, 'cancelled');
      await shoot(page, 'cancelled');
      const rows = ledgerRows(slow.dbPath, 'SELECT status FROM trades WHERE amount = 990');
      assert.equal(rows.length, 1);
      assert.notEqual(rows[0].status, 'SUCCESS');
    } finally {
      await slow.stop();
    }
  });

  test('a reload while the pay request is in flight resumes it: paid, exactly one charge', async () => {
    const context = await browser.newContext({ viewport: KIOSK });
    const { page } = await openKiosk(context);
    await enterAmount(page, '42.10');
    await typeLikeScanner(page, wechatCode('000300')); // the sandbox answers after 3 s
    await waitForScreen(page, 'processing');
    await shoot(page, 'processing');
    const inFlight = ledgerRows(
      acquirer.dbPath,
      `SELECT out_trade_no FROM trades WHERE amount = 4210 ORDER BY rowid DESC LIMIT 1`,
    );
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'paid', 30_000);
    const outTradeNo = await paidOutTradeNo(page);
    if (inFlight[0]) assert.equal(outTradeNo, inFlight[0].out_trade_no);
    assert.deepEqual(payments(acquirer.dbPath, outTradeNo), [{ status: 'SUCCESS', amount: 4210 }]);
    // Another reload: nothing left to resume, the kiosk is ready for the next sale.
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    assert.deepEqual(payments(acquirer.dbPath, outTradeNo), [{ status: 'SUCCESS', amount: 4210 }]);
  });

  test('merchant-presented QR: the customer pays on the sandbox page, the kiosk shows paid', async () => {
    const { page } = await openKiosk();
    await enterAmount(page, '48');
    await page.click('button[data-action=show-qr]');
    await waitForScreen(page, 'show_qr');
    await page.waitForSelector('[data-qr] svg');
    await shoot(page, 'show-qr');
    const url = await page.getAttribute('[data-qr]', 'data-qr');
    assert.match(url, /\/pay\/\w+$/);
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(url);
    await phone.tap('#pay');
    await phone.waitForSelector('#status[data-status=SUCCESS]');
    await waitForScreen(page, 'paid', 15_000);
    const outTradeNo = await paidOutTradeNo(page);
    assert.equal(url.split('/').pop(), outTradeNo);
    assert.deepEqual(payments(acquirer.dbPath, outTradeNo), [{ status: 'SUCCESS', amount: 4800 }]);
    await phone.close();
  });

  test('refunds: part of a sale from the list behind the PIN, the rest by scanning the receipt; totals add up', async () => {
    const { page } = await openKiosk();
    await enterAmount(page, '20');
    await typeLikeScanner(page, wechatCode());
    await waitForScreen(page, 'paid');
    const outTradeNo = await paidOutTradeNo(page);
    const receiptCode = await page.getAttribute('[data-qr]', 'data-qr');
    assert.match(receiptCode, new RegExp(`^QRPOSR1:T-[0-9A-F]{16}:${outTradeNo}$`));
    await page.click('button[data-action=new-sale]');

    await page.click('button[data-action=refund]');
    await waitForScreen(page, 'pin');
    await shoot(page, 'pin');
    await page.fill('input[name=pin]', '000000');
    await page.click('form[data-form=pin] button[type=submit]');
    await page.waitForSelector('[data-notice="pin.wrong"]');
    await page.fill('input[name=pin]', DEMO_PIN);
    await page.click('form[data-form=pin] button[type=submit]');
    await waitForScreen(page, 'refund');
    await shoot(page, 'refund-list');
    await page.click(`button[data-action=pick-refund][data-out-trade-no="${outTradeNo}"]`);
    await page.waitForSelector('form[data-form=refund]');
    await shoot(page, 'refund-amount'); // before typing: a language switch re-renders the form
    await page.fill('input[name=amount]', '25');
    await page.click('form[data-form=refund] button[type=submit]');
    await page.waitForSelector('[data-notice="refund.too_much"]');
    await page.fill('input[name=amount]', '5');
    await page.click('form[data-form=refund] button[type=submit]');
    await waitForScreen(page, 'refunded');
    await shoot(page, 'refunded');
    await page.click('button[data-action=new-sale]');

    // The receipt's QR, scanned at the counter, leads to that sale (after the PIN).
    await typeLikeScanner(page, receiptCode);
    await waitForScreen(page, 'pin');
    await page.fill('input[name=pin]', DEMO_PIN);
    await page.click('form[data-form=pin] button[type=submit]');
    await page.waitForSelector('form[data-form=refund]');
    assert.equal(await page.inputValue('input[name=amount]'), '15.00', 'what is left to refund');
    await page.click('form[data-form=refund] button[type=submit]');
    await waitForScreen(page, 'refunded');
    const refunds = ledgerRows(
      acquirer.dbPath,
      `SELECT amount FROM refunds WHERE out_trade_no = '${outTradeNo}' ORDER BY amount`,
    );
    assert.deepEqual(
      refunds.map((r) => r.amount),
      [500, 1500],
    );
    await page.click('button[data-action=new-sale]');

    await page.click('button[data-action=today]');
    await waitForScreen(page, 'today');
    assert.match(await page.textContent('[data-total=sales]'), /20\.00/);
    assert.match(await page.textContent('[data-total=refunds]'), /20\.00/);
    assert.match(await page.textContent('[data-total=net]'), /0\.00/);

    // The day against the acquirer's signed daily report: it matches.
    await page.click('button[data-action=reconcile]');
    await page.waitForSelector('[data-reconcile=ok]');
    await shoot(page, 'today');

    // A journal record lost (storage wiped for it): the same check now shows the gap.
    await page.evaluate(
      (no) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('qrpos');
          open.onsuccess = () => {
            const tx = open.result.transaction('journal', 'readwrite');
            tx.objectStore('journal').delete(`pay:${no}`);
            tx.oncomplete = resolve;
            tx.onerror = reject;
          };
        }),
      outTradeNo,
    );
    await page.click('button[data-action=reconcile]');
    await page.waitForSelector('[data-reconcile=differences]');
    await shoot(page, 'reconcile-differences');
    const table = await page.textContent('[data-reconcile=differences]');
    assert.match(table, /收款笔数\s*0\s*1/, table);
    assert.match(table, /收款金额（分）\s*0\s*2000/, table);
  });

  test('settings behind the PIN show the terminal, its key fingerprint and the language', async () => {
    const { page } = await openKiosk();
    await page.click('button[data-action=settings]');
    await page.fill('input[name=pin]', DEMO_PIN);
    await page.click('form[data-form=pin] button[type=submit]');
    await waitForScreen(page, 'settings');
    await shoot(page, 'settings');
    const text = await page.textContent('[data-testid=settings]');
    const terminals = ledgerRows(acquirer.dbPath, 'SELECT terminal_id FROM terminals').map(
      (r) => r.terminal_id,
    );
    assert.ok(
      terminals.some((id) => text.includes(id)),
      text,
    );
    assert.match(text, /[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/);
    await page.selectOption('select[data-action=locale]', 'en');
    await page.waitForSelector('#app[lang=en]');
    assert.match(await page.textContent('h1'), /Settings/);
  });
});

describe('activation', { timeout: 120_000 }, () => {
  const ADMIN = 'e2e-activation-admin-token-0123';
  let acquirer, browser;

  before(async () => {
    acquirer = await startOwn({ args: ['--static', DIST, '--admin-token', ADMIN] });
    browser = await launchBrowser({});
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
  });

  test('a fresh kiosk asks for a one-time code, activates, and keeps its key only wrapped', async () => {
    const page = await browser.newPage({ viewport: KIOSK });
    await page.goto(acquirer.url + '/');
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'activate');
    await shoot(page, 'activate');
    const issued = await (
      await fetch(`${acquirer.url}/admin/activation-codes`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ merchant_name: '面馆 Noodle Bar', currency: 'CNY' }),
      })
    ).json();

    await page.fill('input[name=code]', '0000-0000-0000');
    await page.fill('input[name=pin]', '2468');
    await page.fill('input[name=pin2]', '2468');
    await page.click('form[data-form=activate] button[type=submit]');
    await page.waitForSelector('[data-notice="error.invalid_activation_code"]');

    await page.fill('input[name=code]', issued.activation_code);
    await page.fill('input[name=pin]', '2468');
    await page.fill('input[name=pin2]', '2468');
    await page.click('form[data-form=activate] button[type=submit]');
    await waitForScreen(page, 'amount');
    assert.match(await page.textContent('.brand'), /面馆 Noodle Bar/);

    // At rest: an AES-GCM ciphertext and a CryptoKey script cannot export.
    const stored = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('qrpos');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('settings').objectStore('settings').get('terminalKey');
            get.onsuccess = async () => {
              const { wrappingKey, ciphertext } = get.result;
              let exported = 'refused';
              await crypto.subtle.exportKey('raw', wrappingKey).then(
                () => (exported = 'exported'),
                () => undefined,
              );
              resolve({
                extractable: wrappingKey.extractable,
                algorithm: wrappingKey.algorithm.name,
                bytes: ciphertext.byteLength,
                exported,
              });
            };
          };
        }),
    );
    assert.deepEqual(stored, { extractable: false, algorithm: 'AES-GCM', bytes: 48, exported: 'refused' });
    const [terminal] = ledgerRows(acquirer.dbPath, 'SELECT terminal_id, merchant_name FROM terminals');
    assert.equal(terminal.merchant_name, '面馆 Noodle Bar');
  });
});

describe('scan screen with a camera', { timeout: 60_000 }, () => {
  test('live preview; a code that is not a payment code is refused on screen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-scan-'));
    const acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    const browser = await launchBrowser({
      cameraY4m: await paymentCodeVideo('https://example.com/menu', dir),
    });
    try {
      const page = await browser.newPage({ viewport: KIOSK });
      await page.goto(acquirer.url + '/');
      await waitForScreen(page, 'amount');
      await enterAmount(page, '12.5');
      await page.click('button[data-action=collect]');
      await waitForScreen(page, 'scan');
      await page.waitForSelector('[data-notice="scan.unknown"], [data-notice="scan.merchant_code"]', {
        timeout: 20_000,
      });
      await page.waitForFunction(() => {
        const v = document.querySelector('qrpos-terminal').shadowRoot.querySelector('video');
        return v && !v.hidden && v.readyState >= 2;
      });
      await shoot(page, 'scan');
    } finally {
      await browser.close();
      await acquirer.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
