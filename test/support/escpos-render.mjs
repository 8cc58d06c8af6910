// ESC/POS bytes -> PNG of the receipt, one pixel per printer dot (203 dpi).
// Layout and every barcode/QR/raster dot are computed in Node so they are exact;
// Chromium only rasterizes the text with the system fonts (WenQuanYi Micro Hei has
// the Chinese glyphs) and encodes the PNG.
import fs from 'node:fs';
import { correction, generate, mode } from 'lean-qr';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { launchBrowser } from './browser.mjs';
import { parseEscPos } from './escpos-parse.mjs';

// Chromium refuses canvases taller than 32767 pixels.
const MAX_CANVAS = 32000;
const HRI_FONTS = [
  { w: 12, h: 24 },
  { w: 9, h: 17 },
];
const CUT_HEIGHT = 24;

let writerReady;
function zxingWriter() {
  // zxing-wasm would fetch its .wasm from a CDN; the tests run offline.
  writerReady ??= prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(
        new URL('../../node_modules/zxing-wasm/dist/writer/zxing_writer.wasm', import.meta.url),
      ),
    },
    fireImmediately: true,
  });
  return writerReady;
}

function alignX(w, align, left, right) {
  const free = right - left - w;
  if (free <= 0) return left;
  return left + (align === 1 ? Math.floor(free / 2) : align === 2 ? free : 0);
}

/** The dots of a QR symbol as the printer would draw them: no quiet zone of its own. */
function qrBits(data, ecc, module) {
  const level = correction[ecc];
  // Printers put the stored bytes in byte mode, without an ECI.
  const code = generate(mode.bytes(data), { minCorrectionLevel: level, maxCorrectionLevel: level });
  const side = code.size * module;
  const bits = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      bits[y * side + x] = code.get(Math.floor(x / module), Math.floor(y / module)) ? 1 : 0;
    }
  }
  return { w: side, h: side, bits };
}

/** Code 128 bars from ZXing's writer, `module` dots per module, `height` dots tall. */
async function code128Bits(text, module, height) {
  await zxingWriter();
  const r = await writeBarcode(text, { format: 'Code128', addQuietZones: false });
  if (r.error || !r.symbol) throw new Error(r.error || 'no symbol');
  const { data, width } = r.symbol;
  const w = width * module;
  const bits = new Uint8Array(w * height);
  for (let x = 0; x < w; x++) {
    // ZXing's symbol is one-channel: 0 is a bar.
    if (data[Math.floor(x / module)] !== 0) continue;
    for (let y = 0; y < height; y++) bits[y * w + x] = 1;
  }
  return { w, h: height, bits };
}

function hriChars(text, x0, y, width, font) {
  const f = HRI_FONTS[font];
  const x = x0 + Math.floor((width - text.length * f.w) / 2);
  return [...text].map((ch, k) => ({ ch, x: x + k * f.w, y, w: f.w, h: f.h, font, wMul: 1, hMul: 1 }));
}

/**
 * Parses and lays out `bytes` without drawing: positions of every glyph, bitmap and cut.
 * Cheap enough to fuzz; `renderEscPos` draws what this returns.
 */
export async function layoutEscPos(bytes, { widthDots = 384 } = {}) {
  const parsed = parseEscPos(bytes, { widthDots });
  const warnings = [...parsed.warnings];
  const chars = [];
  const bitmaps = [];
  const cuts = [];
  let y = 0;
  const putBitmap = (bm, align, left = 0, right = widthDots) => {
    let { w, bits } = bm;
    if (w > right - left) {
      warnings.push(`a ${w}-dot wide symbol does not fit the ${right - left}-dot print area: clipped`);
      const cw = right - left;
      const clipped = new Uint8Array(cw * bm.h);
      for (let r = 0; r < bm.h; r++) clipped.set(bits.subarray(r * w, r * w + cw), r * cw);
      w = cw;
      bits = clipped;
    }
    bitmaps.push({ x: alignX(w, align, left, right), y, w, h: bm.h, bits });
    y += bm.h;
  };

  for (const op of parsed.ops) {
    switch (op.type) {
      case 'line':
        for (const it of op.items) {
          // Characters of different heights share a baseline at the bottom of the line.
          const top = y + op.height - it.h;
          if (it.kind === 'bits') bitmaps.push({ x: it.x, y: top, w: it.w, h: it.h, bits: it.bits });
          else {
            const { kind, ...glyph } = it;
            chars.push({ ...glyph, y: top });
          }
        }
        y += op.advance;
        break;
      case 'feed':
        y += op.dots;
        break;
      case 'bitmap':
        putBitmap(op, op.align, op.leftMargin, op.areaRight);
        break;
      case 'qr':
        try {
          putBitmap(qrBits(op.data, op.ecc, op.module), op.align);
        } catch (e) {
          warnings.push(`QR "${op.text.slice(0, 40)}" not printable: ${e.message ?? e}`);
        }
        break;
      case 'barcode': {
        let bm;
        try {
          bm = await code128Bits(op.text, op.module, op.height);
        } catch (e) {
          warnings.push(`Code 128 "${op.text}" not printable: ${e.message ?? e}`);
          break;
        }
        const x = alignX(Math.min(bm.w, widthDots), op.align, 0, widthDots);
        const hriW = Math.min(bm.w, widthDots);
        if (op.hri & 1) {
          chars.push(...hriChars(op.text, x, y, hriW, op.hriFont));
          y += HRI_FONTS[op.hriFont].h + 2;
        }
        putBitmap(bm, op.align);
        if (op.hri & 2) {
          y += 2;
          chars.push(...hriChars(op.text, x, y, hriW, op.hriFont));
          y += HRI_FONTS[op.hriFont].h;
        }
        break;
      }
      case 'cut':
        cuts.push({ y, partial: op.partial });
        y += CUT_HEIGHT;
        break;
    }
  }
  return { ...parsed, warnings, height: Math.max(1, y), chars, bitmaps, cutMarks: cuts };
}

let shared;
async function sharedPage() {
  shared ??= (async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    return { browser, page };
  })();
  return (await shared).page;
}

/** Closes the Chromium that `renderEscPos` started, if any (lets Node exit). */
export async function closeRenderer() {
  if (!shared) return;
  const s = shared;
  shared = undefined;
  await (await s).browser.close();
}

// Rows of ceil(w/8) bytes, MSB leftmost: an eighth of the size of one byte per dot.
function packBits({ w, h, bits }) {
  const stride = Math.ceil(w / 8);
  const out = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) if (bits[y * w + x]) out[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
  }
  return out.toString('base64');
}

/**
 * Renders an ESC/POS stream as a receipt PNG.
 *
 * @param {Uint8Array} bytes what would be sent to the printer
 * @param {{widthDots?: number, scale?: number, page?: import('playwright-core').Page}} [options]
 *   `widthDots` 384 (58 mm) or 576 (80 mm); `scale` enlarges every dot to scale x scale
 *   pixels; `page` draws in that page instead of a shared headless Chromium.
 * @returns {Promise<{png: Buffer, image: {data: Uint8ClampedArray, width: number, height: number},
 *   text: string[], qr: string[], barcodes: string[], cuts: number,
 *   warnings: string[], width: number, height: number}>}
 */
export async function renderEscPos(bytes, { widthDots = 384, scale = 1, page } = {}) {
  const lay = await layoutEscPos(bytes, { widthDots });
  const warnings = lay.warnings;
  const maxHeight = Math.floor(MAX_CANVAS / scale);
  let height = lay.height;
  if (height > maxHeight) {
    warnings.push(`receipt is ${height} dots long: cut off at ${maxHeight}`);
    height = maxHeight;
  }
  const scene = {
    width: widthDots,
    height,
    scale,
    chars: lay.chars.filter((c) => c.y < height),
    cuts: lay.cutMarks.filter((c) => c.y < height),
    bitmaps: lay.bitmaps
      .filter((bm) => bm.y < height && bm.w > 0 && bm.h > 0)
      .map((bm) => ({ x: bm.x, y: bm.y, w: bm.w, h: bm.h, packed: packBits(bm) })),
  };
  const { url, dots } = await (page ?? (await sharedPage())).evaluate(drawInPage, scene);
  return {
    png: Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'),
    image: imageFromDots(dots, widthDots, height),
    text: lay.text,
    qr: lay.qr,
    barcodes: lay.barcodes,
    cuts: lay.cuts,
    warnings,
    width: widthDots * scale,
    height: height * scale,
  };
}

// Runs inside Chromium: keep it self-contained.
function drawInPage({ width, height, scale, chars, cuts, bitmaps }) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';

  for (const c of chars) {
    const cw = c.w / c.wMul;
    const chh = c.h / c.hMul;
    ctx.save();
    ctx.translate(c.x, c.y);
    ctx.scale(c.wMul, c.hMul);
    if (c.invert) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, cw, chh);
    }
    ctx.fillStyle = c.invert ? '#fff' : '#000';
    const ascii = c.ch.charCodeAt(0) < 0x80;
    // Sizes chosen so a glyph fills its cell the way printer fonts do.
    const px = ascii ? Math.min(chh * 0.85, cw / 0.6) : Math.min(chh, cw) * 0.92;
    const family = ascii ? '"DejaVu Sans Mono", monospace' : '"WenQuanYi Micro Hei", monospace';
    ctx.font = `${c.bold ? 'bold ' : ''}${px}px ${family}`;
    ctx.fillText(c.ch, cw / 2, chh / 2 + 1, cw);
    if (c.underline) ctx.fillRect(0, chh - c.underline, cw, c.underline);
    ctx.restore();
  }

  ctx.fillStyle = '#000';
  ctx.font = '16px "DejaVu Sans", sans-serif';
  ctx.textAlign = 'left';
  for (const cut of cuts) {
    const mid = cut.y + 12;
    // Partial cuts leave a bridge in the middle, so their dashes are sparser.
    const step = cut.partial ? 12 : 8;
    for (let x = 24; x < width; x += step) ctx.fillRect(x, mid, 4, 1);
    ctx.fillText('\u2702', 2, mid);
  }

  // A thermal head has no grey: threshold the anti-aliased text.
  const img = ctx.getImageData(0, 0, width, height);
  const d = img.data;
  for (let k = 0; k < d.length; k += 4) {
    const v = d[k] * 0.3 + d[k + 1] * 0.59 + d[k + 2] * 0.11 < 150 ? 0 : 255;
    d[k] = d[k + 1] = d[k + 2] = v;
    d[k + 3] = 255;
  }
  for (const bm of bitmaps) {
    const raw = atob(bm.packed);
    const stride = Math.ceil(bm.w / 8);
    for (let y = 0; y < bm.h && bm.y + y < height; y++) {
      for (let x = 0; x < bm.w && bm.x + x < width; x++) {
        if (bm.x + x < 0) continue;
        const on = (raw.charCodeAt(y * stride + (x >> 3)) >> (7 - (x & 7))) & 1;
        const k = ((bm.y + y) * width + bm.x + x) * 4;
        d[k] = d[k + 1] = d[k + 2] = on ? 0 : 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);

  // The dots as well as the PNG, packed 1 bit a dot (MSB leftmost), so tests can read
  // pixels and decode codes without a PNG decoder of their own.
  const rowBytes = Math.ceil(width / 8);
  const packed = new Uint8Array(rowBytes * height);
  const final = ctx.getImageData(0, 0, width, height).data;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (final[(y * width + x) * 4] < 128) packed[y * rowBytes + (x >> 3)] |= 0x80 >> (x & 7);
  let binary = '';
  for (let i = 0; i < packed.length; i += 0x8000)
    binary += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  const dots = btoa(binary);

  if (scale === 1) return { url: canvas.toDataURL('image/png'), dots };
  const big = document.createElement('canvas');
  big.width = width * scale;
  big.height = height * scale;
  const bctx = big.getContext('2d');
  bctx.imageSmoothingEnabled = false;
  bctx.drawImage(canvas, 0, 0, big.width, big.height);
  return { url: big.toDataURL('image/png'), dots };
}

/** ImageData-like RGBA (what zxing-wasm's readBarcodes takes) from the packed dots. */
function imageFromDots(base64, width, height) {
  const packed = Buffer.from(base64, 'base64');
  const rowBytes = Math.ceil(width / 8);
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (packed[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) {
        const k = (y * width + x) * 4;
        data[k] = data[k + 1] = data[k + 2] = 0;
      }
  return { data, width, height, colorSpace: 'srgb' };
}
