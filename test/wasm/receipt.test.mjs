// wasm/receipt/bind_receipt.cpp: the receipt module gives the same bytes as the native
// core (the golden receipts in test/vectors/receipts), the document the shell draws in
// raster mode, and typed errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, test } from 'node:test';
import { loadReceiptModule } from '../support/core.mjs';

const golden = (name) =>
  new Uint8Array(fs.readFileSync(new URL(`../vectors/receipts/${name}.bin`, import.meta.url)));

// The same sale as test/native/receipt_test.cpp.
const sale = {
  merchantName: '一号店 Noodle Bar',
  storeName: '南京西路店',
  terminalId: 'T-0A1B2C3D4E5F6071',
  timeMs: 1_795_689_347_000,
  amount: 2372,
  currency: 'CNY',
  scheme: 'wechat',
  authCodeMasked: '13************6789',
  outTradeNo: '2026112610354765a8bdeb31ba01dd',
  transactionId: 'QP1795689347289c3f5f488',
  lookupCode: 'QRPOSR1:T-0A1B2C3D4E5F6071:2026112610354765a8bdeb31ba01dd',
};
const refund = {
  ...sale,
  timeMs: sale.timeMs + 3_600_000,
  amount: 500,
  originalAmount: 2372,
  outRefundNo: '20261126113547a0b1c2d3e4f5a6b7',
  refundId: 'RF1795692947289aa01',
};
const report = {
  merchantName: '一号店 Noodle Bar',
  terminalId: 'T-0A1B2C3D4E5F6071',
  date: '2026-11-26',
  printedAtMs: 1_795_710_000_000,
  currency: 'CNY',
  sales: [
    { scheme: 'wechat', count: 12, amount: 48_800 },
    { scheme: 'alipay', count: 7, amount: 21_550 },
    { scheme: 'unionpay', count: 1, amount: 9_900 },
  ],
  refundCount: 2,
  refundAmount: 1_500,
};

let m;
before(async () => {
  m = await loadReceiptModule();
});

const input = (kind, language, dots, extra = {}) =>
  JSON.stringify({
    kind,
    language,
    printer: { dots, textMode: 'gb18030', ...extra },
    ...(kind === 'report' ? { report } : { sale: kind === 'refund' ? refund : sale }),
  });

test('ESC/POS from wasm is byte for byte the native golden receipt, in every variant', () => {
  for (const kind of ['payment', 'refund', 'report']) {
    for (const language of ['zh-CN', 'en']) {
      for (const [dots, mm] of [
        [384, 58],
        [576, 80],
      ]) {
        const r = m.receiptEscPos(input(kind, language, dots));
        assert.ok(r.ok, r.error?.detail);
        assert.deepEqual(r.bytes, golden(`${kind}-${language}-${mm}`), `${kind}-${language}-${mm}`);
      }
    }
  }
});

test('the document: lines to draw, plain text and escaped HTML', () => {
  const r = m.receiptDocument(input('payment', 'zh-CN', 384));
  assert.ok(r.ok);
  const doc = JSON.parse(r.value);
  assert.equal(doc.columns, 32);
  assert.deepEqual(doc.lines[0], {
    type: 'text',
    align: 'center',
    bold: true,
    size: 2,
    text: '一号店 Noodle Bar',
    right: '',
  });
  assert.ok(doc.lines.some((l) => l.type === 'qr' && l.text === sale.lookupCode));
  assert.match(doc.text, /支付方式 +微信支付/);
  assert.match(doc.html, /^<div class="receipt" lang="zh-CN">/);
  const en = JSON.parse(m.receiptDocument(input('report', 'en', 576)).value);
  assert.match(en.text, /Net +CNY 787\.50/);
});

test('a raster job: the drawn bitmap in strips, then the cut', () => {
  const bits = new Uint8Array(48 * 300).fill(0x0f);
  const r = m.receiptRaster(bits, 384, 300, JSON.stringify({ printer: { dots: 384, textMode: 'raster' } }));
  assert.ok(r.ok, r.error?.detail);
  assert.deepEqual([...r.bytes.slice(0, 5)], [0x1b, 0x40, 0x1b, 0x61, 0x01]);
  assert.equal(r.bytes.length, 5 + 2 * 8 + 48 * 300 + 4);
  const wide = m.receiptRaster(new Uint8Array(72), 576, 1, JSON.stringify({ printer: { dots: 384 } }));
  assert.equal(wide.ok, false);
  assert.equal(wide.error.code, 'invalid_field');
});

test('bad input is a typed error', () => {
  assert.equal(m.receiptEscPos('not json').error.code, 'malformed_message');
  assert.equal(
    m.receiptEscPos(JSON.stringify({ kind: 'payment', sale: { ...sale, currency: 'XXX' } })).error.code,
    'unknown_currency',
  );
  assert.equal(
    m.receiptDocument(JSON.stringify({ kind: 'refund', sale: { ...sale, outTradeNo: '' } })).error.code,
    'invalid_field',
  );
});
