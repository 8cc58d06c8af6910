// Navigation -> ready to scan: from the navigation's start to the <qrpos-terminal>'s
// `ready` promise resolved (core loaded, storage open, terminal activated) and the
// amount screen painted in the next frame; from then on a gun burst pays. `first` (cold):
// a new browser context (empty HTTP cache, empty IndexedDB: the demo terminal activates
// itself, as a new kiosk does once). `cold`: an activated kiosk reloaded with its HTTP
// cache emptied (CDP Network.clearBrowserCache). `warm`: reloaded with its HTTP cache.
import { fileURLToPath } from 'node:url';
import { KIOSK } from './e2e-latency.mjs';
import { coveredMs } from './e2e-stats.mjs';

const PROBE = fileURLToPath(new URL('./kiosk-probe.js', import.meta.url));

const span = (entries) =>
  entries.length
    ? Math.max(...entries.map((e) => e.end ?? NaN)) - Math.min(...entries.map((e) => e.start))
    : 0;

// Reads one load's milestones from the page.
async function loadRecord(page) {
  await page.waitForFunction(() => window.__probe.ready !== undefined || window.__probe.error, null, {
    timeout: 30_000,
  });
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((e) => ({
      path: new URL(e.name).pathname,
      start: e.startTime,
      end: e.responseEnd,
      cached: e.transferSize === 0,
    }));
    return { probe: window.__probe, html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, res };
  });
  if (r.probe.error) throw new Error(`the kiosk did not get ready: ${r.probe.error}`);
  const code = r.res.filter((e) => /\.(js|css)$/.test(e.path) && e.start < r.probe.defined);
  const api = r.res.filter((e) => /^\/(v1|demo)\//.test(e.path) || e.path === '/qrpos-config.json');
  return {
    ready: r.probe.ready,
    html: r.html,
    code: Math.max(r.html, ...code.map((e) => e.end)),
    defined: r.probe.defined,
    wasmEnd: Math.max(...r.probe.wasm.map((w) => w.end)),
    wasm: span(r.probe.wasm),
    idbOpen: span(r.probe.idbOpen),
    api: span(api),
    apiBusy: coveredMs(api, 0, r.probe.ready),
    writes: coveredMs(r.probe.writes, 0, r.probe.ready),
    derive: coveredMs(r.probe.derive, 0, r.probe.ready),
    apiCalls: api.map((e) => e.path).join(', '),
    cachedFiles: r.res.filter((e) => e.cached && !api.includes(e)).length,
  };
}

export async function measureLoad(browser, url, { runs, progress }) {
  const first = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: KIOSK });
    try {
      await context.addInitScript({ path: PROBE });
      const page = await context.newPage();
      await page.goto(url);
      first.push(await loadRecord(page));
    } finally {
      await context.close();
    }
  }
  progress(`load: ${runs} first starts`);
  // An activated kiosk: reloads with the HTTP cache emptied first (cold), and as it is (warm).
  const cold = [];
  const warm = [];
  const context = await browser.newContext({ viewport: KIOSK });
  try {
    await context.addInitScript({ path: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await loadRecord(page);
    for (let i = 0; i < runs; i++) {
      await cdp.send('Network.clearBrowserCache');
      await page.reload();
      cold.push(await loadRecord(page));
      await page.reload();
      warm.push(await loadRecord(page));
    }
    await cdp.detach();
  } finally {
    await context.close();
  }
  progress(`load: ${runs} cold-cache and ${runs} warm reloads`);
  return { first, cold, warm };
}
