// A new version of the kiosk applies only between payments. The sandbox serves a
// copy of web/dist from a temp folder; the kiosk installs it, a payment starts and
// stays open (the customer "confirming" on the phone), and a new version is published
// (a new sw.js and page). The new service worker installs and waits: no reload while
// the payment runs, nor on its outcome screen; back on the start screen the page
// switches to the new version and says so.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { launchBrowser, typeLikeScanner, waitForScreen } from '../support/browser.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const KIOSK = { width: 1280, height: 800 };

// Sandbox magic: the customer "confirms on the phone" until the terminal reverses it.
function confirmingCode() {
  let digits = '13';
  while (digits.length < 12) digits += String(crypto.randomInt(10));
  return digits + '000101';
}

/** Publishes a new version into `dir`: sw.js with another version, and a page that shows it. */
function publishNewVersion(dir) {
  const swPath = path.join(dir, 'sw.js');
  const sw = fs.readFileSync(swPath, 'utf8');
  const old = /"version":"(\w+)"/.exec(sw)[1];
  const next = `${old.slice(0, 6)}next`;
  fs.writeFileSync(swPath, sw.replace(`"version":"${old}"`, `"version":"${next}"`));
  const indexPath = path.join(dir, 'index.html');
  const html = fs.readFileSync(indexPath, 'utf8');
  fs.writeFileSync(
    indexPath,
    html.replace('<title>', '<meta name="qrpos-build" content="next" />\n    <title>'),
  );
  return next;
}

describe('updates between payments', { timeout: 240_000 }, () => {
  let acquirer, browser, dir;

  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'sw.js')), 'web/dist/sw.js is missing: build the web app first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-update-'));
    fs.cpSync(DIST, path.join(dir, 'site'), { recursive: true });
    acquirer = await startAcquirer({ demo: true, staticDir: path.join(dir, 'site') });
    browser = await launchBrowser({});
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a new version waits while a payment runs and applies at the start screen', async () => {
    const page = await browser.newPage({ viewport: KIOSK });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(acquirer.url + '/');
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
      timeout: 60_000,
    });
    const loadsBefore = loads;

    for (const key of '66') await page.click(`button[data-action=key][data-key="${key}"]`);
    await typeLikeScanner(page, confirmingCode());
    await waitForScreen(page, 'user_confirming');

    const next = publishNewVersion(path.join(dir, 'site'));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    // The new worker installs (the whole new shell in its cache) and waits.
    await page.waitForFunction(
      () => navigator.serviceWorker.getRegistration().then((r) => r?.waiting?.state === 'installed'),
      null,
      { timeout: 60_000, polling: 250 },
    );
    await page.waitForTimeout(2_000);
    await waitForScreen(page, 'user_confirming', 1_000);
    assert.equal(loads, loadsBefore, 'the page reloaded during the payment');

    // The payment ends (the cashier cancels; the terminal reverses it): the outcome
    // screen is not between payments either.
    await page.click('button[data-action=cancel-session]');
    await waitForScreen(page, 'cancelled', 30_000);
    await page.waitForTimeout(2_000);
    assert.equal(loads, loadsBefore, 'the page reloaded on the outcome screen');
    assert.equal(await page.$('meta[name=qrpos-build]'), null);

    // Next sale: the start screen, and the new version takes over.
    await page.click('button[data-action=new-sale]');
    await page.waitForSelector('meta[name=qrpos-build][content=next]', {
      state: 'attached',
      timeout: 30_000,
    });
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    await page.waitForSelector(`[data-shell-version="${next}"]`);
    assert.equal(loads, loadsBefore + 1);
    const version = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = (e) => resolve(e.data.version);
          navigator.serviceWorker.controller.postMessage({ type: 'version' }, [channel.port2]);
        }),
    );
    assert.equal(version, next);
    // The old version's cache is gone; the payment was reversed, never charged.
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(
      caches.filter((c) => c.startsWith('qrpos-shell-')),
      [`qrpos-shell-${next}`],
    );
    // Every file of the new version is in its cache (the hashed ones copied from the old one).
    const listed = JSON.parse(
      /const QRPOS_SHELL = (.*);/.exec(fs.readFileSync(path.join(dir, 'site', 'sw.js'), 'utf8'))[1],
    );
    const inCache = await page.evaluate(
      async (name) =>
        (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.slice(1)).sort(),
      `qrpos-shell-${next}`,
    );
    assert.deepEqual(inCache, [...listed.files].sort());
    const rows = ledgerRows(acquirer.dbPath, 'SELECT status FROM trades WHERE amount = 6600');
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].status, 'SUCCESS');
    assert.deepEqual(errors, []);
  });
});
