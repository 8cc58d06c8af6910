// qrpos/scan.hpp through the WebAssembly build: every paycode.json vector, and the
// receipt codes this terminal prints.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadCore } from '../support/core.mjs';

const vectors = (name) => JSON.parse(fs.readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));
const PAYABLE = new Set(['payment_code', 'emv_cpm']);
const MESSAGE = {
  emv_mpm: 'scan.merchant_code',
  merchant_url: 'scan.merchant_code',
  receipt: 'scan.receipt',
  unknown: 'scan.unknown',
};

let core;
before(async () => {
  core = await loadCore();
});

test('classifyScan: every paycode.json vector (kind, scheme, code, message)', () => {
  const doc = vectors('paycode.json');
  assert.ok(doc.vectors.length >= 30);
  for (const v of doc.vectors) {
    const scan = core.classifyScan(v.text);
    const label = JSON.stringify(v.text.slice(0, 60));
    assert.equal(scan.kind, v.kind, `kind of ${label}`);
    assert.equal(scan.scheme, v.scheme ?? '', `scheme of ${label}`);
    assert.equal(scan.code, PAYABLE.has(v.kind) ? v.text.trim() : '', `code of ${label}`);
    assert.equal(scan.messageKey, MESSAGE[v.kind] ?? '', `message of ${label}`);
    assert.equal(scan.receiptTerminalId, '');
    assert.equal(scan.receiptOutTradeNo, '');
  }
});

test('classifyScan reads a receipt code: its parts, a message, and no payable code', () => {
  const scan = core.classifyScan('QRPOSR1:SH-0001:202611260800000102030405060708\r\n');
  assert.deepEqual(scan, {
    kind: 'receipt',
    scheme: '',
    code: '',
    messageKey: 'scan.receipt',
    receiptTerminalId: 'SH-0001',
    receiptOutTradeNo: '202611260800000102030405060708',
    patternIndex: 0,
  });
});

test('classifyScan: a broken receipt code is unknown', () => {
  for (const text of [
    'QRPOSR1:',
    'QRPOSR1:T1',
    'QRPOSR1:T1:',
    'QRPOSR1::1',
    'QRPOSR1:T_1:1',
    'QRPOSR1:T1:1:2',
    'QRPOSR1:T1:1 2',
    'QRPOSR1:T1:单号',
    `QRPOSR1:${'T'.repeat(33)}:1`,
    `QRPOSR1:T1:${'1'.repeat(33)}`,
    'qrposr1:T1:1',
    'QRPOSR2:T1:1',
  ]) {
    const scan = core.classifyScan(text);
    assert.equal(scan.kind, 'unknown', text);
    assert.equal(scan.messageKey, 'scan.unknown', text);
    assert.equal(scan.receiptTerminalId, '', text);
  }
});

test('makeReceiptCode round-trips through classifyScan', () => {
  for (const [terminalId, outTradeNo] of [
    ['T1', '1'],
    ['SH-0001', '20261126_a-b'],
    ['T'.repeat(32), '9'.repeat(32)],
  ]) {
    const made = core.makeReceiptCode(terminalId, outTradeNo);
    assert.ok(made.ok, made.error.detail);
    assert.equal(made.value, `QRPOSR1:${terminalId}:${outTradeNo}`);
    const scan = core.classifyScan(made.value);
    assert.equal(scan.kind, 'receipt');
    assert.equal(scan.receiptTerminalId, terminalId);
    assert.equal(scan.receiptOutTradeNo, outTradeNo);
  }
});

test('makeReceiptCode rejects parts outside their rules', () => {
  for (const [terminalId, outTradeNo, offset] of [
    ['', '1', 0],
    ['T1', '', 0],
    ['T_1', '1', 1],
    ['T1', '1:2', 1],
    ['T'.repeat(33), '1', 32],
    ['T1', '号', 0],
  ]) {
    const r = core.makeReceiptCode(terminalId, outTradeNo);
    assert.equal(r.ok, false, `${terminalId} ${outTradeNo}`);
    assert.equal(r.error.code, 'invalid_field');
    assert.equal(r.error.offset, offset, `${terminalId} ${outTradeNo}`);
  }
});

test('maskCode keeps the first two and last four characters', () => {
  assert.equal(core.maskCode('134567890123456789'), '13************6789');
  assert.equal(core.maskCode('123456'), '******');
  assert.equal(core.maskCode(''), '');
});
