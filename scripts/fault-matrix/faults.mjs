// The fault rows. Each applies to one sale: `faults` go to PUT /admin/faults just
// before the code is scanned; `during` plays what the acquirer's fault switch cannot
// (reloads, a killed browser, an acquirer outage, a wrong terminal clock) and returns
// the index in the screen list from which the final screen counts.
import {
  FAKE_USB,
  cameraChecks,
  loseCameraThenRetry,
  pairPrinterThatUnplugs,
  printerChecks,
  replugAndReprint,
} from './devices.mjs';
import { clockSkewScript, sleep } from './kiosk.mjs';

const ONE = { count: 1 };
const OUTAGE_MS = 120_000;

async function waitThen(ctx, screen, timeout, act) {
  const seen = await ctx.kiosk.waitSeen(screen, timeout);
  if (!seen) throw new Error(`never saw ${screen} (saw ${ctx.kiosk.screens.join(' → ')})`);
  // Count from before the action: the resumed kiosk may reach its final screen while
  // the relaunch is still being awaited.
  const from = ctx.kiosk.screens.length;
  await act();
  return from;
}

async function reload(ctx) {
  ctx.note(`reloaded on ${ctx.kiosk.screens.at(-1)}`);
  await ctx.kiosk.page.reload();
  await ctx.kiosk.page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

async function crash(ctx) {
  ctx.note(`browser killed on ${ctx.kiosk.screens.at(-1)}`);
  await ctx.kiosk.kill();
  await ctx.kiosk.open();
}

// After "paid" the sale is over: the row checks the kiosk comes back ready for the next
// sale and the journal still says paid, so the final screen is the "paid" seen before.
async function afterPaid(ctx, act) {
  const from = await waitThen(ctx, 'paid', 30_000, async () => {
    ctx.order = await ctx.kiosk.paidOrder();
    await act(ctx);
  });
  const back = await ctx.kiosk.waitSeen(['amount', ...'paid declined cancelled'.split(' ')], 30_000, from);
  ctx.note(`came back on ${back ?? ctx.kiosk.screens.at(-1)}`);
  return 0;
}

export const FAULTS = [
  {
    name: 'reset_before_processing',
    title: 'request lost before processing',
    faults: [{ kind: 'reset_before_processing', path: '/v1/payments', ...ONE }],
  },
  {
    name: 'drop_after_commit',
    title: 'response lost after commit',
    faults: [{ kind: 'drop_after_commit', path: '/v1/payments', ...ONE }],
  },
  {
    name: 'server_error_503',
    title: '5xx (503) on the pay request',
    faults: [{ kind: 'server_error', status: 503, path: '/v1/payments', ...ONE }],
  },
  {
    name: 'query_reset',
    title: 'response lost after commit, then the first 2 queries reset',
    faults: [
      { kind: 'reset_before_processing', path: '/v1/payments/', count: 2 },
      { kind: 'drop_after_commit', path: '/v1/payments', ...ONE },
    ],
  },
  {
    name: 'latency_30s',
    title: '30 s latency on the pay request (terminal times out at 10 s)',
    faults: [{ kind: 'latency', ms: 30_000, path: '/v1/payments', ...ONE }],
    // The held pay request is processed 30 s after it arrived: read the ledger after that.
    settleMs: 35_000,
  },
  {
    name: 'corrupt_signature',
    title: 'forged signature on the pay answer',
    faults: [{ kind: 'corrupt_signature', path: '/v1/payments', ...ONE }],
  },
  {
    name: 'stale_response',
    title: 'replayed old response (x2)',
    prime: true,
    faults: [{ kind: 'stale_response', path: '/v1/payments', count: 2 }],
  },
  {
    name: 'clock_plus_10min',
    title: 'terminal clock 10 minutes fast, shifted after activation',
    // Shifted only after the kiosk has activated with the right clock: a fresh kiosk 10
    // minutes off cannot activate at all (it says to correct the clock), so no sale.
    skewScript: clockSkewScript(10 * 60_000),
  },
  {
    name: 'acquirer_down_2min',
    title: 'acquirer killed while the pay request is held, back after 120 s',
    runs: 1,
    // A 3 s hold keeps the request in flight when the acquirer dies, whatever the load.
    faults: [{ kind: 'latency', ms: 3_000, path: '/v1/payments', ...ONE }],
    timeout: 240_000,
    during: (ctx) =>
      waitThen(ctx, 'processing', 30_000, async () => {
        await ctx.acquirer.crash();
        ctx.note(`acquirer killed on ${ctx.kiosk.screens.at(-1)}`);
        await sleep(OUTAGE_MS);
        ctx.note(`acquirer back after 120 s; kiosk was on ${ctx.kiosk.screens.at(-1)}`);
        await ctx.acquirer.restart();
      }).then(() => 0),
  },
  {
    name: 'reload_processing',
    title: 'page reload while processing (code …000300, answered after 3 s)',
    suffix: '000300',
    during: (ctx) => waitThen(ctx, 'processing', 30_000, () => reload(ctx)),
  },
  {
    name: 'reload_user_confirming',
    title: 'page reload while the customer confirms (code …000100)',
    suffix: '000100',
    during: (ctx) => waitThen(ctx, 'user_confirming', 30_000, () => reload(ctx)),
  },
  {
    name: 'reload_after_paid',
    title: 'page reload right after paid',
    during: (ctx) => afterPaid(ctx, reload),
  },
  {
    name: 'crash_processing',
    title: 'browser killed while processing (code …000300)',
    suffix: '000300',
    persistent: true,
    during: (ctx) => waitThen(ctx, 'processing', 30_000, () => crash(ctx)),
  },
  {
    name: 'crash_user_confirming',
    title: 'browser killed while the customer confirms (code …000100)',
    suffix: '000100',
    persistent: true,
    during: (ctx) => waitThen(ctx, 'user_confirming', 30_000, () => crash(ctx)),
  },
  {
    name: 'crash_after_paid',
    title: 'browser killed right after paid',
    persistent: true,
    during: (ctx) => afterPaid(ctx, crash),
  },
  {
    name: 'printer_unplugged_mid_print',
    title: 'USB printer unplugged 120 bytes into the receipt, plugged back, reprinted',
    initScripts: [FAKE_USB],
    prepare: pairPrinterThatUnplugs,
    during: replugAndReprint,
    check: printerChecks,
  },
  {
    name: 'camera_lost_mid_scan',
    title: 'camera lost on the scan screen, retried, then the code read',
    camera: true,
    beforeScan: loseCameraThenRetry,
    check: cameraChecks,
  },
];
