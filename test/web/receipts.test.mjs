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
};

for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bin'))
  .sort()) {
  test(`${file}: prints its text and a QR that scans back`, async () => {
    const [, kind, lang, mm] = /^(\w+)-(zh-CN|en)-(58|80)\.bin$/.exec(file);
    const r = await renderEscPos(new Uint8Array(fs.readFileSync(new URL(file, dir))), {
      widthDots: mm === '80' ? 576 : 384,
    });
    assert.deepEqual(r.warnings, []);
    assert.equal(r.cuts, 1);
    const text = r.text.join('\n');
    for (const want of expected[kind][lang]) assert.ok(text.includes(want), `${want} in\n${text}`);
    const codes = await readCodes(r.png);
    if (kind === 'report') assert.deepEqual(codes, []);
    else
      assert.deepEqual(
        codes.map((c) => c.text),
        [LOOKUP],
      );
  });
}
