// Durability of POST /v1/payments under load: simulated terminals pay as fast as they
// can, the acquirer is killed with SIGKILL mid-load, started again on the same ledger
// file, and what the terminals were told is reconciled against the ledger.
//
// Invariants checked after every kill:
//   - every payment a terminal was told SUCCESS (signature verified) is in the ledger,
//     exactly once, with the transaction_id, amount and currency it was told;
//   - no out_trade_no and no payment-code fingerprint appears twice; no row that no
//     terminal ever asked for;
//   - a row nobody heard about (committed, answer lost in the kill) is allowed, but the
//     terminal's retry (same out_trade_no and code, new nonce) answers that same
//     SUCCESS and charges nothing more;
//   - a request that got no answer and left no row is paid by the retry, once.
// SIGKILL tests the process dying, not the machine: committed pages are in the OS cache
// either way. Power-cut durability is what synchronous=FULL (fsync per commit) buys.
//
// Payment codes are "13" + 14 random digits + "77": codes ending in 77 must stay ordinary
// successes for the sandbox acquirer (other endings may be "magic" test outcomes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startAcquirer, ledgerRows } from '../support/acquirer.mjs';
import { loadCore, signedPayRequest } from '../support/core.mjs';

const TERMINALS = 8; // concurrent payment loops, all as the demo terminal
const KILL_AFTER_MS = [400, 1100, 1800]; // one round per entry: load this long, then SIGKILL
const REQUEST_TIMEOUT_MS = 5_000;

let core;
let demo; // GET /demo/terminal.json (the seed lives in the ledger: the same after restarts)
let dir;
let dbPath;
let acquirer; // the running instance
const crashed = []; // killed instances (their stderr is checked for clear codes)
const sent = new Map(); // out_trade_no -> { o, outcome, transactionId, round }

before(async () => {
  core = await loadCore();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-durability-'));
  dbPath = path.join(dir, 'ledger.db');
  acquirer = await startAcquirer({ demo: true, dbPath });
  demo = await getJson(`${acquirer.url}/demo/terminal.json`);
  assert.equal(demo.terminal_id, 'T-DEMO-0001');
});

after(async () => {
  await acquirer?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const randomHex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const randomDigits = (n) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
// 18-digit WeChat code; the "77" ending is an ordinary success (see the header).
const freshCode = () => '13' + randomDigits(14) + '77';
const masked = (code) => code.slice(0, 2) + '*'.repeat(code.length - 6) + code.slice(-4);

// A one-off GET on its own connection, closed after the answer: an idle keep-alive
// connection would hold one of the acquirer's worker threads (cpp-httplib serves a
// connection on one thread until it closes) while the terminals need all of them.
function getJson(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { Connection: 'close' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => {
          try {
            assert.equal(res.statusCode, 200, body);
            resolve(JSON.parse(body));
          } catch (err) {
            reject(err);
          }
        });
      })
      .on('error', reject);
  });
}

function order() {
  return {
    outTradeNo: core.makeOutTradeNo(Date.now(), randomHex(8)).value,
    amount: 100 + crypto.randomInt(9900),
    currency: 'CNY',
    authCode: freshCode(),
  };
}

// A signed POST /v1/payments as the terminal builds it (a new nonce every time).
function payRequest(o) {
  return signedPayRequest(core, demo, o);
}

// Resolves with the answer, rejects when there is none (connection reset, refused, timeout).
function post(url, agent, req) {
  return new Promise((resolve, reject) => {
    const r = http.request(
      `${url}/v1/payments`,
      { method: 'POST', agent, headers: req.headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            timestamp: res.headers['qrpos-timestamp'],
            signature: res.headers['qrpos-signature'],
            body,
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end(req.body);
  });
}

// What the terminal concludes from an answer: only a verified SUCCESS for this sale is "paid".
function told(res, nonce, o) {
  const result = core.verifyPayResponse({
    acquirerPublicKeyHex: demo.acquirer_public_key,
    requestNonce: nonce,
    outTradeNo: o.outTradeNo,
    amount: o.amount,
    currency: o.currency,
    httpStatus: res.status,
    timestampMs: Number(res.timestamp ?? 0),
    signature: res.signature ?? '',
    body: res.body,
  });
  if (!result.ok) return { outcome: 'unverified', detail: `${res.status} ${result.error.code}` };
  if (result.status === 'SUCCESS') return { outcome: 'success', transactionId: result.transactionId };
  return { outcome: 'error', detail: `${res.status} ${result.status} ${result.errorCode}` };
}

// One terminal paying as fast as it can until the acquirer is killed.
async function terminalLoop(url, agent, round, state) {
  while (!state.killed) {
    const o = order();
    const req = payRequest(o);
    if (state.killed) break; // not sent: nothing to reconcile
    const entry = { o, outcome: 'in_flight', round };
    sent.set(o.outTradeNo, entry);
    try {
      const res = await post(url, agent, req);
      Object.assign(entry, told(res, req.nonce, o));
    } catch (err) {
      entry.outcome = 'no_answer';
      entry.detail = err.code ?? err.message;
      entry.beforeKill = !state.killed;
      break; // the acquirer is gone
    }
  }
}

const paymentsInLedger = () =>
  ledgerRows(
    dbPath,
    'SELECT terminal_id, out_trade_no, amount, currency, auth_code_masked, auth_code_fingerprint, ' +
      'transaction_id, status FROM payments',
  );

function checkLedger(label) {
  const rows = paymentsInLedger();
  const dupTrade = ledgerRows(
    dbPath,
    'SELECT terminal_id, out_trade_no, COUNT(*) AS n FROM payments GROUP BY 1, 2 HAVING n > 1',
  );
  const dupCode = ledgerRows(
    dbPath,
    'SELECT auth_code_fingerprint, COUNT(*) AS n FROM payments GROUP BY 1 HAVING n > 1',
  );
  assert.deepEqual(dupTrade, [], `${label}: an out_trade_no is in the ledger twice`);
  assert.deepEqual(dupCode, [], `${label}: a payment code was charged twice`);
  const byTrade = new Map();
  for (const row of rows) {
    assert.equal(row.terminal_id, demo.terminal_id);
    const entry = sent.get(row.out_trade_no);
    assert.ok(entry, `${label}: ledger row ${row.out_trade_no} that no terminal asked for`);
    assert.equal(row.status, 'SUCCESS');
    assert.equal(row.amount, entry.o.amount, `${label}: amount of ${row.out_trade_no}`);
    assert.equal(row.currency, entry.o.currency);
    assert.equal(row.auth_code_masked, masked(entry.o.authCode));
    byTrade.set(row.out_trade_no, row);
  }
  for (const [outTradeNo, entry] of sent) {
    if (entry.outcome !== 'success') continue;
    const row = byTrade.get(outTradeNo);
    assert.ok(row, `${label}: ${outTradeNo} was told SUCCESS but is not in the ledger`);
    assert.equal(row.transaction_id, entry.transactionId, `${label}: ${outTradeNo} transaction_id`);
  }
  return byTrade;
}

async function round(t, index, killAfterMs) {
  const url = acquirer.url;
  const agent = new http.Agent({ keepAlive: true, maxSockets: TERMINALS });
  const state = { killed: false };
  const loops = Array.from({ length: TERMINALS }, () => terminalLoop(url, agent, index, state));
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  state.killed = true;
  const victim = acquirer;
  await victim.crash();
  crashed.push(victim);
  await Promise.all(loops);
  agent.destroy();

  const mine = [...sent.values()].filter((e) => e.round === index);
  const count = (outcome) => mine.filter((e) => e.outcome === outcome).length;
  const errors = mine.filter((e) => e.outcome === 'error' || e.outcome === 'unverified');
  assert.equal(count('in_flight'), 0);
  assert.deepEqual(
    errors.map((e) => `${e.outcome} ${e.detail}`),
    [],
    'no payment with a fresh code may be refused',
  );
  const early = mine.filter((e) => e.outcome === 'no_answer' && e.beforeKill);
  // With no more terminals than acquirer worker threads (8) nothing waits or is reset
  // before the kill; a failure here is a server fault, not the kill.
  assert.deepEqual(early.map((e) => e.detail), [], 'no request may fail before the kill');

  // Start again on the same file and reconcile.
  acquirer = await startAcquirer({ demo: true, dbPath });
  const again = await getJson(`${acquirer.url}/demo/terminal.json`);
  assert.equal(again.seed, demo.seed, 'the demo terminal key survives the restart');
  assert.equal(again.acquirer_public_key, demo.acquirer_public_key);

  const byTrade = checkLedger(`round ${index}`);
  const noAnswer = mine.filter((e) => e.outcome === 'no_answer');
  const lost = noAnswer.filter((e) => byTrade.has(e.o.outTradeNo)); // committed, answer lost
  const neverRecorded = noAnswer.filter((e) => !byTrade.has(e.o.outTradeNo));
  const toldSuccess = count('success');
  const inLedgerThisRound = mine.filter((e) => byTrade.has(e.o.outTradeNo)).length;
  const rowsBefore = byTrade.size;

  // The terminals retry every request that got no answer: same out_trade_no and code,
  // new nonce. A lost answer must come back as the same SUCCESS; an unrecorded one is
  // paid now, once.
  const retryAgent = new http.Agent({ keepAlive: true, maxSockets: TERMINALS });
  for (const entry of noAnswer) {
    const req = payRequest(entry.o);
    const res = await post(acquirer.url, retryAgent, req);
    const result = told(res, req.nonce, entry.o);
    assert.equal(result.outcome, 'success', `retry of ${entry.o.outTradeNo}: ${result.detail}`);
    const row = byTrade.get(entry.o.outTradeNo);
    if (row) {
      assert.equal(result.transactionId, row.transaction_id, 'the retry answers the recorded payment');
    }
    entry.outcome = 'success';
    entry.transactionId = result.transactionId;
    entry.retried = true;
  }
  retryAgent.destroy();
  const after = checkLedger(`round ${index} after retries`);
  assert.equal(after.size, rowsBefore + neverRecorded.length, 'retries charged nothing twice');

  t.diagnostic(
    `kill ${index} after ${killAfterMs} ms: sent ${mine.length}, told SUCCESS ${toldSuccess}, ` +
      `in ledger ${inLedgerThisRound} (told ${toldSuccess} + lost answers ${lost.length}), ` +
      `no answer and not recorded ${neverRecorded.length}; ` +
      `retries: ${lost.length} answered the existing SUCCESS, ${neverRecorded.length} paid once; ` +
      `ledger total ${after.size}`,
  );
  return { sent: mine.length, toldSuccess, lost: lost.length, neverRecorded: neverRecorded.length };
}

for (const [i, ms] of KILL_AFTER_MS.entries()) {
  test(`SIGKILL ${i + 1} after ${ms} ms of load with ${TERMINALS} terminals: the ledger matches what terminals were told`, async (t) => {
    const r = await round(t, i + 1, ms);
    assert.ok(r.toldSuccess > 0, 'the load paid something before the kill');
  });
}

test('no clear payment code in any acquirer log, killed or running', () => {
  const logs = [...crashed, acquirer].map((a) => a.stderr()).join('\n');
  const codes = new Set([...sent.values()].map((e) => e.o.authCode));
  const leaked = (logs.match(/\d{16,24}/g) ?? []).filter((d) => codes.has(d));
  assert.deepEqual(leaked.map(masked), []);
  // The scan read the right text: the acquirer logs every payment with its masked code.
  const paid = [...sent.values()].find((e) => e.outcome === 'success');
  assert.ok(paid && logs.includes(masked(paid.o.authCode)), 'payments appear masked in the logs');
});
