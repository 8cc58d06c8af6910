// The journal verification CLI (scripts/verify-journal.mjs, `npm run verify-journal`)
// on export files of a chain the demo terminal signed, with the file's key and with
// the key and heartbeat head from a real sandbox. Exit 0 intact, 1 tampered, 2 cannot check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';
import { makeChain } from '../support/journal-chain.mjs';
import { Terminal } from './terminal-client.mjs';

const ADMIN = 'verify-admin-token-0123456789ab';
const script = fileURLToPath(new URL('../../scripts/verify-journal.mjs', import.meta.url));
let acquirer;
let terminal;
let core;
let publicKey;

before(async () => {
  core = await loadCore();
  acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  terminal = new Terminal(core, acquirer, demo);
  publicKey = core.publicKeyFromSeed(demo.seed).value;
});
after(() => acquirer?.stop());

const chain = (n, seed = terminal.seed) => makeChain(core, seed, n).lines;

let files = 0;
function run(exported, extra = []) {
  const file = path.join(acquirer.dir, `export-${files++}.json`);
  fs.writeFileSync(file, typeof exported === 'string' ? exported : JSON.stringify(exported));
  const r = spawnSync(process.execPath, [script, file, ...extra], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}
const online = ['--acquirer', '', '--admin-token', ADMIN];
const withAcquirer = () => online.map((a) => a || acquirer.url);

test("an intact export passes with the file's key, with a warning that the key proves little", () => {
  const r = run({ terminal_id: terminal.terminalId, public_key: publicKey, chain: chain(4) });
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /intact: chain and signatures valid \/ 完整：链与签名均有效/);
  assert.match(r.out, /warning: using the key in the file itself/);
  assert.match(r.out, /警告/);
});

test('a changed, removed or reordered entry exits 1 and says which and why, in both languages', () => {
  const lines = chain(4);
  const file = (c) => ({ terminal_id: terminal.terminalId, public_key: publicKey, chain: c });
  const changed = [...lines];
  changed[1] = changed[1].replace('"step\\":1', '"step\\":9');
  let r = run(file(changed));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /TAMPERED \/ 已被篡改: entry 2 \(seq 2\): changed.* \/ 第 2 条：内容被修改/);
  r = run(file([lines[0], lines[2], lines[3]]));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /entry 2 \(seq 2\): removed.*记录被删除/);
  r = run(file([lines[0], lines[2], lines[1], lines[3]]));
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /entry 2 \(seq 3\): reordered.*顺序被调换/);
});

test('with --acquirer the registered key decides, so a file rewritten with another key is caught', () => {
  const otherSeed = crypto.randomBytes(32).toString('hex');
  const rewritten = {
    terminal_id: terminal.terminalId,
    public_key: core.publicKeyFromSeed(otherSeed).value,
    chain: chain(3, otherSeed),
  };
  assert.equal(run(rewritten).status, 0, 'the file alone cannot tell');
  const r = run(rewritten, withAcquirer());
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /the key in the file is not the one the terminal registered/);
  assert.match(r.out, /entry 1 \(seq 1\): bad signature/);
  assert.doesNotMatch(r.out, /warning: using the key in the file/);
});

test("with --acquirer a cut at the end is caught by the latest heartbeat's head", async () => {
  const lines = chain(5);
  const beat = {
    version: '1.4.0',
    camera: 'ok',
    printer: 'none',
    clock_skew_ms: 0,
    unfinished: 0,
    last_error: '',
    journal_head: { seq: 5, hash: JSON.parse(lines[4]).hash },
  };
  assert.equal((await terminal.post('/v1/terminals/heartbeat', beat)).status, 200);
  const whole = run({ terminal_id: terminal.terminalId, chain: lines }, withAcquirer());
  assert.equal(whole.status, 0, whole.out);
  assert.match(whole.out, /latest heartbeat head \/ 最近心跳的链头: seq 5/);
  const cut = run({ terminal_id: terminal.terminalId, chain: lines.slice(0, 3) }, withAcquirer());
  assert.equal(cut.status, 1, cut.out);
  assert.match(cut.out, /entry 4 \(seq 4\): removed/);
});

test('files and acquirers it cannot use exit 2', () => {
  assert.equal(run('not json').status, 2);
  assert.equal(run({ records: [] }).status, 2);
  assert.equal(run({ terminal_id: 'T', chain: [] }).status, 2, 'no key at all');
  assert.equal(run({ terminal_id: 'T-NOPE-0001', chain: [] }, withAcquirer()).status, 2);
  const wrongToken = run({ terminal_id: terminal.terminalId, chain: [] }, [
    '--acquirer',
    acquirer.url,
    '--admin-token',
    'nope',
  ]);
  assert.equal(wrongToken.status, 2);
  assert.match(wrongToken.out, /HTTP 401/);
  assert.equal(
    run({ terminal_id: 'T', chain: [] }, ['--acquirer', 'http://127.0.0.1:1', '--admin-token', 'x']).status,
    2,
  );
  const noFile = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /usage/);
});
