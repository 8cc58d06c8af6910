// Raster mode: the receipt drawn with the browser's own fonts, so any language prints
// on any ESC/POS printer (no Chinese font needed in the printer). The core laid the
// rows out; this only draws them on the printer's dot grid and packs 1 bit a dot.
import type { ReceiptDocument } from '@qrpos/core-wasm/qrpos_receipt.mjs';

const CELL = 12; // font A: 12 x 24 dots a column
const ROW = 30; // 24-dot glyphs + the printer's default 6-dot line gap
// Latin in a monospace face so it sits on the printer's 12-dot grid; CJK in what the OS has.
const LATIN = '"DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace';
const CJK = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export interface DrawnReceipt {
  width: number;
  height: number;
  /** rows of width / 8 bytes, MSB = leftmost dot, 1 = black */
  bits: Uint8Array;
}

// Wide characters take two columns, as the core counted them (GB18030 two- and four-byte).
const wide = (ch: string) => ch.codePointAt(0)! > 0x7f;

export async function drawReceipt(doc: ReceiptDocument, dots: number): Promise<DrawnReceipt> {
  const { encodeQr } = await import('../ui/qr-matrix');
  const module = dots >= 576 ? 8 : 6;
  const qrs = new Map(doc.rows.filter((r) => r.qr).map((r) => [r.qr, encodeQr(r.qr)]));
  const height =
    doc.rows.reduce((h, r) => h + (r.qr ? (qrs.get(r.qr)!.size + 8) * module : ROW * r.size), 0) + ROW;
  const canvas = new OffscreenCanvas(dots, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, dots, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  let y = 0;
  for (const row of doc.rows) {
    if (row.qr) {
      const m = qrs.get(row.qr)!;
      const left = Math.floor((dots - m.size * module) / 2);
      y += 4 * module;
      for (let my = 0; my < m.size; my++)
        for (let mx = 0; mx < m.size; mx++)
          if (m.dark(mx, my)) ctx.fillRect(left + mx * module, y + my * module, module, module);
      y += (m.size + 4) * module;
      continue;
    }
    const cell = CELL * row.size;
    const weight = row.bold ? 'bold ' : '';
    let x = 0;
    for (const ch of row.text) {
      const w = wide(ch) ? 2 * cell : cell;
      ctx.font = `${weight}${(wide(ch) ? 24 : 20) * row.size}px ${wide(ch) ? CJK : LATIN}`;
      if (ch !== ' ') ctx.fillText(ch, x + (w - ctx.measureText(ch).width) / 2, y + 2 * row.size);
      x += w;
    }
    y += ROW * row.size;
  }
  // Thermal dots are on or off: threshold the anti-aliased glyphs at mid-grey.
  const pixels = ctx.getImageData(0, 0, dots, height).data;
  const rowBytes = Math.ceil(dots / 8);
  const bits = new Uint8Array(rowBytes * height);
  for (let py = 0; py < height; py++)
    for (let px = 0; px < dots; px++)
      if (pixels[(py * dots + px) * 4] < 128) bits[py * rowBytes + (px >> 3)] |= 0x80 >> (px & 7);
  return { width: dots, height, bits };
}
