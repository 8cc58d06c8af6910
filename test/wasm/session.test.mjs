// The session state machine through the WebAssembly module, driven the way the web
// shell drives it, against the real sandbox acquirer over HTTP.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { ledgerRows, startAcquirer } from '../support/acquirer.mjs';
import { loadCore, loadTools } from '../support/core.mjs';

let core, acquirer, demo;
before(async () => {
  core = await loadCore();
  acquirer = await startAcquirer({ demo: true });
  demo = await (await fetch(acquirer.url + '/demo/terminal.json')).json();
});
after(async () => acquirer?.stop());

function step(state, event) {
  const r = core.sessionStep(
    demo.terminal_id,
    demo.seed,
    demo.acquirer_public_key,
    state,
    JSON.stringify(event),
    Date.now(),
    crypto.randomBytes(256).toString('hex'),
  );
  assert.ok(r.ok, r.error.detail);
  return JSON.parse(r.value);
}

// Runs commands like the shell: journal first, then send and feed the answer back.
async function drive(startEvent) {
  const journal = [];
  const commands = [];
  let { state, commands: pending } = step('', startEvent);
  while (pending.length) {
    let next = null;
    for (const c of pending) {
      commands.push(c.type);
      if (c.type === 'write_journal') journal.push(c.record);
      if (c.type === 'send') {
        const res = await fetch(acquirer.url + c.path, {
          method: c.method,
          headers: c.headers,
          body: c.method === 'GET' ? undefined : c.body,
        });
        next = {
          type: 'answer',
          requestId: c.requestId,
          httpStatus: res.status,
          timestampMs: Number(res.headers.get('Qrpos-Timestamp')),
          signature: res.headers.get('Qrpos-Signature') ?? '',
          body: await res.text(),
        };
      }
    }
    if (!next) break;
    ({ state, commands: pending } = step(state, next));
  }
  return { state: JSON.parse(state), journal, commands };
}

function wechatCode() {
  let digits = '13';
  for (const b of crypto.randomBytes(16)) digits += String(b % 10);
  return digits;
}

test('a pay session through wasm ends paid against the real acquirer, journal first', async () => {
  const code = wechatCode();
  const { state, journal, commands } = await drive({
    type: 'start_pay',
    amount: 2372,
    currency: 'CNY',
    authCode: code,
  });
  assert.equal(state.outcome, 'paid');
  assert.equal(state.screen, 'paid');
  assert.match(state.transaction_id, /^QP/);
  assert.equal(commands[0], 'write_journal');
  assert.equal(commands[1], 'send');
  assert.ok(commands.includes('print_receipt'));
  for (const record of journal) assert.ok(!record.includes(code), 'a journal record holds the payment code');
  const rows = ledgerRows(
    acquirer.dbPath,
    `SELECT amount, status FROM payments WHERE out_trade_no = '${state.out_trade_no}'`,
  );
  assert.deepEqual(rows, [{ amount: 2372, status: 'SUCCESS' }]);
});

test('a journal record restores, and resume re-sends the request that was in flight', async () => {
  const code = wechatCode();
  const first = step('', { type: 'start_pay', amount: 990, currency: 'CNY', authCode: code });
  const record = first.commands.find((c) => c.type === 'write_journal').record;
  // The process dies before the request leaves; a new one restores the record.
  const restored = core.journalRestore(record);
  assert.ok(restored.ok);
  const resumed = step(restored.value, { type: 'resume' });
  const send = resumed.commands.find((c) => c.type === 'send');
  assert.ok(send, 'resume sends the pay again');
  assert.equal(send.path, '/v1/payments');
  assert.equal(
    send.body,
    first.commands.find((c) => c.type === 'send').body,
    'same sealed body, same out_trade_no',
  );
  assert.notEqual(
    send.headers['Qrpos-Nonce'],
    first.commands.find((c) => c.type === 'send').headers['Qrpos-Nonce'],
  );
});

test('bad input to a step is a typed error, not a crash', () => {
  const bad = (args) => core.sessionStep(...args);
  const ok = [
    demo.terminal_id,
    demo.seed,
    demo.acquirer_public_key,
    '',
    '{"type":"timer"}',
    Date.now(),
    'ab'.repeat(64),
  ];
  assert.equal(bad(ok).ok, true);
  assert.equal(bad([...ok.slice(0, 4), 'not json', ...ok.slice(5)]).error.code, 'malformed_message');
  assert.equal(bad([...ok.slice(0, 4), '{"type":"explode"}', ...ok.slice(5)]).error.code, 'invalid_field');
  assert.equal(bad([...ok.slice(0, 3), '{"v":99}', ...ok.slice(4)]).error.code, 'unsupported_version');
  assert.equal(bad([ok[0], 'zz', ...ok.slice(2)]).error.code, 'invalid_encoding');
  const start = JSON.stringify({ type: 'start_pay', amount: 1, currency: 'CNY', authCode: wechatCode() });
  assert.equal(
    bad([...ok.slice(0, 4), start, Date.now(), 'ab']).error.code,
    'invalid_key',
    'too little entropy',
  );
  assert.match(core.keyFingerprint(demo.acquirer_public_key).value, /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
});

test('parseMessage (tools module) validates protocol bodies with typed errors', async () => {
  const tools = await loadTools();
  const trade = '{"status":"NOTPAY","out_trade_no":"A1","amount":5,"currency":"CNY","extra":1}';
  const ok = tools.parseMessage('trade', trade);
  assert.ok(ok.ok);
  assert.equal(ok.value, '{"amount":5,"currency":"CNY","out_trade_no":"A1","status":"NOTPAY"}');
  assert.equal(tools.parseMessage('trade', '{"status":"PAID"}').error.code, 'malformed_message');
  assert.equal(
    tools.parseMessage(
      'refund_request',
      '{"out_trade_no":"A","out_refund_no":"a b","amount":1,"currency":"CNY"}',
    ).error.code,
    'invalid_field',
  );
  assert.equal(tools.parseMessage('nope', '{}').error.code, 'invalid_field');
});

test('start fields for merchant scenarios reach the request and the state record', () => {
  const pay = step('', {
    type: 'start_pay',
    amount: 8800,
    currency: 'CNY',
    authCode: wechatCode(),
    memberId: 'VIP0000001234',
    reference: 'TK-20261126',
  });
  const sent = JSON.parse(pay.commands.find((c) => c.type === 'send').body);
  assert.equal(sent.member_id, 'VIP0000001234');
  assert.equal(sent.reference, 'TK-20261126');
  const record = JSON.parse(pay.state);
  assert.equal(record.member_id, 'VIP0000001234');
  assert.equal(record.reference, 'TK-20261126');

  const order = step('', {
    type: 'start_order',
    amount: 28800,
    currency: 'CNY',
    table: '5',
    expiresInMs: 7_200_000,
  });
  const created = JSON.parse(order.commands.find((c) => c.type === 'send').body);
  assert.equal(created.table, '5');
  assert.equal(created.expires_in_ms, 7_200_000);
  assert.equal(JSON.parse(order.state).table, '5');
  assert.equal('member_id' in JSON.parse(order.state), false, 'absent fields stay out of the record');

  const tooLong = step('', { type: 'start_order', amount: 100, currency: 'CNY', expiresInMs: 7_200_001 });
  assert.equal(JSON.parse(tooLong.state).outcome, 'declined');
  assert.equal(JSON.parse(tooLong.state).reason, 'invalid_request');
  const spaced = step('', { type: 'start_pay', amount: 1, currency: 'CNY', authCode: wechatCode(), memberId: 'V 1' });
  assert.equal(JSON.parse(spaced.state).reason, 'invalid_request');
});

test("a member's pay against the real acquirer ends paid with the points in the state", async () => {
  const member = `VIP${crypto.randomInt(1e9).toString().padStart(10, '0')}`;
  const { state } = await drive({ type: 'start_pay', amount: 12850, currency: 'CNY', authCode: wechatCode(), memberId: member });
  assert.equal(state.outcome, 'paid');
  assert.equal(state.member_id, member);
  assert.equal(state.points_earned, 128, 'one point per whole yuan');
  assert.equal(state.points_balance, 128, 'a new member starts at 0');
});
