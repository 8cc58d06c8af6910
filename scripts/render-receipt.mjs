#!/usr/bin/env node
// Renders a captured ESC/POS stream (what the kiosk would send to a USB printer) as a PNG.
// Usage: node scripts/render-receipt.mjs <in.bin> <out.png> [--width 384|576] [--scale n]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { closeRenderer, renderEscPos } from '../test/support/escpos-render.mjs';

const USAGE = 'usage: render-receipt.mjs <in.bin> <out.png> [--width 384|576] [--scale 1-4]';

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { width: { type: 'string', default: '384' }, scale: { type: 'string', default: '1' } },
  });
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
const [input, output] = args.positionals;
const widthDots = Number(args.values.width);
const scale = Number(args.values.scale);
if (args.positionals.length !== 2 || ![384, 576].includes(widthDots) || ![1, 2, 3, 4].includes(scale)) {
  console.error(USAGE);
  process.exit(2);
}

let bytes;
try {
  bytes = fs.readFileSync(input);
} catch (e) {
  console.error(`cannot read ${input}: ${e.message}`);
  process.exit(1);
}
try {
  const r = await renderEscPos(bytes, { widthDots, scale });
  fs.writeFileSync(output, r.png);
  console.log(
    `${output}: ${r.width}x${r.height}, ${r.cuts} cut(s), QR ${JSON.stringify(r.qr)}, ` +
      `Code 128 ${JSON.stringify(r.barcodes)}`,
  );
  for (const line of r.text) console.log(`| ${line}`);
  for (const w of r.warnings) console.error(`warning ${w}`);
} finally {
  await closeRenderer();
}
