// `npm start`: builds what is stale, then runs the sandbox acquirer serving the kiosk
// at http://localhost:8080 (PORT to change) with the demo terminal provisioned.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { buildAll, root } from './build.mjs';

const port = process.env.PORT ?? '8080';

// A fresh WeChat-style code each start (codes are single use), ending in `suffix`:
// the last 6 digits choose the sandbox's outcome (docs/sandbox.md).
function samplePaymentCode(suffix = '') {
  let digits = '13';
  for (const b of crypto.randomBytes(16 - suffix.length)) digits += String(b % 10);
  return digits + suffix;
}

const MAGIC = [
  ['000051', 'declined: insufficient funds / 余额不足'],
  ['000100', 'customer confirms on the phone, paid after 5 s / 用户确认后成功'],
  ['000101', 'customer never confirms: the terminal reverses at 45 s / 超时撤销'],
  ['000500', 'acquirer error after charging: the terminal queries, then paid / 系统错误后查询成功'],
];

try {
  await buildAll();
} catch (e) {
  console.error(`[start] build failed: ${e.message}`);
  process.exit(1);
}

const code = samplePaymentCode();
await prepareZXingModule({
  overrides: {
    wasmBinary: fs.readFileSync(path.join(root, 'node_modules/zxing-wasm/dist/writer/zxing_writer.wasm')),
  },
  fireImmediately: true,
});
const qr = await writeBarcode(code, { format: 'QRCode', scale: 10 });
const png = path.join(root, 'build', 'sample-payment-code.png');
if (qr.image) fs.writeFileSync(png, Buffer.from(await qr.image.arrayBuffer()));

const acquirer = spawn(
  path.join(root, 'build/native/acquirer/qrpos-acquirer'),
  [
    '--port',
    port,
    '--db',
    path.join(root, 'qrpos-sandbox.db'),
    '--static',
    path.join(root, 'web/dist'),
    '--demo',
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
acquirer.stdout.setEncoding('utf8');
acquirer.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!chunk.includes('listening on')) return;
  console.log(`
  qrpos kiosk:  http://localhost:${port}/      (sandbox acquirer, ledger qrpos-sandbox.db)

  The kiosk activates itself on first start; its admin PIN is 123456.
  1. Enter an amount and press 收款 / Collect.
  2. Show a payment code to the camera, scan it with a scanner gun, or type it.
     Sample WeChat-style code (accepted once): ${code}
     As a QR code: ${png}
${qr.utf8 ?? ''}
  Magic codes that play other outcomes (type or scan them; each works once):
${MAGIC.map(([suffix, what]) => `     ${samplePaymentCode(suffix)}  ${what}`).join('\n')}
  All of them, and magic order amounts: docs/sandbox.md

  Press Ctrl+C to stop.`);
});
acquirer.on('exit', (status) => process.exit(status ?? 1));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => acquirer.kill('SIGTERM'));
