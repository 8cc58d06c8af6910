// The device rows of the fault matrix: a USB receipt printer unplugged in the middle of
// a receipt (the fake WebUSB printer of the e2e tests) and a camera lost on the scan
// screen (Chromium's fake camera, its track ended as an unplugged camera ends it).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_USB = fileURLToPath(new URL('../../test/support/fake-usb.js', import.meta.url));
const GS_V = [0x1d, 0x56]; // ESC/POS cut: a receipt that reached its end

/** A one-frame 1280x720 grey y4m: a camera that sees a counter with no code on it. */
export function emptySceneVideo(dir) {
  const y4m = path.join(dir, 'empty-scene.y4m');
  execFileSync(
    'ffmpeg',
    ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xb0b0b0:s=1280x720:r=30'].concat([
      '-frames:v',
      '1',
      '-pix_fmt',
      'yuv420p',
      y4m,
    ]),
  );
  return y4m;
}

async function inSettings(page, apply) {
  await page.click('button[data-action=settings]');
  await page.fill('input[name=pin]', '123456');
  await page.click('form[data-form=pin] button[type=submit]');
  await page.waitForSelector('#app[data-screen=settings]');
  await apply();
  await page.click('button[data-action=home]');
  await page.waitForSelector('#app[data-screen=amount]');
}

/** Pairs the fake printer with automatic receipts; it will be unplugged after 120 bytes. */
export async function pairPrinterThatUnplugs({ kiosk }) {
  const page = kiosk.page;
  await inSettings(page, async () => {
    await page.click('button[data-action=pair-printer]');
    await page.waitForSelector('[data-printer=paired]');
    await page.selectOption('select[data-action=print-auto]', 'on');
  });
  await page.evaluate(() => window.__usb.unplugAfterBytes(120));
}

const hasCut = (bytes) => bytes.some((b, i) => b === GS_V[0] && bytes[i + 1] === GS_V[1]);

/**
 * After "paid": the receipt fails part-way, the kiosk says so and stays on "paid"; the
 * printer is plugged back and the cashier reprints. Returns 0: "paid" was the final screen.
 */
export async function replugAndReprint(ctx) {
  const page = ctx.kiosk.page;
  await page.waitForSelector('#app[data-screen=paid]', { timeout: 30_000 });
  ctx.order = await ctx.kiosk.paidOrder();
  await page.waitForSelector('[data-print=failed]', { timeout: 30_000 });
  ctx.printNotice = (await page.textContent('[data-print=failed]')).trim();
  ctx.screenWhileFailed = await ctx.kiosk.screen();
  ctx.cutBeforeReprint = hasCut(await page.evaluate(() => window.__usb.transfers.flat()));
  await page.evaluate(() => {
    window.__usb.transfers.length = 0;
    window.__usb.replug();
  });
  await page.click('button[data-action=print]');
  await page.waitForSelector('[data-print=done]', { timeout: 30_000 });
  ctx.reprint = await page.evaluate(() => window.__usb.transfers.flat());
  ctx.note(
    `printer unplugged mid-receipt: "${ctx.printNotice}" on ${ctx.screenWhileFailed}; replugged, reprinted ${ctx.reprint.length} bytes`,
  );
  return 0;
}

export function printerChecks(ctx) {
  const problems = [];
  if (!ctx.printNotice) problems.push('no printer notice');
  if (ctx.screenWhileFailed !== 'paid')
    problems.push(`screen ${ctx.screenWhileFailed} while the printer failed`);
  if (ctx.cutBeforeReprint) problems.push('the unplugged receipt reached its cut');
  if (!hasCut(ctx.reprint ?? []) || !Buffer.from(ctx.reprint ?? []).includes(ctx.order ?? '\0'))
    problems.push('the reprint is not a whole receipt of this sale');
  return problems;
}

/**
 * On the scan screen with the camera running, the camera goes (its track ends). The
 * kiosk must say so and offer a retry, have sent nothing, and run the camera again on
 * retry; the customer's code is then read (by the gun) and paid once.
 */
export async function loseCameraThenRetry(ctx) {
  const { page } = ctx.kiosk;
  const videoReady = () =>
    page.waitForFunction(
      () => {
        const v = document.querySelector('qrpos-terminal').shadowRoot.querySelector('video');
        return v && !v.hidden && v.readyState >= 2 && v.srcObject?.getVideoTracks()[0]?.readyState === 'live';
      },
      undefined,
      { timeout: 20_000 },
    );
  await page.click('button[data-action=collect]');
  await page.waitForSelector('#app[data-screen=scan]');
  await videoReady();
  await page.evaluate(() => {
    const track = document
      .querySelector('qrpos-terminal')
      .shadowRoot.querySelector('video')
      .srcObject.getVideoTracks()[0];
    track.stop();
    // stop() fires no 'ended'; an unplugged camera does, which this stands in for.
    track.dispatchEvent(new Event('ended'));
  });
  await page.waitForSelector('button[data-action=camera-retry]', { timeout: 10_000 });
  ctx.cameraNotice = (await page.textContent('[data-notice^="camera."]').catch(() => ''))?.trim();
  ctx.screenWhileLost = await ctx.kiosk.screen();
  ctx.journalWhileLost = (await ctx.kiosk.journal()).filter((r) => r.state.kind === 'pay').length;
  await page.click('button[data-action=camera-retry]');
  await videoReady();
  ctx.cameraBack = true;
  ctx.note(
    `camera lost on scan: "${ctx.cameraNotice}", ${ctx.journalWhileLost} payment records meanwhile; retry ran it again`,
  );
}

export function cameraChecks(ctx) {
  const problems = [];
  if (!ctx.cameraNotice) problems.push('no camera notice');
  if (ctx.screenWhileLost !== 'scan')
    problems.push(`screen ${ctx.screenWhileLost} while the camera was lost`);
  if (ctx.journalWhileLost !== 0) problems.push('a payment started while the camera was lost');
  if (!ctx.cameraBack) problems.push('the camera did not come back on retry');
  return problems;
}
