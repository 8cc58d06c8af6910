// Terminal activation with one-time codes (docs/protocol.md "Activate a terminal")
// and the /admin endpoints, against the real acquirer: codes from the CLI and from
// POST /admin/activation-codes, a terminal activated with its own new key that then
// pays, and every refusal recording nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ledgerRows } from '../support/acquirer.mjs';
import { loadCore } from '../support/core.mjs';
import { Terminal, wechatCode } from './terminal-client.mjs';
import { startOwn, runCli, tempDir } from '../support/acquirer-cli.mjs';

const ADMIN = 'test-admin-token-0123456789';
const hex = (text) => Buffer.from(text, 'utf8').toString('hex');

let core;
let acquirer;
let acquirerKey; // hex

before(async () => {
  core = await loadCore();
  acquirer = await startOwn({ args: ['--admin-token', ADMIN] });
  acquirerKey = (await (await fetch(`${acquirer.url}/v1/acquirer`)).json()).public_key;
});

after(async () => {
  await acquirer?.stop();
});

function admin(method, path, body, token = ADMIN) {
  return fetch(acquirer.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function issueCode(body = { merchant_name: 'Noodle Bar 面馆', currency: 'CNY' }) {
  const res = await admin('POST', '/admin/activation-codes', body);
  assert.equal(res.status, 201);
  return res.json();
}

// POST /v1/terminals/activate signed by the new key `seed` (Qrpos-Terminal empty).
async function activate(code, { seed = crypto.randomBytes(32).toString('hex'), signWith = seed } = {}) {
  const publicKey = core.publicKeyFromSeed(seed).value;
  const body = JSON.stringify({ activation_code: code, public_key: publicKey, device: 'node test' });
  const ts = Date.now();
  const nonce = core.makeNonce(crypto.randomBytes(16).toString('hex')).value;
  const canonical = core.canonicalRequest('POST', '/v1/terminals/activate', ts, nonce, body);
  const sig = core.signHex(signWith, hex(canonical)).value;
  const res = await fetch(`${acquirer.url}/v1/terminals/activate`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Qrpos-Terminal': '',
      'Qrpos-Timestamp': String(ts),
      'Qrpos-Nonce': nonce,
      'Qrpos-Signature': Buffer.from(sig, 'hex').toString('base64'),
    },
    body,
  });
  const text = await res.text();
  const answerCanonical = core.canonicalResponse(res.status, Number(res.headers.get('qrpos-timestamp')), nonce, text);
  const signature = Buffer.from(res.headers.get('qrpos-signature') ?? '', 'base64').toString('hex');
  assert.ok(core.verifyHex(acquirerKey, hex(answerCanonical), signature), `unsigned answer: ${text}`);
  return { status: res.status, json: JSON.parse(text), seed };
}

const terminalCount = () => ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM terminals')[0].n;
const nonceCount = () => ledgerRows(acquirer.dbPath, 'SELECT count(*) AS n FROM nonces')[0].n;

test('admin endpoints need the bearer token: 401 admin_unauthorized without it', async () => {
  for (const [method, path] of [
    ['POST', '/admin/activation-codes'],
    ['GET', '/admin/terminals'],
    ['GET', '/admin/faults'],
    ['PUT', '/admin/faults'],
  ]) {
    const res = await admin(method, path, method === 'GET' ? undefined : {}, 'wrong-token');
    assert.equal(res.status, 401, `${method} ${path}`);
    assert.equal((await res.json()).error.code, 'admin_unauthorized');
  }
});

test('a code from POST /admin/activation-codes activates a terminal that then pays', async () => {
  const issued = await issueCode();
  assert.match(issued.activation_code, /^\d{4}-\d{4}-\d{4}$/);
  assert.equal(issued.merchant_name, 'Noodle Bar 面馆');
  assert.ok(issued.expires_at > Date.now() + 23 * 3600_000);
  // Only a keyed hash is kept: the digits are nowhere in the ledger.
  const digits = issued.activation_code.replaceAll('-', '');
  const stored = ledgerRows(acquirer.dbPath, 'SELECT code_hash FROM activation_codes').map((r) => r.code_hash);
  assert.ok(stored.length > 0 && stored.every((h) => !h.includes(digits)));

  const a = await activate(issued.activation_code);
  assert.equal(a.status, 200, JSON.stringify(a.json));
  assert.match(a.json.terminal_id, /^T-[0-9A-F]{16}$/);
  assert.deepEqual(
    [a.json.merchant_id, a.json.merchant_name, a.json.currency, a.json.acquirer_public_key],
    [issued.merchant_id, 'Noodle Bar 面馆', 'CNY', acquirerKey],
  );

  const t = new Terminal(core, acquirer, { acquirer_public_key: acquirerKey }, { terminalId: a.json.terminal_id, seed: a.seed });
  const { state } = await t.drive({ type: 'start_pay', amount: 1200, currency: 'CNY', authCode: wechatCode() });
  assert.equal(state.outcome, 'paid');

  const list = await (await admin('GET', '/admin/terminals')).json();
  const row = list.terminals.find((x) => x.terminal_id === a.json.terminal_id);
  assert.equal(row.merchant_name, 'Noodle Bar 面馆');
  assert.equal(row.device, 'node test');
  assert.ok(Math.abs(row.created_at - Date.now()) < 60_000);
});

test('a used, unknown or expired code is 403 invalid_activation_code and records nothing', async () => {
  const issued = await issueCode();
  assert.equal((await activate(issued.activation_code.replaceAll('-', ''))).status, 200, 'digits without dashes');
  const before = [terminalCount(), nonceCount()];

  const used = await activate(issued.activation_code);
  assert.deepEqual([used.status, used.json.error.code], [403, 'invalid_activation_code']);
  assert.equal((await activate('0000-0000-0000')).json.error.code, 'invalid_activation_code');
  assert.equal((await activate('not a code')).json.error.code, 'invalid_activation_code');

  const expiring = await issueCode();
  ledgerRows(acquirer.dbPath, `UPDATE activation_codes SET expires_at = 1 WHERE used_at = 0`);
  assert.equal((await activate(expiring.activation_code)).json.error.code, 'invalid_activation_code');
  assert.deepEqual([terminalCount(), nonceCount()], before);
});

test('an activation signed by another key is 401 bad_signature, and the code stays usable', async () => {
  const issued = await issueCode({ merchant_name: 'Tea House', currency: 'HKD', valid_hours: 2 });
  const wrong = await activate(issued.activation_code, { signWith: crypto.randomBytes(32).toString('hex') });
  assert.deepEqual([wrong.status, wrong.json.error.code], [401, 'bad_signature']);
  const right = await activate(issued.activation_code);
  assert.deepEqual([right.status, right.json.currency], [200, 'HKD']);
});

test('bad code requests are 400 with a reason', async () => {
  for (const body of [{}, { merchant_name: 'x', currency: 'XXX' }, { merchant_name: 'x', valid_hours: 0 }]) {
    const res = await admin('POST', '/admin/activation-codes', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    const { error } = await res.json();
    assert.equal(error.code, 'malformed_message');
    assert.ok(error.message.length > 0);
  }
});

test('the CLI issues codes, and without --admin-token a generated token is kept and shown', async () => {
  const dir = tempDir();
  try {
    const db = `${dir}/ledger.db`;
    const cli = runCli(['issue-activation-code', '--db', db, '--merchant', 'Corner Shop', '--currency', 'CNY']);
    assert.equal(cli.status, 0, cli.stderr);
    const code = cli.stdout.trim();
    assert.match(code, /^\d{4}-\d{4}-\d{4}$/);
    assert.equal(runCli(['issue-activation-code', '--db', db]).status, 2, 'no --merchant');

    const token = runCli(['admin-token', '--db', db]);
    assert.equal(token.status, 0, token.stderr);
    const own = await startOwn({ dir });
    try {
      assert.match(own.stderr(), /admin-token --db/);
      assert.ok(!own.stderr().includes(token.stdout.trim()), 'the token itself is never logged');
      const auth = { Authorization: `Bearer ${token.stdout.trim()}` };
      const res = await fetch(`${own.url}/admin/terminals`, { headers: auth });
      assert.equal(res.status, 200);
      // The CLI's code activates on the running server.
      const saved = acquirer;
      acquirer = own;
      acquirerKey = (await (await fetch(`${own.url}/v1/acquirer`)).json()).public_key;
      try {
        const a = await activate(code);
        assert.deepEqual([a.status, a.json.merchant_name], [200, 'Corner Shop']);
      } finally {
        acquirer = saved;
        acquirerKey = (await (await fetch(`${saved.url}/v1/acquirer`)).json()).public_key;
      }
    } finally {
      await own.stop();
    }
  } finally {
    (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
  }
});
