// Opens the shipped kiosk (web/dist, served by the sandbox acquirer in demo mode) in
// headless Chromium whose fake camera plays a given y4m, with the live probe installed,
// and brings it to the scan screen.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAcquirer } from '../test/support/acquirer.mjs';
import { launchBrowser, waitForScreen } from '../test/support/browser.mjs';
import { grabCostSource, probeScript, trackStatsSource, watchVideoSource } from './live-probe.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts the acquirer and a browser on `y4m`; close() stops both. */
export async function openKiosk(y4m) {
  const acquirer = await startAcquirer({ demo: true, staticDir: path.join(root, 'web/dist') });
  let browser;
  try {
    browser = await launchBrowser({ cameraY4m: y4m });
  } catch (e) {
    await acquirer.stop();
    throw e;
  }
  return {
    browser,
    /** A fresh page on the scan screen, camera running; `probe` as in probeScript(). */
    async scanPage(probe) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(probeScript(probe));
      const page = await context.newPage();
      page.once('close', () => context.close().catch(() => undefined));
      await page.goto(acquirer.url + '/');
      await waitForScreen(page, 'amount', 30_000);
      await page.click('button[data-action=key][data-key="8"]');
      await page.click('button[data-action=collect]');
      await waitForScreen(page, 'scan');
      try {
        await page.waitForFunction(() => window.__live.results.length > 0, null, { timeout: 30_000 });
      } catch (e) {
        // The probe leans on camera.ts's worker protocol; say which part of it changed.
        const seen = await page.evaluate(() => ({
          workers: window.__live.workers,
          posts: window.__live.posts.length,
        }));
        throw new Error(
          `no scanner-worker result reached the probe (${JSON.stringify(seen)}): see bench/live-probe.mjs\n${e.message}`,
        );
      }
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await acquirer.stop();
    },
  };
}

/** Starts recording presented frames on the kiosk's <video>; returns the track settings. */
export function watchVideo(page) {
  return page.evaluate(watchVideoSource);
}

export function trackStats(page) {
  return page.evaluate(trackStatsSource);
}

/** Keeps the scan screen open past its one-minute window ("more time"). */
export function moreTime(page) {
  return page.click('button[data-action=more-time]');
}

/** The probe's records, taken out of the page (and cleared there) */
export function takeRecords(page) {
  return page.evaluate(() => {
    const live = window.__live;
    // splice: watchVideo keeps pushing into the same `shown` array.
    return {
      posts: live.posts.splice(0),
      results: live.results.splice(0),
      shown: live.shown.splice(0),
      workers: live.workers,
    };
  });
}

/** Main-thread ms per frame grab: the controller's way and the VideoFrame way (see live-probe.mjs). */
export function grabCost(page) {
  return page.evaluate(grabCostSource);
}
