// The sandbox's operator pages in headless Chromium under their own strict CSP:
// /admin/health lists a terminal's last signed heartbeat (and keeps what the terminal
// wrote inert), /admin/journal verifies an exported journal chain against the key
// the terminal registered and names the first bad entry. The admin token is typed
// into the page and never reaches its URL.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Terminal } from '../acquirer/terminal-client.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';
import { launchBrowser, shootPage } from '../support/browser.mjs';
import { loadCore } from '../support/core.mjs';
import { makeChain } from '../support/journal-chain.mjs';

const ADMIN = 'e2e-admin-pages-token-0123456789ab';
// at most 64 characters: the protocol's bound for last_error
const HOSTILE = '<img src=x onerror="window.pwned=2"><script>pwned=1</script>';

describe('sandbox admin pages', { timeout: 180_000 }, () => {
  let acquirer, browser, core, demo, terminal, dir;

  before(async () => {
    acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
    demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
    core = await loadCore();
    terminal = new Terminal(core, acquirer, demo);
    browser = await launchBrowser({});
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-admin-pages-'));
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function openWithToken(pagePath) {
    const page = await browser.newPage();
    const csp = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
    await page.goto(`${acquirer.url}${pagePath}`);
    await page.fill('#token', ADMIN);
    await page.click('button[type=submit]');
    return { page, csp };
  }

  function exportFile(name, lines) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ terminal_id: demo.terminal_id, chain: lines }));
    return file;
  }

  test('health lists the heartbeat, flags the clock, and keeps terminal text inert', async () => {
    const sent = await terminal.post('/v1/terminals/heartbeat', {
      version: '9.8.7',
      camera: 'lost',
      printer: 'paper_out',
      clock_skew_ms: -200_000,
      unfinished: 1,
      last_error: HOSTILE,
    });
    assert.equal(sent.status, 200, sent.body);

    const { page, csp } = await openWithToken('/admin/health');
    const row = page.locator('#rows tr', { hasText: demo.terminal_id });
    await row.waitFor();
    const text = await row.textContent();
    for (const expected of ['9.8.7', 'lost', 'paper_out', HOSTILE])
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    assert.match(text, /时钟偏差超过 2 分钟 Clock off by > 2 min/);
    assert.match(text, /有未完成记录 Unfinished records/);
    assert.equal(await page.evaluate(() => window.pwned), undefined, 'terminal text ran as markup');
    assert.equal(await page.locator('#rows img, #rows script').count(), 0);
    assert.ok(!page.url().includes(ADMIN), 'the token is in the URL');
    assert.deepEqual(csp, []);
    await shootPage(page, 'admin-health');
    await page.close();
  });

  test('health refuses a wrong token and says so in both languages', async () => {
    const page = await browser.newPage();
    await page.goto(`${acquirer.url}/admin/health`);
    await page.fill('#token', 'not-the-token');
    await page.click('button[type=submit]');
    await page.locator('#status', { hasText: '管理令牌错误 Wrong admin token' }).waitFor();
    assert.equal(await page.locator('#rows tr').count(), 0);
    await page.close();
  });

  test('journal: an intact export verifies; swapped, removed and changed entries are named', async () => {
    const { lines } = makeChain(core, demo.seed, 8);
    const { page, csp } = await openWithToken('/admin/journal');
    const result = page.locator('#result');
    const check = async (name, entries, expected) => {
      await page.setInputFiles('#file', exportFile(name, entries));
      await result.filter({ hasText: expected }).waitFor({ timeout: 15_000 });
      return result.textContent();
    };

    assert.match(await check('intact.json', lines, '完整 INTACT'), /8 条记录 entries/);

    const swapped = [...lines];
    [swapped[4], swapped[5]] = [swapped[5], swapped[4]];
    assert.match(await check('swapped.json', swapped, '已被篡改 TAMPERED'), /seq [56]/);

    const removed = lines.filter((_, i) => i !== 3);
    assert.match(await check('removed.json', removed, '已被篡改 TAMPERED'), /第 4 条 entry 4/);

    const changed = [...lines];
    changed[2] = changed[2].replace('{\\"step\\":2}', '{\\"step\\":9}');
    assert.notEqual(changed[2], lines[2]);
    assert.match(await check('changed.json', changed, '已被篡改 TAMPERED'), /第 3 条 entry 3/);

    assert.deepEqual(csp, []);
    await shootPage(page, 'admin-journal');
    await page.close();
  });
});
