#!/usr/bin/env node
// Load benchmark for the sandbox acquirer's POST /v1/payments (not a test: it measures
// and reports, it asserts nothing about speed).
//
//   node bench/acquirer_load.mjs [--terminals 1,4,16,64] [--payments 2000]
//                                [--ledger disk|tmpfs|both] [--out FILE | --no-write]
//
// For every ledger location and every connection count N it starts a fresh acquirer
// (test/support/acquirer.mjs, real binary, SQLite WAL + synchronous=FULL), pre-builds
// and signs all pay requests with the wasm core BEFORE the clock starts (client signing
// is not server time), then sends them over N concurrent keep-alive connections and
// reports payments/s, latency percentiles, errors and the CPU seconds each side spent.
// `disk` puts the ledger in os.tmpdir(), `tmpfs` in /dev/shm: the gap between the two is
// the cost of fsync. Results go to stdout and bench/results/acquirer.md.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAcquirer, ledgerRows } from '../test/support/acquirer.mjs';
import { loadCore, signedPayRequest } from '../test/support/core.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const GOAL = { paymentsPerSecond: 1000, p99Ms: 50 };
const defaultOut = path.join(root, 'bench/results/acquirer.md');
const binary = process.env.QRPOS_ACQUIRER_BIN ?? 'build/native/acquirer/qrpos-acquirer';

function parseArgs(argv) {
  const opts = { terminals: [1, 4, 16, 64], payments: 2000, ledger: 'both', write: true, out: defaultOut };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value after ${arg}`);
      return argv[++i];
    };
    if (arg === '--terminals') opts.terminals = value().split(',').map(Number);
    else if (arg === '--payments') opts.payments = Number(value());
    else if (arg === '--ledger') opts.ledger = value();
    else if (arg === '--no-write') opts.write = false;
    else if (arg === '--out') opts.out = path.resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node bench/acquirer_load.mjs [--terminals 1,4,16,64] [--payments 2000] [--ledger disk|tmpfs|both] [--out FILE | --no-write]\n' +
          '  QRPOS_ACQUIRER_BIN=path runs another acquirer binary (e.g. an experimental build)',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  if (!opts.terminals.every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--terminals: positive integers');
  if (!Number.isInteger(opts.payments) || opts.payments < 10) throw new Error('--payments: an integer >= 10');
  if (!['disk', 'tmpfs', 'both'].includes(opts.ledger)) throw new Error('--ledger: disk, tmpfs or both');
  return opts;
}

const randomHex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const randomDigits = (n) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
// 18-digit WeChat code ending in "77": an ordinary success for the sandbox acquirer.
const freshCode = () => '13' + randomDigits(14) + '77';

// All requests signed up front; the acquirer allows timestamps up to 5 minutes old.
function buildRequests(core, demo, count) {
  const requests = [];
  for (let i = 0; i < count; i++) {
    const o = {
      outTradeNo: core.makeOutTradeNo(Date.now(), randomHex(8)).value,
      amount: 100 + crypto.randomInt(9900),
      currency: 'CNY',
    };
    requests.push({ o, ...signedPayRequest(core, demo, { ...o, authCode: freshCode() }) });
  }
  return requests;
}

function post(url, agent, req) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const r = http.request(url, { method: 'POST', agent, headers: req.headers, timeout: 30_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          reused: r.reusedSocket,
          status: res.statusCode,
          timestamp: res.headers['qrpos-timestamp'],
          signature: res.headers['qrpos-signature'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (err) =>
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, error: err.message }),
      );
    });
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', (err) =>
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, error: err.code ?? err.message }),
    );
    r.end(req.body);
  });
}

// Sends every request over `connections` concurrent keep-alive connections (the agent's).
async function send(url, agent, requests, connections) {
  const answers = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      answers[i] = await post(`${url}/v1/payments`, agent, requests[i]);
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(connections, requests.length) }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { answers, seconds };
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
// CPU seconds (user + system) the process has used so far, all threads.
function processCpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runOne(core, ledgerDir, connections, payments) {
  const dir = fs.mkdtempSync(path.join(ledgerDir, 'qrpos-bench-'));
  const acquirer = await startAcquirer({ demo: true, dbPath: path.join(dir, 'ledger.db') });
  // One agent for warm-up and run: the warm-up opens the N connections before the clock.
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  try {
    const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
    const warmup = buildRequests(core, demo, Math.max(connections, 50));
    const signT0 = process.hrtime.bigint();
    const requests = buildRequests(core, demo, payments);
    const signMs = Number(process.hrtime.bigint() - signT0) / 1e6;
    await send(acquirer.url, agent, warmup, connections);

    const serverCpu0 = processCpuSeconds(acquirer.pid);
    const clientCpu0 = process.cpuUsage();
    const { answers, seconds } = await send(acquirer.url, agent, requests, connections);
    const clientCpu = process.cpuUsage(clientCpu0);
    const serverCpu = processCpuSeconds(acquirer.pid) - serverCpu0;

    // Verified after the clock stopped, exactly as a terminal would.
    let ok = 0;
    const errors = new Map();
    const latencies = [];
    let newConnections = 0;
    answers.forEach((a, i) => {
      latencies.push(a.ms);
      if (a.reused === false) newConnections++;
      let why;
      if (a.error) why = `no answer (${a.error})`;
      else {
        const r = core.verifyPayResponse({
          acquirerPublicKeyHex: demo.acquirer_public_key,
          requestNonce: requests[i].nonce,
          outTradeNo: requests[i].o.outTradeNo,
          amount: requests[i].o.amount,
          currency: requests[i].o.currency,
          httpStatus: a.status,
          timestampMs: Number(a.timestamp ?? 0),
          signature: a.signature ?? '',
          body: a.body,
        });
        if (!r.ok) why = `unverified ${a.status} ${r.error.code}`;
        else if (r.status !== 'SUCCESS') why = `${a.status} ${r.status} ${r.errorCode}`;
      }
      if (why) errors.set(why, (errors.get(why) ?? 0) + 1);
      else ok++;
    });
    latencies.sort((a, b) => a - b);
    const rows = ledgerRows(acquirer.dbPath, 'SELECT COUNT(*) AS n FROM payments')[0].n;
    return {
      connections,
      payments,
      ok,
      errors,
      seconds,
      perSecond: ok / seconds,
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1],
      serverCpuMs: (serverCpu * 1000) / payments,
      clientCpuMs: (clientCpu.user + clientCpu.system) / 1000 / payments,
      newConnections,
      ledgerRows: rows,
      expectedRows: warmup.length + payments,
      signMsEach: signMs / payments,
    };
  } finally {
    agent.destroy();
    await acquirer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  let buildType = 'unknown';
  try {
    buildType = /^CMAKE_BUILD_TYPE:STRING=(.*)$/m.exec(
      fs.readFileSync(path.join(root, 'build/native/CMakeCache.txt'), 'utf8'),
    )?.[1];
  } catch {}
  let synchronous = 'unknown';
  try {
    const src = fs.readFileSync(path.join(root, 'acquirer/src/ledger.cpp'), 'utf8');
    const journal = /PRAGMA journal_mode=(\w+)/.exec(src)?.[1];
    const sync = /PRAGMA synchronous=(\w+)/.exec(src)?.[1];
    synchronous = `journal_mode=${journal}, synchronous=${sync} (acquirer/src/ledger.cpp)`;
  } catch {}
  return { model, nproc, kernel: os.release(), node: process.version, buildType, synchronous };
}

function binaryTime() {
  try {
    return fs
      .statSync(path.resolve(root, binary))
      .mtime.toISOString()
      .replace(/\.\d+Z$/, 'Z');
  } catch {
    return 'unknown';
  }
}

export function fsOf(dir) {
  try {
    return execFileSync('df', ['--output=fstype,source', dir], { encoding: 'utf8' })
      .trim()
      .split('\n')[1]
      .trim()
      .replace(/\s+/g, ' ');
  } catch {
    return 'unknown';
  }
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');

export function table(results) {
  const lines = [
    '| connections | payments | errors | payments/s | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/payment | client CPU ms/payment | new connections |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const errors = r.payments - r.ok;
    lines.push(
      `| ${r.connections} | ${r.payments} | ${errors} | ${Math.round(r.perSecond)} | ${f1(r.p50)} | ${f1(r.p90)} | ${f1(r.p99)} | ${f1(r.max)} | ${f2(r.serverCpuMs)} | ${f2(r.clientCpuMs)} | ${r.newConnections} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const core = await loadCore();
  const locations = [];
  if (opts.ledger !== 'tmpfs') locations.push({ name: 'disk', dir: os.tmpdir() });
  if (opts.ledger !== 'disk') {
    if (fs.existsSync('/dev/shm')) locations.push({ name: 'tmpfs', dir: '/dev/shm' });
    else console.error('no /dev/shm: skipping the tmpfs run');
  }
  const m = machine();
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const out = [
    '# Acquirer load benchmark: POST /v1/payments',
    '',
    `Generated by \`node bench/acquirer_load.mjs${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}\` on ${date}.`,
    '',
    `- machine: ${m.nproc} CPUs, ${m.model}, Linux ${m.kernel}`,
    `- node ${m.node}; acquirer ${binary} (build ${m.buildType}, file from ${binaryTime()}); client and server share the machine`,
    `- ledger: SQLite ${m.synchronous}`,
    `- goal (issue): >= ${GOAL.paymentsPerSecond} payments/s with p99 <= ${GOAL.p99Ms} ms on 2 cores, durability kept`,
    '- every request is a fresh payment (new out_trade_no, new code) from the demo terminal, signed',
    '  and sealed by the wasm core before the clock starts; answers verified after it stops',
    '- server CPU = user + system time of the acquirer process over the timed run, per payment;',
    '  client CPU = the same for this node process (HTTP only, no signing)',
    '- the warm-up (max(N, 50) payments, same agent) opens the N connections before the clock;',
    '  new connections = timed requests that still had to open one (cpp-httplib closes a',
    '  keep-alive connection after 5 requests by default)',
    '- analysis (where the time goes, fixes): bench/README.md',
  ];
  console.log(out.join('\n'));
  const summary = [];
  for (const loc of locations) {
    const where = `${loc.name}: ${loc.dir} (${fsOf(loc.dir)})`;
    console.log(`\n## ledger on ${where}\n`);
    const results = [];
    for (const n of opts.terminals) {
      process.stderr.write(`  ${loc.name}, ${n} connections, ${opts.payments} payments ... `);
      const r = await runOne(core, loc.dir, n, opts.payments);
      process.stderr.write(
        `${Math.round(r.perSecond)}/s p99 ${f1(r.p99)} ms (signing took ${f2(r.signMsEach)} ms each, not counted)\n`,
      );
      if (r.ledgerRows !== r.expectedRows) {
        console.error(`  ledger holds ${r.ledgerRows} payments, expected ${r.expectedRows}`);
      }
      for (const [why, count] of r.errors) console.error(`  error x${count}: ${why}`);
      results.push(r);
    }
    const t = table(results);
    // Errors and ledger mismatches by kind (a request with no answer may or may not be charged:
    // the ledger count tells which).
    const notes = [];
    for (const r of results) {
      for (const [why, count] of r.errors) notes.push(`- ${r.connections} connections: ${count} x ${why}`);
      if (r.ledgerRows !== r.expectedRows) {
        notes.push(
          `- ${r.connections} connections: ledger holds ${r.ledgerRows} payments of ${r.expectedRows} sent (warm-up included)`,
        );
      }
    }
    console.log(t);
    if (notes.length) console.log('\n' + notes.join('\n'));
    out.push('', `## Ledger on ${where}`, '', t);
    if (notes.length) out.push('', ...notes);
    const best = results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const meets = results.filter(
      (r) => r.perSecond >= GOAL.paymentsPerSecond && r.p99 <= GOAL.p99Ms && r.ok === r.payments,
    );
    summary.push(
      `- ${loc.name}: best ${Math.round(best.perSecond)} payments/s at ${best.connections} connections ` +
        `(p99 ${f1(best.p99)} ms); goal ${meets.length ? 'met at ' + meets.map((r) => r.connections).join(', ') + ' connections' : 'not met'}`,
    );
  }
  out.push('', '## Summary', '', ...summary, '');
  console.log(['', '## Summary', '', ...summary].join('\n'));
  if (opts.write) {
    const file = opts.out;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, out.join('\n'));
    console.error(`\nwritten to ${path.relative(process.cwd(), file)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
