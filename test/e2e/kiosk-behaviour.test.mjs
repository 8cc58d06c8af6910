// The kiosk page as a device, in headless Chromium against the real sandbox: left
// alone it returns to the start screen (and forgets the admin PIN) but never during
// a payment; it keeps the screen on (Screen Wake Lock, taken again when shown
// again); it cannot be zoomed, selected or long-pressed; and only the kiosk page is
// an installable app with a service worker, never a portal that embeds the terminal.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startAcquirer } from '../support/acquirer.mjs';
import { launchBrowser, typeLikeScanner, waitForScreen } from '../support/browser.mjs';
import { liveObjects } from '../support/heap-snapshot.mjs';

const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const KIOSK = { width: 1280, height: 800 };
const DEMO_PIN = '123456';
const IDLE_S = 3;

function wechatCode() {
  let digits = '13';
  while (digits.length < 18) digits += String(crypto.randomInt(10));
  return digits;
}

function confirmingCode() {
  let digits = '13';
  while (digits.length < 12) digits += String(crypto.randomInt(10));
  return digits + '000101'; // sandbox magic: "confirming" until reversed
}

const amountShown = (page) => page.textContent('[data-testid=amount]');

describe('kiosk behaviour', { timeout: 240_000 }, () => {
  let acquirer, browser;

  before(async () => {
    acquirer = await startAcquirer({ demo: true, staticDir: DIST });
    browser = await launchBrowser({});
  });
  after(async () => {
    await browser?.close();
    await acquirer?.stop();
  });

  async function openKiosk(query = `?idle=${IDLE_S}`, init) {
    const page = await browser.newPage({ viewport: KIOSK, hasTouch: true });
    if (init) await page.addInitScript(init);
    await page.goto(`${acquirer.url}/${query}`);
    await page.waitForSelector('body[data-ready=true]');
    await waitForScreen(page, 'amount');
    return page;
  }

  test('left alone, half-typed amounts, lists and admin screens return to the start screen', async () => {
    const page = await openKiosk();
    await page.click('button[data-action=key][data-key="7"]');
    assert.match(await amountShown(page), /7/);
    await page.waitForFunction(
      () =>
        !/7/.test(
          document.querySelector('qrpos-terminal').shadowRoot.querySelector('[data-testid=amount]')
            .textContent,
        ),
      null,
      { timeout: (IDLE_S + 5) * 1000 },
    );

    await page.click('button[data-action=today]');
    await waitForScreen(page, 'today');
    await waitForScreen(page, 'amount', (IDLE_S + 5) * 1000);

    // Settings behind the PIN: after the idle reset the PIN is asked again.
    await page.click('button[data-action=settings]');
    await waitForScreen(page, 'pin');
    await page.fill('input[name=pin]', DEMO_PIN);
    await page.click('form[data-form=pin] button[type=submit]');
    await waitForScreen(page, 'settings');
    await waitForScreen(page, 'amount', (IDLE_S + 5) * 1000);
    await page.click('button[data-action=settings]');
    await waitForScreen(page, 'pin');

    await page.close();
  });

  test('never during a payment: the customer confirming stays; its outcome screen resets', async () => {
    const page = await openKiosk();
    for (const key of '31') await page.click(`button[data-action=key][data-key="${key}"]`);
    await typeLikeScanner(page, confirmingCode());
    await waitForScreen(page, 'user_confirming');
    await page.waitForTimeout((IDLE_S * 2 + 1) * 1000);
    await waitForScreen(page, 'user_confirming', 1_000);
    await page.click('button[data-action=cancel-session]');
    await waitForScreen(page, 'cancelled', 30_000);
    await waitForScreen(page, 'amount', (IDLE_S + 5) * 1000);
    await page.close();
  });

  test('an outcome that appears by itself stays on screen for the whole idle time', async () => {
    const page = await openKiosk();
    for (const key of '52') await page.click(`button[data-action=key][data-key="${key}"]`);
    // Sandbox magic 000100: "confirming", then paid from a query some seconds later,
    // with nobody touching the kiosk meanwhile.
    let digits = '13';
    while (digits.length < 12) digits += String(crypto.randomInt(10));
    await typeLikeScanner(page, digits + '000100');
    await waitForScreen(page, 'paid', 30_000);
    const shown = Date.now();
    await waitForScreen(page, 'amount', (IDLE_S + 5) * 1000);
    const stayed = Date.now() - shown;
    assert.ok(stayed >= (IDLE_S - 0.5) * 1000, `"paid" was reset after ${stayed} ms`);
    await page.close();
  });

  test('no idle reset while someone keeps touching the screen', async () => {
    const page = await openKiosk();
    await page.click('button[data-action=today]');
    await waitForScreen(page, 'today');
    for (let i = 0; i < 6; i++) {
      await page.waitForTimeout(1_000);
      await page.mouse.move(5, 5);
      await page.mouse.down();
      await page.mouse.up();
    }
    assert.equal(await page.getAttribute('#app', 'data-screen'), 'today');
    await page.close();
  });

  test('a day of sales does not pile up in memory: earlier receipt QR codes are released', async () => {
    const page = await openKiosk('');
    const sale = async () => {
      await page.click('button[data-action=key][data-key="1"]');
      await typeLikeScanner(page, wechatCode());
      await waitForScreen(page, 'paid', 30_000);
      await page.locator('.qr svg').waitFor(); // the receipt code, drawn (a locator holds no handle to it)
      await page.click('button[data-action=new-sale]');
      await waitForScreen(page, 'amount');
    };
    // Every <svg> element the page still holds, on screen or not.
    const cdp = await page.context().newCDPSession(page);
    const svgElements = async () => (await liveObjects(cdp)).get('native: SVGSVGElement')?.count ?? 0;
    await sale();
    const afterOne = await svgElements();
    for (let i = 0; i < 5; i++) await sale();
    const afterSix = await svgElements();
    assert.ok(afterSix <= afterOne, `<svg> elements held: ${afterOne} after one sale, ${afterSix} after six`);
    await page.close();
  });

  test('the screen wake lock is requested, and requested again when the page is shown again', async () => {
    // Headless Chromium may refuse the lock: the wrapper records each request the
    // kiosk makes and passes it on to the real API.
    const page = await openKiosk('', () => {
      window.__wakeLock = { calls: 0, sentinel: undefined };
      const real = navigator.wakeLock.request.bind(navigator.wakeLock);
      navigator.wakeLock.request = async (type) => {
        window.__wakeLock.calls++;
        window.__wakeLock.type = type;
        const sentinel = await real(type);
        window.__wakeLock.sentinel = sentinel;
        return sentinel;
      };
    });
    await page.waitForFunction(() => window.__wakeLock.calls >= 1);
    assert.equal(await page.evaluate(() => window.__wakeLock.type), 'screen');
    const before = await page.evaluate(() => window.__wakeLock.calls);
    // Hiding the page releases the lock (the browser does); shown again, it is taken again.
    await page.evaluate(async () => {
      await window.__wakeLock.sentinel?.release();
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForFunction((n) => window.__wakeLock.calls > n, before);
    await page.close();
  });

  test('no zoom, pull-to-refresh, swipe back, selection or context menu; inputs still take text', async () => {
    const page = await openKiosk();
    const viewport = await page.getAttribute('meta[name=viewport]', 'content');
    assert.match(viewport, /user-scalable=no/);
    assert.match(viewport, /maximum-scale=1/);
    const css = await page.evaluate(() => {
      const page = getComputedStyle(document.documentElement);
      const host = getComputedStyle(document.querySelector('qrpos-terminal'));
      return {
        touch: page.touchAction,
        overscroll: page.overscrollBehaviorY,
        select: getComputedStyle(document.body).userSelect,
        hostTouch: host.touchAction,
        hostSelect: host.userSelect,
      };
    });
    assert.deepEqual(css, {
      touch: 'pan-x pan-y',
      overscroll: 'none',
      select: 'none',
      hostTouch: 'pan-x pan-y',
      hostSelect: 'none',
    });
    const blocked = await page.evaluate(() => {
      const fire = (e) => (document.querySelector('qrpos-terminal').dispatchEvent(e), e.defaultPrevented);
      const opts = { bubbles: true, cancelable: true, composed: true };
      return {
        ctrlWheel: fire(new WheelEvent('wheel', { ...opts, ctrlKey: true, deltaY: -100 })),
        plainWheel: fire(new WheelEvent('wheel', { ...opts, deltaY: -100 })),
        contextMenu: fire(new MouseEvent('contextmenu', opts)),
        ctrlPlus: fire(new KeyboardEvent('keydown', { ...opts, ctrlKey: true, key: '+' })),
      };
    });
    assert.deepEqual(blocked, { ctrlWheel: true, plainWheel: false, contextMenu: true, ctrlPlus: true });
    // The first touch asks for full screen (kiosk browsers are full screen already).
    await page.click('button[data-action=key][data-key="5"]');
    await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
    // A text field still selects and takes typing.
    await page.click('button[data-action=settings]');
    await waitForScreen(page, 'pin');
    assert.equal(await page.$eval('input[name=pin]', (el) => getComputedStyle(el).userSelect), 'text');
    await page.fill('input[name=pin]', '12');
    assert.equal(await page.inputValue('input[name=pin]'), '12');
    await page.close();
  });

  test('an error screen says what to do, has a way out, and recovers by itself', async () => {
    // First start with the deployment's config unreachable: nothing to activate with.
    // (Service workers blocked, so the route below sees every request.)
    const context = await browser.newContext({ viewport: KIOSK, serviceWorkers: 'block' });
    const page = await context.newPage();
    const refuse = (route) => route.abort('connectionrefused');
    await page.route('**/qrpos-config.json', refuse);
    await page.goto(`${acquirer.url}/?idle=${IDLE_S}`);
    await waitForScreen(page, 'error');
    await page.waitForSelector('[data-notice="error.no_config"]');
    assert.ok(await page.isVisible('button[data-action=reload]'));
    await page.click('button[data-action=lang]');
    await page.waitForSelector('#app[lang=en]');
    assert.match(await page.textContent('#app'), /check the network/);
    assert.match(await page.textContent('#app'), /reloads by itself/);
    // The network is back: the kiosk reloads by itself, activates and is ready to sell.
    await page.unroute('**/qrpos-config.json', refuse);
    await waitForScreen(page, 'amount', (IDLE_S + 20) * 1000);
    await context.close();
  });

  test('only the kiosk page is an installable app; a portal page gets no service worker', async () => {
    const page = await openKiosk('');
    const manifestUrl = await page.getAttribute('link[rel=manifest]', 'href');
    const res = await fetch(new URL(manifestUrl, acquirer.url));
    assert.equal(res.headers.get('content-type'), 'application/manifest+json');
    const manifest = await res.json();
    assert.equal(manifest.name, '扫码收款 qrpos');
    assert.ok(['fullscreen', 'standalone'].includes(manifest.display));
    for (const icon of manifest.icons) {
      const png = await fetch(new URL(icon.src, new URL(manifestUrl, acquirer.url)));
      assert.equal(png.status, 200, icon.src);
    }
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await page.close();

    const portal = await browser.newPage({ viewport: KIOSK });
    await portal.goto(new URL('/portal.html', acquirer.url).href);
    await portal.waitForTimeout(3_000);
    assert.equal(await portal.$('link[rel=manifest]'), null);
    assert.deepEqual(
      await portal.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)),
      0,
    );
    await portal.close();
  });
});
