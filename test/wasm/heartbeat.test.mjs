// wasm/bind_heartbeat.cpp against the real sandbox acquirer: a heartbeat signed
// in the boot core is stored, and its verified answer gives the clock skew, also
// when the acquirer refuses a terminal whose clock is far off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { loadCore } from '../support/core.mjs';

const rand = (n) => crypto.randomBytes(n).toString('hex');
let core;
let acquirer;
let demo; // GET /demo/terminal.json: terminal_id, seed, acquirer_public_key

before(async () => {
  core = await loadCore();
  acquirer = await startAcquirer({ demo: true });
  demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
});
after(() => acquirer?.stop());

const HEALTH = {
  version: '1.4.0',
  camera: 'denied',
  printer: 'paper_out',
  clock_skew_ms: 0,
  unfinished: 2,
  last_error: 'camera_denied',
  journal_head: { seq: 7, hash: 'cd'.repeat(32) },
};

function build(health, timestampMs = Date.now()) {
  const r = core.buildHeartbeatRequest(
    demo.terminal_id,
    demo.seed,
    JSON.stringify(health),
    timestampMs,
    rand(16),
  );
  assert.ok(r.ok, r.error?.detail);
  return JSON.parse(r.value);
}

async function send(req) {
  const res = await fetch(acquirer.url + req.path, {
    method: req.method,
    headers: req.headers,
    body: req.body,
  });
  return {
    httpStatus: res.status,
    timestampMs: Number(res.headers.get('qrpos-timestamp')),
    signature: res.headers.get('qrpos-signature') ?? '',
    body: await res.text(),
  };
}

function read(req, a, nowMs = Date.now(), key = demo.acquirer_public_key) {
  return core.readHeartbeatAnswer(key, req.nonce, a.httpStatus, a.timestampMs, a.signature, a.body, nowMs);
}

test('a heartbeat built in wasm is stored, and its answer says the clock is right', async () => {
  const req = build(HEALTH);
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/v1/terminals/heartbeat');
  assert.deepEqual(JSON.parse(req.body), HEALTH);
  const a = await send(req);
  assert.equal(a.httpStatus, 200, a.body);
  const r = read(req, a);
  assert.ok(r.ok, r.error?.detail);
  const answer = JSON.parse(r.value);
  assert.equal(answer.accepted, true);
  assert.equal(answer.errorCode, '');
  assert.equal(answer.serverTimeMs, a.timestampMs);
  assert.ok(Math.abs(answer.clockSkewMs) < 2_000, `skew ${answer.clockSkewMs}`);
  assert.equal(answer.clockOff, false);
  const [row] = ledgerRows(acquirer.dbPath, 'SELECT * FROM heartbeats');
  assert.deepEqual(
    [row.terminal_id, row.camera, row.printer, row.unfinished, row.last_error, row.journal_seq],
    [demo.terminal_id, 'denied', 'paper_out', 2, 'camera_denied', 7],
  );
});

test('a terminal an hour behind is refused, and the signed refusal still gives its skew', async () => {
  const terminalNow = Date.now() - 3_600_000;
  const req = build({ ...HEALTH, unfinished: 9 }, terminalNow);
  const a = await send(req);
  assert.equal(a.httpStatus, 401, a.body);
  const r = read(req, a, terminalNow);
  assert.ok(r.ok, r.error?.detail);
  const answer = JSON.parse(r.value);
  assert.equal(answer.accepted, false);
  assert.equal(answer.errorCode, 'stale_timestamp');
  assert.ok(Math.abs(answer.clockSkewMs + 3_600_000) < 5_000, `skew ${answer.clockSkewMs}`);
  assert.equal(answer.clockOff, true);
  assert.equal(
    ledgerRows(acquirer.dbPath, 'SELECT unfinished FROM heartbeats')[0].unfinished,
    2,
    'not stored',
  );
});

test('an answer that does not verify tells nothing', async () => {
  const req = build(HEALTH);
  const a = await send(req);
  assert.equal(read(req, { ...a, timestampMs: a.timestampMs + 1 }).error.code, 'bad_signature');
  assert.equal(read({ nonce: '0'.repeat(32) }, a).error.code, 'bad_signature');
  assert.equal(read(req, a, Date.now(), rand(32)).error.code, 'bad_signature');
});

test('a heartbeat the acquirer would refuse is not built', () => {
  const bad = (health, entropy = rand(16)) =>
    core.buildHeartbeatRequest(demo.terminal_id, demo.seed, JSON.stringify(health), Date.now(), entropy).error
      .code;
  assert.equal(bad({ ...HEALTH, camera: 'broken' }), 'invalid_field');
  assert.equal(bad({ ...HEALTH, last_error: 'x'.repeat(65) }), 'invalid_field');
  assert.equal(bad({ version: '1' }), 'malformed_message');
  assert.equal(bad(HEALTH, rand(8)), 'invalid_key');
});
