// The kiosk under the strictest policy it promises to run in (web/csp.html:
// default-src 'self'; script-src 'self' 'wasm-unsafe-eval'): a whole camera payment
// with no CSP violation and no console error.
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

function wechatCode() {
  let digits = '13';
  for (const b of crypto.randomBytes(14)) digits += String(b % 10);
  return digits + '77'; // clear of the sandbox's magic decline suffixes
}

describe('kiosk under a strict CSP', { timeout: 120_000 }, () => {
  let acquirer, browser, dir;

  before(async () => {
    assert.ok(
      fs.existsSync(path.join(DIST, 'csp.html')),
      'web/dist/csp.html is missing: build the web app first',
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-csp-'));
    acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    browser = await launchBrowser({ cameraY4m: await paymentCodeVideo(wechatCode(), dir) });
  });

  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a camera payment completes with no violation reported', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
    // The page has no favicon; the 404 for it says nothing about the CSP.
    const noise = (m) => m.location().url.endsWith('/favicon.ico');
    page.on('console', (m) => m.type() === 'error' && !noise(m) && problems.push(`console: ${m.text()}`));
    page.on('worker', (w) =>
      w.on('console', (m) => m.type() === 'error' && problems.push(`worker: ${m.text()}`)),
    );
    // Registered before any page script, so violations during boot are caught too.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
        ),
      );
    });
    await page.goto(new URL('/csp.html', acquirer.url).href);
    await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'amount');
    await page.click('button[data-action=key][data-key="1"]');
    await page.click('button[data-action=collect]');
    await page.waitForSelector('#app[data-screen=paid]', { timeout: 30_000 });

    const outTradeNo = await page.textContent('[data-field="paid.order"]');
    assert.match(outTradeNo, /^[\w-]+$/);
    const sql = `SELECT status FROM payments WHERE out_trade_no = '${outTradeNo}'`;
    assert.deepEqual(ledgerRows(acquirer.dbPath, sql), [{ status: 'SUCCESS' }]);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
