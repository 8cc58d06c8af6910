// The committed sample receipts, as a printer would print them: every golden ESC/POS
// stream (test/vectors/receipts, from the core) rendered to a PNG whose QR code reads
// back (ZXing) as the receipt's lookup code, with the amounts where they belong.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { closeRenderer, renderEscPos } from '../support/escpos-render.mjs';
import { readCodes } from '../support/zxing.mjs';

after(closeRenderer);

const LOOKUP = 'QRPOSR1:T-0A1B2C3D4E5F6071:2026112610354765a8bdeb31ba01dd';
const dir = new URL('../vectors/receipts/', import.meta.url);
const expected = {
  payment: { 'zh-CN': ['交易凭证', '￥23.72', '微信支付'], en: ['RECEIPT', 'CNY 23.72', 'WeChat Pay'] },
  refund: {
    'zh-CN': ['退款凭证', '-￥5.00', '原交易金额'],
    en: ['REFUND RECEIPT', 'CNY -5.00', 'Sale amount'],
  },
  report: { 'zh-CN': ['日结报表', '￥787.50', '退款 2笔'], en: ['DAILY REPORT', 'CNY 787.50', 'Refunds 2x'] },
  // merchant scenarios: a table's bill with a tip, for a member, naming what it paid
  scenario: {
    'zh-CN': [
      '桌号',
      '小费',
      '￥28.80',
      '实付金额',
      '￥316.80',
      '会员',
      'VI*******1234',
      '本次积分',
      '积分余额',
    ],
    en: [
      'Table',
      'Tip',
      'CNY 28.80',
      'Total paid',
      'CNY 316.80',
      'Member',
      'Points earned',
      'Points balance',
    ],
  },
  'table-card': { 'zh-CN': ['5号桌', '扫码付款'], en: ['Table 5', 'Scan to pay your bill'] },
};
// What each kind's QR holds: the receipt's lookup code, the table's page, or none (report).
const QR = { report: [], 'table-card': ['https://sandbox.example/t/T-1/5?tip=01'] };

for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bin'))
  .sort()) {
  test(`${file}: prints its text and a QR that scans back`, async () => {
    const [, kind, lang, mm] = /^([\w-]+?)-(zh-CN|en)-(58|80)\.bin$/.exec(file);
    const r = await renderEscPos(new Uint8Array(fs.readFileSync(new URL(file, dir))), {
      widthDots: mm === '80' ? 576 : 384,
    });
    assert.deepEqual(r.warnings, []);
    assert.equal(r.cuts, 1);
    const text = r.text.join('\n');
    for (const want of expected[kind][lang]) assert.ok(text.includes(want), `${want} in\n${text}`);
    const codes = await readCodes(r.png);
    assert.deepEqual(
      codes.map((c) => c.text),
      QR[kind] ?? [LOOKUP],
    );
  });
}
