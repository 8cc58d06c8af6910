// The operator's health page and GET /admin/health.json (docs/sandbox.md "Terminal
// health"), against the real acquirer: terminals with and without heartbeats, the
// silent and clock flags, the admin token, a strict CSP, both languages, and text a
// terminal sent shown only as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerRows } from '../support/acquirer.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';
import { Terminal } from './terminal-client.mjs';

const ADMIN = 'health-admin-token-0123456789ab';
let acquirer;
let terminal;

before(async () => {
  acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  terminal = new Terminal(await loadCore(), acquirer, demo);
});
after(() => acquirer?.stop());

const health = (token = ADMIN) =>
  fetch(`${acquirer.url}/admin/health.json`, { headers: { Authorization: `Bearer ${token}` } });

async function demoRow() {
  const res = await health();
  assert.equal(res.status, 200);
  const body = await res.json();
  return { body, row: body.terminals.find((t) => t.terminal_id === terminal.terminalId) };
}

test('health.json needs the admin token', async () => {
  assert.equal((await health('wrong')).status, 401);
  assert.equal((await fetch(`${acquirer.url}/admin/health.json`)).status, 401);
});

test('a terminal that never sent a heartbeat is flagged', async () => {
  const { body, row } = await demoRow();
  assert.ok(Math.abs(body.server_time_ms - Date.now()) < 5_000);
  assert.equal(body.silent_after_ms, 300_000);
  assert.equal(body.clock_warning_ms, 120_000);
  assert.equal(row.heartbeat, null);
  assert.deepEqual(row.flags, ['no_heartbeat']);
});

test('the latest heartbeat is listed with its age, and a clock off by more than 2 min is flagged', async () => {
  const sent = {
    version: '1.4.0',
    camera: 'ok',
    printer: 'ready',
    clock_skew_ms: 0,
    unfinished: 0,
    last_error: '',
  };
  assert.equal((await terminal.post('/v1/terminals/heartbeat', sent)).status, 200);
  let { row } = await demoRow();
  assert.deepEqual(row.flags, []);
  assert.equal(row.heartbeat.version, '1.4.0');
  assert.ok(row.heartbeat.age_ms >= 0 && row.heartbeat.age_ms < 5_000);
  assert.equal(row.heartbeat.journal_head, null);

  const skewed = {
    ...sent,
    clock_skew_ms: -180_000,
    unfinished: 2,
    last_error: 'network',
    journal_head: { seq: 3, hash: 'ef'.repeat(32) },
  };
  assert.equal((await terminal.post('/v1/terminals/heartbeat', skewed)).status, 200);
  ({ row } = await demoRow());
  assert.deepEqual(row.flags, ['clock_off', 'unfinished', 'error']);
  assert.deepEqual(row.heartbeat.journal_head, { seq: 3, hash: 'ef'.repeat(32) });

  // The acquirer's own measure: a heartbeat stamped 3 min ahead, within the 5 min window.
  assert.equal(
    (await terminal.post('/v1/terminals/heartbeat', sent, { timestampMs: Date.now() + 180_000 })).status,
    200,
  );
  ({ row } = await demoRow());
  assert.deepEqual(row.flags, ['clock_off']);
  assert.ok(row.heartbeat.observed_skew_ms > 170_000);
});

test('a terminal silent for more than 5 minutes is flagged', async () => {
  // Its last heartbeat six minutes old (the sandbox has no clock to wind forward).
  ledgerRows(
    acquirer.dbPath,
    `UPDATE heartbeats SET received_at = received_at - 360000, sent_at = sent_at - 360000`,
  );
  const { row } = await demoRow();
  assert.ok(row.heartbeat.age_ms >= 360_000);
  assert.deepEqual(row.flags, ['silent', 'clock_off']);
});

test('the page is bilingual, under a strict CSP, and shows terminal text only as text', async () => {
  const markup = '<script>alert(1)</script>';
  const evil = {
    version: '<img src=x>',
    camera: 'ok',
    printer: 'none',
    clock_skew_ms: 0,
    unfinished: 0,
    last_error: markup,
  };
  assert.equal((await terminal.post('/v1/terminals/heartbeat', evil)).status, 200);

  const res = await fetch(`${acquirer.url}/admin/health`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const page = await res.text();
  assert.match(page, /终端健康/);
  assert.match(page, /Terminal health/);
  assert.match(page, /管理令牌 Admin token/);
  assert.doesNotMatch(page, /<script>(?!<\/script>)[^<]/, 'no inline script');
  assert.ok(!page.includes(markup) && !page.includes('<img src=x>'), 'no terminal data in the HTML');
  assert.match(page, /<script src="\/admin\/health.js"><\/script>/);

  // The data reaches the page as JSON strings, and the script writes them with textContent only.
  const { row } = await demoRow();
  assert.equal(row.heartbeat.last_error, markup);
  const script = await (await fetch(`${acquirer.url}/admin/health.js`)).text();
  assert.match(script, /textContent/);
  assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  assert.match(script, /超过 5 分钟无心跳 No heartbeat for > 5 min/);
  assert.match(script, /时钟偏差超过 2 分钟 Clock off by > 2 min/);
  assert.doesNotMatch(
    script,
    /localStorage|sessionStorage|[?&]token=/,
    'the token stays in memory, out of URLs',
  );
  const css = await fetch(`${acquirer.url}/admin/admin.css`);
  assert.match(css.headers.get('content-type'), /text\/css/);
});
