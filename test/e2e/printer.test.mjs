// web/src/sdk/printer.ts in real Chromium against test/support/fake-usb.js: a throwaway
// page holding only the printer controller is built with Vite and served from
// 127.0.0.1 (a secure context, where WebUSB lives); the fake replaces navigator.usb
// before the page's own scripts run.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../support/browser.mjs';
import { openHarness } from '../support/harness.mjs';

const FAKE_USB = fileURLToPath(new URL('../support/fake-usb.js', import.meta.url));

const HARNESS_HTML = `<!doctype html><meta charset="utf-8"><button id="pair">Pair printer</button>
<script type="module" src="./harness.js"></script>`;
// window.attempt(fn) settles with what fn did and how long it took, so failures and
// timings cross into the test as plain data.
const HARNESS_JS = `import { UsbPrinter, PrinterError } from '@sdk/printer';
window.changes = [];
window.makePrinter = (options) => {
  window.printer = new UsbPrinter(navigator.usb, options);
  window.printer.onChange = (connected) => window.changes.push(connected);
  return window.printer;
};
// pair() needs a user gesture in real Chrome, so it only ever runs from this click.
document.getElementById('pair').addEventListener('click', () => {
  window.pairing = window.attempt(() => window.printer.pair());
});
window.attempt = async (fn) => {
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: performance.now() - t0 };
  } catch (e) {
    return { ok: false, problem: e.problem, typed: e instanceof PrinterError, message: e.message, ms: performance.now() - t0 };
  }
};
window.pattern = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
document.body.dataset.ready = 'true';
`;

const isStatusRequest = (t) => t.length === 3 && t[0] === 0x10 && t[1] === 0x04;

describe('USB receipt printer in Chromium (fake WebUSB)', { timeout: 120_000 }, () => {
  let site, browser;

  before(async () => {
    site = await openHarness({ html: HARNESS_HTML, js: HARNESS_JS, prefix: 'qrpos-printer-' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  /** A fresh page with the fake printer plugged in; `usb: false` gives a browser without WebUSB. */
  async function open({ usb = true, options } = {}) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (usb) await page.addInitScript({ path: FAKE_USB });
    else await page.addInitScript(() => delete Navigator.prototype.usb);
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready=true]');
    await page.evaluate((o) => void window.makePrinter(o), options);
    return { page, errors };
  }

  async function pair(page) {
    await page.click('#pair');
    return page.evaluate(() => window.pairing);
  }

  /** What the printer received apart from status requests, as one array. */
  const printed = (page) =>
    page.evaluate(() => window.__usb.transfers.filter((t) => !(t.length === 3 && t[0] === 16 && t[1] === 4)));

  const T = { timeout: 30_000 };

  test('pair, then a 10 KB receipt arrives byte for byte in chunks of at most chunkBytes', T, async () => {
    const { page, errors } = await open({ options: { chunkBytes: 1000 } });
    const paired = await pair(page);
    assert.deepEqual(paired.value, {
      vendorId: 0x0416,
      productId: 0x5011,
      name: 'POS-58 receipt printer',
      serial: 'FAKE-0001',
    });
    const r = await page.evaluate(() => window.attempt(() => window.printer.print(window.pattern(10240))));
    assert.equal(r.ok, true, JSON.stringify(r));
    const all = await page.evaluate(() => window.__usb.transfers);
    // The status is asked first (DLE EOT 1 then 4), then the receipt follows.
    assert.deepEqual(all.slice(0, 2), [
      [0x10, 0x04, 1],
      [0x10, 0x04, 4],
    ]);
    const chunks = all.filter((t) => !isStatusRequest(t));
    assert.equal(chunks.length, 11);
    assert.ok(
      chunks.every((c) => c.length <= 1000),
      JSON.stringify(chunks.map((c) => c.length)),
    );
    const expected = await page.evaluate(() => [...window.pattern(10240)]);
    assert.deepEqual(chunks.flat(), expected);
    // The default chunk is 4096 bytes.
    await page.evaluate(async () => {
      window.__usb.transfers.length = 0;
      window.makePrinter();
      await window.printer.reconnect();
      await window.printer.print(window.pattern(10240));
    });
    assert.deepEqual(
      (await printed(page)).map((c) => c.length),
      [4096, 4096, 2048],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('status: paper out refuses to print, near end prints, cover open refuses', T, async () => {
    const { page } = await open();
    await pair(page);
    const ok = await page.evaluate(() => window.printer.status());
    assert.deepEqual(ok, { online: true, paper: 'ok', coverOpen: false });

    await page.evaluate(() => window.__usb.setPaper('out'));
    const out = await page.evaluate(() => window.attempt(() => window.printer.status()));
    assert.deepEqual(out.value, { online: false, paper: 'out', coverOpen: false });
    const refused = await page.evaluate(() =>
      window.attempt(() => window.printer.print(window.pattern(100))),
    );
    assert.deepEqual([refused.ok, refused.problem, refused.typed], [false, 'out_of_paper', true]);
    assert.deepEqual(await printed(page), []);

    await page.evaluate(() => window.__usb.setPaper('near_end'));
    const near = await page.evaluate(() => window.attempt(() => window.printer.print(window.pattern(100))));
    assert.equal(near.ok, true, JSON.stringify(near));
    assert.equal((await printed(page)).flat().length, 100);
    assert.deepEqual(await page.evaluate(() => window.printer.status()), {
      online: true,
      paper: 'near_end',
      coverOpen: false,
    });

    await page.evaluate(() => {
      window.__usb.setPaper('ok');
      window.__usb.setCover(true);
    });
    const cover = await page.evaluate(() => window.attempt(() => window.printer.print(window.pattern(100))));
    assert.equal(cover.problem, 'cover_open');
    assert.deepEqual(await page.evaluate(() => window.printer.status()), {
      online: false,
      paper: 'ok',
      coverOpen: true,
    });
    await page.close();
  });

  test(
    'a printer that never answers status is "unknown" within statusTimeoutMs, and still prints',
    T,
    async (t) => {
      const { page } = await open({ options: { statusTimeoutMs: 300 } });
      await pair(page);
      await page.evaluate(() => window.__usb.answersStatus(false));
      const status = await page.evaluate(() => window.attempt(() => window.printer.status()));
      assert.deepEqual(status.value, { online: true, paper: 'unknown', coverOpen: 'unknown' });
      t.diagnostic(`unanswered status took ${status.ms.toFixed(0)} ms (statusTimeoutMs 300)`);
      assert.ok(status.ms >= 280 && status.ms < 1000, `status took ${status.ms} ms`);

      // Having gone unanswered once, the printer is not asked again before each receipt.
      const first = await page.evaluate(() =>
        window.attempt(() => window.printer.print(window.pattern(2000))),
      );
      const second = await page.evaluate(() =>
        window.attempt(() => window.printer.print(window.pattern(2000))),
      );
      assert.equal(first.ok && second.ok, true, JSON.stringify([first, second]));
      t.diagnostic(`prints after it went silent: ${first.ms.toFixed(0)} ms, ${second.ms.toFixed(0)} ms`);
      assert.ok(first.ms < 250 && second.ms < 250, `prints took ${first.ms} and ${second.ms} ms`);
      assert.equal((await printed(page)).flat().length, 4000);

      // Once it answers again, the late reply is discarded and the status is real.
      await page.evaluate(() => window.__usb.answersStatus(true));
      const back = await page.evaluate(() => window.attempt(() => window.printer.status()));
      assert.ok(back.ok, JSON.stringify(back));
      assert.equal(back.value.paper, 'ok', JSON.stringify(back));
      await page.close();
    },
  );

  test(
    'unplugged mid-print fails fast as disconnected; replugged, the reprint goes through',
    T,
    async (t) => {
      const { page } = await open({ options: { chunkBytes: 1024 } });
      await pair(page);
      await page.evaluate(() => window.__usb.unplugAfterBytes(5000));
      const cut = await page.evaluate(() =>
        window.attempt(() => window.printer.print(window.pattern(10240))),
      );
      assert.deepEqual([cut.ok, cut.problem], [false, 'disconnected'], JSON.stringify(cut));
      t.diagnostic(`print cut by the unplug failed after ${cut.ms.toFixed(0)} ms`);
      assert.ok(cut.ms < 1000, `took ${cut.ms} ms`);
      assert.ok((await printed(page)).flat().length < 10240);

      // Still unplugged: the same answer, not "never paired".
      const again = await page.evaluate(() => window.attempt(() => window.printer.print(window.pattern(10))));
      assert.equal(again.problem, 'disconnected');

      const reprint = await page.evaluate(async () => {
        window.__usb.transfers.length = 0;
        window.__usb.replug();
        const info = await window.printer.reconnect();
        const r = await window.attempt(() => window.printer.print(window.pattern(10240)));
        return { info, r, changes: window.changes };
      });
      assert.equal(reprint.info?.serial, 'FAKE-0001');
      assert.equal(reprint.r.ok, true, JSON.stringify(reprint.r));
      assert.deepEqual(reprint.changes, [false, true]);
      const expected = await page.evaluate(() => [...window.pattern(10240)]);
      assert.deepEqual((await printed(page)).flat(), expected);
      await page.close();
    },
  );

  test(
    'a transfer that hangs fails as timeout within transferTimeoutMs; the next print works',
    T,
    async (t) => {
      const { page } = await open({ options: { transferTimeoutMs: 400, chunkBytes: 1000 } });
      await pair(page);
      // Two status requests and the first chunk go through; the second chunk hangs.
      await page.evaluate(() => window.__usb.hangNextTransfer(3));
      const hung = await page.evaluate(() =>
        window.attempt(() => window.printer.print(window.pattern(3000))),
      );
      assert.deepEqual([hung.ok, hung.problem], [false, 'timeout'], JSON.stringify(hung));
      t.diagnostic(`hung print failed after ${hung.ms.toFixed(0)} ms (transferTimeoutMs 400)`);
      assert.ok(hung.ms >= 380 && hung.ms < 1200, `took ${hung.ms} ms`);
      assert.equal((await printed(page)).flat().length, 1000);
      await page.evaluate(() => (window.__usb.transfers.length = 0));
      const next = await page.evaluate(() =>
        window.attempt(() => window.printer.print(window.pattern(3000))),
      );
      assert.equal(next.ok, true, JSON.stringify(next));
      assert.equal((await printed(page)).flat().length, 3000);
      await page.close();
    },
  );

  test('an interface held by usblp is claimed_by_driver; once freed, printing works', T, async () => {
    const { page } = await open();
    await page.evaluate(() => window.__usb.claimFails('usblp'));
    const paired = await pair(page);
    assert.deepEqual([paired.ok, paired.problem], [false, 'claimed_by_driver'], JSON.stringify(paired));
    const refused = await page.evaluate(() => window.attempt(() => window.printer.print(window.pattern(10))));
    assert.equal(refused.problem, 'claimed_by_driver');
    await page.evaluate(() => window.__usb.claimFails(false));
    const r = await page.evaluate(() => window.attempt(() => window.printer.print(window.pattern(10))));
    assert.equal(r.ok, true, JSON.stringify(r));
    await page.close();
  });

  test('permission lost: reconnect() finds nothing and print() is not_paired', T, async () => {
    const { page } = await open();
    // Never paired on this page: nothing to reconnect to.
    const fresh = await page.evaluate(async () => ({
      info: (await window.printer.reconnect()) ?? null,
      print: await window.attempt(() => window.printer.print(window.pattern(10))),
    }));
    assert.deepEqual([fresh.info, fresh.print.problem], [null, 'not_paired']);

    await pair(page);
    const lost = await page.evaluate(async () => {
      window.__usb.forgetPermission();
      return {
        info: (await window.printer.reconnect()) ?? null,
        print: await window.attempt(() => window.printer.print(window.pattern(10))),
      };
    });
    assert.deepEqual([lost.info, lost.print.problem], [null, 'not_paired']);

    // A kiosk policy grant (or a persisted one) is found without a prompt.
    const granted = await page.evaluate(async () => {
      window.__usb.grantPermission();
      window.makePrinter();
      return window.printer.reconnect();
    });
    assert.equal(granted?.productId, 0x5011);
    await page.close();
  });

  test('without navigator.usb, supported is false and every call is unsupported', T, async () => {
    const { page, errors } = await open({ usb: false });
    const r = await page.evaluate(async () => ({
      hasUsb: 'usb' in navigator,
      supported: window.printer.supported,
      print: await window.attempt(() => window.printer.print(new Uint8Array([1, 2, 3]))),
      status: await window.attempt(() => window.printer.status()),
      reconnect: (await window.printer.reconnect()) ?? null,
    }));
    assert.deepEqual(
      [r.hasUsb, r.supported, r.print.problem, r.print.typed, r.status.problem, r.reconnect],
      [false, false, 'unsupported', true, 'unsupported', null],
    );
    const paired = await pair(page);
    assert.equal(paired.problem, 'unsupported');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
