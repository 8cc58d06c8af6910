// Loads the WebAssembly build of the qrpos core for Node tests (memoized).
// Emscripten's loader cannot fetch file paths on Node >= 18, so the bytes are passed
// in; libsodium inside the module draws its entropy through getRandomValue.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const moduleUrl = new URL('../../build/wasm/wasm/qrpos_core.mjs', import.meta.url);
const wasmPath = fileURLToPath(new URL('../../build/wasm/wasm/qrpos_core.wasm', import.meta.url));

let loading;

export function loadCore() {
  loading ??= (async () => {
    if (!fs.existsSync(wasmPath)) {
      throw new Error(
        `${wasmPath} is missing: build it with \`NODE_PATH=/usr/share/nodejs cmake --build --preset wasm\``,
      );
    }
    const { default: createQrposCore } = await import(moduleUrl.href);
    const core = await createQrposCore({
      wasmBinary: fs.readFileSync(wasmPath),
      getRandomValue: () => globalThis.crypto.getRandomValues(new Uint32Array(1))[0],
    });
    if (core.init() !== true) throw new Error('qrpos core init() failed (libsodium did not initialise)');
    return core;
  })();
  return loading;
}

const toolsUrl = new URL('../../build/wasm/wasm/qrpos_tools.mjs', import.meta.url);
const toolsWasmPath = fileURLToPath(new URL('../../build/wasm/wasm/qrpos_tools.wasm', import.meta.url));
let loadingTools;

/** The tools module (qrpos_tools.mjs: EMV MPM/CPM, protocol message parsing), memoized. */
export function loadTools() {
  loadingTools ??= (async () => {
    const { default: createQrposTools } = await import(toolsUrl.href);
    return createQrposTools({ wasmBinary: fs.readFileSync(toolsWasmPath) });
  })();
  return loadingTools;
}

const receiptUrl = new URL('../../build/wasm/wasm/qrpos_receipt.mjs', import.meta.url);
const receiptWasmPath = fileURLToPath(new URL('../../build/wasm/wasm/qrpos_receipt.wasm', import.meta.url));
let loadingReceipt;

/** The receipt module (qrpos_receipt.mjs: layout and ESC/POS), memoized. */
export function loadReceiptModule() {
  loadingReceipt ??= (async () => {
    const { default: createQrposReceipt } = await import(receiptUrl.href);
    return createQrposReceipt({ wasmBinary: fs.readFileSync(receiptWasmPath) });
  })();
  return loadingReceipt;
}

/**
 * A signed POST /v1/payments as the terminal builds it (fresh nonce and sealing
 * entropy each call) for `order` {outTradeNo, amount, currency, authCode}, paying as
 * `demo` (GET /demo/terminal.json): { nonce, body, headers } ready for fetch/http.
 */
export function signedPayRequest(core, demo, order) {
  const hex = (n) => crypto.randomBytes(n).toString('hex');
  const req = core.buildPayRequest({
    terminalId: demo.terminal_id,
    terminalSeedHex: demo.seed,
    acquirerPublicKeyHex: demo.acquirer_public_key,
    outTradeNo: order.outTradeNo,
    amount: order.amount,
    currency: order.currency,
    authCode: order.authCode,
    timestampMs: Date.now(),
    nonce: core.makeNonce(hex(16)).value,
    entropyHex: hex(32),
  });
  if (!req.ok) throw new Error(`buildPayRequest: ${req.error.code} ${req.error.detail}`);
  return {
    nonce: req.nonce,
    body: req.body,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(req.body),
      'Qrpos-Terminal': req.terminalId,
      'Qrpos-Timestamp': String(req.timestampMs),
      'Qrpos-Nonce': req.nonce,
      'Qrpos-Signature': req.signature,
    },
  };
}
