// web/src/sdk/lookup.ts with the real core and the real sandbox acquirer: a bill made
// with POST /admin/bills is open, then paid; a code nobody knows is unknown; a forged or
// missing answer throws instead of pricing anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { lookupAtAcquirer } from '../../build/web-unit/lookup.js';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';

const ADMIN = 'lookup-unit-admin-token-0123456';
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

test('an open bill: its amount, currency and description, verified', async () => {
  const res = await fetch(`${acquirer.url}/admin/bills`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'RM-301', amount: 8800, currency: 'CNY', description: '301 房 Room 301' }),
  });
  assert.equal(res.status, 201);
  const answer = await lookupAtAcquirer(core, identity, 'RM-301');
  assert.deepEqual(
    {
      code: answer.code,
      status: answer.status,
      amount: answer.amount,
      currency: answer.currency,
      description: answer.description,
    },
    { code: 'RM-301', status: 'open', amount: 8800, currency: 'CNY', description: '301 房 Room 301' },
  );
});

test('a code nobody knows is unknown, with nothing to pay', async () => {
  const answer = await lookupAtAcquirer(core, identity, 'RM-999');
  assert.equal(answer.status, 'unknown');
  assert.equal(answer.amount, 0);
});

test("an answer that is not the acquirer's signed one prices nothing", async () => {
  const forged = async () =>
    new Response(JSON.stringify({ code: 'RM-301', status: 'open', amount: 1, currency: 'CNY' }), {
      status: 200,
      headers: { 'Qrpos-Timestamp': String(Date.now()), 'Qrpos-Signature': 'AA'.repeat(64) },
    });
  await assert.rejects(lookupAtAcquirer(core, identity, 'RM-301', { fetch: forged }), (e) => {
    assert.ok(['bad_signature', 'malformed_message'].includes(e.code), e.code);
    return true;
  });
});

test('no answer at all is "unreachable"', async () => {
  const down = async () => {
    throw new TypeError('fetch failed');
  };
  await assert.rejects(lookupAtAcquirer(core, identity, 'RM-301', { fetch: down }), (e) => {
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'unreachable');
    return true;
  });
});
