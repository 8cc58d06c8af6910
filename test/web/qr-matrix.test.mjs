// web/src/ui/qr-matrix.ts: what the kiosk draws must decode, with an independent
// decoder (ZXing-C++), to exactly the text it was asked to show.
import assert from 'node:assert/strict';
import test from 'node:test';
import { readCodes } from '../support/zxing.mjs';
import { encodeQr, qrSvgPath } from '../../build/web-unit/qr-matrix.js';

// An ImageData-like RGBA buffer, as a canvas would hold the on-screen SVG.
function rasterize(m, px = 4, quietZone = 4) {
  const side = (m.size + 2 * quietZone) * px;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (!m.dark(Math.floor(x / px) - quietZone, Math.floor(y / px) - quietZone)) continue;
      const i = (y * side + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, width: side, height: side, colorSpace: 'srgb' };
}

async function decode(m) {
  const results = await readCodes(rasterize(m), { maxNumberOfSymbols: 1 });
  assert.equal(results.length, 1, 'one QR code found');
  return results[0];
}

const ORDER_URL = 'http://127.0.0.1:8080/pay/ORD1234567890ABCDEF?t=1764150000';
const EMV_MPM =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678' +
  '520441115802CN5914BEIJING BEI JI6007BEIJING62140510OR2026112663043A2B';

for (const [name, text] of [
  ['an order URL', ORDER_URL],
  ['an EMV MPM payload', EMV_MPM],
  ['UTF-8 text with CJK (merchant name in the alternate language)', '北京咖啡 café ¥12.00'],
]) {
  test(`${name} decodes back to the same text at error correction M`, async () => {
    const m = encodeQr(text);
    assert.equal((m.size - 17) % 4, 0, 'a QR symbol is 17 + 4 * version modules a side');
    const r = await decode(m);
    assert.equal(r.text, text);
    assert.equal(r.ecLevel, 'M');
  });
}

test('ASCII payloads carry no ECI designator (some wallet scanners mishandle one)', async () => {
  assert.equal((await decode(encodeQr(EMV_MPM))).hasECI, false);
});

test('text too long for any QR version throws a clear error', () => {
  // Version 40-M holds 2331 bytes in byte mode.
  assert.throws(() => encodeQr('x'.repeat(3000)), /too long/);
  assert.doesNotThrow(() => encodeQr('x'.repeat(2331)));
});

test("qrSvgPath's viewBox includes the quiet zone on every side", () => {
  const m = encodeQr(ORDER_URL);
  assert.equal(qrSvgPath(m).viewBox, `0 0 ${m.size + 8} ${m.size + 8}`);
  assert.equal(qrSvgPath(m, 2).viewBox, `0 0 ${m.size + 4} ${m.size + 4}`);
});

test('qrSvgPath draws exactly the dark modules, one subpath per horizontal run', () => {
  const m = encodeQr(EMV_MPM);
  const q = 4;
  const { d } = qrSvgPath(m, q);
  const drawn = new Set();
  let runs = 0;
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    runs++;
    for (let i = 0; i < Number(w); i++) drawn.add(`${Number(x) - q + i},${Number(y) - q}`);
  }
  assert.equal(d.replace(/M(\d+) (\d+)h(\d+)v1h-\3z/g, ''), '', 'nothing but runs in the path');
  let expectedRuns = 0;
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      assert.equal(drawn.has(`${x},${y}`), m.dark(x, y), `module ${x},${y}`);
      if (m.dark(x, y) && !m.dark(x - 1, y)) expectedRuns++;
    }
  }
  assert.equal(runs, expectedRuns, 'adjacent dark modules are merged');
});
