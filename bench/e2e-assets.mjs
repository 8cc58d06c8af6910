// Every asset the kiosk loads, by phase: boot (until ready to scan), a camera scan that
// pays (the scanner worker and ZXing's reader), and printing (the receipt module, the
// QR encoder; first through the browser's print dialog, then as raster to a USB printer).
import { fileURLToPath } from 'node:url';
import { launchBrowser, paymentCodeVideo, typeLikeScanner, waitForScreen } from '../test/support/browser.mjs';
import { KIOSK, paymentCode } from './e2e-latency.mjs';
import { assetRecorder } from './sizes.mjs';

const FAKE_USB = fileURLToPath(new URL('../test/support/fake-usb.js', import.meta.url));
export const PHASES = ['boot', 'pay by camera', 'print'];

async function settings(page, apply) {
  await page.click('button[data-action=settings]');
  await page.fill('input[name=pin]', '123456'); // the sandbox's demo PIN
  await page.click('form[data-form=pin] button[type=submit]');
  await waitForScreen(page, 'settings');
  await apply();
  await page.click('button[data-action=home]');
  await waitForScreen(page, 'amount');
}

export async function collectAssets(url, distDir, tmpDir, progress) {
  const browser = await launchBrowser({ cameraY4m: await paymentCodeVideo(paymentCode(), tmpDir) });
  try {
    const context = await browser.newContext({ viewport: KIOSK });
    await context.addInitScript({ path: FAKE_USB });
    // Headless Chromium cannot open the print dialog.
    await context.addInitScript(() => (window.print = () => undefined));
    const recorder = assetRecorder(context, new URL(url).origin, distDir);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    await waitForScreen(page, 'amount');

    recorder.phase('pay by camera');
    await page.click('button[data-action=key][data-key="2"]');
    await page.click('button[data-action=collect]');
    await waitForScreen(page, 'scan');
    await waitForScreen(page, 'paid', 30_000);
    progress('assets: paid by camera');

    recorder.phase('print');
    await page.click('button[data-action=print]');
    await page.waitForSelector('[data-print=done]');
    await page.click('button[data-action=new-sale]');
    await waitForScreen(page, 'amount');
    await settings(page, async () => {
      await page.click('button[data-action=pair-printer]');
      await page.waitForSelector('[data-printer=paired]');
      await page.selectOption('select[data-action=print-auto]', 'on');
      await page.selectOption('select[data-action=print-mode]', 'raster');
    });
    await page.click('button[data-action=key][data-key="3"]');
    await typeLikeScanner(page, paymentCode());
    await waitForScreen(page, 'paid');
    await page.waitForSelector('[data-print=done]');
    progress('assets: printed by dialog and as raster');
    return await recorder.assets();
  } finally {
    await browser.close();
  }
}
