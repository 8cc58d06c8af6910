// POST /v1/terminals/heartbeat (docs/protocol.md "Heartbeat") against the real sandbox
// acquirer: authenticated like every terminal request, the latest heartbeat stored per
// terminal with the acquirer's time, and every refusal typed, signed and storing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerRows } from '../support/acquirer.mjs';
import { openSandbox, Terminal } from './terminal-client.mjs';

const PATH = '/v1/terminals/heartbeat';

let t; // the demo terminal
before(async () => {
  t = await openSandbox();
});
after(async () => t?.acquirer.stop());

const stored = () => ledgerRows(t.acquirer.dbPath, 'SELECT * FROM heartbeats ORDER BY terminal_id');

function health(overrides = {}) {
  return {
    version: '1.4.0',
    camera: 'ok',
    printer: 'ready',
    clock_skew_ms: -1200,
    unfinished: 1,
    last_error: 'printer_offline',
    journal_head: { seq: 42, hash: 'ab'.repeat(32) },
    ...overrides,
  };
}

function assertError(answer, status, code) {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.json.error.code, code);
  assert.ok(answer.json.error.message.length > 0);
}

test('a heartbeat is accepted, stored with the acquirer time, and replaced by the next', async () => {
  const sentAt = Date.now();
  const before = Date.now();
  const a = await t.post(PATH, health(), { timestampMs: sentAt });
  const after = Date.now();
  assert.equal(a.status, 200, a.body);
  assert.deepEqual(Object.keys(a.json), ['server_time_ms']);
  assert.ok(a.json.server_time_ms >= before && a.json.server_time_ms <= after);
  assert.ok(
    a.timestampMs >= before && a.timestampMs <= after,
    'the signed answer time is the acquirer clock',
  );
  const [row] = stored();
  assert.equal(row.terminal_id, t.terminalId);
  assert.ok(row.received_at >= before && row.received_at <= after);
  assert.equal(row.sent_at, sentAt);
  assert.deepEqual(
    [row.version, row.camera, row.printer, row.clock_skew_ms, row.unfinished, row.last_error],
    ['1.4.0', 'ok', 'ready', -1200, 1, 'printer_offline'],
  );
  assert.deepEqual([row.journal_seq, row.journal_hash], [42, 'ab'.repeat(32)]);

  const b = await t.post(PATH, health({ camera: 'lost', unfinished: 0, journal_head: undefined }));
  assert.equal(b.status, 200, b.body);
  const rows = stored();
  assert.equal(rows.length, 1, 'one row per terminal: the latest');
  assert.deepEqual(
    [rows[0].camera, rows[0].unfinished, rows[0].journal_seq, rows[0].journal_hash],
    ['lost', 0, 0, ''],
  );
});

test('refused heartbeats are typed, signed errors and change nothing', async () => {
  const body = JSON.stringify(health({ version: '9.9.9' }));
  await t.post(PATH, health());
  const before = stored();

  const unsigned = t.sign('POST', PATH, body);
  delete unsigned['Qrpos-Signature'];
  assertError(await t.send('POST', PATH, body, { headers: unsigned }), 400, 'missing_auth_headers');
  assertError(
    await t.send('POST', PATH, body, { headers: t.sign('POST', PATH, body + ' ') }),
    401,
    'bad_signature',
  );
  assertError(
    await t.send('POST', PATH, body, { timestampMs: Date.now() - 6 * 60_000 }),
    401,
    'stale_timestamp',
  );
  assertError(
    await t.send('POST', PATH, body, { timestampMs: Date.now() + 6 * 60_000 }),
    401,
    'stale_timestamp',
  );
  const stranger = new Terminal(t.core, t.acquirer, t.demo, { terminalId: 'T-NOPE-0001' });
  assertError(await stranger.send('POST', PATH, body), 401, 'unknown_terminal');
  for (const bad of [
    'not json',
    '{}',
    JSON.stringify(health({ camera: 'broken' })),
    JSON.stringify(health({ printer: 'jammed' })),
    JSON.stringify(health({ unfinished: -1 })),
    JSON.stringify(health({ clock_skew_ms: '5' })),
    JSON.stringify(health({ version: 'v'.repeat(33) })),
    JSON.stringify(health({ last_error: 'e'.repeat(65) })),
    JSON.stringify(health({ journal_head: { seq: 1, hash: 'nothex' } })),
  ]) {
    assertError(await t.send('POST', PATH, bad), 400, 'malformed_message');
  }
  assertError(
    await t.send('POST', PATH, JSON.stringify({ ...health(), pad: 'x'.repeat(2000) })),
    413,
    'body_too_large',
  );
  const huge = await fetch(t.acquirer.url + PATH, {
    method: 'POST',
    headers: t.sign('POST', PATH, 'x'.repeat(20_000)),
    body: 'x'.repeat(20_000),
  });
  assert.equal(huge.status, 413);
  assert.deepEqual(stored(), before);
  assert.equal(stored()[0].version, '1.4.0');
});

test('a replayed heartbeat is refused and stores nothing', async () => {
  const once = t.sign('POST', PATH, JSON.stringify(health({ unfinished: 3 })));
  const first = await t.send('POST', PATH, JSON.stringify(health({ unfinished: 3 })), { headers: once });
  assert.equal(first.status, 200, first.body);
  const before = stored();
  // Same nonce and signature again, later: refused whatever the body says.
  assertError(
    await t.send('POST', PATH, JSON.stringify(health({ unfinished: 3 })), { headers: once }),
    409,
    'replayed_nonce',
  );
  assert.deepEqual(stored(), before);
});

test('a stale heartbeat is answered with the acquirer time, signed, so the terminal can measure its clock', async () => {
  const hourBehind = Date.now() - 3_600_000;
  const before = Date.now();
  const a = await t.send('POST', PATH, JSON.stringify(health()), { timestampMs: hourBehind });
  assertError(a, 401, 'stale_timestamp');
  // t.send verified the signature over status, this timestamp, the nonce and the body.
  assert.ok(a.timestampMs >= before && a.timestampMs <= Date.now());
  assert.ok(Math.abs(hourBehind - a.timestampMs + 3_600_000) < 5_000);
});
