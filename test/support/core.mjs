// Loads the WebAssembly build of the qrpos core for Node tests (memoized).
// Emscripten's loader cannot fetch file paths on Node >= 18, so the bytes are passed
// in; libsodium inside the module draws its entropy through getRandomValue.
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
