// web/src/sdk/journal-store.ts in real Chromium (IndexedDB) with the real core: the
// version 2 upgrade keeps a version 1 terminal's data; a record and its chain entry
// are written together or not at all; two writers (two tabs) never fork the chain;
// a new activation starts a chain of its own. The kiosk's export of the chain is
// checked end to end in journal-chain.test.mjs.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../support/browser.mjs';
import { loadCore, loadTools } from '../support/core.mjs';
import { openHarness } from '../support/harness.mjs';

const WASM = fileURLToPath(new URL('../../build/wasm/wasm/', import.meta.url));
const HARNESS_HTML = `<!doctype html><meta charset="utf-8"><script type="module" src="./harness.js"></script>`;
const HARNESS_JS = `import { IdbJournalStore, openTerminalDb } from '@sdk/journal-store';
import { chainLink } from '@sdk/journal-chain';
import createQrposCore from '${WASM}qrpos_core.mjs';
import wasmUrl from '${WASM}qrpos_core.wasm?url';
const core = await createQrposCore({
  locateFile: (p) => (p.endsWith('.wasm') ? wasmUrl : p),
  getRandomValue: () => crypto.getRandomValues(new Uint32Array(1))[0],
});
if (!core.init()) throw new Error('core init failed');
window.lib = { IdbJournalStore, openTerminalDb, chainLink, core };
document.body.dataset.ready = 'true';
`;

const entry = (id, step, extra = {}) => ({
  id,
  record: JSON.stringify({ kind: 'pay', step }),
  final: false,
  kind: 'pay',
  startedAt: 1_760_000_000_000,
  updatedAt: 1_760_000_000_000 + step,
  ...extra,
});

describe('journal store in Chromium', { timeout: 120_000 }, () => {
  let site, browser, page, seed, publicKey, tools;

  before(async () => {
    site = await openHarness({ html: HARNESS_HTML, js: HARNESS_JS, prefix: 'qrpos-journal-store-' });
    browser = await launchBrowser({});
    page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready=true]', { state: 'attached' }).catch((e) => {
      throw new Error(`${errors.join('\n')}\n${e.message}`);
    });
    seed = crypto.randomBytes(32).toString('hex');
    publicKey = (await loadCore()).publicKeyFromSeed(seed).value;
    tools = await loadTools();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Opens `db` (as a second tab would: its own connection) with the chain of terminal `terminalId`. */
  const OPEN = `async (db, terminalId, seed) => {
    const { IdbJournalStore, openTerminalDb, chainLink, core } = window.lib;
    const store = new IdbJournalStore(await openTerminalDb(db));
    store.chainWith({ terminalId, link: chainLink(core, seed) });
    return store;
  }`;

  function verify(lines) {
    const r = tools.verifyJournalChain(publicKey, JSON.stringify(lines), '');
    assert.ok(r.ok, JSON.stringify(r.error));
    return JSON.parse(r.value);
  }

  test('the upgrade from version 1 keeps the records and settings; the chain starts at 1', async () => {
    const result = await page.evaluate(
      async ({ OPEN, seed, old }) => {
        // Version 1 exactly as it was shipped.
        const v1 = await new Promise((resolve, reject) => {
          const r = indexedDB.open('upgrade', 1);
          r.onupgradeneeded = () => {
            const journal = r.result.createObjectStore('journal', { keyPath: 'id' });
            journal.createIndex('open', 'open');
            journal.createIndex('startedAt', 'startedAt');
            r.result.createObjectStore('settings');
          };
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const tx = v1.transaction(['journal', 'settings'], 'readwrite');
        tx.objectStore('journal').put({ ...old, open: 1 });
        tx.objectStore('settings').put({ terminalId: 'T-OLD' }, 'profile');
        await new Promise((resolve) => (tx.oncomplete = resolve));
        v1.close();

        const store = await eval(OPEN)('upgrade', 'T-1', seed);
        const kept = await store.get(old.id);
        const unfinished = await store.unfinished();
        await store.put({ ...old, final: true, updatedAt: old.updatedAt + 1 });
        const db = await window.lib.openTerminalDb('upgrade');
        const profile = await new Promise((resolve) => {
          const r = db.transaction('settings').objectStore('settings').get('profile');
          r.onsuccess = () => resolve(r.result);
        });
        return { kept, unfinished: unfinished.length, profile, lines: await store.chainLines() };
      },
      { OPEN, seed, old: entry('pay:OLD1', 1) },
    );
    assert.equal(result.kept.record, JSON.stringify({ kind: 'pay', step: 1 }));
    assert.equal(result.unfinished, 1);
    assert.deepEqual(result.profile, { terminalId: 'T-OLD' });
    assert.equal(result.lines.length, 1);
    assert.equal(JSON.parse(result.lines[0]).seq, 1);
    assert.equal(verify(result.lines).ok, true);
  });

  test('two writers at once (two tabs, two sessions each) append one chain, no fork', async () => {
    const lines = await page.evaluate(
      async ({ OPEN, seed, entries }) => {
        const [a, b] = await Promise.all([eval(OPEN)('two', 'T-1', seed), eval(OPEN)('two', 'T-1', seed)]);
        await Promise.all(entries.map((e, i) => (i % 2 ? a : b).put(e)));
        return a.chainLines();
      },
      { OPEN, seed, entries: Array.from({ length: 20 }, (_, i) => entry(`pay:S${i % 4}`, i)) },
    );
    assert.equal(lines.length, 20);
    const report = verify(lines);
    assert.equal(report.ok, true, JSON.stringify(report));
  });

  test('an entry the core refuses: the put fails and neither the record nor an entry is written', async () => {
    const result = await page.evaluate(
      async ({ OPEN, seed, good, big }) => {
        const store = await eval(OPEN)('atomic', 'T-1', seed);
        await store.put(good);
        const error = await store.put(big).then(
          () => undefined,
          (e) => ({ name: e.name, kind: e.kind, code: e.code, message: e.message }),
        );
        return { error, record: await store.get(big.id), lines: await store.chainLines() };
      },
      // Over the chain's 8 KB record bound: the core refuses to chain it.
      { OPEN, seed, good: entry('pay:OK', 1), big: entry('pay:BIG', 2, { record: 'x'.repeat(9000) }) },
    );
    assert.deepEqual(
      [result.error?.name, result.error?.kind, result.error?.code],
      ['QrposError', 'storage', 'journal_chain_failed'],
    );
    assert.match(result.error.message, /input_too_long/);
    assert.equal(result.record, undefined);
    assert.equal(result.lines.length, 1);
  });

  test('a new activation starts its own chain; the old one stays as it was', async () => {
    const result = await page.evaluate(
      async ({ OPEN, seed, otherSeed }) => {
        const first = await eval(OPEN)('reactivate', 'T-1', seed);
        await first.put({ id: 'pay:A', record: '{}', final: true, kind: 'pay', startedAt: 1, updatedAt: 1 });
        const second = await eval(OPEN)('reactivate', 'T-2', otherSeed);
        await second.put({ id: 'pay:B', record: '{}', final: true, kind: 'pay', startedAt: 2, updatedAt: 2 });
        return {
          first: await first.chainLines(),
          second: await second.chainLines(),
          head: await second.chainHead(),
        };
      },
      { OPEN, seed, otherSeed: crypto.randomBytes(32).toString('hex') },
    );
    assert.equal(result.first.length, 1);
    assert.equal(verify(result.first).ok, true);
    assert.equal(result.second.length, 1);
    assert.equal(JSON.parse(result.second[0]).seq, 1);
    assert.equal(result.head.seq, 1);
  });
});
