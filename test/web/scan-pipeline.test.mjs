// web/src/sdk/scan-pipeline.ts in Node: the camera's decode cycle on generated codes
// (drawn with zxing-wasm's writer): clean codes on the first frame, tilted and inverted
// Code 128 within one cycle, and never a text from a frame without a code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { prepareZXingModule as prepareWriter, writeBarcode } from 'zxing-wasm/writer';
import {
  prepareScanPipeline,
  scanFrame,
  SCAN_CYCLE,
  SCAN_PASSES,
} from '../../build/web-unit/scan-pipeline.js';

const wasm = (name) =>
  fs.readFileSync(new URL(`../../node_modules/zxing-wasm/dist/${name}`, import.meta.url));
const PAY_CODE = '134567890123456789';

before(async () => {
  await prepareScanPipeline({ wasmBinary: wasm('reader/zxing_reader.wasm') });
  await prepareWriter({ overrides: { wasmBinary: wasm('writer/zxing_writer.wasm') }, fireImmediately: true });
});

/** The code's modules (1 px each, dark = 0) as a grey 640x360 RGBA frame, scaled, tilted by `degrees`, optionally inverted. */
async function frameWith(format, { module = 3, degrees = 0, invert = false } = {}) {
  const { symbol } = await writeBarcode(PAY_CODE, { format });
  const frame = { width: 640, height: 360, data: new Uint8ClampedArray(640 * 360 * 4) };
  const cos = Math.cos((degrees * Math.PI) / 180);
  const sin = Math.sin((degrees * Math.PI) / 180);
  // Payment screens show a short Code 128 (30 modules high), which tilt defeats.
  const barHeight = format === 'Code128' ? 30 : symbol.height;
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      // Inverse-rotate around the frame centre, then look the module up (white outside).
      const dx = x - frame.width / 2;
      const dy = y - frame.height / 2;
      const mx = Math.floor((cos * dx + sin * dy) / module + symbol.width / 2);
      const my = Math.floor((-sin * dx + cos * dy) / module + barHeight / 2);
      const inside = mx >= 0 && my >= 0 && mx < symbol.width && my < barHeight;
      const dark = inside && symbol.data[my * symbol.width + mx] < 128;
      const v = dark !== invert ? 20 : 235;
      frame.data.set([v, v, v, 255], (y * frame.width + x) * 4);
    }
  }
  return frame;
}

async function readWithinCycle(frame) {
  const texts = new Set();
  let first = null;
  for (let seq = 0; seq < SCAN_CYCLE; seq++) {
    const { texts: read } = await scanFrame(frame, seq);
    read.forEach((t) => texts.add(t));
    if (first === null && read.length) first = seq;
  }
  return { texts: [...texts], first };
}

test('a clean QR code and a clean Code 128 are read on the first frame', async () => {
  for (const format of ['QRCode', 'Code128']) {
    const outcome = await scanFrame(await frameWith(format), 0);
    assert.deepEqual(outcome.texts, [PAY_CODE], format);
    assert.equal(outcome.pass, SCAN_PASSES[0].name);
  }
});

test('a Code 128 tilted 14 degrees either way is read within one cycle, never misread', async () => {
  for (const degrees of [14, -14]) {
    const frame = await frameWith('Code128', { degrees });
    assert.deepEqual(
      (await scanFrame(frame, 0)).texts,
      [],
      'the fast pass alone does not read it (else this tests nothing)',
    );
    assert.deepEqual((await readWithinCycle(frame)).texts, [PAY_CODE], `${degrees} degrees`);
  }
});

test('light-on-dark codes are read within one cycle', async () => {
  for (const format of ['QRCode', 'Code128']) {
    assert.deepEqual(
      (await readWithinCycle(await frameWith(format, { invert: true }))).texts,
      [PAY_CODE],
      format,
    );
  }
});

test('a frame without a code reads nothing on any pass', async () => {
  const noise = { width: 640, height: 360, data: new Uint8ClampedArray(640 * 360 * 4) };
  let seed = 1;
  for (let i = 0; i < noise.data.length; i++)
    noise.data[i] = i % 4 === 3 ? 255 : (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  assert.deepEqual((await readWithinCycle(noise)).texts, []);
});

test('the pass follows the frame sequence number around the cycle', async () => {
  const frame = await frameWith('QRCode');
  for (const seq of [0, 1, SCAN_CYCLE - 1, SCAN_CYCLE, SCAN_CYCLE + 1, 1e6]) {
    assert.equal((await scanFrame(frame, seq)).pass, SCAN_PASSES[seq % SCAN_CYCLE].name, `seq ${seq}`);
  }
});
