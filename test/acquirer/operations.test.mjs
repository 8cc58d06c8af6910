// Running the acquirer: flags and their environment variables, one-line errors with
// exit code 2 for a bad configuration, TLS, the encrypted key file (and moving an
// old ledger's secrets into it), and structured logs that never hold secrets.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { ledgerRows } from '../support/acquirer.mjs';
import { loadCore } from '../support/core.mjs';
import { Terminal, wechatCode } from './terminal-client.mjs';
import { startOwn, runCli, tempDir } from '../support/acquirer-cli.mjs';

let core;
before(async () => {
  core = await loadCore();
});

const publicKey = async (url) => (await (await fetch(`${url}/v1/acquirer`)).json()).public_key;

function withDir(fn) {
  return async () => {
    const dir = tempDir();
    try {
      await fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('--help lists every flag and exits 0', () => {
  const r = runCli(['--help']);
  assert.equal(r.status, 0);
  for (const flag of ['--db', '--keys', '--host', '--port', '--tls-cert', '--tls-key', '--insecure-http',
    '--admin-token', '--fault', '--static', '--demo', 'QRPOS_KEY_PASSPHRASE', 'issue-activation-code']) {
    assert.ok(r.stdout.includes(flag), `--help mentions ${flag}`);
  }
});

test('a bad configuration is one line on stderr and exit code 2', withDir((dir) => {
  const db = path.join(dir, 'ledger.db');
  fs.writeFileSync(path.join(dir, 'a-file'), 'x');
  const cases = [
    [['--db', db, '--port', '70000'], {}, /bad port/],
    [['--db', db], { QRPOS_PORT: 'eighty' }, /bad port/],
    [['--db', db, '--tls-cert', path.join(dir, 'missing.pem'), '--tls-key', path.join(dir, 'missing.key')], {}, /TLS file not found/],
    [['--db', db, '--tls-cert', path.join(dir, 'a-file')], {}, /both --tls-cert and --tls-key/],
    [['--db', db, '--host', '0.0.0.0'], {}, /without TLS.*--insecure-http/],
    [['--db', db, '--keys', path.join(dir, 'a-file', 'keys')], {}, /key (folder|file)/],
    [['--db', db, '--fault', 'gremlins'], {}, /bad --fault/],
    [['--db', db, '--frobnicate'], {}, /unknown argument/],
    [['--db', db, '--tls-cert', path.join(dir, 'a-file'), '--tls-key', path.join(dir, 'a-file')], {}, /cannot load the TLS certificate/],
  ];
  for (const [args, env, why] of cases) {
    const port = args.includes('--port') || env.QRPOS_PORT ? [] : ['--port', '0'];
    const r = runCli([...args, ...port], { env });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, why);
    // Beside any JSON log lines already written, the error is one plain line.
    const plain = r.stderr.trim().split('\n').filter((l) => !l.startsWith('{'));
    assert.equal(plain.length, 1, `one line: ${r.stderr}`);
  }
}));

test('environment variables configure the server; flags win over them', withDir(async (dir) => {
  const db = path.join(dir, 'env.db');
  const env = { QRPOS_DB: db, QRPOS_PORT: '0', QRPOS_KEYS: path.join(dir, 'k'), QRPOS_ADMIN_TOKEN: 'env-token' };
  const own = await startOwn({ dir, env });
  try {
    assert.ok(fs.existsSync(db));
    const auth = (token) => ({ headers: { Authorization: `Bearer ${token}` } });
    assert.equal((await fetch(`${own.url}/admin/terminals`, auth('env-token'))).status, 200);
    assert.equal((await fetch(`${own.url}/admin/terminals`, auth('other'))).status, 401);
    assert.ok(fs.existsSync(path.join(dir, 'k', 'acquirer-keys.json')));
    assert.equal((await fetch(`${own.url}/healthz`)).status, 200);
  } finally {
    await own.stop();
  }
  const r = runCli(['--port', '0', '--help'], { env: { QRPOS_PORT: 'bad' } });
  assert.equal(r.status, 0, 'the flag --help ends parsing before the environment is judged');
}));

test('keys are made once, kept encrypted, and need the same passphrase', withDir(async (dir) => {
  const keys = path.join(dir, 'keys');
  const env = { QRPOS_KEY_PASSPHRASE: 'correct horse battery staple' };
  const first = await startOwn({ dir, env, args: ['--keys', keys] });
  const key1 = await publicKey(first.url);
  assert.ok(!first.stderr().includes('sandbox_key_passphrase'), 'no warning when a passphrase is set');
  await first.stop();
  const file = fs.readFileSync(path.join(keys, 'acquirer-keys.json'), 'utf8');
  const sealed = JSON.parse(file);
  assert.equal(sealed.kdf, 'argon2id13');
  assert.ok(!file.includes('acquirer_seed') && !file.includes('admin_token'), 'contents are sealed');
  assert.equal(fs.statSync(path.join(keys, 'acquirer-keys.json')).mode & 0o777, 0o600);

  const again = await startOwn({ dir, env, args: ['--keys', keys] });
  assert.equal(await publicKey(again.url), key1, 'the same key after a restart');
  await again.stop();

  const wrong = runCli(['--db', path.join(dir, 'ledger.db'), '--keys', keys, '--port', '0'], {
    env: { QRPOS_KEY_PASSPHRASE: 'wrong' },
  });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /wrong QRPOS_KEY_PASSPHRASE/);

  const sandbox = await startOwn({ args: ['--keys', path.join(dir, 'other')] });
  const warning = sandbox.stderr().split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .find((l) => l.event === 'sandbox_key_passphrase');
  await sandbox.stop();
  assert.equal(warning?.level, 'warn');
  assert.match(warning.message, /QRPOS_KEY_PASSPHRASE/);
}));

test('an old ledger\'s secrets move into the key folder and leave the ledger', withDir(async (dir) => {
  const db = path.join(dir, 'old.db');
  // An acquirer from before the key folder: schema made, secrets in settings.
  const made = await startOwn({ dir, args: ['--db', db, '--demo'] });
  await made.stop();
  fs.rmSync(`${db}.keys`);
  const seed = crypto.randomBytes(32).toString('hex');
  const fingerprint = crypto.randomBytes(32).toString('hex');
  execFileSync('sqlite3', [db, `INSERT INTO settings VALUES ('acquirer_seed', '${seed}'), ('fingerprint_key', '${fingerprint}')`]);

  const keys = path.join(dir, 'keys');
  const own = await startOwn({ dir, args: ['--db', db, '--keys', keys, '--demo'] });
  try {
    assert.equal(await publicKey(own.url), core.publicKeyFromSeed(seed).value, 'terminals keep trusting the old key');
    const left = ledgerRows(db, 'SELECT key FROM settings ORDER BY key').map((r) => r.key);
    assert.deepEqual(left, ['demo_terminal_seed']);
    const file = fs.readFileSync(path.join(keys, 'acquirer-keys.json'), 'utf8');
    assert.ok(!file.includes(seed) && !file.includes(fingerprint));
    // The demo still works as before.
    const demo = await (await fetch(`${own.url}/demo/terminal.json`)).json();
    assert.equal(demo.acquirer_public_key, core.publicKeyFromSeed(seed).value);
  } finally {
    await own.stop();
  }
}));

test('--insecure-http allows a LAN address, with a warning', withDir(async (dir) => {
  const own = await startOwn({ dir, args: ['--host', '0.0.0.0', '--insecure-http'] });
  try {
    assert.match(own.url, /^http:\/\/0\.0\.0\.0:\d+$/);
    const port = new URL(own.url).port;
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    assert.match(own.stderr(), /"event":"insecure_http"/);
  } finally {
    await own.stop();
  }
}));

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
test('TLS: --tls-cert/--tls-key serve https and the line says https://', { skip: hasOpenssl ? false : 'the openssl CLI is not installed: cannot make a throwaway certificate' }, withDir(async (dir) => {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'],
  { stdio: 'ignore' });
  const own = await startOwn({ dir, args: ['--tls-cert', cert, '--tls-key', key] });
  try {
    assert.match(own.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise((resolve, reject) => {
      https.get(`${own.url}/v1/acquirer`, { ca: fs.readFileSync(cert) }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    assert.match(JSON.parse(body).public_key, /^[0-9a-f]{64}$/);
  } finally {
    await own.stop();
  }
}));

test('logs are JSON lines with masked codes and no signatures or keys', withDir(async (dir) => {
  const own = await startOwn({ dir, args: ['--demo'] });
  try {
    const demo = await (await fetch(`${own.url}/demo/terminal.json`)).json();
    const t = new Terminal(core, own, demo);
    const code = wechatCode();
    const { state } = await t.drive({ type: 'start_pay', amount: 880, currency: 'CNY', authCode: code });
    assert.equal(state.outcome, 'paid');
    const answer = await t.get(`/v1/payments/${state.out_trade_no}`);
    await new Promise((r) => setTimeout(r, 100)); // the log line follows the answer
    const lines = own.stderr().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const l of lines) assert.ok(l.time && l.level && l.event, JSON.stringify(l));
    const payLine = lines.find((l) => l.event === 'request' && l.method === 'POST' && l.path === '/v1/payments');
    assert.equal(payLine.code, `${code.slice(0, 2)}${'*'.repeat(12)}${code.slice(-4)}`);
    assert.deepEqual([payLine.terminal, payLine.out_trade_no, payLine.status], [demo.terminal_id, state.out_trade_no, 200]);
    assert.equal(typeof payLine.ms, 'number');
    const log = own.stderr();
    for (const secret of [code, demo.seed, answer.signature]) assert.ok(!log.includes(secret));
  } finally {
    await own.stop();
  }
}));
