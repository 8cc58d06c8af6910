// Debian's Chromium driven by playwright-core, with an optional fake camera video.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findSecrets } from './secrets.mjs';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

// Exported (with BASE_ARGS) for scripts that launch their own Chromium, e.g. a persistent
// profile that must survive a killed browser (scripts/fault-matrix.mjs).
export const CHROMIUM = process.env.QRPOS_CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling out on a closed network.
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PLAYWRIGHT_BUNDLE = fileURLToPath(
  new URL('../../node_modules/playwright-core/lib/coreBundle.js', import.meta.url),
);

/**
 * Playwright turns third-party storage partitioning off (microsoft/playwright#32230),
 * though every shipped Chrome has it on, and then a cross-site frame gets no storage at
 * all: localStorage throws SecurityError and IndexedDB "The user denied permission", so
 * a terminal embedded in another site cannot boot. Playwright puts all its disabled
 * features in one argument; this is that argument, to drop, and the same list minus
 * ThirdPartyStoragePartitioning, to pass instead.
 */
function partitionedStorageArgs() {
  const src = fs.readFileSync(PLAYWRIGHT_BUNDLE, 'utf8');
  const start = src.indexOf('disabledFeatures = [');
  const list = src.slice(start, src.indexOf('].filter(Boolean)', start));
  const features = [...list.matchAll(/^\s*"([^"]+)",?$/gm)].map((m) => m[1]);
  if (!features.includes('ThirdPartyStoragePartitioning')) {
    throw new Error("cannot read Playwright's disabled features");
  }
  return {
    ignore: `--disable-features=${features.join(',')}`,
    arg: `--disable-features=${features.filter((f) => f !== 'ThirdPartyStoragePartitioning').join(',')}`,
  };
}

/**
 * Headless Chromium. With `cameraY4m` it has one fake camera playing that video.
 * `autoAllowCamera` (default: whether there is a fake camera) answers the camera
 * permission prompt with "allow"; without it headless Chromium denies the prompt.
 * `partitionedStorage` turns third-party storage partitioning back on, as in shipped
 * Chrome, for pages that frame a cross-site terminal (see partitionedStorageArgs).
 */
export async function launchBrowser({
  cameraY4m,
  autoAllowCamera = Boolean(cameraY4m),
  partitionedStorage = false,
} = {}) {
  const args = [...BASE_ARGS];
  if (autoAllowCamera) args.push('--use-fake-ui-for-media-stream');
  if (cameraY4m) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${cameraY4m}`);
  }
  const options = { executablePath: CHROMIUM, headless: true, args };
  if (partitionedStorage) {
    const { ignore, arg } = partitionedStorageArgs();
    options.ignoreDefaultArgs = [ignore];
    args.unshift(arg);
  }
  return watchConsole(await chromium.launch(options));
}

// Every page's console is kept, and close() fails if it ever showed a payment code, key
// or signature in full: the browser side of "no secret reaches a log".
function watchConsole(browser) {
  const lines = [];
  const watch = (context) => context.on('console', (m) => lines.push(m.text()));
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...a) => {
    const context = await newContext(...a);
    watch(context);
    return context;
  };
  browser.newPage = async (...a) => {
    const context = await browser.newContext(...a);
    const page = await context.newPage();
    page.once('close', () => context.close().catch(() => undefined));
    return page;
  };
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    const leaks = findSecrets(lines.join('\n'));
    if (leaks.length) throw new Error(`a page's console showed secrets in full:\n${leaks.join('\n')}`);
  };
  return browser;
}

let writerReady;
/** A PNG of `text` as a QR code, made with ZXing-C++'s writer. */
export async function qrPng(text, scale = 10) {
  writerReady ??= prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(
        new URL('../../node_modules/zxing-wasm/dist/writer/zxing_writer.wasm', import.meta.url),
      ),
    },
    fireImmediately: true,
  });
  await writerReady;
  const r = await writeBarcode(text, { format: 'QRCode', scale });
  if (!r.image) throw new Error(`zxing writer failed: ${r.error}`);
  return Buffer.from(await r.image.arrayBuffer());
}

/**
 * A 1280x720 y4m video of a phone-screen-like payment code for Chromium's fake camera,
 * one second long, looped by Chromium. y4m is uncompressed (~1.4 MB a frame): keep it
 * short and in a temp folder. The scanner analyses each camera frame once, so `fps` is
 * the most frames per second it can analyse.
 */
export async function paymentCodeVideo(text, dir, { fps = 10 } = {}) {
  const png = path.join(dir, 'code.png');
  const y4m = path.join(dir, 'camera.y4m');
  fs.writeFileSync(png, await qrPng(text));
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    png,
    '-vf',
    'pad=1280:720:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-t',
    '1',
    '-r',
    String(fps),
    y4m,
  ]);
  return y4m;
}

/**
 * Types `text` + Enter the way a scanner gun does: real key events whose timestamps
 * are `gapMs` apart, whatever the load on this machine (Playwright's own typing
 * stamps each key with whenever it arrived).
 */
export async function typeLikeScanner(page, text, gapMs = 5) {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...text].map((ch) => ({ key: ch, text: ch, code: `Digit${ch}`, vk: ch.charCodeAt(0) }));
  keys.push({ key: 'Enter', text: '\r', code: 'Enter', vk: 13 });
  for (const [i, k] of keys.entries()) {
    const timestamp = start + (i * gapMs) / 1000;
    const common = { key: k.key, code: k.code, windowsVirtualKeyCode: k.vk, timestamp };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: k.text, ...common });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  }
  await cdp.detach();
}

/** What the kiosk shows now, for assertion messages. */
export async function kioskState(page) {
  return page.evaluate(() => {
    const root = document.querySelector('qrpos-terminal')?.shadowRoot;
    return {
      screen: root?.getElementById('app')?.dataset.screen,
      notice: root?.querySelector('[role=alert]')?.textContent ?? '',
    };
  });
}

/**
 * Waits for the kiosk to show screen `name` (`#app[data-screen=<name>]`); on timeout
 * the error says what it shows instead.
 */
export async function waitForScreen(page, name, timeout = 20_000) {
  try {
    await page.waitForSelector(`#app[data-screen=${name}]`, { timeout });
  } catch (e) {
    throw new Error(`waiting for ${name}: ${JSON.stringify(await kioskState(page))}\n${e.message}`);
  }
}

const SCREENS = path.resolve(
  process.env.QRPOS_SCREENS ?? new URL('../../test-results/screens', import.meta.url).pathname,
);

/** Photographs a page that shows both languages at once (the sandbox's own pages) as `<name>.png`. */
export async function shootPage(page, name) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/**
 * Photographs the kiosk's current screen in its language and in the other one, as
 * `<name>.<lang>.png` (QRPOS_SCREENS=docs/screens writes the committed set).
 */
export async function shoot(page, name) {
  fs.mkdirSync(SCREENS, { recursive: true });
  const lang = () => page.getAttribute('#app', 'lang');
  const first = await lang();
  await page.screenshot({ path: path.join(SCREENS, `${name}.${first}.png`) });
  await page.click('button[data-action=lang]');
  await page.waitForSelector(`#app:not([lang="${first}"])`);
  await page.screenshot({ path: path.join(SCREENS, `${name}.${await lang()}.png`) });
  await page.click('button[data-action=lang]');
  await page.waitForSelector(`#app[lang="${first}"]`);
}
