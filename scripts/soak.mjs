// Soak (issue 7): one kiosk page, in one headless Chromium session, analyses
// 10,000 camera frames and then makes 1,000 payments, while the JS heap (after a
// forced GC) and the core's WebAssembly memory are sampled. Writes the numbers and a
// plot to bench/results/soak.md and soak.png. Not part of npm test (~20 minutes).
//
//   node scripts/soak.mjs [--frames 10000] [--payments 1000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startAcquirer } from '../test/support/acquirer.mjs';
import { launchBrowser, paymentCodeVideo, typeLikeScanner, waitForScreen } from '../test/support/browser.mjs';
import { largestGrowth, liveObjects, totalBytes } from '../test/support/heap-snapshot.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: opts } = parseArgs({
  options: { frames: { type: 'string', default: '10000' }, payments: { type: 'string', default: '1000' } },
});
const FRAMES = Number(opts.frames);
const PAYMENTS = Number(opts.payments);
const say = (m) => console.log(`[soak] ${m}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-soak-'));
const acquirer = await startAcquirer({ demo: true, staticDir: path.join(root, 'web/dist') });
// The camera shows a menu link, not a payment code: frames are analysed, nothing pays.
// 30 fps, as a real camera: the scanner analyses each new camera frame once.
const browser = await launchBrowser({
  cameraY4m: await paymentCodeVideo('https://example.com/menu', dir, { fps: 30 }),
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(acquirer.url + '/');
await waitForScreen(page, 'amount', 30_000);

const samples = []; // { phase, x, heapMB, wasmMB, decoderMB }
async function sample(phase, x) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const d = await page.evaluate(() => document.querySelector('qrpos-terminal').diagnostics());
  // Frames are counted by the page itself, at the moment of the sample.
  const at = phase === 'frames' ? d.cameraFrames : x;
  samples.push({
    phase,
    x: at,
    heapMB: heap / 2 ** 20,
    wasmMB: d.wasmBytes / 2 ** 20,
    decoderMB: d.decoderWasmBytes / 2 ** 20,
    frames: d.cameraFrames,
  });
  return d;
}

// Phase 1: frames on the scan screen ("more time" before its minute runs out).
await page.click('button[data-action=key][data-key="8"]');
await page.click('button[data-action=collect]');
await waitForScreen(page, 'scan');
const t0 = Date.now();
let d = await sample('frames', 0);
// Live objects once the decoder runs and the code paths are warm, and at the end of the phase.
const live = {};
while (d.cameraFrames < FRAMES) {
  await page.waitForTimeout(5_000);
  await page.click('button[data-action=more-time]').catch(() => undefined);
  d = await sample('frames', d.cameraFrames);
  if (!live.frames && d.cameraFrames >= 300)
    live.frames = { x: d.cameraFrames, before: await liveObjects(cdp) };
  say(
    `frames ${d.cameraFrames}/${FRAMES}, heap ${samples.at(-1).heapMB.toFixed(1)} MB, wasm ${samples.at(-1).wasmMB.toFixed(1)} MB, decoder ${samples.at(-1).decoderMB.toFixed(1)} MB`,
  );
}
const frameSeconds = (Date.now() - t0) / 1000;
Object.assign(live.frames, { to: d.cameraFrames, after: await liveObjects(cdp) });
await page.click('button[data-action=cancel]');
await waitForScreen(page, 'amount');

// Phase 2: payments by scanner gun, each to "paid" and back.
const t1 = Date.now();
for (let i = 1; i <= PAYMENTS; i++) {
  await page.click('button[data-action=key][data-key="1"]');
  let code = '13';
  while (code.length < 16) code += String(Math.floor(Math.random() * 10));
  await typeLikeScanner(page, `${code}77`);
  await waitForScreen(page, 'paid', 30_000);
  await page.click('button[data-action=new-sale]');
  await waitForScreen(page, 'amount');
  if (i === Math.min(50, PAYMENTS)) live.payments = { x: i, before: await liveObjects(cdp) };
  if (i === PAYMENTS) Object.assign(live.payments, { to: i, after: await liveObjects(cdp) });
  if (i % 50 === 0 || i === 1) {
    await sample('payments', i);
    say(
      `payments ${i}/${PAYMENTS}, heap ${samples.at(-1).heapMB.toFixed(1)} MB, wasm ${samples.at(-1).wasmMB.toFixed(1)} MB`,
    );
  }
}
const paySeconds = (Date.now() - t1) / 1000;
const ledger = (await import('../test/support/acquirer.mjs')).ledgerRows(
  acquirer.dbPath,
  "SELECT count(*) AS n FROM trades WHERE status = 'SUCCESS'",
)[0].n;

// Least-squares slope of y over the second half of a phase: a leak is a steady rise.
function slope(points, key) {
  const half = points.slice(Math.floor(points.length / 2));
  const n = half.length;
  if (n < 2) return 0;
  const mx = half.reduce((a, p) => a + p.x, 0) / n;
  const my = half.reduce((a, p) => a + p[key], 0) / n;
  const num = half.reduce((a, p) => a + (p.x - mx) * (p[key] - my), 0);
  const den = half.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den ? num / den : 0;
}
const frames = samples.filter((s) => s.phase === 'frames');
const pays = samples.filter((s) => s.phase === 'payments');

// The plot, drawn by Chromium on a canvas (no plotting library needed).
const png = await page.evaluate(
  ({ frames, pays }) => {
    const W = 1200;
    const H = 500;
    const c = document.createElement('canvas');
    c.width = W;
    c.height = H;
    const g = c.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, W, H);
    const all = [...frames, ...pays];
    const top = Math.ceil(Math.max(...all.map((s) => Math.max(s.heapMB, s.wasmMB, s.decoderMB))) * 1.2);
    const panel = (points, x0, label, xLabel) => {
      const w = W / 2 - 80;
      const maxX = Math.max(1, ...points.map((p) => p.x));
      const X = (x) => x0 + 60 + (x / maxX) * w;
      const Y = (y) => H - 60 - (y / top) * (H - 110);
      g.strokeStyle = '#000';
      g.strokeRect(x0 + 60, 50, w, H - 110);
      g.fillStyle = '#000';
      g.font = '16px sans-serif';
      g.fillText(label, x0 + 60, 35);
      g.fillText(xLabel, x0 + 60 + w / 2 - 40, H - 20);
      for (let v = 0; v <= top; v += Math.max(1, Math.round(top / 5))) {
        g.fillText(`${v} MB`, x0 + 5, Y(v) + 5);
      }
      for (const [key, color] of [
        ['heapMB', '#0b5d1e'],
        ['wasmMB', '#a4161a'],
        ['decoderMB', '#1d4ed8'],
      ]) {
        g.strokeStyle = color;
        g.lineWidth = 2;
        g.beginPath();
        points.forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p[key])) : g.moveTo(X(p.x), Y(p[key]))));
        g.stroke();
      }
    };
    panel(frames, 0, 'Camera frames analysed', 'frames');
    panel(pays, W / 2, 'Payments', 'payments');
    // The legend sits under the panels' titles, left to right.
    [
      ['JS heap (after GC)', '#0b5d1e'],
      ['core WebAssembly memory', '#a4161a'],
      ['decoder WebAssembly memory (worker)', '#1d4ed8'],
    ].forEach(([text, color], i) => {
      g.fillStyle = color;
      g.fillText(text, 60 + i * 300, H - 2);
    });
    return c.toDataURL('image/png');
  },
  { frames, pays },
);
fs.writeFileSync(path.join(root, 'bench/results/soak.png'), Buffer.from(png.split(',')[1], 'base64'));

const fmt = (n) => n.toFixed(2);
const liveRow = (phase, unit, { x, to, before, after }) => {
  const grew = largestGrowth(before, after)
    .map((g) => `${g.key.replaceAll('|', '/')} +${g.bytes} B (${g.count >= 0 ? '+' : ''}${g.count})`)
    .join('; ');
  return `| ${phase} | ${x} -> ${to} ${unit} | ${fmt(totalBytes(before) / 2 ** 20)} -> ${fmt(totalBytes(after) / 2 ** 20)} MB | ${totalBytes(after) - totalBytes(before)} B | ${grew || 'none'} |`;
};
// From the first sample after the decoder reported (it reports with its first frame).
const decoderSpan = (points) => {
  const seen = points.filter((p) => p.decoderMB > 0);
  return seen.length ? `${fmt(seen[0].decoderMB)} -> ${fmt(seen.at(-1).decoderMB)} MB` : 'not used';
};
const md = `# Soak: one kiosk session, ${FRAMES} camera frames then ${PAYMENTS} payments

Run ${new Date().toISOString()} on ${os.cpus().length} x ${os.cpus()[0].model}, ${browser.version()}
(\`node scripts/soak.mjs\`). JS heap is Chromium's JSHeapUsedSize after a forced GC;
"wasm" is the core's linear memory (\`diagnostics().wasmBytes\`), "decoder" the camera
decoder's (zxing-wasm in the scanner worker, \`diagnostics().decoderWasmBytes\`, reported
with each frame; 0 before the first).

![soak plot](soak.png)

| phase | work | time | JS heap first -> last | wasm first -> last | decoder first -> last | heap slope (2nd half) |
|---|---|---|---|---|---|---|
| camera | ${frames.at(-1).frames} frames | ${frameSeconds.toFixed(0)} s (${(frames.at(-1).frames / frameSeconds).toFixed(1)} frames/s) | ${fmt(frames[0].heapMB)} -> ${fmt(frames.at(-1).heapMB)} MB | ${fmt(frames[0].wasmMB)} -> ${fmt(frames.at(-1).wasmMB)} MB | ${decoderSpan(frames)} | ${(slope(frames, 'heapMB') * 1000).toFixed(3)} MB per 1,000 frames |
| payments | ${PAYMENTS} paid (ledger SUCCESS: ${ledger}) | ${paySeconds.toFixed(0)} s (${(paySeconds / PAYMENTS).toFixed(2)} s each) | ${fmt(pays[0].heapMB)} -> ${fmt(pays.at(-1).heapMB)} MB | ${fmt(pays[0].wasmMB)} -> ${fmt(pays.at(-1).wasmMB)} MB | ${decoderSpan(pays)} | ${(slope(pays, 'heapMB') * 100).toFixed(3)} MB per 100 payments |

JSHeapUsedSize also counts garbage not yet swept and pages the collector keeps for reuse,
so a slow rise there need not be a leak. What is still reachable, from a V8 heap snapshot
of the page (after a GC) once the phase is warm and at its end (\`test/support/heap-snapshot.mjs\`;
the page's own objects, including the buffers behind its WebAssembly memory).
Of the groups below, V8's compiled code (\`code:\`) grows as more paths get optimised,
performance entries sit in the browser's timeline buffers, which are capped, and
\`NetworkResourcesData\` is DevTools' network capture for the test driver, absent on a kiosk.

| phase | between | live objects | growth | groups that grew most (bytes, objects) |
|---|---|---|---|---|
${liveRow('camera', 'frames', live.frames)}
${liveRow('payments', 'payments', live.payments)}

Samples:

| phase | x | JS heap MB | wasm MB | decoder MB |
|---|---|---|---|---|
${samples.map((s) => `| ${s.phase} | ${s.x} | ${fmt(s.heapMB)} | ${fmt(s.wasmMB)} | ${fmt(s.decoderMB)} |`).join('\n')}
`;
fs.writeFileSync(path.join(root, 'bench/results/soak.md'), md);
say(`wrote bench/results/soak.md and soak.png (ledger SUCCESS ${ledger})`);
await browser.close();
await acquirer.stop();
fs.rmSync(dir, { recursive: true, force: true });
