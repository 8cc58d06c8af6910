// The kiosk as an installable offline shell, in headless Chromium against the real
// sandbox: loaded once online (the service worker installs the shell and controls
// the page), then the network goes (the browser offline and the acquirer stopped, so
// nothing can answer from anywhere): a reload still starts the kiosk from the cache,
// says in Chinese and English that the acquirer is unreachable and what to do, and
// takes no sale. When the network is back it recovers by itself and a payment is
// recorded once.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { launchBrowser, shoot, typeLikeScanner, waitForScreen } from '../support/browser.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const KIOSK = { width: 1280, height: 800 };

function wechatCode() {
  let digits = '13';
  while (digits.length < 16) digits += String(crypto.randomInt(10));
  return digits + '77'; // clear of the sandbox's magic suffixes
}

async function enterAmount(page, text) {
  for (const key of text) await page.click(`button[data-action=key][data-key="${key}"]`);
}

describe('offline start', { timeout: 240_000 }, () => {
  let acquirer, browser, dir, dbPath;

  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'sw.js')), 'web/dist/sw.js is missing: build the web app first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-offline-'));
    // Our own ledger file, so the acquirer can come back on it (same key, same terminal).
    dbPath = path.join(dir, 'ledger.db');
    acquirer = await startAcquirer({ demo: true, staticDir: DIST, dbPath });
    browser = await launchBrowser({});
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('starts from the cache with no network, says so truthfully, and recovers by itself', async () => {
    const context = await browser.newContext({ viewport: KIOSK });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(acquirer.url + '/');
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
      timeout: 60_000,
    });
    // The shell in the cache: the page, the boot .wasm, the lazily loaded ones, the icons.
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const shell = await caches.open(names.find((n) => n.startsWith('qrpos-shell-')));
      return (await shell.keys()).map((r) => new URL(r.url).pathname);
    });
    for (const file of [
      /^\/index\.html$/,
      /qrpos_core-.*\.wasm$/,
      /qrpos_receipt-.*\.wasm$/,
      /zxing_reader-.*\.wasm$/,
    ])
      assert.ok(
        cached.some((p) => file.test(p)),
        `${file} is not in the shell cache: ${cached}`,
      );
    assert.ok(!cached.some((p) => p.startsWith('/v1/')), 'an acquirer answer was cached');
    // Reconciliation needs the acquirer anyway: its module is never precached.
    assert.ok(!cached.some((p) => /qrpos_tools-/.test(p)), `the tools module was precached: ${cached}`);

    // The network goes: nothing can answer from anywhere.
    const port = Number(new URL(acquirer.url).port);
    await context.setOffline(true);
    await acquirer.stop();
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    await page.waitForSelector('[data-offline=true]', { timeout: 20_000 });
    const banner = await page.textContent('[data-offline]');
    assert.match(banner, /无法连接收单方/);
    assert.match(banner, /网线或 Wi-Fi/);
    assert.match(banner, /Cannot reach the acquirer/);
    assert.match(banner, /network cable or Wi-Fi/);
    assert.ok(await page.isDisabled('button[data-action=collect]'));
    assert.ok(await page.isDisabled('button[data-action=show-qr]'));
    // A scanner gun on the start screen would start a sale: it is refused, nothing sent.
    await enterAmount(page, '12');
    const refused = wechatCode();
    await typeLikeScanner(page, refused);
    await page.waitForSelector('[data-notice="offline.cannot_sell"]');
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'amount');
    await shoot(page, 'offline');

    // The network is back: the kiosk finds the acquirer by itself and sells again.
    acquirer = await startAcquirer({ demo: true, staticDir: DIST, dbPath, port });
    await context.setOffline(false);
    await page.waitForSelector('[data-offline]', { state: 'detached', timeout: 30_000 });
    assert.ok(!(await page.isDisabled('button[data-action=collect]')));
    const unsent = ledgerRows(dbPath, `SELECT COUNT(*) AS n FROM trades WHERE amount = 1200`);
    assert.deepEqual(unsent, [{ n: 0 }], 'the refused sale reached the acquirer');
    await page.click('button[data-action=clear]');
    await enterAmount(page, '23.50');
    await typeLikeScanner(page, wechatCode());
    await waitForScreen(page, 'paid', 30_000);
    const outTradeNo = (await page.textContent('[data-field="paid.order"]')).trim();
    assert.deepEqual(
      ledgerRows(dbPath, `SELECT status, amount FROM trades WHERE out_trade_no = '${outTradeNo}'`),
      [{ status: 'SUCCESS', amount: 2350 }],
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
});
