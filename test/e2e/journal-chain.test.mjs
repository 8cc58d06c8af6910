// The tamper-evident journal end to end: the kiosk in headless Chromium chains every
// journal write (IndexedDB, the record and its entry in one transaction), Settings →
// Export journal downloads a file the back office checks, and the CLI
// (scripts/verify-journal.mjs) and the sandbox's /admin/journal page, against the real
// sandbox acquirer, call it intact, and name what was done to an edited copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startOwn } from '../support/acquirer-cli.mjs';
import { launchBrowser, typeLikeScanner, waitForScreen } from '../support/browser.mjs';
import { wechatCode } from '../acquirer/terminal-client.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = path.join(ROOT, 'web/dist');
const ADMIN = 'journal-chain-e2e-admin-token-01';
const DEMO_PIN = '123456';

describe('tamper-evident journal', { timeout: 240_000 }, () => {
  let acquirer, browser, page, exported, file;

  before(async () => {
    acquirer = await startOwn({
      args: ['--demo', '--static', DIST, '--admin-token', ADMIN],
      secretsShown: [ADMIN],
    });
    browser = await launchBrowser({});
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    // A heartbeat every 2 s, so the acquirer soon knows the journal head (a cut at the end shows).
    await page.goto(`${acquirer.url}/?heartbeat=2`);
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
  });

  const cli = (f) =>
    spawnSync(
      process.execPath,
      ['scripts/verify-journal.mjs', f, '--acquirer', acquirer.url, '--admin-token', ADMIN],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );

  /** A copy of the export with `chain` replaced, as a file for the CLI. */
  function variant(name, chain) {
    const f = path.join(acquirer.dir, `${name}.json`);
    fs.writeFileSync(f, JSON.stringify({ ...exported, chain }));
    return f;
  }

  async function healthHead() {
    const res = await fetch(`${acquirer.url}/admin/health.json`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    });
    const { terminals } = await res.json();
    return terminals.find((t) => t.terminal_id === exported?.terminal_id)?.heartbeat?.journal_head;
  }

  test('two payments, then Settings → Export journal: records and the chain, with the key', async () => {
    for (const amount of ['12', '7']) {
      for (const key of amount) await page.click(`button[data-action=key][data-key="${key}"]`);
      await typeLikeScanner(page, wechatCode());
      await waitForScreen(page, 'paid', 30_000);
      await page.click('button[data-action=new-sale]');
      await waitForScreen(page, 'amount');
    }
    await page.click('button[data-action=settings]');
    await waitForScreen(page, 'pin');
    await page.fill('input[name=pin]', DEMO_PIN);
    await page.click('form[data-form=pin] button[type=submit]');
    await waitForScreen(page, 'settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action=export-journal]'),
    ]);
    file = path.join(acquirer.dir, 'export.json');
    await download.saveAs(file);
    exported = JSON.parse(fs.readFileSync(file, 'utf8'));

    assert.match(exported.terminal_id, /\S/);
    assert.match(exported.public_key, /^[0-9a-f]{64}$/);
    assert.equal(exported.records.length, 2, 'the two final records, for reconcile');
    // Every journal write is an entry: at least an open and a final record per payment.
    assert.ok(exported.chain.length >= 4, String(exported.chain.length));
    const entries = exported.chain.map((l) => JSON.parse(l));
    assert.deepEqual(
      entries.map((e) => e.seq),
      entries.map((_, i) => i + 1),
    );
    for (const record of exported.records) {
      assert.ok(
        entries.some((e) => e.record === record),
        'each final record is in the chain as written',
      );
    }
    const terminals = await (
      await fetch(`${acquirer.url}/admin/terminals`, { headers: { Authorization: `Bearer ${ADMIN}` } })
    ).json();
    const registered = terminals.terminals.find((t) => t.terminal_id === exported.terminal_id);
    assert.equal(exported.public_key, registered.public_key);
  });

  test('the CLI calls the export intact (exit 0), checked against the heartbeat head', async () => {
    assert.ok(exported, 'the export test ran');
    const last = JSON.parse(exported.chain.at(-1));
    // The heartbeat reports the head: wait until the acquirer has this one.
    const deadline = Date.now() + 20_000;
    while ((await healthHead())?.seq !== last.seq && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.deepEqual(await healthHead(), { seq: last.seq, hash: last.hash });
    const r = cli(file);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /intact/);
    assert.match(r.stdout, /latest heartbeat head/);
  });

  test('a removed, changed or swapped entry, or a cut at the end: exit 1 naming why', () => {
    assert.ok(exported, 'the export test ran');
    const chain = exported.chain;
    const mid = Math.floor(chain.length / 2);
    const removed = cli(variant('removed', [...chain.slice(0, mid), ...chain.slice(mid + 1)]));
    assert.equal(removed.status, 1, removed.stdout + removed.stderr);
    // The line after the gap, and the seq that is missing.
    assert.match(removed.stdout, new RegExp(`entry ${mid + 1} \\(seq ${mid + 1}\\): removed`));

    const entry = JSON.parse(chain[1]);
    entry.record = entry.record.replace(/"amount":\d+/, '"amount":1');
    assert.notEqual(JSON.stringify(entry), chain[1], 'the record holds an amount to change');
    const changed = cli(variant('changed', chain.with(1, JSON.stringify(entry))));
    assert.equal(changed.status, 1, changed.stdout + changed.stderr);
    assert.match(changed.stdout, /entry 2 \(seq 2\): changed/);

    const swapped = cli(variant('swapped', chain.with(1, chain[2]).with(2, chain[1])));
    assert.equal(swapped.status, 1, swapped.stdout + swapped.stderr);
    assert.match(swapped.stdout, /reordered/);

    const cut = cli(variant('cut', chain.slice(0, -1)));
    assert.equal(cut.status, 1, cut.stdout + cut.stderr);
    assert.match(cut.stdout, /removed/);
  });

  test('the sandbox: POST /admin/journal/verify and the /admin/journal page call it intact', async () => {
    assert.ok(exported, 'the export test ran');
    const res = await fetch(`${acquirer.url}/admin/journal/verify`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ terminal_id: exported.terminal_id, chain: exported.chain, last: true }),
    });
    assert.equal(res.status, 200);
    const report = await res.json();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.entries, exported.chain.length);

    const admin = await browser.newPage();
    await admin.goto(`${acquirer.url}/admin/journal`);
    await admin.fill('#token', ADMIN);
    await admin.press('#token', 'Enter');
    await admin.waitForSelector('#status:has-text("Token set")');
    await admin.setInputFiles('#file', file);
    await admin.waitForSelector('[data-testid=result]:has-text("INTACT")');
    await admin.setInputFiles(
      '#file',
      variant('page-swapped', exported.chain.with(1, exported.chain[2]).with(2, exported.chain[1])),
    );
    await admin.waitForSelector('[data-testid=result]:has-text("TAMPERED")');
    await admin.close();
  });
});
