// Markdown tables for bench/end-to-end.mjs.
import { median, ms, quantile } from './e2e-stats.mjs';

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;

export function latencyMarkdown(pays) {
  const row = (label, key) => {
    const v = pays.map((p) => p[key]);
    return `| ${label} | ${ms(median(v))} | ${ms(quantile(v, 0.95))} | ${ms(Math.max(...v))} | ${ms(mean(v))} |`;
  };
  const requests = new Map();
  for (const p of pays) for (const r of p.requests) requests.set(r, (requests.get(r) ?? 0) + 1);
  return [
    '| scan -> paid, ms | p50 | p95 | max | mean |',
    '|---|---|---|---|---|',
    row('Enter -> "paid" screen in the DOM', 'dom'),
    row('Enter -> "paid" screen painted (next frame)', 'painted'),
    row('of which: read-write IndexedDB transactions (strict durability)', 'idb'),
    row('of which: HTTP to the acquirer (round trip incl. its work)', 'http'),
    row('of which: the rest (JS, wasm core, rendering; neither of the above)', 'other'),
    '',
    `Per payment: ${median(pays.map((p) => p.writes))} read-write transactions (median); requests: ` +
      [...requests].map(([path, n]) => `\`${path}\` x ${(n / pays.length).toFixed(2)}`).join(', ') +
      '. The three parts are the time covered by each kind of work between Enter and the DOM update ' +
      '(IndexedDB and HTTP can overlap: the rest is what neither covers), so their p50s need not add up.',
  ].join('\n');
}

const LOAD_ROWS = [
  ['HTML received', 'html'],
  ['JS and CSS received', 'code'],
  ['kiosk JS ran (`<qrpos-terminal>` defined)', 'defined'],
  ['core wasm instantiated', 'wasmEnd'],
  ['**ready to scan** (`ready` resolved, amount screen painted)', 'ready'],
  ['— core wasm instantiate (duration)', 'wasm'],
  ['— IndexedDB open (duration)', 'idbOpen'],
  ['— config + activation requests (first start to last end)', 'api'],
  ['— of which waiting on those requests', 'apiBusy'],
  ['— read-write IndexedDB transactions (time covered)', 'writes'],
  ['— PBKDF2 hash of the PIN (at activation)', 'derive'],
];

/** loads: [{ label, records }] -> one column per label, medians (and max of ready). */
export function loadMarkdown(loads) {
  const head = `| ms since navigation start (median) | ${loads.map((l) => l.label).join(' | ')} |`;
  const rows = LOAD_ROWS.map(
    ([label, key]) =>
      `| ${label} | ${loads.map((l) => ms(median(l.records.map((r) => r[key])))).join(' | ')} |`,
  );
  const spread = `| ready to scan: min – max | ${loads
    .map(
      (l) =>
        `${ms(Math.min(...l.records.map((r) => r.ready)))} – ${ms(Math.max(...l.records.map((r) => r.ready)))}`,
    )
    .join(' | ')} |`;
  const calls = `| requests to the acquirer | ${loads.map((l) => l.records[0].apiCalls).join(' | ')} |`;
  const cached = `| files from the HTTP cache (median) | ${loads
    .map((l) => median(l.records.map((r) => r.cachedFiles)))
    .join(' | ')} |`;
  return [head, `|---|${loads.map(() => '---').join('|')}|`, ...rows, spread, calls, cached].join('\n');
}
