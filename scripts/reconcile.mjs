// `npm run reconcile -- --journal FILE --acquirer URL --admin-token TOKEN [--date YYYY-MM-DD]`:
// a terminal's exported journal (Settings -> Export journal) against the acquirer's
// daily report for that terminal, per scheme. Exit 0: reconciled; 1: differences
// (listed); 2: could not compare (bad arguments, unreachable acquirer, bad file).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message) {
  console.error(`reconcile: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      journal: { type: 'string' },
      acquirer: { type: 'string', default: 'http://localhost:8080' },
      'admin-token': { type: 'string', default: process.env.QRPOS_ADMIN_TOKEN },
      date: { type: 'string' },
    },
  }).values;
} catch (e) {
  fail(e.message);
}
if (!args.journal) fail('--journal FILE is required (Settings -> Export journal on the terminal)');
if (!args['admin-token'])
  fail('--admin-token (or QRPOS_ADMIN_TOKEN) is required: `qrpos-acquirer admin-token` shows it');

let exported;
try {
  exported = JSON.parse(fs.readFileSync(args.journal, 'utf8'));
} catch (e) {
  fail(`cannot read ${args.journal}: ${e.message}`);
}
if (!exported?.terminal_id || !Array.isArray(exported.records))
  fail(`${args.journal} is not a journal export`);
const date = args.date ?? exported.date;
if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) fail('--date YYYY-MM-DD is required for this file');

const res = await fetch(
  `${args.acquirer}/admin/reports/daily?terminal=${encodeURIComponent(exported.terminal_id)}&date=${date}`,
  { headers: { Authorization: `Bearer ${args['admin-token']}` } },
).catch((e) => fail(`cannot reach ${args.acquirer}: ${e.cause?.message ?? e.message}`));
if (!res.ok) fail(`the acquirer answered HTTP ${res.status}: ${await res.text()}`);
const report = await res.text();

// Reconciliation lives in the tools module (wasm/tools/bind_reconcile.cpp).
const wasm = `${root}build/wasm/wasm/qrpos_tools.wasm`;
if (!fs.existsSync(wasm)) fail(`${wasm} is missing: run npm run build`);
const { default: createQrposTools } = await import(`${root}build/wasm/wasm/qrpos_tools.mjs`);
const tools = await createQrposTools({ wasmBinary: fs.readFileSync(wasm) });
const currency = JSON.parse(report).currency;
const r = tools.reconcileDay(JSON.stringify(exported.records), report, date, currency);
if (!r.ok) fail(`${r.error.code}: ${r.error.detail}`);
const { terminal, differences } = JSON.parse(r.value);

console.log(`terminal ${exported.terminal_id}, ${date} (China time), ${currency}`);
console.log(
  `  terminal: ${terminal.total_count} sales ${terminal.total_amount}, refunds ${terminal.refund_amount}, net ${terminal.net_amount}`,
);
const a = JSON.parse(report);
console.log(
  `  acquirer: ${a.total_count} sales ${a.total_amount}, refunds ${a.refund_amount}, net ${a.net_amount}`,
);
if (differences.length === 0) {
  console.log('reconciled: every figure matches / 账目一致');
  process.exit(0);
}
console.log('DIFFERENCES / 账目不一致 (amounts in minor units):');
console.log(
  `  ${'scheme'.padEnd(10)} ${'figure'.padEnd(14)} ${'terminal'.padStart(10)} ${'acquirer'.padStart(10)}`,
);
for (const d of differences) {
  console.log(
    `  ${d.scheme.padEnd(10)} ${d.field.padEnd(14)} ${String(d.terminal).padStart(10)} ${String(d.acquirer).padStart(10)}`,
  );
}
process.exit(1);
