// Reads a Chrome trace (JSON from browser.stopTracing) of a scanning kiosk page: the
// renderer main thread's top-level tasks (their lengths and what the longest ones ran)
// and how busy each renderer thread was.
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink',
];

const TOPLEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);
// Child events that say what a task did (devtools' own names for them).
const MEANINGFUL = new RegExp(
  '^(' +
    [
      'FunctionCall',
      'TimerFire',
      'FireAnimationFrame',
      'EventDispatch',
      'EvaluateScript',
      'v8\\.',
      'MajorGC',
      'MinorGC',
      'V8\\.GC',
      'BlinkGC',
      'Layout',
      'UpdateLayoutTree',
      'PrePaint',
      'Paint',
      'Layerize',
      'Commit',
      'ParseHTML',
      'HandlePostMessage',
      'RunMicrotasks',
      'Decode',
      'ImageDecode',
      '.*Video',
      '.*ImageBitmap',
    ].join('|') +
    ')',
);
/^(FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|EvaluateScript|v8\.compile|MajorGC|MinorGC|V8\.GC|Layout|UpdateLayoutTree|PrePaint|Paint|Layerize|Commit|ParseHTML|XHRReadyStateChange|HandlePostMessage|ResourceReceivedData|v8\.run|BlinkGC|RunMicrotasks|Decode|ImageDecode|CreateImageBitmap|UpdateVideoFrame|.*Video.*|.*ImageBitmap.*)/;

function threadNames(events) {
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  return names;
}

/** Outermost complete events of one thread, sorted by start. */
function outermost(events) {
  const sorted = events.filter((e) => e.ph === 'X' && TOPLEVEL.has(e.name)).sort((a, b) => a.ts - b.ts);
  const out = [];
  let end = -Infinity;
  for (const e of sorted) {
    if (e.ts >= end) {
      out.push(e);
      end = e.ts + (e.dur ?? 0);
    }
  }
  return out;
}

function describe(task, threadEvents, sourceOf) {
  const end = task.ts + task.dur;
  const inner = threadEvents.filter(
    (e) =>
      e !== task &&
      e.ph === 'X' &&
      e.ts >= task.ts &&
      e.ts < end &&
      !TOPLEVEL.has(e.name) &&
      MEANINGFUL.test(e.name),
  );
  inner.sort((a, b) => b.dur - a.dur);
  const seen = new Set();
  const parts = [];
  for (const e of inner) {
    const data = e.args?.data ?? {};
    const what = data.functionName || data.type || (data.url ? where(data, sourceOf) : '');
    const label = what ? `${e.name}(${what})` : e.name;
    if (seen.has(label)) continue;
    seen.add(label);
    parts.push(`${label} ${(e.dur / 1000).toFixed(1)}`);
    if (parts.length === 4) break;
  }
  return parts.join(', ') || 'no instrumented work inside (native)';
}

/** A script position as file:line:column (both 1-based in traces), with the code found there when `sourceOf` has the file. */
function where({ url, lineNumber, columnNumber }, sourceOf) {
  const file = url.split('/').pop();
  const line = sourceOf?.(file)?.split('\n')[lineNumber - 1];
  const code = line ? ` \`${line.slice(columnNumber - 1, columnNumber + 23)}…\`` : '';
  return `${file}:${lineNumber}:${columnNumber}${code}`;
}

/**
 * `trace` is the parsed JSON; `sourceOf(fileName)` may return a script's text, to show
 * the code a long task ran. Returns { seconds, main: { tasks, over8, over16, over50,
 * longest: [{ ms, cpuMs, what }], busyShare }, threads: [{ name, busyShare, cpuShare }] }.
 */
export function analyseTrace(trace, { skipFirstMs = 500, sourceOf } = {}) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const names = threadNames(events);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  // The page's renderer: the process whose main thread hosts the scanner worker too.
  const workerPids = new Set(
    [...names].filter(([, n]) => n === 'DedicatedWorker thread').map(([k]) => k.split(':')[0]),
  );
  const mainKey = [...names].find(([k, n]) => n === 'CrRendererMain' && workerPids.has(k.split(':')[0]))?.[0];
  if (!mainKey) throw new Error('no renderer main thread with a dedicated worker in the trace');
  const pid = mainKey.split(':')[0];
  const all = events.filter((e) => e.ph === 'X' && e.ts > 0);
  const t0 = Math.min(...all.map((e) => e.ts)) + skipFirstMs * 1000;
  const t1 = Math.max(...all.map((e) => e.ts + (e.dur ?? 0)));
  const seconds = (t1 - t0) / 1e6;
  const inWindow = (e) => e.ts >= t0 && e.ts + e.dur <= t1;

  const mainEvents = byThread.get(mainKey) ?? [];
  const tasks = outermost(mainEvents).filter(inWindow);
  const longest = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 5);
  const busy = (list, key = 'dur') => list.reduce((a, e) => a + (e[key] ?? 0), 0) / 1e6 / seconds;
  const threads = [];
  for (const [key, list] of byThread) {
    if (key.split(':')[0] !== pid) continue;
    const top = outermost(list).filter(inWindow);
    if (!top.length) continue;
    threads.push({
      name: names.get(key) ?? key,
      tasks: top.length,
      busyShare: busy(top),
      cpuShare: busy(top, 'tdur'),
    });
  }
  threads.sort((a, b) => b.busyShare - a.busyShare);
  // Per frame: the worker's message task (decode), the main thread's animation frames
  // (where the controller grabs a frame), wall and thread CPU time.
  const workerKeys = [...names].filter(([k, n]) => n === 'DedicatedWorker thread' && k.startsWith(`${pid}:`));
  const decodes = workerKeys.flatMap(([k]) =>
    containing(byThread.get(k) ?? [], 'HandlePostMessage').filter(inWindow),
  );
  const frames = containing(mainEvents, 'FireAnimationFrame').filter(inWindow);
  return {
    seconds,
    main: {
      tasks: tasks.length,
      over8: tasks.filter((e) => e.dur > 8000).length,
      over16: tasks.filter((e) => e.dur > 16000).length,
      over50: tasks.filter((e) => e.dur > 50000).length,
      busyShare: busy(tasks),
      cpuOver16: tasks.filter((e) => (e.tdur ?? 0) > 16000).length,
      cpuOver8: tasks.filter((e) => (e.tdur ?? 0) > 8000).length,
      animationFrames: spread(frames),
      longest: longest.map((e) => ({
        ms: e.dur / 1000,
        cpuMs: (e.tdur ?? 0) / 1000,
        what: describe(e, mainEvents, sourceOf),
      })),
    },
    threads,
    workerDecodes: spread(decodes),
  };
}

/** Outermost tasks of a thread with an event called `name` inside. */
function containing(threadEvents, name) {
  const marks = threadEvents
    .filter((e) => e.name === name)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  return outermost(threadEvents).filter((t) => {
    const i = marks.findIndex((ts) => ts >= t.ts);
    return i >= 0 && marks[i] < t.ts + t.dur;
  });
}

/** Count, median and p95 of wall and CPU ms. */
function spread(tasks) {
  const q = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
  const wall = tasks.map((e) => e.dur / 1000);
  const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000);
  return { n: tasks.length, wall: [q(wall, 0.5), q(wall, 0.95)], cpu: [q(cpu, 0.5), q(cpu, 0.95)] };
}
