// POST /admin/journal/verify and the /admin/journal page (docs/sandbox.md "Journal
// verification"), against the real acquirer: a chain the demo terminal signed (in the
// wasm core) is checked natively with the key it registered, in segments, and against
// the journal head of its latest heartbeat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';
import { makeChain } from '../support/journal-chain.mjs';
import { Terminal } from './terminal-client.mjs';

const ADMIN = 'journal-admin-token-0123456789ab';
let acquirer;
let terminal;
let core;

before(async () => {
  core = await loadCore();
  acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  terminal = new Terminal(core, acquirer, demo);
});
after(() => acquirer?.stop());

const chain = (n, seed = terminal.seed) => makeChain(core, seed, n);

async function verify(body, token = ADMIN) {
  const res = await fetch(`${acquirer.url}/admin/journal/verify`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const problem = (r) => [r.json.ok, r.json.problem, r.json.index, r.json.seq];

test('an intact chain verifies with the registered key, also in segments', async () => {
  const { lines, head } = chain(6);
  const whole = await verify({ terminal_id: terminal.terminalId, chain: lines });
  assert.equal(whole.status, 200);
  assert.deepEqual(problem(whole), [true, 'none', 0, 0]);
  assert.deepEqual(whole.json.head, head);
  const first = await verify({ terminal_id: terminal.terminalId, chain: lines.slice(0, 3), last: false });
  assert.equal(first.json.ok, true);
  const second = await verify({
    terminal_id: terminal.terminalId,
    chain: lines.slice(3),
    after: first.json.head,
  });
  assert.deepEqual(problem(second), [true, 'none', 0, 0]);
  assert.deepEqual(second.json.head, head);
});

test('tampering is named with the entry and the reason', async () => {
  const { lines } = chain(5);
  const id = terminal.terminalId;
  const changed = [...lines];
  changed[2] = changed[2].replace('"step\\":2', '"step\\":7');
  assert.notEqual(changed[2], lines[2]);
  assert.deepEqual(problem(await verify({ terminal_id: id, chain: changed })), [false, 'changed', 2, 3]);
  assert.deepEqual(
    problem(await verify({ terminal_id: id, chain: [...lines.slice(0, 1), ...lines.slice(2)] })),
    [false, 'removed', 1, 2],
  );
  const swapped = [lines[0], lines[1], lines[3], lines[2], lines[4]];
  assert.deepEqual(problem(await verify({ terminal_id: id, chain: swapped })), [false, 'reordered', 2, 4]);
  // A whole chain signed by another key, even with that key in the file: the registered key decides.
  const forged = chain(5, crypto.randomBytes(32).toString('hex'));
  assert.deepEqual(problem(await verify({ terminal_id: id, chain: forged.lines, public_key: 'ignored' })), [
    false,
    'bad_signature',
    0,
    1,
  ]);
});

test("a cut at the end is caught with the latest heartbeat's journal head", async () => {
  const { lines } = chain(5);
  const beat = {
    version: '1.4.0',
    camera: 'ok',
    printer: 'none',
    clock_skew_ms: 0,
    unfinished: 0,
    last_error: '',
    journal_head: { seq: 4, hash: JSON.parse(lines[3]).hash },
  };
  assert.equal((await terminal.post('/v1/terminals/heartbeat', beat)).status, 200);
  const id = terminal.terminalId;
  assert.equal(
    (await verify({ terminal_id: id, chain: lines })).json.ok,
    true,
    'entries after the head are fine',
  );
  const cut = await verify({ terminal_id: id, chain: lines.slice(0, 3) });
  assert.deepEqual(problem(cut), [false, 'removed', 3, 4]);
  assert.deepEqual(cut.json.heartbeat_head, beat.journal_head);
  // A segment that is not the last may end before the head.
  assert.equal((await verify({ terminal_id: id, chain: lines.slice(0, 3), last: false })).json.ok, true);
  // Another history of the same length does not contain the reported entry.
  const rebuilt = [];
  let h = { seq: 0, hash: '' };
  for (let i = 0; i < 5; i++) {
    const r = core.chainJournalEntry(terminal.seed, h.seq, h.hash, 1, 'S-2', `{"other":${i}}`);
    rebuilt.push(r.value);
    const e = JSON.parse(r.value);
    h = { seq: e.seq, hash: e.hash };
  }
  assert.deepEqual(problem(await verify({ terminal_id: id, chain: rebuilt })), [false, 'changed', 3, 4]);
});

test('refusals: token, unknown terminal, malformed bodies', async () => {
  const { lines } = chain(1);
  assert.equal((await verify({ terminal_id: terminal.terminalId, chain: lines }, 'wrong')).status, 401);
  const unknown = await verify({ terminal_id: 'T-NOPE-0001', chain: lines });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.code, 'unknown_terminal');
  for (const body of [{}, { terminal_id: 'x' }, { terminal_id: terminal.terminalId, chain: [1] }]) {
    assert.equal((await verify(body)).status, 400, JSON.stringify(body));
  }
  const badAfter = await verify({ terminal_id: terminal.terminalId, chain: lines, after: { seq: 1 } });
  assert.equal(badAfter.status, 400);
  assert.deepEqual(problem(await verify({ terminal_id: terminal.terminalId, chain: [] })), [
    false,
    'empty',
    0,
    0,
  ]);
});

test('the journal page is bilingual, under a strict CSP, and sends the chain in segments', async () => {
  const res = await fetch(`${acquirer.url}/admin/journal`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const page = await res.text();
  assert.match(page, /日志校验/);
  assert.match(page, /Journal verification/);
  assert.match(page, /type="file"/);
  assert.match(page, /<script src="\/admin\/journal.js"><\/script>/);
  const script = await (await fetch(`${acquirer.url}/admin/journal.js`)).text();
  assert.match(script, /\/admin\/journal\/verify/);
  assert.match(script, /已被篡改 TAMPERED/);
  assert.match(script, /完整 INTACT/);
  assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
});
