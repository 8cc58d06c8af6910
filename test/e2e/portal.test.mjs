// A merchant portal charging through the terminal in a cross-origin iframe
// (web/portal.html framing web/embed.html): postMessage in, events out, and a
// ledger row at the real sandbox acquirer. Messages from any other origin are ignored.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { launchBrowser, paymentCodeVideo } from '../support/browser.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-results', import.meta.url));

// WeChat-style 18 digits; "77" at the end keeps clear of the sandbox's magic suffixes.
function wechatCode() {
  let digits = '13';
  for (const b of crypto.randomBytes(14)) digits += String(b % 10);
  return digits + '77';
}

describe('merchant portal with the terminal in a cross-origin iframe', { timeout: 120_000 }, () => {
  let acquirer, browser, dir;

  before(async () => {
    for (const page of ['portal.html', 'embed.html'])
      assert.ok(fs.existsSync(path.join(DIST, page)), `web/dist/${page} is missing: build the web app first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-portal-'));
    fs.mkdirSync(SHOTS, { recursive: true });
    acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    // Third-party storage partitioning on, as in shipped Chrome: without it the
    // cross-site terminal frame gets no storage and cannot boot.
    browser = await launchBrowser({
      cameraY4m: await paymentCodeVideo(wechatCode(), dir),
      partitionedStorage: true,
    });
  });

  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Charge in the portal pays in the iframe and the portal hears qrpos-paid', async () => {
    const portalUrl = new URL('/portal.html', acquirer.url);
    assert.equal(
      portalUrl.hostname,
      '127.0.0.1',
      'the portal must be on 127.0.0.1 so the frame is on localhost',
    );
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
    });
    // Runs in the portal and in the terminal's frame: both pages' CSPs are exercised.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${location.href}`),
      );
    });
    await page.goto(portalUrl.href);
    await page.waitForSelector('#charge-button:not([disabled])', { timeout: 20_000 });

    const frame = page.frames().find((f) => f.url().includes('/embed.html'));
    assert.ok(frame, 'the portal has no embed.html frame');
    const frameOrigin = new URL(frame.url()).origin;
    assert.equal(frameOrigin, `http://localhost:${portalUrl.port}`);
    assert.notEqual(frameOrigin, portalUrl.origin);
    // The browser agrees: the portal cannot reach into the terminal's document.
    const blocked = await page.evaluate(() => {
      try {
        return !document.getElementById('terminal').contentWindow.document;
      } catch (e) {
        return e.name === 'SecurityError';
      }
    });
    assert.ok(blocked, 'the portal could read the terminal frame: it is not cross-origin');
    assert.equal(await frame.getAttribute('#app', 'data-screen'), 'idle');

    await page.fill('#amount', '12.34');
    await page.click('#charge-button');
    const paid = await page.waitForSelector('#events li[data-type=qrpos-paid]', { timeout: 30_000 });
    await page.waitForSelector('#events li[data-type=qrpos-pay-result]');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-portal-paid.png') });

    assert.equal(await paid.getAttribute('data-amount'), '1234');
    assert.match(await paid.textContent(), /¥12\.34/);
    const outTradeNo = await paid.getAttribute('data-out-trade-no');
    assert.ok(outTradeNo, 'qrpos-paid carried no out_trade_no');
    assert.equal(await page.textContent('#last-paid'), outTradeNo);
    assert.match(await page.textContent('#events li[data-type=qrpos-pay-result]'), / ok$/);
    assert.equal(await frame.getAttribute('#app', 'data-screen'), 'paid');

    // ledgerRows takes no parameters: only interpolate what cannot break out of the quotes.
    assert.match(outTradeNo, /^[\w-]+$/);
    const sql = `SELECT status FROM payments WHERE out_trade_no = '${outTradeNo}'`;
    assert.deepEqual(ledgerRows(acquirer.dbPath, sql), [{ status: 'SUCCESS' }]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('where the browser denies the frame all storage, the portal is told and cannot charge', async () => {
    // Playwright's default Chromium: no third-party storage partitioning, so no storage.
    const denying = await launchBrowser();
    try {
      const page = await denying.newPage();
      await page.goto(new URL('/portal.html', acquirer.url).href);
      const ready = await page.waitForSelector('#events li[data-type=qrpos-ready]', { timeout: 20_000 });
      assert.match(await ready.textContent(), /not ok$/);
      assert.ok(await page.isDisabled('#charge-button'));
    } finally {
      await denying.close();
    }
  });

  test('a qrpos-pay message from any origin but ?parent= is ignored', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/embed.html?parent=http://example.invalid', acquirer.url).href);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'idle');
    const before = ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM payments')[0].n;
    // The page's own origin is not http://example.invalid: the terminal must not start.
    await page.evaluate(() => window.postMessage({ type: 'qrpos-pay', amount: 100, method: 'scan' }, '*'));
    await page.waitForTimeout(1500);
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'idle');
    assert.equal(ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM payments')[0].n, before);
    await page.close();
  });
});
