// wasm/bind_activation.cpp against the real sandbox acquirer: a key made in the core
// activates with a one-time code, and the answer is read only if the trusted key signed it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { loadCore } from '../support/core.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';

const ADMIN = 'wasm-activation-admin-token-0123';
const rand = (n) => crypto.randomBytes(n).toString('hex');
let core;
let acquirer;
let acquirerKey;

before(async () => {
  core = await loadCore();
  acquirer = await startOwn({ args: ['--admin-token', ADMIN] });
  acquirerKey = (await (await fetch(`${acquirer.url}/v1/acquirer`)).json()).public_key;
});
after(() => acquirer?.stop());

async function issueCode() {
  const res = await fetch(`${acquirer.url}/admin/activation-codes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ merchant_name: '一号店 Store 1', currency: 'CNY' }),
  });
  assert.equal(res.status, 201);
  return (await res.json()).activation_code;
}

async function activate(seed, code, trustKey = acquirerKey) {
  const built = core.buildActivateRequest(seed, code, 'node test', Date.now(), rand(16));
  assert.ok(built.ok, built.error?.detail);
  const req = JSON.parse(built.value);
  const res = await fetch(acquirer.url + req.path, {
    method: req.method,
    headers: req.headers,
    body: req.body,
  });
  return core.readActivateAnswer(
    trustKey,
    req.nonce,
    res.status,
    Number(res.headers.get('qrpos-timestamp')),
    res.headers.get('qrpos-signature') ?? '',
    await res.text(),
  );
}

test('a seed from the core activates; the answer names the terminal and the trusted key', async () => {
  const seed = core.newTerminalSeed(rand(32));
  assert.ok(seed.ok);
  assert.match(seed.value, /^[0-9a-f]{64}$/);
  assert.notEqual(core.newTerminalSeed(rand(32)).value, seed.value);
  const read = await activate(seed.value, await issueCode());
  assert.ok(read.ok, read.error?.detail);
  const { terminal, error } = JSON.parse(read.value);
  assert.equal(error, undefined);
  assert.match(terminal.terminalId, /^T-[0-9A-F]{16}$/);
  assert.equal(terminal.merchantName, '一号店 Store 1');
  assert.equal(terminal.acquirerPublicKey, acquirerKey);
});

test('a used code is the acquirer’s signed refusal; an untrusted key reads as bad_signature', async () => {
  const code = await issueCode();
  assert.ok((await activate(core.newTerminalSeed(rand(32)).value, code)).ok);
  const again = await activate(core.newTerminalSeed(rand(32)).value, code);
  assert.ok(again.ok);
  assert.equal(JSON.parse(again.value).error.code, 'invalid_activation_code');
  const stranger = core.publicKeyFromSeed(rand(32));
  const forged = await activate(
    core.newTerminalSeed(rand(32)).value,
    await issueCode(),
    stranger.value ?? stranger,
  );
  assert.equal(forged.ok, false);
  assert.equal(forged.error.code, 'bad_signature');
});

test('bad input is a typed error, not a request', () => {
  const seed = core.newTerminalSeed(rand(32)).value;
  assert.equal(core.buildActivateRequest(seed, '1234', '', Date.now(), rand(16)).error.code, 'invalid_field');
  assert.equal(
    core.buildActivateRequest('zz', '1234-5678-9012', '', 0, rand(16)).error.code,
    'invalid_encoding',
  );
  assert.equal(core.newTerminalSeed(rand(8)).error.code, 'invalid_key');
});
