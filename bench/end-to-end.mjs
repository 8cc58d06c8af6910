// End to end (issue 8): scan -> paid latency on the kiosk page against the sandbox
// acquirer, navigation -> ready to scan, and the size of everything the kiosk loads.
// Pieces: e2e-latency.mjs, e2e-load.mjs, e2e-assets.mjs (+ sizes.mjs), e2e-static.mjs,
// e2e-report.mjs. QRPOS_BENCH_PAYMENTS and QRPOS_BENCH_LOADS shorten a trial run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAcquirer } from '../test/support/acquirer.mjs';
import { launchBrowser } from '../test/support/browser.mjs';
import { collectAssets, PHASES } from './e2e-assets.mjs';
import { measureLoad } from './e2e-load.mjs';
import { measureScanToPaid } from './e2e-latency.mjs';
import { latencyMarkdown, loadMarkdown } from './e2e-report.mjs';
import { median, ms, quantile } from './e2e-stats.mjs';
import { startStaticKiosk } from './e2e-static.mjs';
import { sizeMarkdown, totalOf } from './sizes.mjs';
import { SIZE_NOTES } from './e2e-notes.mjs';
import { sections } from './wasm-sections.mjs';

const DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const PAYMENTS = Number(process.env.QRPOS_BENCH_PAYMENTS ?? 200);
const WARMUP = Math.min(20, PAYMENTS);
const LOADS = Number(process.env.QRPOS_BENCH_LOADS ?? 10);
const GOALS = { paidP50: 150, readyMs: 1000, kioskGzip: 600_000, coreGzip: 120_000 };

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const over = (value, goal, unit) => (value <= goal ? '' : `${ms(value - goal)} ${unit} over`);

async function measureAll(progress, tmp) {
  const acquirer = await startAcquirer({ demo: true, staticDir: DIST });
  let browser;
  let staticKiosk;
  try {
    browser = await launchBrowser({});
    const chromium = browser.version();
    const pays = await measureScanToPaid(browser, `${acquirer.url}/`, {
      warmup: WARMUP,
      count: PAYMENTS,
      progress,
    });
    const fromAcquirer = await measureLoad(browser, `${acquirer.url}/`, { runs: LOADS, progress });
    staticKiosk = await startStaticKiosk(DIST, acquirer.url);
    const fromStatic = await measureLoad(browser, `${staticKiosk.url}/`, { runs: LOADS, progress });
    await browser.close();
    browser = undefined;
    const assets = await collectAssets(`${acquirer.url}/`, DIST, tmp, progress);
    return { pays, fromAcquirer, fromStatic, assets, chromium };
  } finally {
    await browser?.close();
    await staticKiosk?.stop();
    await acquirer.stop();
  }
}

function coreWasmMarkdown(assets) {
  const core = assets.find((a) => /qrpos_core-[^/]*\.wasm$/.test(a.path));
  const rows = sections(core.bytes)
    .filter((s) => s.raw > 1000)
    .map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
  return {
    core,
    table: ['| core .wasm section | raw | gzip -9 alone |', '|---|---|---|', ...rows].join('\n'),
  };
}

export async function bench({ progress }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-e2e-'));
  let m;
  try {
    m = await measureAll(progress, tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const paidP50 = median(m.pays.map((p) => p.painted));
  const paidP95 = quantile(
    m.pays.map((p) => p.painted),
    0.95,
  );
  const ready = (records) => median(records.map((r) => r.ready));
  const [first, cold, warm] = ['first', 'cold', 'warm'].map((k) => ready(m.fromAcquirer[k]));
  const [staticFirst, staticCold, staticWarm] = ['first', 'cold', 'warm'].map((k) => ready(m.fromStatic[k]));
  const kioskGzip = totalOf(m.assets, 'gzip');
  const kioskBrotli = totalOf(m.assets, 'brotli');
  const bootGzip = totalOf(m.assets, 'gzip', (a) => a.phase === 'boot');
  const zxing = m.assets.find((a) => /zxing_reader[^/]*\.wasm$/.test(a.path));
  const { core, table: coreTable } = coreWasmMarkdown(m.assets);

  const goals = [
    {
      goal: `scan -> paid p50 <= ${GOALS.paidP50} ms`,
      measured: `p50 ${ms(paidP50)} ms, p95 ${ms(paidP95)} ms`,
      met: paidP50 <= GOALS.paidP50,
      note: over(paidP50, GOALS.paidP50, 'ms') || 'scanner gun Enter -> "paid" painted, sandbox acquirer',
    },
    {
      goal: `navigation -> ready to scan <= ${GOALS.readyMs / 1000} s`,
      measured:
        `files from the sandbox acquirer: cold (new context) ${ms(first)} ms, warm ${ms(warm)} ms, ` +
        `activated kiosk with an emptied cache ${ms(cold)} ms; pre-compressed static files: ` +
        `${ms(staticFirst)} / ${ms(staticWarm)} / ${ms(staticCold)} ms (medians)`,
      // A kiosk boots activated, with or without its HTTP cache; the first start of a new
      // terminal also activates it (once in its life), so it is shown but not judged.
      met: Math.max(cold, warm) <= GOALS.readyMs,
      note:
        (Math.max(cold, warm) <= GOALS.readyMs
          ? 'judged on the activated kiosk (emptied cache and warm)'
          : `${ms(Math.max(cold, warm) - GOALS.readyMs)} ms over for an activated kiosk`) +
        `; the first start of a new terminal also activates it (3 requests, PBKDF2 PIN hash ` +
        `${ms(median(m.fromAcquirer.first.map((r) => r.derive)))} ms): ${ms(first)} ms`,
    },
    {
      goal: 'whole kiosk <= 600 KB gzip',
      measured: `${kb(kioskGzip)} gzip (brotli ${kb(kioskBrotli)}); boot alone ${kb(bootGzip)}`,
      met: kioskGzip <= GOALS.kioskGzip,
      note:
        kioskGzip <= GOALS.kioskGzip
          ? ''
          : `${kb(kioskGzip - GOALS.kioskGzip)} over; ZXing's reader .wasm is ${kb(zxing?.gzip ?? 0)} of it ` +
            `(a QR + 1D-only build must be <= ${kb((zxing?.gzip ?? 0) - (kioskGzip - GOALS.kioskGzip))} to meet the goal alone)`,
    },
    {
      goal: 'core .wasm <= 120 KB gzip',
      measured: `${kb(core.gzip)} gzip (raw ${kb(core.raw)}, brotli ${kb(core.brotli)})`,
      met: core.gzip <= GOALS.coreGzip,
      note:
        core.gzip <= GOALS.coreGzip
          ? ''
          : `${kb(core.gzip - GOALS.coreGzip)} over; libsodium ~45 KB gzip (28 KB its Ed25519 table), nlohmann-json and ` +
            'the Embind glue (LTO, emmalloc and the tools module split are in: 157 -> 126 KB); next: strtod and soft-float ' +
            'long double from nlohmann-json float parsing, ~7 KB (see the size section)',
    },
  ];

  const method = `
Headless Chromium ${m.chromium} (playwright-core, Debian's build, no GPU) against the real sandbox acquirer
(\`build/native/acquirer/qrpos-acquirer --demo --static web/dist\`, fresh SQLite ledger), the kiosk page
\`web/dist/index.html\` as built. Clocks run in the page (\`performance.now()\`, probes injected before any kiosk
script: \`bench/kiosk-probe.js\`).

- **Scan -> paid**: on the amount screen (amount 1), a scanner gun burst (18-digit code ending in 77, the sandbox's
  plain success; CDP key events 5 ms apart, as \`test/support/browser.mjs\` typeLikeScanner) pays at once. From the
  burst's Enter \`keydown\` to the element's \`qrpos-state\` event for "paid" (the DOM is updated) and to the next
  frame after it (painted). ${WARMUP} warm-up payments, then ${m.pays.length} measured, one page. The gun is
  the deterministic input; a camera read adds the decode and the frame interval on top. Where the time goes:
  read-write IndexedDB transactions (wrapped \`IDBDatabase.transaction\`, start to \`complete\`), acquirer fetches
  (Resource Timing, start to responseEnd), the rest.
- **Navigation -> ready to scan**: from navigation start to \`<qrpos-terminal>\`'s \`ready\` promise resolved (core
  instantiated, storage open, terminal activated: a gun burst now pays) plus the next frame. Cold: a new browser
  context each run (empty HTTP cache and IndexedDB: the demo terminal also activates itself, as a new kiosk does
  once). Activated, cache emptied: an activated kiosk reloaded after CDP \`Network.clearBrowserCache\`. Warm: an
  activated kiosk reloaded as it is. The verdict takes cold and warm.
  ${LOADS} runs each, twice: files served by the sandbox acquirer (as \`npm start\` does), and by
  \`bench/e2e-static.mjs\` (files pre-compressed once, hashed assets cacheable, API proxied to the same acquirer).
- **Sizes**: every response (pages and workers) while the kiosk boots, then pays by camera (fake camera showing a
  payment code: scanner worker, ZXing reader), then prints (browser print dialog, then raster to a fake USB printer:
  receipt module, QR encoder). Sizes are of the files in \`web/dist\` (qrpos-config.json as served): raw, \`gzip -9\`
  and brotli quality 11 (node:zlib). KB = 1,000 bytes. API calls are not counted.
`;

  const markdown = `
### Scan -> paid (scanner gun)

${latencyMarkdown(m.pays)}

### Navigation -> ready to scan

${loadMarkdown([
  { label: 'acquirer, cold: new context', records: m.fromAcquirer.first },
  { label: 'acquirer, activated, cache emptied', records: m.fromAcquirer.cold },
  { label: 'acquirer, warm', records: m.fromAcquirer.warm },
  { label: 'static, cold: new context', records: m.fromStatic.first },
  { label: 'static, activated, cache emptied', records: m.fromStatic.cold },
  { label: 'static, warm', records: m.fromStatic.warm },
])}

### What the kiosk loads

${sizeMarkdown(m.assets, PHASES)}

${coreTable}
${SIZE_NOTES}`;
  return { title: 'End to end and load size', method, goals, markdown };
}
