// Security checks that are not one endpoint's contract (those are in payments and
// endpoints tests): input that looks like an injection is refused or stored inert and
// shown escaped, and the log check every test acquirer runs at stop can really fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ledgerRows } from '../support/acquirer.mjs';
import { findSecrets } from '../support/secrets.mjs';
import { openSandbox } from './terminal-client.mjs';

let t;
before(async () => {
  t = await openSandbox();
});
after(async () => t?.acquirer.stop());

const count = (table) => ledgerRows(t.acquirer.dbPath, `SELECT count(*) AS n FROM ${table}`)[0].n;

const INJECTIONS = [
  "1'; DROP TABLE trades;--",
  '1" OR "1"="1',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%27',
  '{"$gt":""}',
];

test('injection-looking out_trade_no values are refused with a clear error, nothing recorded', async () => {
  const before = count('trades');
  for (const bad of INJECTIONS) {
    const order = JSON.stringify({ out_trade_no: bad, amount: 100, currency: 'CNY', description: 'x' });
    const a = await t.post('/v1/orders', JSON.parse(order));
    assert.ok(a.status === 400, `${bad}: ${a.status} ${a.body}`);
    assert.match(a.json.error.code, /^(invalid_field|malformed_message)$/);
    assert.ok(a.json.error.message.length > 0);
    // The same in a path: a 404 or a refusal, never a server error.
    const q = await t.get(`/v1/payments/${encodeURIComponent(bad)}`);
    assert.ok([400, 404].includes(q.status), `${bad}: ${q.status}`);
  }
  assert.equal(count('trades'), before);
});

test('a terminal id that looks like SQL is just an unknown terminal', async () => {
  const headers = t.sign('GET', '/v1/payments/20261126000000aaaa');
  headers['Qrpos-Terminal'] = "T-DEMO-0001' OR '1'='1";
  const res = await fetch(`${t.acquirer.url}/v1/payments/20261126000000aaaa`, { headers });
  assert.equal(res.status, 401);
  assert.equal((await res.json()).error.code, 'unknown_terminal');
});

test('markup in a description is stored as text and never reaches the customer page as markup', async () => {
  const no = t.freshNumber();
  const evil = '<img src=x onerror="alert(1)">面条';
  const a = await t.post('/v1/orders', {
    out_trade_no: no,
    amount: 4800,
    currency: 'CNY',
    description: evil,
  });
  assert.equal(a.status, 200, a.body);
  const page = await (await fetch(`${t.acquirer.url}/pay/${no}`)).text();
  assert.ok(!page.includes('<img src=x'), 'no live markup');
  assert.deepEqual(
    ledgerRows(t.acquirer.dbPath, `SELECT description FROM trades WHERE out_trade_no = '${no}'`),
    [{ description: evil }],
  );
});

test('the log check finds secrets in full and lets masks through', () => {
  const code = `13${crypto
    .randomInt(2 ** 47)
    .toString()
    .padStart(16, '0')}`;
  const seed = crypto.randomBytes(32).toString('hex');
  const signature = crypto.randomBytes(64).toString('base64');
  const log = JSON.stringify({ event: 'payment', auth_code: code, seed, signature });
  const found = findSecrets(log);
  assert.equal(found.length, 3, found.join('\n'));
  assert.ok(
    found.every((f) => !f.includes(code) && !f.includes(seed) && !f.includes(signature)),
    'findings are masked',
  );
  const masked = JSON.stringify({
    auth_code_masked: `13************${code.slice(-4)}`,
    out_trade_no: '2026112610354765a8bdeb31ba01dd',
    timestamp: Date.now(),
  });
  assert.deepEqual(findSecrets(masked), []);
});
