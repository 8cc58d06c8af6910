// `npm run receipts`: draws the golden sample receipts (test/vectors/receipts/*.bin,
// written by the core's receipt_test) into docs/receipts/*.png with the ESC/POS
// renderer, so people can see what a printer would print.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeRenderer, renderEscPos } from '../test/support/escpos-render.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const from = path.join(root, 'test/vectors/receipts');
const to = path.join(root, 'docs/receipts');
fs.mkdirSync(to, { recursive: true });
const files = fs
  .readdirSync(from)
  .filter((f) => f.endsWith('.bin'))
  .sort();
try {
  for (const [i, file] of files.entries()) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(from, file)));
    const widthDots = file.endsWith('-80.bin') ? 576 : 384;
    const r = await renderEscPos(bytes, { widthDots, scale: 2 });
    const out = path.join(to, file.replace(/\.bin$/, '.png'));
    fs.writeFileSync(out, r.png);
    const note = r.warnings.length ? ` (${r.warnings.length} warnings: ${r.warnings[0]})` : '';
    console.log(
      `[receipts] ${i + 1}/${files.length} ${path.relative(root, out)} ${r.width}x${r.height}${note}`,
    );
  }
} finally {
  await closeRenderer();
}
