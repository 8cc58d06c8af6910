// Scan -> paid on the kiosk page: a scanner gun burst on the amount screen pays at once;
// the clock runs in the page from the burst's Enter keydown to the "paid" screen (DOM
// updated, and the next frame painted), with where the time went: read-write IndexedDB
// transactions (strict durability), fetches to the acquirer (HTTP round trip including
// the acquirer's work), and the rest (JS, the wasm core's signing and sealing, rendering).
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { kioskState, typeLikeScanner, waitForScreen } from '../test/support/browser.mjs';
import { coveredMs } from './e2e-stats.mjs';

const PROBE = fileURLToPath(new URL('./kiosk-probe.js', import.meta.url));
export const KIOSK = { width: 1280, height: 800 };

// A WeChat-style 18-digit code; the sandbox pays codes ending in 77 at once.
export function paymentCode() {
  let digits = '13';
  while (digits.length < 16) digits += String(crypto.randomInt(10));
  return `${digits}77`;
}

async function payOnce(page, n) {
  await page.click('button[data-action=key][data-key="1"]');
  await typeLikeScanner(page, paymentCode());
  try {
    await page.waitForFunction((count) => window.__probe.paid.length >= count, n, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`payment ${n} not paid: ${JSON.stringify(await kioskState(page))}\n${e.message}`);
  }
  await page.click('button[data-action=new-sale]');
  await waitForScreen(page, 'amount');
}

/** Pays `warmup` + `count` times on one kiosk page; returns one record per measured payment. */
export async function measureScanToPaid(browser, url, { warmup, count, progress }) {
  const context = await browser.newContext({ viewport: KIOSK });
  try {
    await context.addInitScript({ path: PROBE });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    await waitForScreen(page, 'amount');
    for (let i = 1; i <= warmup + count; i++) {
      await payOnce(page, i);
      if (i % 50 === 0) progress(`scan -> paid: ${i}/${warmup + count} payments`);
    }
    const { paid, writes, fetches } = await page.evaluate(() => ({
      paid: window.__probe.paid,
      writes: window.__probe.writes,
      fetches: performance
        .getEntriesByType('resource')
        .filter((r) => r.initiatorType === 'fetch' && new URL(r.name).pathname.startsWith('/v1/'))
        .map((r) => ({ start: r.startTime, end: r.responseEnd, path: new URL(r.name).pathname })),
    }));
    return paid.slice(warmup).map((p) => {
      const inside = (i) => i.start >= p.enter && i.start < p.dom;
      const idb = coveredMs(writes, p.enter, p.dom);
      const http = coveredMs(fetches, p.enter, p.dom);
      const either = coveredMs([...writes, ...fetches], p.enter, p.dom);
      return {
        dom: p.dom - p.enter,
        painted: p.painted - p.enter,
        idb,
        http,
        other: p.dom - p.enter - either,
        writes: writes.filter(inside).length,
        requests: fetches.filter(inside).map((f) => f.path),
      };
    });
  } finally {
    await context.close();
  }
}
