// web/src/sdk/heartbeat.ts with the real core and the real sandbox acquirer: what it
// sends arrives (GET /admin/health.json), the clock skew comes back from the signed
// answer even when the acquirer refuses the time, and no answer is only a quiet miss.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Heartbeat, heartbeatBody } from '../../build/web-unit/heartbeat.js';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';

const ADMIN = 'heartbeat-unit-admin-token-0123';
const MIN = 60_000;
let acquirer;
let core;
let identity;

before(async () => {
  core = await loadCore();
  acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  identity = {
    terminalId: demo.terminal_id,
    seedHex: demo.seed,
    acquirerPublicKeyHex: demo.acquirer_public_key,
    acquirerUrl: acquirer.url,
  };
});
after(() => acquirer?.stop());

const snapshot = { version: 'qrpos-web/9.9.9', camera: 'ok', printer: 'none', lastError: '' };
const journal = (unfinished = 0, head) => ({
  unfinished: async () => Array(unfinished).fill({}),
  chainHead: async () => head,
});

async function healthRow() {
  const res = await fetch(`${acquirer.url}/admin/health.json`, {
    headers: { Authorization: `Bearer ${ADMIN}` },
  });
  assert.equal(res.status, 200);
  return (await res.json()).terminals.find((t) => t.terminal_id === identity.terminalId);
}

test('the body fits the protocol: printable ASCII, bounded, the head only once there is one', () => {
  const body = heartbeatBody(
    { version: 'v1\u00e9'.padEnd(40, 'x'), camera: 'lost', printer: 'paper_out', lastError: 'bad\ncode' },
    1234.6,
    2,
    undefined,
  );
  assert.equal(body.version.length, 32);
  assert.match(body.version, /^v1\?x+$/);
  assert.equal(body.last_error, 'bad?code');
  assert.equal(body.clock_skew_ms, 1235);
  assert.equal(body.unfinished, 2);
  assert.equal('journal_head' in body, false);
  assert.equal(heartbeatBody({ ...snapshot, version: '' }, 0, 0, { seq: 0, hash: '' }).version, 'unknown');
  const head = { seq: 7, hash: 'ab'.repeat(32) };
  assert.deepEqual(heartbeatBody(snapshot, 0, 0, head).journal_head, head);
});

test('a heartbeat arrives with what the terminal knows, and a right clock is not off', async () => {
  const clocks = [];
  const head = { seq: 3, hash: 'cd'.repeat(32) };
  const hb = new Heartbeat(core, {
    identity,
    journal: journal(1, head),
    snapshot: () => ({ ...snapshot, camera: 'denied', printer: 'ready', lastError: 'unreachable' }),
    onClock: (skew, off) => clocks.push({ skew, off }),
  });
  const answer = await hb.beat();
  assert.equal(answer.accepted, true);
  assert.equal(clocks.length, 1);
  assert.equal(clocks[0].off, false);
  assert.ok(Math.abs(clocks[0].skew) < 5_000, String(clocks[0].skew));
  const row = await healthRow();
  assert.equal(row.heartbeat.version, 'qrpos-web/9.9.9');
  assert.equal(row.heartbeat.camera, 'denied');
  assert.equal(row.heartbeat.printer, 'ready');
  assert.equal(row.heartbeat.unfinished, 1);
  assert.equal(row.heartbeat.last_error, 'unreachable');
  assert.deepEqual(row.heartbeat.journal_head, head);
});

test('a clock 10 min ahead: refused as stale, yet the skew is measured, reported and sent next time', async () => {
  const clocks = [];
  const hb = new Heartbeat(core, {
    identity,
    journal: journal(),
    snapshot: () => snapshot,
    onClock: (skew, off) => clocks.push({ skew, off }),
    now: () => Date.now() + 10 * MIN,
  });
  const answer = await hb.beat();
  assert.equal(answer.accepted, false);
  assert.equal(answer.errorCode, 'stale_timestamp');
  assert.equal(clocks[0].off, true);
  assert.ok(Math.abs(clocks[0].skew - 10 * MIN) < 5_000, String(clocks[0].skew));
  assert.equal(hb.clockSkewMs, clocks[0].skew);
  // 3 min ahead is inside the acquirer's window: stored, with the skew measured before, and still off.
  const hb3 = new Heartbeat(core, {
    identity,
    journal: journal(),
    snapshot: () => snapshot,
    onClock: (skew, off) => clocks.push({ skew, off }),
    now: () => Date.now() + 3 * MIN,
  });
  await hb3.beat();
  assert.equal(clocks[1].off, true);
  await hb3.beat();
  const row = await healthRow();
  assert.ok(Math.abs(row.heartbeat.clock_skew_ms - 3 * MIN) < 5_000, String(row.heartbeat.clock_skew_ms));
  assert.ok(row.flags.includes('clock_off'), JSON.stringify(row.flags));
});

test('no answer, or one not signed by the acquirer, is a quiet miss that tells nothing of the clock', async () => {
  const clocks = [];
  const options = { identity, journal: journal(), snapshot: () => snapshot, onClock: (s) => clocks.push(s) };
  const down = new Heartbeat(core, {
    ...options,
    fetch: async () => {
      throw new TypeError('Failed to fetch');
    },
  });
  assert.equal(await down.beat(), undefined);
  const forged = new Heartbeat(core, {
    ...options,
    fetch: async (url, init) => {
      const res = await fetch(url, init);
      const headers = new Headers(res.headers);
      headers.set('Qrpos-Timestamp', String(Date.now() - 30 * MIN));
      return new Response(await res.text(), { status: res.status, headers });
    },
  });
  assert.equal(await forged.beat(), undefined);
  assert.deepEqual(clocks, []);
});

test('start() sends at once and then every interval; stop() ends it; beats in flight are shared', async () => {
  let sent = 0;
  const hb = new Heartbeat(core, {
    identity,
    journal: journal(),
    snapshot: () => snapshot,
    intervalMs: 200,
    fetch: (url, init) => (sent++, fetch(url, init)),
  });
  hb.start();
  await new Promise((r) => setTimeout(r, 700));
  hb.stop();
  const atStop = sent;
  assert.ok(atStop >= 3 && atStop <= 5, String(atStop));
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(sent <= atStop + 1, `${sent} after stop at ${atStop}`);
  const before = sent;
  const [a, b] = await Promise.all([hb.beat(), hb.beat()]);
  assert.equal(a, b);
  assert.equal(sent, before + 1);
});
