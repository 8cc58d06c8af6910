// web/src/sdk/runner.ts with the real core (wasm in Node) and the real sandbox
// acquirer: journal before send, timers, transport errors, cancel, and resume after
// the page died. The journal here is kept in memory (IndexedDB runs in the browser
// tests); it records the order of writes and sends so "journal first" is checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TerminalRunner } from '../../build/web-unit/runner.js';
import { startAcquirer, ledgerRows } from '../support/acquirer.mjs';
import { loadCore } from '../support/core.mjs';
import { wechatCode } from '../acquirer/terminal-client.mjs';

let core;
let acquirer;
let identity;

before(async () => {
  core = await loadCore();
  acquirer = await startAcquirer({ demo: true });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  identity = {
    terminalId: demo.terminal_id,
    seedHex: demo.seed,
    acquirerPublicKeyHex: demo.acquirer_public_key,
    acquirerUrl: acquirer.url,
  };
});
after(() => acquirer?.stop());

class MemoryJournal {
  constructor(log = []) {
    this.rows = new Map();
    this.log = log;
    this.failWrites = false;
  }
  async put(entry) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.log.push(`journal ${entry.final ? 'final' : 'open'}`);
    this.rows.set(entry.id, structuredClone(entry));
  }
  async unfinished() {
    return [...this.rows.values()].filter((e) => !e.final);
  }
  async since(ms) {
    return [...this.rows.values()].filter((e) => e.startedAt >= ms);
  }
  async get(id) {
    return this.rows.get(id);
  }
}

// fetch that logs each request and can drop or hold them.
function loggingFetch(log, { drop = () => false, hold = () => false } = {}) {
  return async (url, init) => {
    const path = new URL(url).pathname;
    log.push(`send ${init.method} ${path}`);
    if (drop(path, init)) throw new TypeError('Failed to fetch');
    if (hold(path, init)) {
      return new Promise((_, reject) =>
        init.signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    return fetch(url, init);
  };
}

function runnerWith(journal, log, fetchOptions, hooks = {}) {
  return new TerminalRunner(core, identity, journal, { fetch: loggingFetch(log, fetchOptions), hooks });
}

const charges = (outTradeNo) =>
  ledgerRows(acquirer.dbPath, `SELECT status FROM payments WHERE out_trade_no = '${outTradeNo}'`);

test('a sale: journal written before the request leaves, paid, final record kept', async () => {
  const log = [];
  const journal = new MemoryJournal(log);
  const shown = [];
  const runner = runnerWith(journal, log, {}, { onShow: (s) => shown.push(s.screen) });
  const code = wechatCode('123477');
  const run = await runner.start({ type: 'start_pay', amount: 1234, currency: 'CNY', authCode: code });
  const final = await run.done;
  assert.equal(final.outcome, 'paid');
  assert.equal(final.amount, 1234);
  assert.match(final.auth_code_masked, /^13\*+3477$/);
  assert.deepEqual(log, ['journal open', 'send POST /v1/payments', 'journal final']);
  assert.deepEqual(shown, ['processing', 'paid']);
  const [entry] = await journal.since(0);
  assert.equal(entry.final, true);
  assert.ok(!entry.record.includes(code.slice(2, 14)), 'the payment code never reaches the journal');
  assert.deepEqual(charges(final.out_trade_no), [{ status: 'SUCCESS' }]);
  assert.equal(runner.active.length, 0);
});

test('a journal that cannot be written stops the sale before anything is sent', async () => {
  const log = [];
  const journal = new MemoryJournal(log);
  journal.failWrites = true;
  const failures = [];
  const runner = runnerWith(journal, log, {}, { onFailure: (e) => failures.push(e.code) });
  const run = await runner.start({
    type: 'start_pay',
    amount: 500,
    currency: 'CNY',
    authCode: wechatCode('223477'),
  });
  await assert.rejects(run.done, { code: 'journal_write_failed' });
  assert.deepEqual(log, [], 'no request left');
  assert.deepEqual(failures, ['journal_write_failed']);
});

test('a pay request lost on the way: query finds nothing, the number is closed, not charged', async () => {
  const log = [];
  const runner = runnerWith(new MemoryJournal(log), log, {
    drop: (path, init) => path === '/v1/payments' && init.method === 'POST',
  });
  const run = await runner.start({
    type: 'start_pay',
    amount: 700,
    currency: 'CNY',
    authCode: wechatCode('323477'),
  });
  const final = await run.done;
  assert.equal(final.outcome, 'cancelled');
  assert.ok(log.includes(`send GET /v1/payments/${final.out_trade_no}`), log.join('\n'));
  assert.ok(log.includes(`send POST /v1/payments/${final.out_trade_no}/reverse`), log.join('\n'));
  assert.deepEqual(charges(final.out_trade_no), [{ status: 'CLOSED' }]);
});

test('customer confirming on the phone: polled on the timer until paid', async () => {
  const log = [];
  const shown = [];
  const runner = runnerWith(new MemoryJournal(log), log, {}, { onShow: (s) => shown.push(s.screen) });
  const run = await runner.start({
    type: 'start_pay',
    amount: 8800,
    currency: 'CNY',
    authCode: wechatCode('000100'),
  });
  const final = await run.done;
  assert.equal(final.outcome, 'paid');
  assert.deepEqual(shown, ['processing', 'user_confirming', 'paid']);
  assert.ok(log.filter((l) => l.startsWith('send GET')).length >= 1, 'queried');
});

test('cancel while the customer confirms: reversed, shown cancelled, not charged', async () => {
  const log = [];
  const shown = [];
  const runner = runnerWith(new MemoryJournal(log), log, {}, { onShow: (s) => shown.push(s.screen) });
  const run = await runner.start({
    type: 'start_pay',
    amount: 990,
    currency: 'CNY',
    authCode: wechatCode('000101'),
  });
  while (run.state.screen !== 'user_confirming') await new Promise((r) => setTimeout(r, 20));
  await run.cancel();
  const final = await run.done;
  assert.equal(final.outcome, 'cancelled');
  assert.deepEqual(shown.slice(-2), ['cancelling', 'cancelled']);
  assert.notEqual(charges(final.out_trade_no)[0].status, 'SUCCESS');
});

test('the page dies with the pay request in flight: a new runner resumes it, one charge', async () => {
  const log = [];
  const journal = new MemoryJournal(log);
  // The first page's request reaches nobody before the page dies.
  const first = runnerWith(journal, log, { hold: () => true });
  const run = await first.start({
    type: 'start_pay',
    amount: 4321,
    currency: 'CNY',
    authCode: wechatCode('423477'),
  });
  const outTradeNo = run.state.out_trade_no;
  first.stop();
  assert.equal((await journal.unfinished()).length, 1);

  const second = runnerWith(journal, log);
  const resumed = await second.resumeUnfinished();
  assert.equal(resumed.length, 1);
  const final = await resumed[0].done;
  assert.equal(final.out_trade_no, outTradeNo);
  assert.equal(final.outcome, 'paid');
  assert.equal((await journal.unfinished()).length, 0);
  // Resume again (another reload): nothing left to do, nothing sent.
  assert.equal((await runnerWith(journal, log).resumeUnfinished()).length, 0);
  assert.deepEqual(charges(outTradeNo), [{ status: 'SUCCESS' }]);
});

test('a record the core cannot read is reported and kept, not dropped', async () => {
  const journal = new MemoryJournal();
  await journal.put({
    id: 'pay:x',
    record: '{"v":99}',
    final: false,
    kind: 'pay',
    startedAt: 1,
    updatedAt: 1,
  });
  const failures = [];
  const runner = runnerWith(journal, [], {}, { onFailure: (e) => failures.push(e.code) });
  assert.equal((await runner.resumeUnfinished()).length, 0);
  assert.deepEqual(failures, ['journal_unreadable']);
  assert.equal((await journal.unfinished()).length, 1);
});
