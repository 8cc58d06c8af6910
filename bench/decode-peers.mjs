// The decoders compared in bench/decode.mjs, each as `decode(pixels) -> texts`
// (texts in zxing-cpp's escaped form), loaded once and given the same RGBA pixels.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'vite';
import { escapeNonGraphical } from './decode-corpus.mjs';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const wasmBinary = () => fs.readFileSync(`${root}node_modules/zxing-wasm/dist/reader/zxing_reader.wasm`);

/**
 * Bundles web/src/sdk/scan-pipeline.ts for Node the way the web-unit build does (Vite
 * library mode, zxing-wasm bundled in) into build/bench/unit/, and loads it.
 */
export async function loadPipeline() {
  const outDir = `${root}build/bench/unit`;
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: {
        entry: { 'scan-pipeline': `${root}web/src/sdk/scan-pipeline.ts` },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
  });
  const pipeline = await import(`${outDir}/scan-pipeline.js?${Date.now()}`);
  await pipeline.prepareScanPipeline({ wasmBinary: wasmBinary() });
  return pipeline;
}

/** zxing-wasm with its default options (all formats, tryHarder/rotate/invert/downscale on). */
export async function zxingWasmDefault() {
  const { prepareZXingModule, readBarcodes } = await import('zxing-wasm/reader');
  await prepareZXingModule({ overrides: { wasmBinary: wasmBinary() }, fireImmediately: true });
  // textMode only changes how text is rendered, not what is found; 'Escaped' is the corpus form.
  return async (image) =>
    (await readBarcodes(image, { textMode: 'Escaped' })).filter((r) => r.isValid).map((r) => r.text);
}

/**
 * @zxing/library: MultiFormatReader with default hints (all formats, no TRY_HARDER) over
 * HybridBinarizer. Building its luminance input from RGBA is part of its time, as a
 * caller holding ImageData would have to.
 */
export function zxingLibrary() {
  const { MultiFormatReader, BinaryBitmap, HybridBinarizer, RGBLuminanceSource } = require('@zxing/library');
  const reader = new MultiFormatReader();
  return async ({ data, width, height }) => {
    const luminance = new Uint8ClampedArray(width * height);
    for (let i = 0, p = 0; i < luminance.length; i++, p += 4) {
      luminance[i] = (data[p] + 2 * data[p + 1] + data[p + 2]) >> 2;
    }
    // 0.23.0 console.warns every reader's NotFoundException (zxing-js/library#648);
    // muted here so the log stays readable and the time is decoding, not logging.
    const warn = console.warn;
    console.warn = () => {};
    try {
      const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
      // null hints: the reader's defaults (an undefined first call skips its own setup).
      return [escapeNonGraphical(reader.decode(bitmap, null).getText())];
    } catch {
      return []; // NotFound / Checksum / Format: nothing read
    } finally {
      console.warn = warn;
    }
  };
}

/** jsQR with default options (inversionAttempts 'attemptBoth'); QR only. */
export function jsqr() {
  const jsQR = require('jsqr');
  return async ({ data, width, height }) => {
    const code = jsQR(data, width, height);
    return code ? [escapeNonGraphical(code.data)] : [];
  };
}
