// wasm/receipt/bind_receipt.cpp for merchant scenarios: the new sale keys (member,
// points, tip, table, what was paid for) and the table card, with the texts
// test/native/receipt_scenarios_test.cpp checks natively.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, test } from 'node:test';
import { loadReceiptModule } from '../support/core.mjs';

const sale = {
  merchantName: '一号店 Noodle Bar',
  terminalId: 'T-0A1B2C3D4E5F6071',
  timeMs: 1_795_689_347_000,
  amount: 28800,
  currency: 'CNY',
  scheme: 'wechat',
  authCodeMasked: '',
  outTradeNo: '2026112610354765a8bdeb31ba01dd',
  memberIdMasked: 'VIP0000001234',
  hasLoyalty: true,
  pointsEarned: 288,
  pointsBalance: 1288,
  tipAmount: 2880,
  table: '5',
  description: '晚餐 Dinner',
  reference: 'BILL-0042',
};
const card = {
  merchantName: '一号店 Noodle Bar',
  table: '5',
  qrPayload: 'https://sandbox.example/t/T-1/5?tip=01',
  tipText: '小费随意 Tip as you like',
};

let m;
before(async () => {
  m = await loadReceiptModule();
});

const doc = (kind, language, body) => {
  const r = m.receiptDocument(JSON.stringify({ kind, language, printer: { dots: 576 }, ...body }));
  assert.ok(r.ok, r.error?.detail);
  return JSON.parse(r.value);
};

test('a member with points, a tip, the table and the bill, in both languages', () => {
  const zh = doc('payment', 'zh-CN', { sale }).text;
  for (const want of ['会员', 'VI*******1234', '本次积分', '+288', '积分余额', '1288', '账单金额', '小费', '实付金额',
    '￥316.80', '桌号', '晚餐 Dinner (BILL-0042)']) {
    assert.ok(zh.includes(want), `${want} in\n${zh}`);
  }
  assert.ok(!zh.includes('VIP0000001234'), 'the member id prints masked');
  const en = doc('payment', 'en', { sale }).text;
  for (const want of ['Member', 'Points earned', 'Points balance', 'Bill', 'Tip', 'Total paid', 'CNY 316.80', 'Table', 'For']) {
    assert.ok(en.includes(want), `${want} in\n${en}`);
  }
});

test('a table card: the table in big type, the QR, what to do', () => {
  const zh = doc('table_card', 'zh-CN', { tableCard: card });
  assert.ok(zh.lines.some((l) => l.size === 2 && l.text === '5号桌'));
  assert.ok(zh.lines.some((l) => l.type === 'qr' && l.text === card.qrPayload));
  assert.ok(zh.text.includes('扫码付款'));
  const en = doc('table_card', 'en', { tableCard: card });
  assert.ok(en.lines.some((l) => l.size === 2 && l.text === 'Table 5'));
  assert.ok(en.text.includes('Scan to pay your bill'));
  const bytes = m.receiptEscPos(JSON.stringify({ kind: 'table_card', language: 'zh-CN', tableCard: card }));
  assert.ok(bytes.ok);
  assert.ok(Buffer.from(bytes.bytes).includes(Buffer.from(card.qrPayload)), 'a native QR');
  const bad = m.receiptDocument(JSON.stringify({ kind: 'table_card', tableCard: { ...card, table: '5 6' } }));
  assert.equal(bad.error.code, 'invalid_field');
});

test('ESC/POS from wasm is byte for byte the native golden scenario receipts', () => {
  const golden = (name) => new Uint8Array(fs.readFileSync(new URL(`../vectors/receipts/${name}.bin`, import.meta.url)));
  const goldenSale = {
    ...sale,
    authCodeMasked: '',
    transactionId: 'QP1795689347289c3f5f488',
    memberIdMasked: 'VI*******1234',
    lookupCode: 'QRPOSR1:T-0A1B2C3D4E5F6071:2026112610354765a8bdeb31ba01dd',
  };
  for (const [name, kind, language, dots, body] of [
    ['scenario-zh-CN-58', 'payment', 'zh-CN', 384, { sale: goldenSale }],
    ['scenario-en-80', 'payment', 'en', 576, { sale: goldenSale }],
    ['table-card-zh-CN-58', 'table_card', 'zh-CN', 384, { tableCard: card }],
    ['table-card-en-80', 'table_card', 'en', 576, { tableCard: card }],
  ]) {
    const r = m.receiptEscPos(JSON.stringify({ kind, language, printer: { dots }, ...body }));
    assert.ok(r.ok, r.error?.detail);
    assert.deepEqual(r.bytes, golden(name), name);
  }
});
