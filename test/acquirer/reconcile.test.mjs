// Reconciliation from the back office (scripts/reconcile.mjs, `npm run reconcile`):
// a terminal's exported journal against the acquirer's daily report, on a real
// sandbox with a real ledger. The terminal side runs the core session over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore } from '../support/core.mjs';
import { Terminal, wechatCode } from './terminal-client.mjs';

const ADMIN = 'reconcile-admin-token-0123456789';
const script = fileURLToPath(new URL('../../scripts/reconcile.mjs', import.meta.url));
const chinaDate = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

let acquirer;
let terminal;
before(async () => {
  acquirer = await startOwn({ args: ['--demo', '--admin-token', ADMIN], secretsShown: [ADMIN] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  terminal = new Terminal(await loadCore(), acquirer, demo);
});
after(() => acquirer?.stop());

function reconcile(records, extra = []) {
  const file = path.join(acquirer.dir, `journal-${records.length}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ terminal_id: terminal.terminalId, date: chinaDate(Date.now()), records }),
  );
  const r = spawnSync(
    process.execPath,
    [script, '--journal', file, '--acquirer', acquirer.url, '--admin-token', ADMIN, ...extra],
    {
      encoding: 'utf8',
    },
  );
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a day of sales and a refund reconciles; a lost record is shown as a difference', async () => {
  const records = [];
  for (const amount of [2372, 1000]) {
    const { record, state } = await terminal.drive({
      type: 'start_pay',
      amount,
      currency: 'CNY',
      authCode: wechatCode(),
    });
    assert.equal(state.outcome, 'paid');
    records.push(record);
  }
  const paid = JSON.parse(records[0]);
  const refund = await terminal.drive({
    type: 'start_refund',
    outTradeNo: paid.out_trade_no,
    amount: 372,
    currency: 'CNY',
    description: 'partial',
  });
  assert.equal(refund.state.outcome, 'refunded');
  records.push(refund.record);
  // A declined sale counts on neither side.
  const declined = await terminal.drive({
    type: 'start_pay',
    amount: 500,
    currency: 'CNY',
    authCode: wechatCode('000051'),
  });
  records.push(declined.record);

  const ok = reconcile(records);
  assert.equal(ok.status, 0, ok.out);
  assert.match(ok.out, /reconciled/);
  assert.match(ok.out, /terminal: 2 sales 3372, refunds 372, net 3000/);

  const lost = reconcile(records.slice(1));
  assert.equal(lost.status, 1, lost.out);
  assert.match(lost.out, /DIFFERENCES/);
  assert.match(lost.out, /wechat\s+count\s+1\s+2/);
  assert.match(lost.out, /wechat\s+amount\s+1000\s+3372/);
});

test('bad input is exit 2 with what to do', () => {
  const noFile = spawnSync(process.execPath, [script, '--admin-token', ADMIN], { encoding: 'utf8' });
  assert.equal(noFile.status, 2);
  assert.match(noFile.stderr, /--journal FILE is required/);
  const wrongToken = reconcile([], ['--admin-token', 'nope']);
  assert.equal(wrongToken.status, 2);
  assert.match(wrongToken.out, /HTTP 401/);
});
