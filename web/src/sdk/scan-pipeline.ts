// The camera decode policy, free of DOM and workers so Node can run it as it is
// (bench/decode.mjs): which zxing-wasm pass runs on which frame. A live scanner sees
// each scene for many frames, so no single frame has to run every strategy: a cheap
// pass on every other frame keeps easy codes instant, and the frames in between cycle
// through the remedies for what the cheap pass misses (tilted or inverted Code 128,
// hard QR), each cheap enough to keep the worker at camera rate.
import {
  prepareZXingModule,
  readBarcodes,
  type ReaderOptions,
  type ReadResult,
  type ZXingModuleOverrides,
  type ZXingReaderModule,
} from 'zxing-wasm/reader';
import { grayToPixels, halve, keepRows, sharpenBars, shearRows, type Pixels } from './scan-transforms';

export type { Pixels } from './scan-transforms';

/** One decode strategy: steps tried in order, each readBarcodes on the frame or on images derived from it. */
export interface ScanPass {
  name: string;
  steps: { derive?: (image: Pixels) => Iterable<Pixels>; options: ReaderOptions }[];
}

export interface ScanOutcome {
  /** Decoded texts (valid, non-empty), in zxing-wasm's order. */
  texts: string[];
  /** Name of the pass that ran. */
  pass: string;
}

const BOTH: ReaderOptions['formats'] = ['QRCode', 'Code128'];
const CODE128: ReaderOptions['formats'] = ['Code128'];
// One symbol per read: the payment screen shows one code (QR and Code 128 carry the
// same digits), and a second, unrelated symbol is more likely a stray 1D false read.
const ONE = { maxNumberOfSymbols: 1 } as const;
// Past ~10° of tilt no image row crosses a short, wide Code 128 whole; reading along
// sheared rows at ±12° covers the ±15° a hand-held phone shows. Every 5th row is plenty.
const TILT = Math.tan((12 * Math.PI) / 180);
const TILT_ROW_STEP = 5;
// Derived Code 128 images are already oriented and scaled for reading along rows.
const LINES_ONLY = { tryRotate: false, tryDownscale: false } as const;

// Camera frames from this short side up are decoded for QR at half size on fast frames:
// their modules stay >= 2 px, and it quarters the work (the thorough pass keeps full size).
const HALVE_FROM = 600;
const FAST_ROW_STEP = 3;

/** QR at half size when the frame is large, then Code 128 along every 3rd row at full width (bars need the full resolution). */
const FAST: ScanPass = {
  name: 'fast',
  steps: [
    {
      derive: (image) => [Math.min(image.width, image.height) >= HALVE_FROM ? halve(image) : image],
      options: {
        formats: ['QRCode'],
        tryHarder: false,
        tryRotate: false,
        tryInvert: false,
        tryDownscale: false,
        ...ONE,
      },
    },
    {
      derive: (image) => [keepRows(image, FAST_ROW_STEP)],
      options: { formats: CODE128, tryHarder: true, ...LINES_ONLY, ...ONE },
    },
  ],
};

function tiltPass(name: string, slope: number): ScanPass {
  return {
    name,
    steps: [
      {
        derive: (image) => [shearRows(image, slope, TILT_ROW_STEP)],
        options: { formats: CODE128, tryHarder: true, ...LINES_ONLY, ...ONE },
      },
    ],
  };
}

/** The cycle, one pass per frame; FAST on every other frame. */
export const SCAN_PASSES: readonly ScanPass[] = [
  FAST,
  tiltPass('code128-tilt-up', TILT),
  FAST,
  tiltPass('code128-tilt-down', -TILT),
  FAST,
  {
    name: 'thorough',
    steps: [
      // Downscaling by 2 from 100 px up averages out print texture and noise on small codes.
      {
        options: {
          formats: BOTH,
          tryHarder: true,
          tryInvert: true,
          downscaleThreshold: 100,
          downscaleFactor: 2,
          ...ONE,
        },
      },
      // A global threshold survives the uneven light on warped or crumpled codes that local averaging breaks up.
      {
        options: {
          formats: ['QRCode'],
          tryHarder: true,
          tryDownscale: false,
          binarizer: 'GlobalHistogram',
          ...ONE,
        },
      },
    ],
  },
  FAST,
  {
    name: 'code128-restore',
    steps: [
      // Blurred bars, then light-on-dark bars (zxing-cpp inverts 2D codes only).
      {
        derive: function* (image) {
          const sharpened = sharpenBars(image);
          yield grayToPixels(sharpened);
          yield grayToPixels(sharpened, true);
        },
        options: { formats: CODE128, tryHarder: true, ...LINES_ONLY, ...ONE },
      },
    ],
  },
];

/** Frames per full cycle: a code the pipeline can read is read within this many frames of one scene. */
export const SCAN_CYCLE = SCAN_PASSES.length;

/**
 * Loads the zxing-wasm reader this module uses. Browsers pass `locateFile` to serve the
 * .wasm from the app; Node passes `wasmBinary`. Resolves once the module is ready.
 */
export function prepareScanPipeline(overrides: ZXingModuleOverrides): Promise<unknown> {
  decoder = prepareZXingModule({ overrides, fireImmediately: true });
  return decoder;
}

let decoder: Promise<ZXingReaderModule> | undefined;

/** The decoder's WebAssembly memory in bytes (0 until prepared), for diagnostics and soak tests. */
export async function decoderMemoryBytes(): Promise<number> {
  // HEAPU8 comes from @types/emscripten's EmscriptenModule, which web/tsconfig does not load.
  const module = (await decoder) as { HEAPU8?: Uint8Array } | undefined;
  return module?.HEAPU8?.byteLength ?? 0;
}

function validTexts(results: ReadResult[]): string[] {
  return results.filter((r) => r.isValid && r.text).map((r) => r.text);
}

/**
 * Runs pass `passIndex % SCAN_CYCLE` (the camera passes its frame sequence number) on
 * one RGBA image. `textMode` is zxing-wasm's (the benchmark compares 'Escaped' text).
 */
export async function scanFrame(
  image: Pixels,
  passIndex: number,
  textMode?: ReaderOptions['textMode'],
): Promise<ScanOutcome> {
  const pass = SCAN_PASSES[((passIndex % SCAN_CYCLE) + SCAN_CYCLE) % SCAN_CYCLE];
  for (const step of pass.steps) {
    for (const input of step.derive ? step.derive(image) : [image]) {
      // An explicit `textMode: undefined` would override zxing-wasm's default, so leave it out.
      const options = textMode ? { ...step.options, textMode } : step.options;
      const texts = validTexts(await readBarcodes(input as ImageData, options));
      if (texts.length) return { texts, pass: pass.name };
    }
  }
  return { texts: [], pass: pass.name };
}
