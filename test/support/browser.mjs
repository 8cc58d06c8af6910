// Debian's Chromium driven by playwright-core, with an optional fake camera video.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

const CHROMIUM = process.env.QRPOS_CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling out on a closed network.
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium. With `cameraY4m` it has one fake camera playing that video.
 * `autoAllowCamera` (default: whether there is a fake camera) answers the camera
 * permission prompt with "allow"; without it headless Chromium denies the prompt.
 */
export async function launchBrowser({ cameraY4m, autoAllowCamera = Boolean(cameraY4m) } = {}) {
  const args = [...BASE_ARGS];
  if (autoAllowCamera) args.push('--use-fake-ui-for-media-stream');
  if (cameraY4m) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${cameraY4m}`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
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
 * A 1280x720 y4m video of a phone-screen-like payment code for Chromium's fake camera.
 * y4m is uncompressed (~1.4 MB a frame): keep it short and in a temp folder.
 */
export async function paymentCodeVideo(text, dir) {
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
    '10',
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

const SCREENS = path.resolve(
  process.env.QRPOS_SCREENS ?? new URL('../../test-results/screens', import.meta.url).pathname,
);

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
