// test/support/escpos-render.mjs: a receipt's ESC/POS bytes become a PNG whose codes
// decode back (with ZXing-C++, independent of lean-qr and of how we drew them) and whose
// raster dots are exactly the ones sent. Streams are built by hand here so this does not
// depend on the product's encoder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { decodeCode128, parseEscPos } from '../support/escpos-parse.mjs';
import { closeRenderer, layoutEscPos, renderEscPos } from '../support/escpos-render.mjs';
import { readCodes } from '../support/zxing.mjs';

after(closeRenderer);

// --- building streams -------------------------------------------------------------
const ascii = (s) => [...Buffer.from(s, 'ascii')];
// GB18030 of the few Chinese characters used here (checked against TextDecoder below).
const GB = {
  交: [0xbd, 0xbb],
  易: [0xd2, 0xd7],
  凭: [0xc6, 0xbe],
  证: [0xd6, 0xa4],
  '¥': [0x81, 0x30, 0x84, 0x36],
};
const gb = (s) => [...s].flatMap((ch) => GB[ch] ?? ascii(ch));
const stream = (...parts) => new Uint8Array(parts.flat(Infinity));

const INIT = [0x1b, 0x40];
const LF = [0x0a];
const align = (n) => [0x1b, 0x61, n];
const bold = (on) => [0x1b, 0x45, on ? 1 : 0];
const size = (w, h) => [0x1d, 0x21, ((w - 1) << 4) | (h - 1)];
const feedDots = (n) => [0x1b, 0x4a, n];
const qrCode = (text, { module = 4, ecc = 0x31 } = {}) => {
  const data = ascii(text);
  const k = (fn, ...args) => [
    0x1d,
    0x28,
    0x6b,
    (args.length + 2) & 255,
    (args.length + 2) >> 8,
    0x31,
    fn,
    ...args,
  ];
  return [k(65, 0x32, 0), k(67, module), k(69, ecc), k(80, 0x30, ...data), k(81, 0x30)];
};
const code128 = (data, { height = 80, module = 2, hri = 2 } = {}) => [
  [0x1d, 0x68, height, 0x1d, 0x77, module, 0x1d, 0x48, hri],
  [0x1d, 0x6b, 73, data.length, ...data],
];
const raster = (wBytes, rows, data, m = 0) => [
  0x1d,
  0x76,
  0x30,
  m,
  wBytes & 255,
  wBytes >> 8,
  rows & 255,
  rows >> 8,
  ...data,
];

// --- reading the PNG back ----------------------------------------------------------
/** Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium's canvas writes) to RGBA. */
const isBlack = (img, x, y) => img.data[(y * img.width + x) * 4] < 128;

// zxing-wasm decodes PNG files itself (stb_image inside its wasm).
function decodeAll(png, formats) {
  return readCodes(png, { formats, maxNumberOfSymbols: 4 });
}

// --- tests -------------------------------------------------------------------------
test('the GB18030 bytes used here are what TextDecoder reads as the intended text', () => {
  assert.equal(new TextDecoder('gb18030').decode(new Uint8Array(gb('交易凭证¥'))), '交易凭证¥');
});

test('a zh-CN receipt in Chinese mode: GB18030 title, bold, double size, centred', async () => {
  const bytes = stream(
    INIT,
    [0x1c, 0x26],
    align(1),
    bold(true),
    size(2, 2),
    gb('交易凭证'),
    LF,
    size(1, 1),
    bold(false),
    align(0),
    ascii('Total CNY 23.72'),
    LF,
    gb('¥23.72'),
    LF,
  );
  const r = await renderEscPos(bytes);
  assert.deepEqual(r.text, ['交易凭证', 'Total CNY 23.72', '¥23.72']);
  assert.deepEqual(r.warnings, []);

  const title = parseEscPos(bytes).ops[0];
  assert.equal(title.height, 48, 'double height of a 24-dot glyph');
  assert.deepEqual(
    title.items.map((it) => [it.ch, it.x, it.w, it.bold]),
    [
      ['交', 96, 48, true],
      ['易', 144, 48, true],
      ['凭', 192, 48, true],
      ['证', 240, 48, true],
    ],
    'four 48-dot glyphs centred on 384 dots',
  );

  // The ink of the title really is centred and within its 48-dot line.
  const img = r.image;
  assert.equal(img.width, 384);
  let minX = 384;
  let maxX = -1;
  for (let y = 0; y < 48; y++) {
    for (let x = 0; x < 384; x++) {
      if (!isBlack(img, x, y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
  }
  assert.ok(minX >= 96 && maxX < 288, `title ink ${minX}..${maxX} inside its cells`);
  assert.ok(Math.abs(minX - (383 - maxX)) <= 8, `title ink ${minX}..${maxX} is centred`);
});

test('a stored QR prints and decodes back to exactly the stored text', async () => {
  const data = 'QRPOSR1:T-DEMO-0001:20261126103547abcdef';
  const r = await renderEscPos(
    stream(INIT, feedDots(32), align(1), qrCode(data, { module: 5 }), feedDots(32)),
  );
  assert.deepEqual(r.qr, [data]);
  const found = await decodeAll(r.png, ['QRCode']);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, data);
  assert.equal(found[0].ecLevel, 'M', 'GS ( k fn 169 n=0x31 is level M');
});

test('Code 128 "{BORDER-42" prints bars that decode to ORDER-42, with HRI below', async () => {
  const r = await renderEscPos(
    stream(INIT, feedDots(16), align(1), code128(ascii('{BORDER-42')), feedDots(16)),
  );
  assert.deepEqual(r.barcodes, ['ORDER-42']);
  assert.deepEqual(r.text, ['ORDER-42'], 'the HRI line');
  const found = await decodeAll(r.png, ['Code128']);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'ORDER-42');
  // 123 modules (start, 8 symbols, check, stop) at 2 dots each.
  const bars = parseEscPos(stream(code128(ascii('{BORDER-42')))).ops[0];
  assert.equal(bars.type, 'barcode');
  const lay = await layoutEscPos(stream(code128(ascii('{BORDER-42'))));
  assert.equal(lay.bitmaps[0].w, 246);
  assert.equal(lay.bitmaps[0].h, 80);
});

test('Code 128 data: code sets, literal braces and packed set C digits', () => {
  assert.equal(decodeCode128(stream(ascii('{Ba{{b'))), 'a{b');
  assert.equal(decodeCode128(stream(ascii('{C'), 12, 34, 5)), '123405');
  assert.equal(decodeCode128(stream(ascii('{AAB{C'), 99, ascii('{BxY'))), 'AB99xY');
  const warnings = [];
  assert.equal(
    decodeCode128(stream(ascii('ORDER')), (w) => warnings.push(w)),
    null,
  );
  assert.match(warnings[0], /does not start with/);
});

test('a Code 128 in set C decodes to its digits', async () => {
  const r = await renderEscPos(
    stream(feedDots(16), code128([...ascii('{C'), 20, 26, 11, 26], { hri: 0 }), feedDots(16)),
  );
  assert.deepEqual(r.barcodes, ['20261126']);
  assert.equal((await decodeAll(r.png, ['Code128']))[0]?.text, '20261126');
});

test('a 384x100 GS v 0 checkerboard comes out dot for dot', async () => {
  const dot = (x, y) => (((x >> 2) + (y >> 2)) & 1) ^ (x === 5 && y === 7 ? 1 : 0);
  const data = [];
  for (let y = 0; y < 100; y++) {
    for (let xb = 0; xb < 48; xb++) {
      let byte = 0;
      for (let bit = 0; bit < 8; bit++) byte |= dot(xb * 8 + bit, y) << (7 - bit);
      data.push(byte);
    }
  }
  const r = await renderEscPos(stream(INIT, raster(48, 100, data), feedDots(10)));
  const img = r.image;
  assert.equal(img.height, 110);
  let wrong = 0;
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < 384; x++) if (isBlack(img, x, y) !== (dot(x, y) === 1)) wrong++;
  }
  assert.equal(wrong, 0, 'dots that differ from the raster sent');
  for (let x = 0; x < 384; x++) assert.ok(!isBlack(img, x, 105), 'the feed below is blank');
});

test('GS v 0 mode 3 doubles both ways; a narrow image follows ESC a', async () => {
  const lay = await layoutEscPos(stream(align(2), raster(1, 2, [0x80, 0x01], 3)));
  const bm = lay.bitmaps[0];
  assert.deepEqual([bm.x, bm.y, bm.w, bm.h], [384 - 16, 0, 16, 4]);
  const on = (x, y) => bm.bits[y * bm.w + x];
  assert.deepEqual([on(0, 0), on(1, 1), on(2, 0), on(15, 2), on(14, 3), on(15, 0)], [1, 1, 0, 1, 1, 0]);
});

test('two cuts are counted and drawn; the drawer kick prints nothing but is noted', async () => {
  const bytes = stream(
    INIT,
    ascii('A'),
    LF,
    [0x1d, 0x56, 0x00],
    ascii('B'),
    LF,
    [0x1b, 0x70, 0, 0x32, 0xfa],
    [0x1d, 0x56, 0x42, 0x10],
  );
  const r = await renderEscPos(bytes);
  assert.equal(r.cuts, 2);
  assert.deepEqual(r.text, ['A', 'B', '[drawer]']);
  const img = r.image;
  const dashes = (y) => [...Array(384).keys()].filter((x) => isBlack(img, x, y)).length;
  // Line A is 30 dots, the cut mark 24 with its dashes on its 13th row.
  assert.ok(dashes(30 + 12) > 100, 'a dashed line at the first cut');
  assert.ok(dashes(30 + 24 + 30 + 16 + 12) > 100, 'a dashed line at the second cut, after its 16-dot feed');
});

test('FS . then bytes >= 0x80: CP437 with a warning, no crash; ESC @ restores Chinese mode', async () => {
  const r = await renderEscPos(stream([0x1c, 0x2e], ascii('caf'), 0x82, LF, INIT, gb('交'), LF));
  assert.deepEqual(r.text, ['café', '交']);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /^@5: byte 0x82 outside Chinese mode/);
  const other = parseEscPos(stream([0x1c, 0x2e, 0x1b, 0x74, 16, 0xe9, 0x0a]));
  assert.deepEqual(other.text, ['?']);
  assert.equal(other.warnings.length, 2);
});

test('text wraps at the paper edge like the printer: 32 font-A or 16 CJK characters on 58 mm', () => {
  assert.deepEqual(parseEscPos(stream(ascii('x'.repeat(40)), LF)).text, ['x'.repeat(32), 'x'.repeat(8)]);
  assert.deepEqual(parseEscPos(stream(gb('交'.repeat(17)), LF)).text, ['交'.repeat(16), '交']);
  assert.deepEqual(parseEscPos(stream(ascii('Item\tQty'), LF)).text, ['Item    Qty'], 'tab stops every 8');
  assert.deepEqual(parseEscPos(stream(ascii('x'.repeat(40)), LF), { widthDots: 576 }).text, ['x'.repeat(40)]);
  assert.deepEqual(parseEscPos(stream([0x1b, 0x21, 0x01], ascii('y'.repeat(43)), LF)).text, [
    'y'.repeat(42),
    'y',
  ]);
});

test('status requests and unknown commands are warnings with their offsets', () => {
  const r = parseEscPos(stream(ascii('A'), [0x10, 0x04, 0x01], [0x1b, 0x01], [0x1d, 0x99], ascii('B'), LF));
  assert.deepEqual(r.text, ['AB']);
  assert.deepEqual(
    r.warnings.map((w) => w.split(':')[0]),
    ['@1', '@4', '@6'],
  );
});

// Random bytes, with command introducers made common so the parser's command paths
// (not just its text path) see garbage parameters.
function randomStream(rand, len) {
  const intro = [0x1b, 0x1d, 0x1c, 0x10, 0x0a];
  const cmds = [0x40, 0x61, 0x21, 0x56, 0x6b, 0x76, 0x28, 0x2a, 0x64, 0x4a, 0x68, 0x77, 0x48, 0x2e, 0x26];
  const out = new Uint8Array(len);
  for (let k = 0; k < len; k++) {
    const r = rand();
    if (r < 0.15) out[k] = intro[Math.floor(rand() * intro.length)];
    else if (r < 0.3) out[k] = cmds[Math.floor(rand() * cmds.length)];
    else out[k] = Math.floor(rand() * 256);
  }
  return out;
}

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('2,000 random byte strings lay out without throwing; some of them render', async () => {
  const rand = mulberry32(20261126);
  for (let n = 0; n < 2000; n++) {
    const bytes = randomStream(rand, 1 + Math.floor(rand() * 600));
    const lay = await layoutEscPos(bytes, { widthDots: n % 2 ? 384 : 576 });
    assert.ok(Array.isArray(lay.warnings) && Number.isInteger(lay.height), `stream ${n}`);
    if (n % 100 === 0) {
      const r = await renderEscPos(bytes);
      assert.equal(r.png.readUInt32BE(0), 0x89504e47, `stream ${n} gives a PNG`);
    }
  }
});

test('the CLI writes a PNG at 80 mm width', async () => {
  const { execFileSync } = await import('node:child_process');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escpos-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.bin'), stream(INIT, ascii('Hello'), LF));
    const out = execFileSync(process.execPath, [
      new URL('../../scripts/render-receipt.mjs', import.meta.url).pathname,
      path.join(dir, 'r.bin'),
      path.join(dir, 'r.png'),
      '--width',
      '576',
    ]).toString();
    assert.match(out, /576x30/);
    // PNG header: width is the big-endian word at byte 16.
    assert.equal(fs.readFileSync(path.join(dir, 'r.png')).readUInt32BE(16), 576);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
