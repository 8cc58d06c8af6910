// Live pipeline benchmark (issue 8): the shipped kiosk (web/dist) scanning a fake 720p
// 30 fps camera in headless Chromium. Measures frames analysed per second by the
// scanner worker, the time from a code appearing in the stream to its decode, and the
// longest main-thread task while scanning (Chrome tracing).
//
//   node bench/one.mjs live        (after `npm run build`; ~4 minutes)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appearanceLatencies } from './live-latency.mjs';
import { grabCost, moreTime, openKiosk, takeRecords, trackStats, watchVideo } from './live-kiosk.mjs';
import { analyseTrace, TRACE_CATEGORIES } from './live-trace.mjs';
import { makeVideo } from './live-video.mjs';
import { liveMarkdown, liveMethod } from './live-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// A payment code the kiosk's tests use (18 digits, QR version 1 at scale 10: ~290 px).
const CODE = '134567890123456789';
// QRPOS_BENCH_QUICK=1 shortens every phase, for working on this file (not for figures).
const QUICK = Boolean(process.env.QRPOS_BENCH_QUICK);
const WARMUP_MS = 3_000;
const STEADY_MS = QUICK ? 5_000 : 20_000;
const APPEARANCES = QUICK ? 4 : 21;
const TRACE_MS = QUICK ? 4_000 : 12_000;
const SCENES = [
  { scene: 'blank', label: 'white wall, no code' },
  { scene: 'clutter', label: 'cluttered scene, no code' },
  { scene: 'code', label: 'code held in front of the clutter' },
];

const load1 = () => os.loadavg()[0];
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};
const stats = (xs) => ({
  n: xs.length,
  median: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  max: Math.max(...xs),
});

/** Frames the worker analysed in a steady window of one static scene. */
async function steadyRun(dir, { scene, label }, progress) {
  const video = await makeVideo(dir, scene, [[scene, 2]], CODE);
  const kiosk = await openKiosk(video.file);
  const loadBefore = load1();
  try {
    const page = await kiosk.scanPage({ strip: true, stamps: true });
    await page.waitForTimeout(WARMUP_MS);
    await takeRecords(page);
    const before = await trackStats(page);
    progress(`${label}: ${STEADY_MS / 1000} s of scanning`);
    await page.waitForTimeout(STEADY_MS);
    const after = await trackStats(page);
    const rec = await takeRecords(page);
    const seconds = (after.at - before.at) / 1000;
    // A controller paced by animation frames can hand the worker the same camera frame
    // twice: count distinct frames too.
    let distinct = 0;
    rec.posts.forEach((p, i) => (distinct += i === 0 || p[2] !== rec.posts[i - 1][2] ? 1 : 0));
    const cameraFrames = after.total - before.total;
    return {
      label,
      seconds,
      cameraFps: cameraFrames / seconds,
      analysedFps: rec.results.length / seconds,
      distinctFps: distinct / seconds,
      duplicates: rec.posts.length - distinct,
      posted: rec.posts.length,
      skipped: Math.max(0, cameraFrames - distinct),
      cameraFrames,
      reads: rec.results.filter((r) => r[3]).length,
      analysed: rec.results.length,
      decodeMs: stats(rec.results.map((r) => r[2])),
      roundTripMs: stats(roundTrips(rec)),
      idleMs: stats(idleGaps(rec)),
      ticks: tickHistogram(rec),
      load: [loadBefore, load1()],
    };
  } finally {
    await kiosk.close();
    fs.rmSync(video.file, { force: true });
  }
}

/** How long the worker sat idle after each result until the next frame was posted. */
function idleGaps(rec) {
  const posts = rec.posts.map((p) => p[1]);
  return rec.results.map((r) => (posts.find((t) => t > r[1]) ?? NaN) - r[1]).filter(Number.isFinite);
}

/** Post-to-post intervals in 60 Hz ticks (display frames). */
function tickHistogram(rec) {
  const counts = {};
  for (let i = 1; i < rec.posts.length; i++) {
    const ticks = Math.round((rec.posts[i][1] - rec.posts[i - 1][1]) / (1000 / 60));
    const key = ticks >= 5 ? '5+' : String(ticks);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function roundTrips(rec) {
  const posted = new Map(rec.posts.map((p) => [p[0], p[1]]));
  return rec.results.filter((r) => posted.has(r[0])).map((r) => r[1] - posted.get(r[0]));
}

/** The kiosk's built script `name` (web/dist/assets), to show what a long task ran. */
function distScript(name) {
  const file = path.join(root, 'web/dist/assets', path.basename(name));
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** The code appearing again and again (latency), then a trace of the same scanning. */
async function loopRun(dir, progress) {
  const video = await makeVideo(
    dir,
    'loop',
    [
      ['clutter', 2],
      ['code', 2],
    ],
    CODE,
  );
  const kiosk = await openKiosk(video.file);
  const loadBefore = load1();
  try {
    const page = await kiosk.scanPage({ strip: true, stamps: true });
    const settings = await watchVideo(page);
    await takeRecords(page);
    const loopMs = (video.frames / 30) * 1000;
    const until = Date.now() + (APPEARANCES + 1) * loopMs;
    while (Date.now() < until) {
      progress(`code appearing every ${loopMs / 1000} s: ${Math.round((until - Date.now()) / 1000)} s to go`);
      await page.waitForTimeout(Math.min(15_000, until - Date.now()));
      await moreTime(page);
    }
    const latency = { ...appearanceLatencies(await takeRecords(page), video), settings: settings.settings };
    latency.load = [loadBefore, load1()];
    await page.close();

    // A fresh page without the stamp reader and frame watcher: only the scanning is traced.
    const traced = await kiosk.scanPage({ strip: true, stamps: false });
    await traced.waitForTimeout(1_000);
    await takeRecords(traced);
    progress(`tracing ${TRACE_MS / 1000} s of scanning`);
    const traceLoad = load1();
    await kiosk.browser.startTracing(traced, { categories: TRACE_CATEGORIES });
    await traced.waitForTimeout(TRACE_MS);
    const trace = analyseTrace(JSON.parse(await kiosk.browser.stopTracing()), { sourceOf: distScript });
    const rec = await takeRecords(traced);
    trace.analysedFps = rec.results.length / (TRACE_MS / 1000);
    trace.load = [traceLoad, load1()];
    const grabs = await grabCost(traced);
    trace.grab = { imageBitmap: stats(grabs.imageBitmap), videoFrame: stats(grabs.videoFrame) };
    return { latency, trace, chromium: kiosk.browser.version() };
  } finally {
    await kiosk.close();
    fs.rmSync(video.file, { force: true });
  }
}

export async function bench({ progress }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-bench-live-'));
  try {
    const steady = [];
    for (const scene of SCENES) steady.push(await steadyRun(dir, scene, progress));
    const { latency, trace, chromium } = await loopRun(dir, progress);
    const facts = { steady, latency, trace, chromium, code: CODE, cpus: os.cpus().length };
    return {
      title: 'Live camera pipeline (kiosk, 720p fake camera)',
      method: liveMethod(facts),
      goals: goals(facts),
      markdown: liveMarkdown(facts),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function goals({ steady, latency, trace }) {
  const worst = steady.filter((s) => !s.reads).sort((a, b) => a.distinctFps - b.distinctFps)[0];
  const lat = stats(latency.rows.map((r) => r.ms));
  const part = (key) => stats(latency.rows.map((r) => r[key])).median;
  const longest = trace.main.longest[0];
  const worker = trace.workerDecodes;
  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  const fpsMet = worst.distinctFps >= 0.97 * Math.min(30, worst.cameraFps) && worst.cameraFps >= 29;
  const latMet = lat.n > 0 && lat.p95 <= 100;
  const load = `load average ${f(Math.max(...worst.load, ...latency.load, ...trace.load))} on ${os.cpus().length} cores`;
  return [
    {
      goal: '>= 30 frames analysed per second (720p, no code)',
      measured: `${f(worst.distinctFps)} distinct camera frames/s (${f(worst.analysedFps)} analyses/s), ${worst.label}`,
      // The fake camera delivers just under 30 fps: "met" is every camera frame analysed, give or take 3%.
      met: fpsMet,
      note:
        `camera ${f(worst.cameraFps)} fps, ${worst.skipped} of ${worst.cameraFrames} frames ` +
        `(${f((100 * worst.skipped) / worst.cameraFrames)}%) never analysed; worker decode ${f(worst.decodeMs.median)} ms wall median` +
        (fpsMet
          ? ''
          : `, ${f(worker.cpu[0])} ms CPU (traced); ${f(30 - worst.distinctFps)} fps short; the worker idles ` +
            `${f(worst.idleMs.median)} ms (median) between a result and the next frame; ${load}`),
    },
    {
      goal: '<= 100 ms from the code appearing to decoded',
      measured: `median ${f(lat.median)} ms, p95 ${f(lat.p95)} ms, max ${f(lat.max)} ms (n = ${lat.n})`,
      met: latMet,
      note:
        `judged on p95; ${latency.missed} appearance(s) not decoded while shown` +
        (latMet
          ? ''
          : `; p95 ${f(lat.p95 - 100)} ms over: median wait for the pipeline ${f(part('waitMs'))} ms + ` +
            `round trip ${f(part('roundTripMs'))} ms (decode ${f(part('decodeMs'))} ms) under ${load}`),
    },
    {
      goal: 'no main-thread task > 16 ms while scanning',
      measured:
        `longest ${f(longest.ms)} ms (${f(longest.cpuMs)} ms CPU); ${trace.main.over16} tasks > 16 ms wall, ` +
        `${trace.main.cpuOver16} > 16 ms CPU, in ${f(trace.seconds)} s`,
      met: trace.main.over16 === 0,
      note:
        `longest: ${longest.what}` +
        // The controller grabs frames in animation frames only where the browser has no
        // requestVideoFrameCallback; with it, the grab (a VideoFrame) is not a task of its own.
        (trace.main.animationFrames.n
          ? `; animation-frame tasks (the frame grab) cost ${f(trace.main.animationFrames.cpu[0])} / ` +
            `${f(trace.main.animationFrames.cpu[1])} ms CPU median / p95`
          : '') +
        (trace.main.over16 ? `; wall > CPU: the thread waited for a core (${load})` : ''),
    },
  ];
}
