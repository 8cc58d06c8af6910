// The kiosk's heartbeat in headless Chromium against the real sandbox acquirer: it
// arrives with the app version, camera, printer, unfinished records and journal head
// (GET /admin/health.json), and a kiosk whose clock is 10 minutes fast warns on its
// start screen in Chinese and English, records nothing as paid, and stops warning
// once the clock is right.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows } from '../support/acquirer.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';
import { launchBrowser, shoot, typeLikeScanner, waitForScreen } from '../support/browser.mjs';
import { wechatCode } from '../acquirer/terminal-client.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(ROOT, 'web/dist');
const ADMIN = 'heartbeat-e2e-admin-token-012345';
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const MIN = 60_000;

// The page's clock, shifted by window.__skewMs (0 at first): the test moves it with
// page.evaluate, as a cashier would set the system time. Reloads keep the shift.
const SHIFTABLE_CLOCK = `(() => {
  const Real = Date;
  const off = () => Number(sessionStorage.getItem('test.skewMs') ?? 0);
  class Shifted extends Real {
    constructor(...a) { if (a.length === 0) super(Real.now() + off()); else super(...a); }
    static now() { return Real.now() + off(); }
  }
  globalThis.Date = Shifted;
})();`;

describe('heartbeat and clock warning', { timeout: 240_000 }, () => {
  let acquirer, browser, page, terminalId;

  before(async () => {
    acquirer = await startOwn({
      args: ['--demo', '--static', DIST, '--admin-token', ADMIN],
      secretsShown: [ADMIN],
    });
    browser = await launchBrowser({});
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.context().addInitScript(SHIFTABLE_CLOCK);
    await page.goto(`${acquirer.url}/?heartbeat=2`);
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
  });

  async function health() {
    const res = await fetch(`${acquirer.url}/admin/health.json`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    });
    assert.equal(res.status, 200);
    return (await res.json()).terminals;
  }

  /** The kiosk's row once `ok(row)` holds (heartbeats come every 2 s). */
  async function kioskRow(ok, timeout = 20_000) {
    const deadline = Date.now() + timeout;
    let row;
    do {
      // The demo terminal (/demo/terminal.json) sends none: the kiosk's row is the one with a heartbeat.
      row = (await health()).find((t) => (terminalId ? t.terminal_id === terminalId : t.heartbeat));
      if (row && ok(row)) return row;
      await new Promise((r) => setTimeout(r, 300));
    } while (Date.now() < deadline);
    assert.fail(`no such heartbeat: ${JSON.stringify(row)}`);
  }

  const banner = () => page.locator('[data-clock-off]');

  test('the heartbeat arrives with version, camera, printer, unfinished and journal head', async () => {
    const first = await kioskRow((r) => r.heartbeat !== null);
    terminalId = first.terminal_id;
    assert.equal(first.heartbeat.version, `qrpos-web/${version}`);
    assert.equal(first.heartbeat.camera, 'unknown', 'the camera has not been needed yet');
    assert.equal(first.heartbeat.printer, 'none', 'no printer paired: the print dialog');
    assert.equal(first.heartbeat.unfinished, 0);
    assert.equal(first.heartbeat.last_error, '');
    assert.ok(Math.abs(first.heartbeat.clock_skew_ms) < 5_000);
    assert.deepEqual(first.flags, []);
    assert.equal(await banner().count(), 0);

    // A payment writes two journal records: the next heartbeat carries the chain's head.
    for (const key of '35') await page.click(`button[data-action=key][data-key="${key}"]`);
    await typeLikeScanner(page, wechatCode());
    await waitForScreen(page, 'paid', 30_000);
    await page.click('button[data-action=new-sale]');
    const row = await kioskRow((r) => r.heartbeat.journal_head?.seq === 2);
    assert.match(row.heartbeat.journal_head.hash, /^[0-9a-f]{64}$/);
    assert.equal(row.heartbeat.unfinished, 0);
  });

  test('10 min fast: the start screen warns in both languages; a sale is refused, never paid', async () => {
    await page.evaluate((ms) => sessionStorage.setItem('test.skewMs', String(ms)), 10 * MIN);
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    await banner().waitFor({ timeout: 15_000 });
    const zh = await banner().locator('p[lang=zh-CN]').textContent();
    const en = await banner().locator('p[lang=en]').textContent();
    assert.equal(zh, '终端时间与收单机构相差 10 分钟，付款可能被拒绝：请校准系统时间（开启自动对时）。');
    assert.equal(
      en,
      "This terminal's clock is 10 min off the acquirer's: payments may be refused. Set the system time (turn on automatic time).",
    );
    await shoot(page, 'clock-off');

    // The acquirer refuses the request for its time: declined, nothing charged, nothing paid.
    const code = wechatCode();
    for (const key of '8') await page.click(`button[data-action=key][data-key="${key}"]`);
    await typeLikeScanner(page, code);
    await page.waitForSelector('#app[data-screen=declined], #app[data-screen=cancelled]', {
      timeout: 60_000,
    });
    assert.notEqual(await page.getAttribute('#app', 'data-screen'), 'paid');
    assert.match(await page.textContent('[data-code]'), /时间|clock/);
    const charged = ledgerRows(
      acquirer.dbPath,
      `SELECT count(*) AS n FROM payments WHERE status = 'SUCCESS'`,
    );
    assert.equal(charged[0].n, 1, 'only the sale made with the right clock');
    await page.click('button[data-action=new-sale]');
    await waitForScreen(page, 'amount');
    assert.equal(await banner().count(), 1, 'still warned back on the start screen');
    // Refused heartbeats are not stored: the acquirer still lists the last one sent with the right clock.
    const [row] = (await health()).filter((t) => t.terminal_id === terminalId);
    assert.ok(Math.abs(row.heartbeat.clock_skew_ms) < 5_000, String(row.heartbeat.clock_skew_ms));
  });

  test('the clock set right: the warning goes by itself', async () => {
    await page.evaluate(() => sessionStorage.setItem('test.skewMs', '0'));
    await banner().waitFor({ state: 'detached', timeout: 15_000 });
    const row = await kioskRow((r) => !r.flags.includes('clock_off'));
    assert.ok(Math.abs(row.heartbeat.clock_skew_ms) < 5_000, String(row.heartbeat.clock_skew_ms));
  });
});
