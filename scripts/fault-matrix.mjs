// Payments through the real kiosk page (headless Chromium) against the real sandbox
// acquirer, one injected fault per sale, judged against the ledger: double charges,
// lost payments and screens that contradicted the ledger. Not part of `npm test`: it
// takes many minutes (the acquirer outage alone is over two).
//
//   node scripts/build.mjs && node scripts/fault-matrix.mjs [--runs 3] [--only name,name]
//
// Prints progress and a table, and writes it to bench/results/fault-matrix.md.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ledgerRows, startAcquirer } from '../test/support/acquirer.mjs';
import { launchBrowser, typeLikeScanner } from '../test/support/browser.mjs';
import { emptySceneVideo } from './fault-matrix/devices.mjs';
import { FAULTS } from './fault-matrix/faults.mjs';
import { FINAL, Kiosk, mask, randomAmount, sleep, wechatCode } from './fault-matrix/kiosk.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'web/dist');
const OUT = path.join(ROOT, 'bench/results/fault-matrix.md');
const say = (msg) => console.log(`[fault-matrix] ${msg}`);

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } },
});
const RUNS = Number(opts.runs);
const only = opts.only?.split(',').map((s) => s.trim());
const faults = only ? FAULTS.filter((f) => only.includes(f.name)) : FAULTS;
if (only && faults.length !== only.length) {
  throw new Error(`unknown fault in --only; known: ${FAULTS.map((f) => f.name).join(', ')}`);
}
if (!fs.existsSync(path.join(DIST, 'index.html')))
  throw new Error('web/dist is missing: run node scripts/build.mjs');

async function freePort() {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

// The outage row restarts the acquirer on the same port and ledger, so the kiosk's
// stored acquirer address stays right; startAcquirer has crash() and takes both.
// It passes no --admin-token, but the acquirer reads QRPOS_ADMIN_TOKEN.
const TOKEN = `fault-matrix-${crypto.randomBytes(12).toString('hex')}`;
process.env.QRPOS_ADMIN_TOKEN = TOKEN;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-fault-matrix-'));
const dbPath = path.join(dir, 'ledger.db');
const port = await freePort();
const acquirer = {
  handle: await startAcquirer({ demo: true, staticDir: DIST, dbPath, port }),
  get url() {
    return this.handle.url;
  },
  crash() {
    return this.handle.crash();
  },
  async restart() {
    await this.handle.stop().catch(() => undefined);
    this.handle = await startAcquirer({ demo: true, staticDir: DIST, dbPath, port });
  },
  async setFaults(list) {
    const res = await fetch(`${this.url}/admin/faults`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ faults: list }),
    });
    if (!res.ok) throw new Error(`PUT /admin/faults: ${res.status} ${await res.text()}`);
  },
};
const browser = await launchBrowser({});
const chromiumVersion = browser.version();
// Rows with `camera` need a browser whose fake camera shows an empty counter.
let cameraBrowser;
async function browserFor(fault) {
  if (!fault.camera) return browser;
  cameraBrowser ??= await launchBrowser({ cameraY4m: emptySceneVideo(dir) });
  return cameraBrowser;
}

async function runOnce(fault) {
  const kiosk = new Kiosk({
    browser: await browserFor(fault),
    url: acquirer.url,
    persistent: fault.persistent,
    initScripts: fault.initScripts,
  });
  const notes = [];
  const ctx = { kiosk, acquirer, note: (n) => notes.push(n) };
  const code = wechatCode(fault.suffix);
  const amount = randomAmount();
  try {
    await kiosk.open();
    await kiosk.page.waitForSelector('#app[data-screen=amount]', { timeout: 60_000 });
    if (fault.skewScript) {
      await kiosk.context.addInitScript(fault.skewScript);
      await kiosk.page.reload();
      await kiosk.page.waitForSelector('#app[data-screen=amount]', { timeout: 60_000 });
    }
    if (fault.prime) {
      // An earlier genuine answer on POST /v1/payments for the replay to use.
      await kiosk.enterAmount('1');
      await typeLikeScanner(kiosk.page, wechatCode());
      await kiosk.page.waitForSelector('#app[data-screen=paid]', { timeout: 30_000 });
      await kiosk.page.click('button[data-action=new-sale]');
      await kiosk.page.waitForSelector('#app[data-screen=amount]');
    }
    if (fault.prepare) await fault.prepare(ctx);
    const known = new Set((await kiosk.journal()).map((r) => r.id));
    await kiosk.enterAmount(amount.text);
    // The acquirer logs each fault that fires: proof the row tested what it names.
    const log = { handle: acquirer.handle, from: acquirer.handle.stderr().length };
    if (fault.faults) await acquirer.setFaults(fault.faults);
    kiosk.startPolling();
    if (fault.beforeScan) await fault.beforeScan(ctx);
    const t0 = Date.now();
    await typeLikeScanner(kiosk.page, code);
    const from = fault.during ? await fault.during(ctx) : 0;
    const final = await kiosk.waitSeen([...FINAL], fault.timeout ?? 90_000, from);
    if (!final) notes.push(`no final screen within ${(fault.timeout ?? 90_000) / 1000} s`);
    if (final === 'paid' && !ctx.order) ctx.order = await kiosk.paidOrder();
    await sleep(1_500); // a screen that flips after the final one is a finding too
    kiosk.polling = false;
    await acquirer.setFaults([]);
    if (fault.settleMs) await sleep(Math.max(0, t0 + fault.settleMs - Date.now()));

    if (fault.faults) {
      const text =
        log.handle.stderr().slice(log.from) +
        (log.handle === acquirer.handle ? '' : acquirer.handle.stderr());
      const kinds = text
        .split('\n')
        .filter((l) => l.includes('"fault_injected"'))
        .map((l) => `${/"fault":"([^"]+)"/.exec(l)?.[1]} on ${/"path":"([^"]+)"/.exec(l)?.[1]}`);
      notes.push(`faults fired: ${kinds.length ? kinds.join(', ') : 'none'}`);
    }
    const journal = (await kiosk.journal()).filter((r) => !known.has(r.id) && r.state.kind === 'pay');
    const m = mask(code);
    const byCode = ledgerRows(
      dbPath,
      `SELECT out_trade_no, status FROM trades WHERE auth_code_masked = '${m}' AND amount = ${amount.cents}`,
    );
    const outTradeNo = ctx.order || journal[0]?.state.out_trade_no || byCode[0]?.out_trade_no;
    const rows = outTradeNo
      ? ledgerRows(dbPath, `SELECT status FROM trades WHERE out_trade_no = '${outTradeNo}'`)
      : [];
    const record = journal.find((r) => r.state.out_trade_no === outTradeNo);
    if (journal.length > 1) notes.push(`${journal.length} journal records for one sale`);
    // What the row promises beyond money (a printer or camera problem said and got over).
    const problems = fault.check ? await fault.check(ctx) : [];
    const verdict = judge({
      fault,
      code: m,
      amount,
      screens: kiosk.screens,
      final,
      outTradeNo,
      rows,
      byCode,
      record,
      notes,
    });
    return problems.length ? { ...verdict, error: problems.join('; ') } : verdict;
  } catch (e) {
    kiosk.polling = false;
    await acquirer.setFaults([]).catch(() => undefined);
    return { error: String(e.message ?? e).split('\n')[0], screens: kiosk.screens, notes };
  } finally {
    await kiosk.close();
  }
}

function judge(r) {
  const success = r.rows.some((x) => x.status === 'SUCCESS');
  const successCount = r.byCode.filter((x) => x.status === 'SUCCESS').length;
  const finalScreen = r.final ?? r.screens.at(-1);
  const journalPaid = r.record?.final && r.record.state.outcome === 'paid';
  const double = successCount >= 2;
  const lost = (success && (finalScreen !== 'paid' || !journalPaid)) || (finalScreen === 'paid' && !success);
  const untruthful = r.screens.filter(
    (s) => (s === 'paid' && !success) || ((s === 'declined' || s === 'cancelled') && success),
  );
  if (r.record && !r.record.final) r.notes.push(`journal not final (${r.record.state.phase})`);
  return {
    ...r,
    finalScreen,
    status: r.rows.map((x) => x.status).join('+') || 'none',
    successCount,
    double,
    lost,
    untruthful: untruthful.length > 0,
    reason: r.record?.state.reason || '',
    journal: r.record ? `${r.record.final ? 'final' : 'open'} ${r.record.state.outcome}` : 'none',
  };
}

const plan = faults.flatMap((f) =>
  Array.from({ length: f.runs ?? RUNS }, (_, i) => ({ fault: f, run: i + 1 })),
);
const results = new Map(faults.map((f) => [f.name, []]));
const started = new Date();
say(`${plan.length} sales, acquirer ${acquirer.url}, ledger ${dbPath}`);
try {
  for (const [i, { fault, run }] of plan.entries()) {
    const r = await runOnce(fault);
    results.get(fault.name).push(r);
    const head = `${i + 1}/${plan.length} ${fault.name} run ${run}`;
    if (r.error) say(`${head}: ERROR ${r.error} (screens ${r.screens.join(' → ')})`);
    else {
      const flags = [r.double && 'DOUBLE CHARGE', r.lost && 'LOST', r.untruthful && 'UNTRUTHFUL'].filter(
        Boolean,
      );
      say(
        `${head}: ${r.finalScreen}${r.reason ? ` (${r.reason})` : ''}, ledger ${r.status} x${r.successCount}` +
          ` [${r.screens.join(' → ')}]${flags.length ? ' ' + flags.join(' ') : ''}${r.notes.length ? ' — ' + r.notes.join('; ') : ''}`,
      );
    }
  }
} finally {
  await browser.close().catch((e) => say(`browser close: ${e.message}`));
  await cameraBrowser?.close().catch((e) => say(`camera browser close: ${e.message}`));
  await acquirer.handle.stop().catch((e) => say(`acquirer stop: ${e.message}`));
}

function summary(list) {
  const count = (k) => list.filter((r) => r[k]).length;
  const finals = {};
  for (const r of list) {
    const k = r.error ? 'error' : r.finalScreen + (r.reason ? ` (${r.reason})` : '');
    finals[k] = (finals[k] ?? 0) + 1;
  }
  return {
    runs: list.length,
    double: count('double'),
    lost: count('lost'),
    untruthful: count('untruthful'),
    errors: count('error'),
    finals: Object.entries(finals)
      .map(([k, n]) => `${k} x${n}`)
      .join(', '),
  };
}

const table = [
  '| fault | runs | double charges | lost payments | untruthful screens | errors | final screens |',
  '|---|---|---|---|---|---|---|',
  ...faults.map((f) => {
    const s = summary(results.get(f.name));
    return `| ${f.name} | ${s.runs} | ${s.double} | ${s.lost} | ${s.untruthful} | ${s.errors} | ${s.finals} |`;
  }),
].join('\n');

const notes = faults.map((f) => {
  const runs = results
    .get(f.name)
    .map((r, i) =>
      r.error
        ? `run ${i + 1}: error: ${r.error} [${r.screens.join(' → ')}]`
        : `run ${i + 1}: ${r.screens.join(' → ')}; ledger ${r.status}; journal ${r.journal}` +
          (r.reason ? ` (${r.reason})` : '') +
          (r.notes.length ? `; ${r.notes.join('; ')}` : ''),
    );
  return `- **${f.name}** (${f.title}): ${runs.join(' · ')}`;
});

const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
const md = `# Fault matrix

Payments through the real kiosk page (headless Chromium) against the real sandbox
acquirer, one fault per sale (\`node scripts/fault-matrix.mjs --runs ${RUNS}${only ? ` --only ${only.join(',')}` : ''}\`).

- date: ${started.toISOString()}
- machine: ${os.cpus().length} cores (nproc ${execFileSync('nproc', { encoding: 'utf8' }).trim()}), ${cpu}
- Chromium: ${chromiumVersion}

Double charge: 2+ SUCCESS trades for one sale's code and amount. Lost payment: the
ledger has SUCCESS but the kiosk did not end on paid with a final "paid" journal
record, or the kiosk ended on paid without a SUCCESS. Untruthful screen: any screen
seen that contradicts the ledger's final status (paid without SUCCESS; declined or
cancelled while SUCCESS stands).

${table}

## What the kiosk did (screens polled every 50 ms)

${notes.join('\n')}
`;
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, md);
console.log('\n' + table);
say(`written to ${path.relative(ROOT, OUT)}`);
fs.rmSync(dir, { recursive: true, force: true });
